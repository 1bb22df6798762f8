"""The widgets written out in Python (people.form_renderer) write what Django's templates
write, byte for byte; a template an app overrides is rendered as before."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import (
    AdminDateWidget,
    AdminIntegerFieldWidget,
    AdminTextareaWidget,
    RelatedFieldWidgetWrapper,
)
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from indicators.models import ReportedValue
from people.admin_widgets import LabelledAutocompleteSelect
from people.form_renderer import DeskFormRenderer
from tests.test_admin_desk import render_change_page

FORMS_TEMPLATES = Path(forms.__file__).parent / "templates"
CHOICES = [
    ("", "(none)"),
    ("a&b", "A & B"),
    (1000, 1000),
    ("Group <1>", [("x", gettext_lazy("Vietnamese")), (Decimal("1.5"), date(2024, 5, 1))]),
]

WIDGETS = [
    (forms.TextInput(), "Q & A <b>"),
    (forms.TextInput(attrs={"required": True, "disabled": False, "data-x": 'a"b'}), None),
    (forms.TextInput(), mark_safe("<i>safe</i>")),
    (forms.NumberInput(attrs={"min": 0}), 1000),
    (forms.EmailInput(), "a@example.org"),
    (forms.URLInput(), "https://example.org/?a=1&b=2"),
    (forms.HiddenInput(), 3),
    (forms.PasswordInput(render_value=True), "secret"),
    (forms.DateInput(), date(2024, 5, 1)),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.Textarea(), "line one\n<line two>"),
    (forms.Textarea(), ""),
    (AdminTextareaWidget(), None),
    (AdminIntegerFieldWidget(), 7),
    (AdminDateWidget(), date(2024, 5, 1)),
    (forms.Select(choices=CHOICES), "a&b"),
    (forms.Select(choices=CHOICES), 1000),
    (forms.SelectMultiple(choices=CHOICES), ["x", "1.5"]),
    (forms.NullBooleanSelect(), None),
]


class Labelled(forms.Form):
    name = forms.CharField(label="Name & <title>")
    agree = forms.BooleanField(label=gettext_lazy("English"))


def rendered_by_django(widget, name, value):
    return widget.render(name, value, renderer=DjangoTemplates())


def rendered(widget, value, renderer):
    with override("vi"):
        return widget.render("field", value, {"id": "id_field"}, renderer)


@pytest.mark.parametrize(("widget", "value"), WIDGETS)
def test_widgets_are_written_as_djangos_templates_write_them(widget, value):
    assert rendered(widget, value, DeskFormRenderer()) == rendered(widget, value, DjangoTemplates())


@pytest.mark.parametrize("name", ["name", "agree"])
@pytest.mark.parametrize("attrs", [None, {"class": "vCheckboxLabel inline", "hidden": True}])
@pytest.mark.parametrize("auto_id", ["id_%s", False])  # without an id, no <label> tag
def test_labels_are_written_as_djangos_template_writes_them(name, attrs, auto_id):
    labels = [
        Labelled(auto_id=auto_id, renderer=renderer)[name].label_tag(attrs=attrs)
        for renderer in [DjangoTemplates(), DeskFormRenderer()]
    ]
    assert labels[0] == labels[1]


@pytest.mark.django_db
@pytest.mark.parametrize("links", [(True, False, False, False), (True, True, True, True)])
def test_related_widget_wrappers_are_written_as_djangos_template_writes_them(settings, links):
    """The wrapper renders the select it wraps with the default renderer, so both are swapped."""
    field = ReportedValue._meta.get_field("indicator")
    select = LabelledAutocompleteSelect(field, admin.site)
    select.choices = forms.ModelChoiceField(field.related_model.objects.all()).choices
    can_add, can_change, can_delete, can_view = links
    wrapper = RelatedFieldWidgetWrapper(
        select, field.remote_field, admin.site, can_add, can_change, can_delete, can_view
    )
    pages = []
    for renderer in [
        "django.forms.renderers.DjangoTemplates",
        "people.form_renderer.DeskFormRenderer",
    ]:
        settings.FORM_RENDERER = renderer
        with override("vi"):
            pages.append(wrapper.render("indicator", None, {"id": "id_indicator"}))
    assert pages[0] == pages[1]
    assert "related-widget-wrapper-link add-related" in pages[1]


@pytest.mark.django_db
def test_the_meeting_page_is_what_djangos_templates_render(settings, rf, editor, sample_archive):
    pages = []
    for renderer in [
        "django.forms.renderers.DjangoTemplates",
        "people.form_renderer.DeskFormRenderer",
    ]:
        settings.FORM_RENDERER = renderer
        html = render_change_page(rf, editor, sample_archive).content.decode()
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html))
    assert pages[0] == pages[1]


def test_an_overridden_template_is_rendered_as_the_app_has_it(tmp_path):
    widgets = tmp_path / "django" / "forms" / "widgets"
    widgets.mkdir(parents=True)
    (widgets / "text.html").write_text('<input class="ours" name="{{ widget.name }}">')

    class Overridden(DeskFormRenderer):
        engine = DjangoTemplates.backend(
            {"APP_DIRS": True, "DIRS": [tmp_path, FORMS_TEMPLATES], "NAME": "x", "OPTIONS": {}}
        )

    renderer = Overridden()
    assert forms.TextInput().render("q", "v", renderer=renderer) == '<input class="ours" name="q">'
    assert forms.Textarea().render("q", "v", renderer=renderer) == rendered_by_django(
        forms.Textarea(), "q", "v"
    )
