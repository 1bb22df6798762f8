"""The editors' desk, server side: the meeting's change page renders in a bounded number of
queries (its time is measured by `bench/change_page.py`, never by a timed test), decimals read
and write in the interface's language, the admin speaks Vietnamese, and the login-attempt
records stay out of the editors' way."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import ReportedValue
from meetings.models import Meeting
from tests.admin_forms import form_data
from tests.factories import PhotoFactory, ReportedValueFactory

pytestmark = pytest.mark.django_db


def change_url(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_change_page_queries_do_not_grow_with_figures_and_photos(editor_client, sample_archive):
    url = change_url(sample_archive)
    editor_client.get(url)  # warm the caches (content types, sessions)
    before = queries_for(editor_client, url)
    ReportedValueFactory.create_batch(10, meeting=sample_archive)
    PhotoFactory.create_batch(5, meeting=sample_archive)
    assert queries_for(editor_client, url) == before
    assert before <= 40


def render_change_page(rf, user, meeting):
    """The change view, called as the server calls it: the test client would copy every
    template's context for its assertions, which costs more than the page itself."""
    request = rf.get(change_url(meeting))
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = admin.site._registry[Meeting].change_view(request, str(meeting.pk))
    response.render()
    assert response.status_code == 200
    return response


def test_rows_reverse_their_related_urls_once_per_field(rf, editor, sample_archive, monkeypatch):
    """Each autocomplete's search URL and each add link's URL is the same in every row: it is
    reversed once per field of the formset, not once per row (268 times for the sample)."""
    from django.contrib.admin import widgets

    reversed_urls = []

    def counted(*args, **kwargs):
        reversed_urls.append(args[0])
        return reverse(*args, **kwargs)

    monkeypatch.setattr(widgets, "reverse", counted)
    html = render_change_page(rf, editor, sample_archive).content.decode()
    assert html.count('class="related-widget-wrapper-link add-related"') > 100
    assert len(reversed_urls) < 40, reversed_urls


def figure_rows(response):
    """The figures inline's forms, by the figure's stored value."""
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is ReportedValue
    )
    return {form.instance.value: form for form in formset.forms if form.instance.pk}


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("vi", {"954964": "954.964", "58.4": "58,4", "1.4": "1,4", "8503": "8.503"}),
        ("en", {"954964": "954,964", "58.4": "58.4", "1.4": "1.4", "8503": "8,503"}),
    ],
)
def test_figures_show_in_the_interface_language_without_trailing_zeros(
    editor_client, sample_archive, language, shown
):
    editor_client.cookies["django_language"] = language
    response = editor_client.get(change_url(sample_archive))
    html = response.content.decode()
    rows = figure_rows(response)
    for stored, printed in shown.items():
        assert f'value="{printed}"' in str(rows[Decimal(stored)]["value"])
    assert "8503.0000" not in html and "954964.0000" not in html


def post_value(client, meeting, typed, language="vi"):
    """Post the change form back as rendered, with the 1.4 figure's value typed as `typed`."""
    client.cookies["django_language"] = language
    response = client.get(change_url(meeting))
    data = form_data(response)
    prefix = next(
        k
        for k, v in data.items()
        if k.endswith("-value") and v == ["1,4" if language == "vi" else "1.4"]
    )
    data[prefix] = [typed]
    return client.post(change_url(meeting), data)


@pytest.mark.parametrize(
    ("typed", "stored", "language"),
    [
        ("58,4", "58.4", "vi"),
        ("954.964", "954964", "vi"),
        ("1,4", "1.4", "vi"),
        ("-2,35", "-2.35", "vi"),
        ("954,964.5", "954964.5", "en"),
        ("1.4", "1.4", "en"),
    ],
)
def test_figures_are_typed_in_the_interface_language_and_stored_exactly(
    editor_client, sample_archive, typed, stored, language
):
    figure = ReportedValue.objects.get(meeting=sample_archive, value=Decimal("1.4"))
    response = post_value(editor_client, sample_archive, typed, language)
    assert response.status_code == 302, response.context and response.context.get("errors")
    figure.refresh_from_db()
    assert figure.value == Decimal(stored)


@pytest.mark.parametrize("typed", ["1,2,3", "abc", "1.4", "1e5", "9" * 30, "12.34,5", "--1"])
def test_bad_numbers_are_form_errors(editor_client, sample_archive, typed):
    figure = ReportedValue.objects.get(meeting=sample_archive, value=Decimal("1.4"))
    response = post_value(editor_client, sample_archive, typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    figure.refresh_from_db()
    assert figure.value == Decimal("1.4")


def test_a_bad_number_says_how_to_write_one(editor_client, sample_archive):
    html = post_value(editor_client, sample_archive, "1,2,3").content.decode()
    assert "Nhập số theo cách viết ở đây, ví dụ 954.964,5." in html


@pytest.mark.parametrize(
    ("language", "header"),
    [("vi", "Lưu trữ cuộc họp — Biên tập"), ("en", "Meeting archive — Editing")],
)
def test_the_admin_is_named_in_the_interface_language(editor_client, language, header):
    editor_client.cookies["django_language"] = language
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert f'<div id="site-name"><a href="/admin/">{header}</a></div>' in html
    assert f"| {header}</title>" in html
    assert "Django" not in html


def test_login_attempts_are_out_of_the_editors_way(editor_client, editor_user):
    from django.test import Client

    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "axes" not in index.lower() and "access attempt" not in index.lower()
    assert 'href="/admin/security/"' in index  # superusers get a link
    assert editor_client.get("/admin/security/axes/accessattempt/").status_code == 200

    editor = Client()
    editor.force_login(editor_user)
    index = editor.get(reverse("admin:index")).content.decode()
    assert "/admin/security/" not in index
    assert editor.get("/admin/security/axes/accessattempt/").status_code == 302  # to login
