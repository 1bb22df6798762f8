"""Forms of the public site."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .search import MAX_QUERY_LENGTH, analyse


class SearchForm(forms.Form):
    """The one search box: a name, a document code or some words."""

    q = forms.CharField(
        label=_("Search"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Type a name, a resolution number or some words."),
            "max_length": _(
                "That is too long to search for: use at most %(limit_value)d characters."
            ),
        },
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Phạm Hoàng Sơn, 52-NQ/TW, chuyển đổi số…")}
        ),
    )

    def clean_q(self):
        query = analyse(self.cleaned_data["q"])
        if not query:
            raise forms.ValidationError(
                _("Nothing to search for: type letters or numbers, not only punctuation."),
                code="no_words",
            )
        return query
