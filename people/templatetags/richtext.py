"""Rich text fields on a page: their allow-listed HTML rendered, or their words alone.

Plain text fields need neither: templates print them autoescaped, as typed.
"""

from django import template
from django.utils.safestring import mark_safe

from people.text import clean_rich_text, rich_text_as_plain

register = template.Library()


@register.filter(is_safe=True)
def rich(value):
    """The field's HTML, sanitised once more on the way out, so that even a row written
    around `save()` renders nothing the allow-list does not hold."""
    return mark_safe(clean_rich_text(value or ""))  # noqa: S308 — sanitised just above


@register.filter
def plain(value):
    """The words a reader of the field sees, to be escaped again (meta tags, feeds)."""
    return rich_text_as_plain(value or "")
