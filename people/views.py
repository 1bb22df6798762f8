"""The list view every filtered public page shares."""

from functools import cached_property

from django.views.generic import ListView


class FilteredListView(ListView):
    """A list narrowed by a FilterSet in strict mode: filters that do not validate show no
    rows, the form with its errors, and answer HTTP 400.

    Subclasses make the FilterSet in `get_filterset()` and build on `filtered_queryset()`.
    """

    @cached_property
    def filterset(self):
        return self.get_filterset()

    def get_filterset(self):
        raise NotImplementedError

    @property
    def refused(self) -> bool:
        return self.filterset.is_bound and not self.filterset.is_valid()

    def get_queryset(self):
        if self.refused:
            return self.filterset.queryset.none()
        return self.filtered_queryset()

    def filtered_queryset(self):
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if self.refused:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)
