"""The fields of a compact inline row (people.admin_layout.CompactInline), written in Python:
through a template, the meeting page's 700 fields took most of its time.

Each visible field is a `div.compact-field` holding a `<label for>` and its control (a checkbox
before its label), its errors, and its help text hidden from sight but read out with it; a
read-only field holds its label and its value.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from people.form_renderer import shown

register = template.Library()


@register.simple_tag
def compact_fields(fieldset):
    """The fieldset's fields, line by line."""
    return mark_safe("".join(compact_field(field) for line in fieldset for field in line))


def compact_field(field):
    """A field of the row; a hidden one (the row's version) is its input alone, unlabelled."""
    if field.is_readonly:
        return readonly_field(field)
    bound = field.field
    if bound.is_hidden:
        return str(bound)
    control_id = bound.id_for_label
    label = format_html(
        '<label for="{}"{}>{}</label>',
        control_id,
        mark_safe(' class="required"') if bound.field.required else "",
        shown(bound.label),
    )
    control = str(bound)
    errors = bound.errors
    return format_html(
        '\n<div class="compact-field field-{}{}">\n  \n  {}\n  {}\n  {}\n</div>',
        bound.name,
        " errors" if errors else "",
        mark_safe(f"{control}{label}" if field.is_checkbox else f"{label}{control}"),
        errors or "",
        help_text(bound.help_text, control_id),
    )


def readonly_field(field):
    """A value shown, not edited: no control, so a plain label."""
    return format_html(
        '\n<div class="compact-field field-{}">\n  {}<div class="readonly">{}</div>\n  {}\n</div>',
        field.field["name"],
        field.label_tag(),
        field.contents(),
        help_text(field.field["help_text"], None),
    )


def help_text(text, control_id):
    """The field's help, the description of its control (`aria-describedby`, set by Django);
    help texts are written by us, in HTML, as Django's admin shows them."""
    if not text:
        return ""
    id_attr = format_html(' id="{}_helptext"', control_id) if control_id else ""
    return format_html('<div class="help desk-sr-only"{}>{}</div>', id_attr, mark_safe(text))
