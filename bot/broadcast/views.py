"""Texts of broadcasts: the message as groups see it (the preview uses the same), filters, the delivery report."""

from sqlalchemy.ext.asyncio import AsyncSession

from bot.texts import esc, t
from db import regions
from db.broadcasts import Delivery, Filter
from db.models import Broadcast

GONE = ("kicked", "not a member", "chat not found", "deactivated", "chat inactive", "chat unreachable",
        "have no rights")


def message_text(*, sender: str, agency: str | None, text: str, lang: str) -> str:
    """The broadcast as it appears in a group: who sent it, then the text exactly as typed."""
    return t("broadcast.message", lang, sender=esc(sender), agency=esc(agency or t("broadcast.superadmin", lang)),
             text=esc(text))


async def agency_short(session: AsyncSession, code: str | None) -> str | None:
    """An agency's short name (None for none)."""
    if code is None:
        return None
    agency = await regions.get_agency(session, code)
    return agency.short if agency else code


async def filter_labels(session: AsyncSession, chosen: Filter, lang: str) -> tuple[str, str]:
    """(agencies, region) of a filter in words, escaped."""
    names = [await agency_short(session, code) or code for code in chosen.agencies]
    if chosen.command_post:
        names.append(t("broadcast.command_post_button", lang))
    agencies = ", ".join(esc(name) for name in names) or t("broadcast.everyone", lang)
    region = esc(await regions.path_label(session, chosen.region)) if chosen.region else t(
        "broadcast.all_regions", lang)
    return agencies, region


def _reason(error: str, inactive: bool, lang: str) -> str:
    lowered = error.lower()
    if inactive or any(text in lowered for text in GONE):
        return t("broadcast.reason_gone", lang)
    return t("broadcast.reason_other", lang, error=esc(error))


def report_text(broadcast: Broadcast, result: Delivery, lang: str) -> str:
    """The sender's delivery report: how many groups got it, and each group that did not, with why."""
    excerpt = broadcast.text if len(broadcast.text) <= 80 else broadcast.text[:79].rstrip() + "…"
    lines = [t("broadcast.report_title", lang, id=broadcast.id),
             t("broadcast.report_excerpt", lang, text=esc(" ".join(excerpt.split()))),
             t("broadcast.report_summary", lang, sent=result.sent, total=result.total, failed=len(result.failures))]
    if not result.failures:
        return "\n".join([*lines, "", t("broadcast.report_all_ok", lang)])
    lines += ["", t("broadcast.report_failed_title", lang)]
    lines += [t("broadcast.report_failed_item", lang, title=esc(f.title), reason=_reason(f.error, f.inactive, lang))
              for f in result.failures]
    inactive = sum(1 for f in result.failures if f.inactive)
    if inactive:
        lines += ["", t("broadcast.report_inactive", lang, count=inactive)]
    return "\n".join(lines)
