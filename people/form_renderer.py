"""Django's simplest widget templates written out in Python, as the form renderer of every form.

The editors' meeting page draws about 900 inputs and selects; through the template engine each
costs more than the rest of its row. The text written here is byte for byte what Django's own
templates write (tests/test_form_renderer.py renders both ways), and only while the template a
name finds is Django's own: an app that overrides one gets its template as before."""

import html
from pathlib import Path

import django
from django.forms.renderers import DjangoTemplates
from django.template import Context, TemplateDoesNotExist
from django.template.base import render_value_in_context
from django.templatetags.static import static
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.translation import gettext

DJANGO_DIR = Path(django.__file__).parent
WIDGETS = "django/forms/widgets/"
# Django's widget templates that are `{% include "django/forms/widgets/input.html" %}` alone.
INPUTS = ["checkbox", "date", "datetime", "email", "hidden", "number", "password", "text", "time"]
INPUTS += ["url", "color", "file", "search", "tel"]

_CONTEXT = Context()  # what a widget template renders a value with: localized, autoescaped


def shown(value):
    """`{{ value }}`; a plain string, most values, is escaped straight away."""
    if type(value) is str:
        return html.escape(value)
    return render_value_in_context(value, _CONTEXT)


def formatted(value):
    """`{{ value|stringformat:'s' }}`: escaped unless marked safe."""
    text = str(value)
    return text.__html__() if hasattr(text, "__html__") else html.escape(text)


