"""The demo archive's marks: "Dữ liệu minh họa" beside and above every record it generated."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def any_illustrative(records) -> bool:
    return any(getattr(record, "illustrative", False) for record in records)


@register.simple_tag
def illustrative_mark(*records):
    """A short mark after a record's name in a list, when any of `records` is illustrative
    (a figure passes its meeting, a row its record)."""
    if not any_illustrative(records):
        return ""
    return format_html(' <span class="illustrative-mark">{}</span>', _("Illustrative data"))


@register.simple_tag
def illustrative_notice(*records):
    """The notice at the head of an illustrative record's own page."""
    if not any_illustrative(records):
        return ""
    return format_html(
        '<p class="illustrative-notice" role="note"><strong>{}</strong> {}</p>',
        _("Illustrative data."),
        _(
            "This record was generated for the demo archive: it shows how the archive reads, "
            "and reports no real meeting, official or figure."
        ),
    )
