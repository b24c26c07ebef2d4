"""The lapsit as text: one line per figure or item (so long reports split cleanly), "nihil" for empty sections."""

from collections import Counter
from datetime import datetime, timedelta

from bot.render import fmt_dt
from bot.texts import esc, t
from db import lapsit, stages
from db.lapsit import Breakdown, Labels, Lapsit


def _duration(delta: timedelta, lang: str) -> str:
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return t("lapsit.minutes", lang, minutes=minutes)
    if minutes < 24 * 60:
        return t("lapsit.hours", lang, hours=minutes // 60, minutes=minutes % 60)
    return t("lapsit.days", lang, days=minutes // (24 * 60), hours=minutes % (24 * 60) // 60)


def _region(labels: Labels, code: str, lang: str) -> str:
    region = labels.regions.get(lapsit.area_code(code))
    return region.name if region is not None else t("lapsit.unknown", lang)


def _counts(counter: Counter[str], label: dict[str, str], lang: str, order: list[str] | None = None) -> str:
    """`Jakarta Selatan 3, Jakarta Barat 1`: biggest first (or in `order`), then by name."""
    codes = list(counter)
    if order is not None:
        codes.sort(key=lambda c: (order.index(c) if c in order else len(order), c))
    else:
        codes.sort(key=lambda c: (-counter[c], label.get(c, c)))
    return ", ".join(t("lapsit.count_item", lang, label=esc(label.get(code, t("lapsit.unknown", lang))),
                       count=counter[code]) for code in codes)


def _breakdown(part: Breakdown, labels: Labels, lang: str) -> list[str]:
    regions = {code: _region(labels, code, lang) for code in part.regions}
    groups = {code: g.label(lang) for code, g in labels.groups.items()}
    ranked = sorted(labels.severities.values(), key=lambda s: -s.rank)
    severities = {s.code: s.label(lang) for s in ranked}
    statuses = {s.value: t(f"lapsit.status.{s.value}", lang) for s in lapsit.STATUS_ORDER}
    return [t("lapsit.by_region", lang, items=_counts(part.regions, regions, lang)),
            t("lapsit.by_group", lang, items=_counts(part.groups, groups, lang)),
            t("lapsit.by_severity", lang, items=_counts(part.severities, severities, lang,
                                                         [s.code for s in ranked])),
            t("lapsit.by_status", lang, items=_counts(part.statuses, statuses, lang,
                                                       [s.value for s in lapsit.STATUS_ORDER]))]


def _short(value: datetime) -> str:
    return value.astimezone(stages.WIB).strftime("%d/%m %H:%M")


def _open_items(report: Lapsit, lang: str) -> list[str]:
    labels = report.labels
    lines = [t("lapsit.open_list", lang)]
    for item in report.open_items:
        category = labels.categories.get(item.category_code)
        severity = labels.severities.get(item.severity_code)
        lines.append(t("lapsit.open_item", lang, number=esc(item.number),
                       category=esc(category.label(lang) if category else t("lapsit.unknown", lang)),
                       region=esc(_region(labels, item.region_code, lang)),
                       severity=esc(severity.label(lang) if severity else t("lapsit.unknown", lang)),
                       status=t(f"lapsit.status.{item.status}", lang),
                       at=_short(item.reported_at) if item.reported_at else "-"))
    if report.open.total > len(report.open_items):
        lines.append(t("lapsit.open_more", lang, count=report.open.total - len(report.open_items)))
    return lines


def lapsit_text(report: Lapsit, lang: str, agency_label: str | None = None) -> str:
    """The whole report in `lang` (the dispatcher, or the on-demand answer, splits it at 4,096 characters)."""
    nihil = t("lapsit.nihil", lang)
    scope = esc(agency_label) if report.agency_code else t("lapsit.scope_all", lang)
    lines = [t("lapsit.title", lang), t("lapsit.as_of", lang, at=fmt_dt(report.now), scope=scope), "",
             t("lapsit.stage_title", lang)]
    lines += [t("lapsit.stage_item", lang, name=esc(s.name(lang))) for s in report.stages] or [nihil]
    lines += ["", t("lapsit.recent_title", lang, count=report.recent.total)]
    lines += _breakdown(report.recent, report.labels, lang) if report.recent.total else [nihil]
    lines += ["", t("lapsit.open_title", lang, count=report.open.total)]
    lines += [*_breakdown(report.open, report.labels, lang), *_open_items(report, lang)] if report.open.total \
        else [nihil]
    lines += ["", t("lapsit.overdue_title", lang, count=len(report.overdue))]
    agencies = report.labels.agencies
    lines += [t("lapsit.overdue_item", lang, number=esc(o.number),
                agency=esc(agencies[o.agency_code].short if o.agency_code in agencies else o.agency_code),
                deadline=_short(o.deadline), late=_duration(report.now - o.deadline, lang))
              for o in report.overdue] or [nihil]
    lines += ["", t("lapsit.meetings_title", lang, count=len(report.meetings))]
    lines += [t("lapsit.meeting_item", lang, time=m.starts_at.astimezone(stages.WIB).strftime("%H:%M"),
                title=esc(m.title), place=f" · {esc(m.place_text)}" if m.place_text else "")
              for m in report.meetings] or [nihil]
    return "\n".join(lines)
