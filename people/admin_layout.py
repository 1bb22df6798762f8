"""How an inline with many rows fits the editors' screen: each row is one compact line of its
short fields, and its long or seldom-used fields are folded beneath, opened on demand."""

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.utils.text import capfirst

from .admin_widgets import RowRelatedWidgetWrapper


class CompactInline:
    """An inline laid out by `admin/edit_inline/compact.html`.

    `folded_fields` go into a collapsible fieldset (a `<details>` element) named after them, so
    a meeting's 33 figures take 33 lines, not 33 screens.
    """

    template = "admin/edit_inline/compact.html"
    folded_fields = ()
    view_on_site = False  # the row has no "View on site" link: no URL to build for each row

    def get_fieldsets(self, request, obj=None):
        fieldsets, folded = [], list(self.folded_fields)
        for name, options in super().get_fieldsets(request, obj):
            lines = [unfolded(line, folded) for line in options["fields"]]
            fieldsets.append((name, {**options, "fields": [line for line in lines if line]}))
        if folded:
            fieldsets.append((self.folded_name(), {"fields": folded, "classes": ["collapse"]}))
        return fieldsets

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """In a row a related record is chosen or added; it is changed, deleted or viewed from
        its own page, so the row draws no links for those (fewer links, a faster page), and
        the link to add one is reversed once for all rows."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            formfield.widget = RowRelatedWidgetWrapper(
                widget.widget, widget.rel, widget.admin_site, widget.can_add_related
            )
        return formfield

    def folded_name(self):
        """The first folded field's name, and an ellipsis when more follow it: short enough to
        sit at the end of the row."""
        first = capfirst(self.model._meta.get_field(self.folded_fields[0]).verbose_name)
        return f"{first}…" if len(self.folded_fields) > 1 else first


def unfolded(line, folded):
    """A fieldset's line (a field, or a tuple of fields shown side by side) without `folded`."""
    if isinstance(line, list | tuple):
        kept = tuple(field for field in line if field not in folded)
        return kept[0] if len(kept) == 1 else kept
    return None if line in folded else line
