"""A bar chart of reported figures as plain SVG geometry, drawn by the template: no JavaScript."""

from dataclasses import dataclass

# SVG units, close to CSS pixels on a phone: the chart is drawn 360 wide and capped on screen.
WIDTH = 360
VALUE_ROOM = 120  # to the right of the longest bar, for its printed figure
ROW_HEIGHT = 50
TOP = 4


@dataclass
class Bar:
    label: str
    figure: str
    y: int
    width: float
    label_y: int
    bar_y: int
    text_x: float


def bar_chart(values):
    """One horizontal bar per figure, scaled to the largest; labels sit above each bar so the
    chart stays readable on a phone."""
    values = list(values)
    largest = max((abs(v.value) for v in values), default=0) or 1
    bars = []
    for row, value in enumerate(values):
        y = TOP + row * ROW_HEIGHT
        width = max(float(abs(value.value) / largest) * (WIDTH - VALUE_ROOM), 2)
        label = " · ".join(part for part in [str(value.area or ""), value.period_display] if part)
        bars.append(
            Bar(
                label=label,
                figure=value.figure_display,
                y=y,
                width=round(width, 1),
                label_y=y + 14,
                bar_y=y + 20,
                text_x=round(width + 6, 1),
            )
        )
    return {"bars": bars, "width": WIDTH, "height": TOP + len(bars) * ROW_HEIGHT}