def attrs_html(attrs):
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {shown(name)}" if value is True else f' {shown(name)}="{formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def label_html(renderer, context):
    """django/forms/label.html (a form's `label_tag`, such as a row's "Delete")."""
    if not context["use_tag"]:
        return f"{shown(context['label'])}\n"
    tag = shown(context["tag"])
    return f"<{tag}{attrs_html(context['attrs'])}>{shown(context['label'])}</{tag}>\n"


def input_html(renderer, context):
    """django/forms/widgets/input.html."""
    widget = context["widget"]
    value = widget["value"]
    shown_value = "" if value is None else f' value="{formatted(value)}"'
    return (
        f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"'
        f"{shown_value}{attrs_html(widget['attrs'])}>\n"
    )


def included_input_html(renderer, context):
    """text.html, hidden.html, checkbox.html...: input.html, and the including file's newline."""
    return input_html(renderer, context) + "\n"


def admin_date_html(renderer, context):
    """admin/widgets/date.html, which includes django/forms/widgets/date.html."""
    return f'<p class="date">\n  {included_input_html(renderer, context)}\n</p>\n'


def textarea_html(renderer, context):
    """django/forms/widgets/textarea.html."""
    widget = context["widget"]
    value = widget["value"]
    return (
        f'<textarea name="{shown(widget["name"])}"{attrs_html(widget["attrs"])}>\n'
        f"{shown(value) if value else ''}</textarea>\n"
    )


def option_html(renderer, context):
    """django/forms/widgets/select_option.html."""
    option = context["widget"]
    return (
        f'<option value="{formatted(option["value"])}"{attrs_html(option["attrs"])}>'
        f"{shown(option['label'])}</option>\n"
    )


def select_html(renderer, context):
    """django/forms/widgets/select.html: its options through their own templates, as there."""
    widget = context["widget"]
    parts = [f'<select name="{shown(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in options:
            parts.append("\n  ")
            parts.append(
                renderer.render_raw(option["template_name"], {**context, "widget": option})
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


# admin/widgets/related_widget_wrapper.html's links: (flag, class, id, the attributes between
# the id and the title as the template spaces them, message, icon).
ATTRIBUTES = "\n            {}\n            "
RELATED_LINKS = [
    (
        "can_change_related",
        "change-related",
        "change_id_",
        ATTRIBUTES.format(
            'data-href-template="{change_related_template_url}?{url_params}"'
            '\n            data-popup="yes"'
        ),
        "Change selected %(model)s",
        "icon-changelink.svg",
    ),
    (
        "can_add_related",
        "add-related",
        "add_id_",
        ATTRIBUTES.format('data-popup="yes"\n            href="{add_related_url}?{url_params}"'),
        "Add another %(model)s",
        "icon-addlink.svg",
    ),
    (
        "can_delete_related",
        "delete-related",
        "delete_id_",
        ATTRIBUTES.format(
            'data-href-template="{delete_related_template_url}?{url_params}"'
            '\n            data-popup="yes"'
        ),
        "Delete selected %(model)s",
        "icon-deletelink.svg",
    ),
    (
        "can_view_related",
        "view-related",
        "view_id_",
        "\n             "
        'data-href-template="{change_related_template_url}?{view_related_url_params}"'
        "\n             ",
        "View selected %(model)s",
        "icon-viewlink.svg",
    ),
]
URLS = ["change_related_template_url", "delete_related_template_url", "add_related_url"]
URLS += ["url_params", "view_related_url_params"]


def related_link_html(context, link):
    """One link of the related widget wrapper, as the template's `{% spaceless %}` leaves it."""
    _flag, kind, id_prefix, attributes, message, icon = link
    urls = {key: shown(context.get(key, "")) for key in URLS}
    title = gettext(message) % {"model": shown(context["model"])}
    return (
        f'<a class="related-widget-wrapper-link {kind}" id="{id_prefix}{shown(context["name"])}"'
        f'{attributes.format(**urls)}title="{title}">'
        f'<img src="{conditional_escape(static(f"admin/img/{icon}"))}"'
        ' alt="" width="24" height="24"></a>'
    )


def related_wrapper_html(renderer, context):
    """admin/widgets/related_widget_wrapper.html: the widget, and links to add or change its
    record in a popup."""
    ref = ""
    if not context["model_has_limit_choices_to"]:
        ref = f'data-model-ref="{shown(context["model_name"])}"'
    links = ""
    if not context["is_hidden"]:
        links = "".join(
            related_link_html(context, link) for link in RELATED_LINKS if context[link[0]]
        )
    return (
        f'\n<div class="related-widget-wrapper" {ref}>\n    {shown(context["rendered_widget"])}'
        f"\n    \n        {links}\n    \n</div>\n"
    )


WRITERS = {
    "django/forms/label.html": label_html,
    f"{WIDGETS}input.html": input_html,
    f"{WIDGETS}select.html": select_html,
    f"{WIDGETS}select_option.html": option_html,
    f"{WIDGETS}textarea.html": textarea_html,
    "admin/widgets/date.html": admin_date_html,
    "admin/widgets/related_widget_wrapper.html": related_wrapper_html,
    **{f"{WIDGETS}{name}.html": included_input_html for name in INPUTS},
}
# The templates written out, and those they include.
WRITTEN = [*WRITERS, f"{WIDGETS}attrs.html", "django/forms/attrs.html"]


class DeskFormRenderer(DjangoTemplates):
    """Django's template renderer, but a widget whose template is one of Django's simplest is
    written out in Python."""

    def render(self, template_name, context, request=None):
        writer = self._writers.get(template_name)
        if writer is None:
            return super().render(template_name, context, request)
        return writer(self, context).strip()

    def render_raw(self, template_name, context):
        """A template's text as an `{% include %}` puts it in another: not stripped."""
        writer = self._writers.get(template_name)
        if writer is None:
            return self.get_template(template_name).render(context)
        return writer(self, context)

    @cached_property
    def _writers(self):
        """The writers, while every template they stand for is Django's own; none if an app
        overrides one of them."""
        for name in WRITTEN:
            folder = "contrib/admin/templates" if name.startswith("admin/") else "forms/templates"
            try:
                origin = Path(self.get_template(name).origin.name)
            except TemplateDoesNotExist:  # the admin's, in a project without it
                continue
            if origin != DJANGO_DIR / folder / name:
                return {}
        return WRITERS
