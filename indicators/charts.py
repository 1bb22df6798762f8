"""A bar chart of reported figures as plain SVG geometry, drawn by the template: no JavaScript.

The value axis runs along the top with round ticks in Vietnamese notation; each bar has its
label and the figure as printed above it, so the chart stays readable at 375 px. A bound the
report gives ("trên 52%", "dưới 5%") is drawn as one: a lower bound continues past its end as a
dashed arrow, an upper bound ends in an arrow pointing back.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from people.models import format_partial_date
from people.numbers import format_vietnamese_number

from .models import Qualifier

# SVG units, close to CSS pixels on a phone: the chart is drawn 360 wide and scales down.
WIDTH = 360
PLOT_LEFT = 4
PLOT_RIGHT = WIDTH - 28  # room for a lower bound's arrow past the largest bar
AXIS_Y = 34  # the value axis, its tick labels above it and the unit above them
TOP = 42
ROW_HEIGHT = 44
BAR_HEIGHT = 16
ARROW = 18
# At most this many bars, whatever the archive holds: about one per province, or per period.
MAX_BARS = 65
TICKS = 4

LOWER_BOUNDS = {Qualifier.OVER, Qualifier.MORE_THAN, Qualifier.AVERAGE_OVER}
UPPER_BOUNDS = {Qualifier.UNDER, Qualifier.NEARLY}


def bound_of(qualifier: str) -> str:
    """`lower` when the report says the true figure is above it, `upper` when below, else ``."""
    if qualifier in LOWER_BOUNDS:
        return "lower"
    if qualifier in UPPER_BOUNDS:
        return "upper"
    return ""


@dataclass
class Bar:
    label: str
    figure: str
    value: Decimal
    unit: str
    bound: str
    area: str
    period: str
    reported: str
    meeting_slug: str
    illustrative: bool = False
    y: int = 0
    x: float = 0
    width: float = 0
    end: float = 0
    arrow_to: float = 0
    negative: bool = False

    @property
    def label_y(self) -> int:
        return self.y + 12

    @property
    def bar_y(self) -> int:
        return self.y + 18

    @property
    def middle_y(self) -> int:
        return self.bar_y + BAR_HEIGHT // 2

    @property
    def number(self) -> str:
        """The value alone in the reader's notation, with its unit: what the bar's length is."""
        return f"{format_vietnamese_number(self.value)} {self.unit}"


@dataclass
class Tick:
    x: float
    label: str
    anchor: str


def nice_step(span: float) -> Decimal:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into about TICKS."""
    raw = span / TICKS
    power = Decimal(10) ** math.floor(math.log10(raw))
    for factor in ("1", "2", "2.5", "5", "10"):
        if Decimal(factor) * power >= Decimal(repr(raw)):
            return Decimal(factor) * power
    return 10 * power  # pragma: no cover - the loop ends at 10


def scale(values: list[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """The axis's first tick, last tick and step: from zero (or below it) past the largest."""
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    if low == high:
        high = Decimal(1)
    step = nice_step(float(high - low))
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    last = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    return first, last, step


def bars_of(values, *, show_area=True) -> list[Bar]:
    """The chart's figures as bars without geometry; a period reported twice (by different
    meetings, in other units or with another qualifier) says which meeting reported each."""
    values = list(values)
    periods = [(value.area_id, value.period_display) for value in values]
    bars = []
    for value, period in zip(values, periods, strict=True):
        area = str(value.area) if value.area else _("No area given")
        reported = format_partial_date(value.meeting_date, value.meeting_date_precision)
        parts = [area if show_area else "", value.period_display]
        if periods.count(period) > 1:
            parts.append(_("reported %(date)s") % {"date": reported or "—"})
        bars.append(
            Bar(
                label=" · ".join(part for part in parts if part) or "—",
                figure=value.printed_display,
                value=value.value,
                unit=value.unit,
                bound=bound_of(value.qualifier),
                area=area,
                period=value.period_display,
                reported=reported,
                meeting_slug=value.meeting_slug,
                illustrative=getattr(value, "meeting_illustrative", False),
            )
        )
    return bars


def bar_chart(values, *, show_area=True):
    """One horizontal bar per figure on a scale from zero; the caller chooses the figures (at
    most MAX_BARS); `show_area=False` labels bars with the period alone, for one area's
    figures over time."""
    bars = bars_of(values, show_area=show_area)
    first, last, step = scale([bar.value for bar in bars])

    def x_of(number):
        share = float((number - first) / (last - first))
        return round(PLOT_LEFT + share * (PLOT_RIGHT - PLOT_LEFT), 1)

    zero = x_of(Decimal(0))
    for row, bar in enumerate(bars):
        end = x_of(bar.value)
        bar.y = TOP + row * ROW_HEIGHT
        bar.x, bar.width = min(zero, end), max(abs(end - zero), 1)
        bar.end, bar.negative = end, bar.value < 0
        bar.arrow_to = {"lower": end + ARROW, "upper": end - ARROW}.get(bar.bound, end)
    count = int((last - first) / step)
    ticks = [
        Tick(x=x_of(first + i * step), label=format_vietnamese_number(first + i * step),
             anchor="start" if i == 0 else "end" if i == count else "middle")
        for i in range(count + 1)
    ]  # fmt: skip
    height = TOP + len(bars) * ROW_HEIGHT
    return {
        "bars": bars,
        "ticks": ticks,
        "zero": zero,
        "width": WIDTH,
        "height": height,
        "axis_y": AXIS_Y,
        "plot_right": PLOT_RIGHT,
        "arrow": ARROW,
        "bar_height": BAR_HEIGHT,
        "units": sorted({bar.unit for bar in bars}),
        "bounds": sorted({bar.bound for bar in bars} - {""}),
    }
