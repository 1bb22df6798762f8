"""An indicator's figures paged in the table's order without sorting them all."""

from functools import cached_property

from django.core.paginator import Paginator


class AreaPaginator(Paginator):
    """Pages of figures in the table's order (areas, then periods), each read from the few
    areas it covers, found from their tallied counts: the page sorted every figure of the
    indicator to show 50 (17,000 at 100,000 meetings, ten times as many at a million).
    `areas` is [(area id, figures)] in the table's order, None for the figures of no area."""

    def __init__(self, object_list, per_page, *, areas, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.areas = areas

    @cached_property
    def count(self):
        return sum(n for _pk, n in self.areas)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        covered, skipped, start = [], 0, 0
        for pk, n in self.areas:
            if start + n > bottom and start < top:
                if not covered:
                    skipped = bottom - start
                covered.append(pk)
            start += n
        rows = self.object_list.in_areas(covered)[skipped : skipped + self.per_page]
        return self._get_page(rows, number, self)
