"""Random and hostile text through every admin form and the importer: never a server error,
never a changed byte of what was typed (plain fields in NFC, the article exactly), and a
refused form writes nothing.

The admin forms are read from the admin site's registry, so a model registered later is
covered; each POST is the change form as rendered, so hidden fields come along.
"""

import unicodedata

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from meetings.models import Delegation, Job, Meeting, Report
from meetings.services import MAX_ARTICLE_BYTES, article_text
from people.text import starts_markup
from tests.admin_forms import form_errors, import_through_preview, rendered_form_data
from tests.factories import (
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    PhotoFactory,
    PhotoPersonFactory,
    PositionFactory,
    ReportedValueFactory,
    ReportFactory,
    ResolutionFactory,
)
from tests.test_sanitising import HOSTILE, MARKUP_ONLY, SCRIPT, SENTENCE, SOURCE, is_harmless

pytestmark = pytest.mark.django_db

OUR_APPS = {"people", "meetings", "indicators"}
# Every admin form an editor types into; background jobs are only read.
ADMINS = sorted(
    (
        model
        for model in admin.site._registry
        if model._meta.app_label in OUR_APPS and model is not Job
    ),
    key=lambda model: model._meta.label,
)
NASTY = [
    SOURCE,
    SENTENCE,
    MARKUP_ONLY,
    SCRIPT,
    HOSTILE,
    "\x01\x1b[31m đỏ \x7f\x0b\x0c",
    "a\x00b",
    "\u202etrái\u202c \u200b \ufeff",
    unicodedata.normalize("NFD", "Nguyễn Thị Thuỷ, Hoà Bình"),
    "😀 \U0001f1fb\U0001f1f3 \U00010348 \U000e0001 \U0010fffd",
    "  lề trái\r\n\r\nlề phải  ",
    "&lt;script&gt; &amp; &#60;",
]
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.text(max_size=60).map(lambda text: unicodedata.normalize("NFD", text)),
    st.text(st.sampled_from("<>&\"'/=ab tỷ\n\x00\x1f"), max_size=40),
)
# Read into parts on save (a document's code): fuzzed half the time, for a refusal's sake.
PARSED = {"code"}
BIG = "Bản gốc <trên 50%> x>3 & " * 84_000  # 2 MB


def text_fields(model, form):
    """The form's fields that hold text of the model: (name, kind), kind one of plain,
    verbatim, rich and parsed."""
    rich = getattr(model, "rich_text_fields", ())
    verbatim = getattr(model, "verbatim_text_fields", ())
    for name in form.fields:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 — a form-only field
            continue
        if (
            isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.SlugField | models.URLField)
            and not field.choices
        ):
            kind = "rich" if name in rich else "verbatim" if name in verbatim else "plain"
            yield name, "parsed" if name in PARSED else kind


def stored(obj):
    """Everything of the row, to tell that nothing was written."""
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def counts():
    """Rows of each of our tables (not the unmanaged ones the database keeps on PostgreSQL)."""
    return {
        m: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS and m._meta.managed
    }


@pytest.fixture
def one_of_each(db):
    """A small meeting with one row of every model an editor changes (the sample archive's
    change form, with its 100 rows of inlines, would take seconds a post)."""
    meeting = MeetingFactory()
    ReportFactory(meeting=meeting, source_text=SOURCE)
    meeting.resolutions.add(ResolutionFactory())
    ParticipationFactory(meeting=meeting)
    PositionFactory()
    Delegation.objects.create(
        meeting=meeting, name="Đoàn", description="Mô tả", lead_organization=OrganizationFactory()
    )
    PhotoPersonFactory(photo=PhotoFactory(meeting=meeting))
    ReportedValueFactory(meeting=meeting)


def change_form(admin_client, model):
    """A model's first row, its change URL, and its text fields."""
    obj = model._default_manager.order_by("pk").first()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    form = admin_client.get(url).context["adminform"].form
    return obj, url, list(text_fields(model, form))


