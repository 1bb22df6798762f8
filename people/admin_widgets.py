"""Admin form fields and widgets that speak the editor's language and render valid HTML."""

from decimal import Decimal

from django import forms
from django.contrib.admin.widgets import (
    AdminSplitDateTime,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .numbers import format_number, parse_number


def separators():
    """The active language's decimal and thousands separators (Django's locale formats)."""
    return {
        "decimal": get_format("DECIMAL_SEPARATOR"),
        "thousands": get_format("THOUSAND_SEPARATOR"),
    }


class LocalizedDecimalField(forms.DecimalField):
    """A decimal shown and typed as the interface's language writes it: `954.964` and `58,4`
    in Vietnamese, `954,964` and `58.4` in English, with no trailing zeros (`8503.0000` reads
    as 8,503,0000 to no one). Anything else is a form error, never a guess: in Vietnamese
    `1.4` is refused rather than read as fourteen or as one point four."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Enter a number as written here, for example %(example)s."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            return parse_number(str(value), **separators())
        except ValueError:
            example = format_number(Decimal("954964.5"), **separators())
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"example": example}
            ) from None

    def prepare_value(self, value):
        if isinstance(value, Decimal | int):
            return format_number(value, **separators())
        return value

    def widget_attrs(self, widget):
        # DecimalField's `step` and `max_length` attributes belong to a number input.
        return forms.Field.widget_attrs(self, widget)


class SearchUrlOnce:
    """An autocomplete widget whose search URL is reversed once for all the rows of a formset:
    each row's copy of the widget is shallow (`Widget.__deepcopy__`) and shares `_url`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._url = []

    def get_url(self):
        if not self._url:
            self._url.append(super().get_url())
        return self._url[0]


class RowRelatedWidgetWrapper(RelatedFieldWidgetWrapper):
    """Django's wrapper with links to add (or change) the related record, their URLs reversed
    once for all the rows of a formset, whose copies of the wrapper share `_urls`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def get_related_url(self, info, action, *args):
        key = (info, action, args)
        if key not in self._urls:
            self._urls[key] = super().get_related_url(info, action, *args)
        return self._urls[key]


class LabelledAutocompleteSelect(SearchUrlOnce, AutocompleteSelect):
    """Django's autocomplete select whose empty choice has a text, as HTML requires of an
    `<option>` (select2 shows its placeholder for it all the same), and which takes the chosen
    record's label from `labels` when its formset read them all at once (one query per field
    for the whole formset, where Django asks once per row)."""

    labels = None  # {str(pk): label}, set by `AutocompleteLabelsFormSet`

    def optgroups(self, name, value, attr=None):
        if self.labels is None:
            return super().optgroups(name, value, attr)
        empty = self.choices.field.empty_values
        chosen = [str(v) for v in value if str(v) not in empty and str(v) in self.labels]
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for key in chosen[:1]:
            options.append(self.create_option(name, key, self.labels[key], True, len(options)))
        return [(None, options, 0)]

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        # select2 names its box after the placeholder when nothing is chosen: never empty.
        attrs["data-placeholder"] = str(_("(none)"))
        return attrs

    def create_option(self, name, value, label, *args, **kwargs):
        option = super().create_option(name, value, label, *args, **kwargs)
        if value in ("", None) and not label:
            option["label"] = str(_("(none)"))
        return option


class ListedAutocompleteSelectMultiple(SearchUrlOnce, AutocompleteSelectMultiple):
    """Django's autocomplete for many records, without select2's "clear all" cross, which it
    puts inside its `<ul>` of choices (invalid markup); each choice keeps its own cross."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-allow-clear"] = "false"
        return attrs


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date and time inputs, each with a `<label>` rather than bare text before it."""

    template_name = "admin/widgets/split_datetime_labelled.html"


class AutocompleteLabelsFormSet:
    """A formset whose rows' autocomplete selects share one read of their chosen records."""

    @cached_property
    def forms(self):
        forms = super().forms
        for name, field in self.form.base_fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, LabelledAutocompleteSelect):
                self._share_labels(forms, name, field)
        return forms

    @staticmethod
    def _share_labels(forms, name, field):
        chosen = {form[name].value() for form in forms} - {None, ""}
        records = field.queryset.filter(pk__in=chosen) if chosen else []
        labels = {str(record.pk): field.label_from_instance(record) for record in records}
        for form in forms:
            widget = form.fields[name].widget
            getattr(widget, "widget", widget).labels = labels
