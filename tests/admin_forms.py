"""An admin form's data as the browser would post it back, read from the rendered page.

Posting what the page rendered brings every field along, hidden ones included (management
forms of inlines, and any version or token a form may add), so a test changes only what it
means to change.
"""

from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "file", "image", "reset"}


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, {}
        self.textarea = self.select = None
        self.option_value = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type", "text") not in SKIPPED_INPUTS:
            checkable = attrs.get("type") in {"checkbox", "radio"}
            if checkable and "checked" not in attrs:
                return
            value = attrs.get("value") or ("on" if checkable else "")
            self.data.setdefault(attrs["name"], []).append(value)
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = [""]
        elif tag == "select":
            self.select = attrs["name"]
            self.data.setdefault(self.select, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            value = self.data[self.textarea]
            if not value[0] and data.startswith("\n"):
                data = data[1:]  # HTML drops one newline right after <textarea>; Django puts one
            value[0] += data


def rendered_form_data(html: str, form_id: str) -> dict[str, list[str]]:
    """The values of the form `form_id` in `html`, as a browser would submit them."""
    reader = _FormReader(form_id)
    reader.feed(html)
    reader.close()
    return reader.data


def form_errors(response) -> list:
    """Every error of an admin change form's response, its inlines' included."""
    context = response.context or {}
    errors = []
    if "adminform" in context:
        errors.append(context["adminform"].form.errors)
    for inline in context.get("inline_admin_formsets", []):
        errors += [inline.formset.non_form_errors(), *inline.formset.errors]
    return [error for error in errors if error]


def form_data(response) -> dict[str, list[str]]:
    """The admin change (or history) form of `response`, as the browser would post it back."""
    return rendered_form_data(
        response.content.decode(), f"{response.context['opts'].model_name}_form"
    )


def import_through_preview(client, data: dict):
    """Post an article to the import page, then confirm the preview it shows as the editor's
    browser would (posting the confirmation form's own fields); the preview's response when
    it shows none (a refusal)."""
    from django.urls import reverse

    url = reverse("admin:meetings_meeting_import")
    preview = client.post(url, data)
    html = preview.content.decode()
    if preview.status_code != 200 or 'id="confirm-import"' not in html:
        return preview
    confirmation = rendered_form_data(html, "confirm-import")
    confirmation.update({"confirm": ["1"], **{k: [v] for k, v in data.items()
                                              if k == "same_meeting"}})  # fmt: skip
    return client.post(url, confirmation)
