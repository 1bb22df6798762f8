"""The officials index's filter, and the filter every app's FilterSets share."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Person
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
