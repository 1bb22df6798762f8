"""Pagination for lists whose page has counted its rows already, and for lists a page shows
only the start of."""

from dataclasses import dataclass

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


class KnownCountPaginator(Paginator):
    """A paginator told how many objects there are, so it does not count them again."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = count

    @property
    def count(self):
        return self.known_count


@dataclass
class Newest:
    """The first rows of a list a page shows only the start of, and whether there are more."""

    rows: list
    more: bool

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __bool__(self):
        return bool(self.rows)


def newest(queryset, size: int) -> Newest:
    """The first `size` rows of `queryset`, in its order; one more is read to know if there
    are others, so no count is needed."""
    rows = list(queryset[: size + 1])
    return Newest(rows[:size], more=len(rows) > size)


def requested_page(request, queryset, per_page: int):
    """The page of `queryset` that `request` asks for (`?page=`, the first without one), for a
    list that is one part of a page; a page that does not exist is a 404, as in the indexes."""
    try:
        return Paginator(queryset, per_page).page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
