"""The filters of the indexes of officials, organizations and areas, and the filter every
app's FilterSets share."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Area, Organization, Person
from .text import INDEX_LETTERS


class IntegerFilter(django_filters.Filter):
    """A whole number, refused with the form's message when it is not one."""

    field_class = forms.IntegerField


class OfficialFilter(django_filters.FilterSet):
    """The officials filed under one letter of the Vietnamese alphabet."""

    letter = django_filters.ChoiceFilter(
        label=_("Letter"),
        choices=[(letter, letter) for letter in INDEX_LETTERS],
        method="filter_letter",
    )

    class Meta:
        model = Person
        fields = ["letter"]

    def chosen_letter(self) -> str:
        """The letter chosen, once the filter is valid ("" for every letter)."""
        return self.form.cleaned_data["letter"]

    def filter_letter(self, queryset, name, value):
        return queryset.filed_under(value)


def public_parents(request=None):
    """Public organizations with a public organization under them: the parent filter's
    choices (a record no published meeting reaches is never offered)."""
    public = Organization.objects.public()
    return public.filter(pk__in=public.values("parent")).order_by("name", "pk")


class OrganizationIndexFilter(django_filters.FilterSet):
    """The organizations index: by kind and by the organization they belong to."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organization.Kind.choices, empty_label=_("All")
    )
    parent = django_filters.ModelChoiceFilter(
        label=_("Part of"), queryset=public_parents, to_field_name="slug", empty_label=_("All")
    )

    class Meta:
        model = Organization
        fields = ["kind", "parent"]


class AreaIndexFilter(django_filters.FilterSet):
    """The areas index: provinces, cities, districts… one kind at a time if asked."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Area.Kind.choices, empty_label=_("All")
    )

    class Meta:
        model = Area
        fields = ["kind"]
