"""The charts of /statistik: first the series (plain data, checked by tests), then PNGs drawn in a worker thread.

matplotlib is imported inside `draw` (its import costs about half a second) and used without pyplot, whose
global state is not thread-safe; large fonts and a square 1080 px image read well on a phone.
"""

import io
import math
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.review.views import period_text
from bot.texts import t
from db.stats import Stats

if TYPE_CHECKING:
    from matplotlib.axes import Axes

SIZE_PX = 1080  # square: the largest side Telegram keeps sharp on a phone without cropping
_DPI = 100
_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")
_lock = threading.Lock()  # one figure at a time: font caches and the backend are shared


@dataclass(frozen=True)
class Chart:
    """What one chart shows: categories on one axis, one list of values per legend entry."""

    key: str  # daily, regions, ack
    title: str
    subtitle: str
    labels: list[str]
    series: dict[str, list[float]]
    value_label: str
    empty_text: str

    @property
    def empty(self) -> bool:
        """Nothing to plot (an empty period)."""
        return not any(v for values in self.series.values() for v in values)


def series(stats: Stats, names: dict[str, dict[str, str]], lang: str) -> list[Chart]:
    """The three charts' data in the person's language, WIB dates on the daily axis."""
    subtitle = t("review.chart_period", lang, period=period_text(stats.since.isoformat(), stats.until.isoformat(),
                                                                   lang))
    empty = t("review.chart_empty", lang)
    days = [day.strftime("%d/%m") for day in stats.days]
    daily = {(names["groups"].get(g, g) if g else t("review.no_category", lang)): [float(n) for n in stats.per_day[g]]
             for g in stats.groups}
    regions = [names["regions"].get(code, code) if code else t("review.no_region", lang) for code, _ in stats.regions]
    agencies = [names["agencies"].get(a.agency_code, a.agency_code) for a in stats.ack]
    return [
        Chart("daily", t("review.chart_daily", lang), subtitle, days, daily, t("review.axis_count", lang), empty),
        Chart("regions", t("review.chart_regions", lang), subtitle, regions,
              {t("review.axis_count", lang): [float(n) for _, n in stats.regions]}, t("review.axis_count", lang),
              empty),
        Chart("ack", t("review.chart_ack", lang), subtitle, agencies,
              {t("review.legend_median", lang): [a.median_minutes for a in stats.ack],
               t("review.legend_p90", lang): [a.p90_minutes for a in stats.ack]},
              t("review.axis_minutes", lang), empty),
    ]


def draw(charts: list[Chart]) -> list[bytes]:
    """PNG images of the charts (call it in a worker thread)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    images = []
    with _lock:
        for chart in charts:
            figure = Figure(figsize=(SIZE_PX / _DPI, SIZE_PX / _DPI), dpi=_DPI, layout="constrained")
            FigureCanvasAgg(figure)
            axes = figure.add_subplot()
            figure.suptitle(f"{chart.title}\n{chart.subtitle}", fontsize=28, fontweight="bold")
            if chart.empty:
                axes.set_axis_off()
                axes.text(0.5, 0.5, chart.empty_text, ha="center", va="center", fontsize=30, wrap=True)
            elif chart.key == "daily":
                _stacked(axes, chart)
            else:
                _horizontal(axes, chart)
            if not chart.empty and len(chart.series) > 1:  # below the plot, where it hides no bar
                figure.legend(loc="outside lower center", ncols=1 if chart.key == "daily" else len(chart.series),
                              fontsize=20, frameon=False)
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=_DPI)
            images.append(buffer.getvalue())
    return images


def _stacked(axes: "Axes", chart: Chart) -> None:
    """Bars per day, one colour per category group, stacked."""
    bottom = [0.0] * len(chart.labels)
    positions = list(range(len(chart.labels)))
    for index, (name, values) in enumerate(chart.series.items()):
        axes.bar(positions, values, bottom=bottom, label=name, color=_COLORS[index % len(_COLORS)])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    step = max(1, math.ceil(len(positions) / 10))  # about ten date labels, whatever the period
    axes.set_xticks(positions[::step], chart.labels[::step], rotation=45 if step > 1 else 0,
                    fontsize=20)
    axes.tick_params(axis="y", labelsize=20)
    axes.set_ylabel(chart.value_label, fontsize=22)
    from matplotlib.ticker import MaxNLocator  # matplotlib is loaded by now (draw imported it)

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))


def _horizontal(axes: "Axes", chart: Chart) -> None:
    """Horizontal bars, the first label on top; several series side by side; values written at the bar ends."""
    count = len(chart.series)
    height = 0.8 / count
    positions = list(range(len(chart.labels)))
    for index, (name, values) in enumerate(chart.series.items()):
        offsets = [p - 0.4 + height * (index + 0.5) for p in positions]
        bars = axes.barh(offsets, values, height=height, label=name,
                         color=_COLORS[index % len(_COLORS)])
        axes.bar_label(bars, labels=[_number(v) for v in values], fontsize=18, padding=4)
    axes.set_yticks(positions, chart.labels, fontsize=20)
    axes.invert_yaxis()
    axes.tick_params(axis="x", labelsize=20)
    axes.set_xlabel(chart.value_label, fontsize=22)
    axes.margins(x=0.15)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"