def test_every_registered_admin_has_text_to_fill(admin_client, one_of_each):
    fields = {model: change_form(admin_client, model)[2] for model in ADMINS}
    assert len(fields) >= 10 and all(fields.values())
    assert "source_text" not in dict(fields[Report])  # the article is shown, never edited


def post_change_form(admin_client, model, url, values):
    page = admin_client.get(url)
    data = rendered_form_data(page.content.decode(), f"{model._meta.model_name}_form")
    data.update({name: [value] for name, value in values.items()})
    return admin_client.post(url, data)


def expected(kind, value):
    return value if kind == "verbatim" else unicodedata.normalize("NFC", value.strip())


FUZZ = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("model", ADMINS, ids=lambda model: model._meta.label)
@FUZZ
@given(data=st.data())
def test_every_admin_form_stores_what_was_typed(admin_client, one_of_each, model, data):
    obj, url, fields = change_form(admin_client, model)
    values = {
        name: data.draw(TEXT, label=name)
        for name, kind in fields
        if kind != "parsed" or data.draw(st.booleans(), label=f"fuzz {name}")
    }
    before, rows = stored(model._default_manager.get(pk=obj.pk)), counts()

    response = post_change_form(admin_client, model, url, values)

    after = model._default_manager.get(pk=obj.pk)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code != 302:  # refused with a message: nothing written at all
        assert response.context["errors"]
        assert stored(after) == before and counts() == rows
        return
    for name, kind in fields:
        value = getattr(after, name)
        if kind == "parsed":
            continue
        if kind == "rich":
            assert is_harmless(value), (name, value)
        else:
            assert value == expected(kind, values[name]), name


def test_two_megabytes_of_article_are_kept_byte_for_byte(one_of_each):
    report = Report.objects.get()
    Report.objects.filter(pk=report.pk).update(source_text=BIG)
    report.refresh_from_db()
    assert report.source_text == BIG
    report.save()
    report.refresh_from_db()
    assert report.source_text == BIG


def test_the_article_cannot_be_changed_through_the_admin(admin_client, one_of_each):
    report = Report.objects.get()
    url = reverse("admin:meetings_report_change", args=[report.pk])
    response = post_change_form(admin_client, Report, url, {"source_text": BIG})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.source_text == SOURCE


@FUZZ
@given(text=st.one_of(TEXT, st.text(min_size=1, max_size=3000)))
@example(text="x" * (MAX_ARTICLE_BYTES + 1))
@example(text=f"Hà Nội, ngày 2/3/2024\n{SOURCE}\n{SENTENCE}\n{SCRIPT}\n")
def test_the_importer_keeps_the_article_as_given(admin_client, text):
    rows, newest = counts(), Meeting.objects.order_by("-pk").first()

    response = import_through_preview(admin_client, {"text": text})

    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:  # refused with a message: nothing written at all
        assert response.context["form"].errors
        assert counts() == rows
        return
    meeting = Meeting.objects.order_by("-pk").first()
    if meeting != newest:  # created now (an article seen before changes nothing)
        html = starts_markup(text.lstrip())
        assert meeting.reports.get().source_text == (article_text(text) if html else text)


def test_each_change_form_posted_as_rendered_is_saved(admin_client, one_of_each):
    """The fuzz above is no vacuous pass: a form posted back as rendered saves."""
    for model in ADMINS:
        _obj, url, fields = change_form(admin_client, model)
        values = {name: "Bản gốc <trên 50%" for name, kind in fields if kind != "parsed"}
        assert post_change_form(admin_client, model, url, values).status_code == 302, model


@pytest.mark.parametrize("letter", ["ß", "ﬃ", "ǅ"])
def test_letters_that_fold_longer_fit_every_form(admin_client, one_of_each, letter):
    """Folding may lengthen a name ("ß" → "ss"); derived columns still fit their rows."""
    for model in ADMINS:
        obj, url, fields = change_form(admin_client, model)
        values = {
            name: (letter + " ") * ((model._meta.get_field(name).max_length or 5000) // 2)
            for name, kind in fields
            if kind != "parsed"
        }
        response = post_change_form(admin_client, model, url, values)
        assert response.status_code == 302, (model, form_errors(response))
