"""An indicator's CSV in parts of whole areas, each of at most `CSV_ROWS_PER_PART` figures.

An indicator reported for every province over the years holds tens of thousands of figures
(16,000 at 100,000 meetings, 170,000 at a million): one file of them all took 370 ms to make
at 100,000 meetings and could not be served at a million. The parts follow the table's order
(areas by name, then the figures of no area), are counted from the tallies without reading a
figure, and each reads only its own areas' figures, by index.
"""

from dataclasses import dataclass

# Halved from 5,000 when a part of 5,000 took 132–149 ms p50 on a slow day (docs/performance.md).
CSV_ROWS_PER_PART = 2500


@dataclass(frozen=True)
class Part:
    """Part `number` of `count`: the figures of `area_ids` (None for those of no area)."""

    number: int
    count: int
    area_ids: tuple
    first_area: str
    last_area: str
    figures: int

    def file_name(self, slug: str) -> str:
        if self.count == 1:
            return f"{slug}.csv"
        return f"{slug}-part-{self.number}-of-{self.count}.csv"


def csv_parts(areas) -> list[Part]:
    """`areas` ((id, name, figures) in the table's order, id None and name "" for figures of
    no area) packed in order into parts of at most `CSV_ROWS_PER_PART` figures; an area with
    more than that is a part of its own. Always at least one part, so that an empty download
    is still a file with its header."""
    groups, current, size = [], [], 0
    for area in areas:
        if current and size + area[2] > CSV_ROWS_PER_PART:
            groups.append((current, size))
            current, size = [], 0
        current.append(area)
        size += area[2]
    if current or not groups:
        groups.append((current, size))
    return [
        Part(
            number=number,
            count=len(groups),
            area_ids=tuple(pk for pk, _name, _n in group),
            first_area=group[0][1] if group else "",
            last_area=group[-1][1] if group else "",
            figures=size,
        )
        for number, (group, size) in enumerate(groups, start=1)
    ]
