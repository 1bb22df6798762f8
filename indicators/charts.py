"""A bar chart of reported figures as plain SVG geometry, drawn by the template: no JavaScript."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

# SVG units, close to CSS pixels on a phone: the chart is drawn 360 wide and capped on screen.
WIDTH = 360
VALUE_ROOM = 120  # to the right of the longest bar, for its printed figure
ROW_HEIGHT = 50
TOP = 4
# At most this many bars, whatever the archive holds: about one per province, or per period.
MAX_BARS = 65


@dataclass
class Bar:
    label: str
    figure: str
    y: int
    width: float
    label_y: int
    bar_y: int
    text_x: float
    negative: bool = False


def bar_chart(values, *, show_area=True):
    """One horizontal bar per figure, scaled to the largest; labels sit above each bar so the
    chart stays readable on a phone. The caller chooses the figures (at most MAX_BARS);
    `show_area=False` labels bars with the period alone, for one area's figures over time."""
    values = list(values)
    largest = max((abs(v.value) for v in values), default=0) or 1
    bars = []
    for row, value in enumerate(values):
        y = TOP + row * ROW_HEIGHT
        width = max(float(abs(value.value) / largest) * (WIDTH - VALUE_ROOM), 2)
        area = (str(value.area) if value.area else _("No area given")) if show_area else ""
        label = " · ".join(part for part in [area, value.period_display] if part) or "—"
        bars.append(
            Bar(
                label=label,
                figure=value.figure_display,
                y=y,
                width=round(width, 1),
                label_y=y + 14,
                bar_y=y + 20,
                text_x=round(width + 6, 1),
                negative=value.value < 0,
            )
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": TOP + len(bars) * ROW_HEIGHT,
        "units": sorted({value.unit for value in values}),
    }
