"""The officials index's filter: a FilterSet written like a ModelForm."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Person
from .text import INDEX_LETTERS


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

    def filter_letter(self, queryset, name, value):
        return queryset.filed_under(value)
