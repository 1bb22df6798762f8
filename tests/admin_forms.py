"""Admin forms as a browser posts them back: read from the page the test opened."""

import datetime

from django import forms


def form_data(response) -> dict:
    """The change form (and its inlines) of `response`, as the browser would post it unchanged,
    hidden versions included."""
    data = {}
    page_forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        page_forms += formset.forms
    for form in page_forms:
        for field in form:
            _add(data, field)
    return data


def _add(data, field):
    value = field.value()
    widget = field.field.widget
    if isinstance(field.field, forms.FileField):
        return
    if isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list) else widget.decompress(value)
        for index, part in enumerate(parts):
            data[f"{field.html_name}_{index}"] = _text(part)
    elif isinstance(widget, forms.CheckboxInput):
        if value:
            data[field.html_name] = "on"
    elif isinstance(value, list | tuple):
        data[field.html_name] = [str(item) for item in value]
    else:
        data[field.html_name] = _text(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
