"""Forms of the public site and of the editors' import page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.search.query import MAX_QUERY_LENGTH, analyse

from .batches import BatchRefused, batch_from_uploads
from .services import ArticleImportError, article_text, article_text_from_bytes


class ArticleImportForm(forms.Form):
    """Paste a report or upload it as .txt/.html; either one, not both."""

    text = forms.CharField(
        label=_("Article text"),
        required=False,
        strip=False,  # kept verbatim as the meeting's source text
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Paste the report as published, captions and byline included."),
    )
    file = forms.FileField(
        label=_("or a file"),
        required=False,
        help_text=_("A .txt or .html file in UTF-8."),
    )
    source_url = forms.URLField(label=_("Source URL"), required=False, assume_scheme="https")
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=300)
    # Set by the radio buttons the page shows when the article seems to report a meeting
    # already recorded: "new", or the id of the meeting to attach it to.
    same_meeting = forms.RegexField(
        regex=r"^(?:new|\d{1,18})$",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Choose a meeting from the list, or a new meeting.")},
    )

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text", ""), cleaned.get("file")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError(
                _("Paste the article's text or upload a file (one of them).")
            )
        try:
            if upload:
                if not upload.name.lower().endswith((".txt", ".html", ".htm")):
                    raise ArticleImportError(_("Upload a .txt or .html file."))
                cleaned["article"] = article_text_from_bytes(upload.read(), filename=upload.name)
            else:
                cleaned["article"] = article_text(text)
        except ArticleImportError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return cleaned


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input, each checked as `FileField` checks one (not empty)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        clean_one = super().clean
        if not data:
            return [clean_one(None, initial)]  # "This field is required."
        return [clean_one(file, initial) for file in data]


class ArticleBatchForm(forms.Form):
    """Several articles at once: a .zip of .txt/.html files, or the files themselves."""

    files = MultipleFileField(
        label=_("Articles"),
        help_text=_(
            "A .zip of .txt or .html files in UTF-8, or several such files; each up to 2 MB."
        ),
    )
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=300)
    new = forms.BooleanField(
        label=_("Import each as a new meeting"),
        required=False,
        help_text=_(
            "Without it, an article that seems to report a meeting already recorded is refused, "
            "and the result names the meeting: attach it from the import page."
        ),
    )

    def clean_files(self):
        try:
            return batch_from_uploads(self.cleaned_data["files"])
        except BatchRefused as refusal:
            raise forms.ValidationError(str(refusal)) from refusal


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
