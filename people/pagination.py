"""Pagination for lists whose page has counted its rows already."""

from django.core.paginator import Paginator


class KnownCountPaginator(Paginator):
    """A paginator told how many objects there are, so it does not count them again."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = count

    @property
    def count(self):
        return self.known_count
