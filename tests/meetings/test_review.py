"""The review screen (issue 16, parts 1 and 2): an import is previewed before anything is
saved; a draft's facts are accepted, corrected in place or rejected beside the article's text;
its notes are counted and settled, and a draft with open notes is not sent for publishing."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import ReportedValue
from meetings.models import Meeting, ReviewNote
from meetings.review import Fact, highlighted
from meetings.sample import ARTICLE_PATH
from meetings.services import meeting_import_from_text
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ARTICLE = ARTICLE_PATH.read_text(encoding="utf-8")
IMPORT_URL = reverse("admin:meetings_meeting_import")


def review_url(meeting):
    return reverse("admin:meetings_meeting_review", args=[meeting.pk])


@pytest.fixture
def draft(editor):
    return meeting_import_from_text(text=ARTICLE, user=editor).meeting


def fact_ids(html):
    return re.findall(r'<article class="fact[^"]*" id="fact-([\w-]+)"', html)


def test_the_import_page_previews_and_writes_nothing(editor_client):
    response = editor_client.post(IMPORT_URL, {"text": ARTICLE})
    assert response.status_code == 200
    assert not Meeting.objects.exists() and not ReviewNote.objects.exists()
    html = response.content.decode()
    facts = fact_ids(html)
    assert sum(key.startswith("figure-") for key in facts) == 33
    assert sum(key.startswith("person-") for key in facts) >= 8
    # Each fact found in the text is marked there, and the mark leads back to the fact.
    for key in ("person-0", "figure-0", "photo-0"):
        assert f'id="src-{key}"' in html and f'href="#fact-{key}"' in html
    assert 'name="confirm"' in html and "Chưa lưu gì" in html


def test_confirming_the_preview_saves_the_draft_and_opens_its_review(editor_client):
    preview = editor_client.post(IMPORT_URL, {"text": ARTICLE, "source_url": "https://a.vn/x"})
    hidden = re.search(
        r'<input type="hidden" name="text" value="([^"]*)"', preview.content.decode()
    )
    assert hidden, "the preview carries the article to the confirmation"
    response = editor_client.post(
        IMPORT_URL, {"text": ARTICLE, "source_url": "https://a.vn/x", "confirm": "1"}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == review_url(meeting)
    assert meeting.reports.get().url == "https://a.vn/x"
    assert meeting.notes.open().count() == preview.context["open_count"] == 18


def test_review_screen_shows_every_fact_in_a_fixed_number_of_queries(editor_client, draft):
    editor_client.get(review_url(draft))  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        html = editor_client.get(review_url(draft)).content.decode()
    figures = draft.reported_values.count()
    assert sum(key.startswith("figure-") for key in fact_ids(html)) == figures == 33
    ReportedValue.objects.bulk_create(
        ReportedValue(meeting=draft, indicator=f.indicator, value=f.value + 1, unit=f.unit,
                      source_sentence=f.source_sentence)
        for f in draft.reported_values.all()[:10]
    )  # fmt: skip
    with CaptureQueriesContext(connection) as more:
        editor_client.get(review_url(draft))
    assert len(more) == len(few) <= 30


def test_each_figure_is_marked_in_the_sentence_it_came_from(editor_client, draft):
    html = editor_client.get(review_url(draft)).content.decode()
    marked = dict(re.findall(r'<mark id="src-(figure-\d+)"[^>]*><a [^>]*>\d+</a>([^<]*)', html))
    assert len(marked) >= 30, "nearly every figure's value is found in its sentence"
    figure = draft.reported_values.get(value=Decimal("58.4"))
    assert marked[f"figure-{figure.pk}"].startswith("58,4")


def first_figure_needing_review(meeting):
    return meeting.reported_values.filter(needs_review=True, notes__isnull=False).first()


def test_accepting_a_fact_settles_its_notes_and_moves_to_the_next(editor_client, draft):
    figure = first_figure_needing_review(draft)
    assert figure.notes.open().exists()
    response = editor_client.post(
        review_url(draft), {"fact": f"figure-{figure.pk}", "action": "accept"}
    )
    assert response.status_code == 302 and "#fact-" in response.url
    figure.refresh_from_db()
    assert not figure.needs_review and not figure.notes.open().exists()
    assert figure.notes.get().resolved_by.username == "editor"


def correction(figure, **changes):
    key = f"figure-{figure.pk}"
    data = {"fact": key, "action": "correct", f"{key}-version": figure.version,
            f"{key}-value": "1", f"{key}-unit": figure.unit, f"{key}-qualifier": "",
            f"{key}-period": "", f"{key}-rank": ""}  # fmt: skip
    data.update({f"{key}-{name}": value for name, value in changes.items()})
    return data


def test_a_figure_is_corrected_in_place_in_vietnamese_notation(editor_client, draft):
    figure = first_figure_needing_review(draft)
    data = correction(figure, value="954.964,5", period="01–06/2024", unit="tỷ đồng")
    assert editor_client.post(review_url(draft), data).status_code == 302
    figure.refresh_from_db()
    assert figure.value == Decimal("954964.5") and figure.unit == "tỷ đồng"
    assert figure.period_display == "01–06/2024" and not figure.needs_review


def test_a_title_is_corrected_in_place(editor_client, draft):
    person = draft.participations.filter(person__isnull=False).first()
    key = f"person-{person.pk}"
    data = {"fact": key, "action": "correct", f"{key}-version": person.version,
            f"{key}-title_as_reported": "Phó Trưởng Ban Kinh tế Trung ương",
            f"{key}-side": person.side}  # fmt: skip
    assert editor_client.post(review_url(draft), data).status_code == 302
    person.refresh_from_db()
    assert person.title_as_reported == "Phó Trưởng Ban Kinh tế Trung ương"


@pytest.mark.parametrize(
    "value", ["", "abc", "1e9999", "<b>5</b>", "5'; DROP TABLE x; --", "(.*)+", "9" * 40]
)
def test_a_bad_correction_is_refused_and_changes_nothing(editor_client, draft, value):
    figure = first_figure_needing_review(draft)
    before = ReportedValue.objects.values().get(pk=figure.pk)
    response = editor_client.post(review_url(draft), correction(figure, value=value))
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert ReportedValue.objects.values().get(pk=figure.pk) == before


def test_a_period_that_is_no_period_is_refused(editor_client, draft):
    figure = first_figure_needing_review(draft)
    response = editor_client.post(review_url(draft), correction(figure, period="13/2024"))
    assert response.status_code == 400 and "06/2024" in response.content.decode()


def test_a_correction_from_a_stale_page_is_refused(editor_client, editor_user, draft):
    figure = first_figure_needing_review(draft)
    stale = correction(figure, value="2")
    other = client_for(editor_user)
    assert other.post(review_url(draft), correction(figure, value="3")).status_code == 302
    response = editor_client.post(review_url(draft), stale)
    assert response.status_code == 400
    figure.refresh_from_db()
    assert figure.value == 3


def test_rejecting_removes_the_fact_but_a_title_cannot_be_rejected(editor_client, draft):
    figure = first_figure_needing_review(draft)
    response = editor_client.post(
        review_url(draft), {"fact": f"figure-{figure.pk}", "action": "reject"}
    )
    assert response.status_code == 302
    assert not ReportedValue.objects.filter(pk=figure.pk).exists()
    response = editor_client.post(review_url(draft), {"fact": "title", "action": "reject"})
    assert response.status_code == 400 and Meeting.objects.get(pk=draft.pk).title == draft.title


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"fact": "figure-999999", "action": "accept"}, 409),
        ({"fact": "figure-1", "action": "explode"}, 400),
        ({"fact": "<script>", "action": ""}, 400),
        ({"action": "settle", "note": "not-a-number"}, 400),
    ],
)
def test_decisions_no_form_sends_are_refused_clearly(editor_client, draft, data, status):
    response = editor_client.post(review_url(draft), data)
    assert response.status_code == status
    assert 'class="error"' in response.content.decode()


def test_a_draft_with_open_notes_is_not_sent_for_publishing(editor_client, draft):
    response = editor_client.post(review_url(draft), {"action": "send"})
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT
    assert "chưa được xử lý" in response.content.decode()


def settle_everything(client, meeting):
    """Accept every fact with a note, and mark every other note checked, through the screen."""
    for note in meeting.notes.open():
        if note.participation_id or note.figure_id:
            kind = "person" if note.participation_id else "figure"
            key = f"{kind}-{note.participation_id or note.figure_id}"
            client.post(review_url(meeting), {"fact": key, "action": "accept"})
        elif note.field in {"title", "date", "place"}:
            client.post(review_url(meeting), {"fact": note.field, "action": "accept"})
        else:
            client.post(review_url(meeting), {"action": "settle", "note": note.pk})


def test_once_settled_the_editor_sends_it_and_a_publisher_publishes(
    editor_user, publisher_user, draft
):
    editor = client_for(editor_user)
    settle_everything(editor, draft)
    assert not draft.notes.open().exists()
    assert editor.post(review_url(draft), {"action": "publish"}).status_code == 403
    assert editor.post(review_url(draft), {"action": "send"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.READY
    assert (
        client_for(publisher_user).post(review_url(draft), {"action": "publish"}).status_code == 302
    )
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.PUBLISHED and draft.published_at is not None


def test_the_publish_action_and_the_status_field_refuse_open_notes(admin_client, draft):
    changelist = reverse("admin:meetings_meeting_changelist")
    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT


def test_notes_read_in_the_interface_language(editor_client, draft):
    note = draft.notes.filter(figure__isnull=False).first()
    editor_client.cookies["django_language"] = "en"
    english = editor_client.get(review_url(draft)).content.decode()
    editor_client.cookies["django_language"] = "vi"
    vietnamese = editor_client.get(review_url(draft)).content.decode()
    assert "No period is printed for the figure" in english
    assert "No period is printed for the figure" not in vietnamese
    assert "Không ghi kỳ số liệu" in vietnamese and note.params["value"] in vietnamese


def test_marks_nest_never_cross_and_the_text_stays_escaped():
    text = "Ông <b>Phạm Hoàng Sơn</b> nói (.*)+ tăng 58,4% năm 2024."
    facts = [
        Fact(key="person-1", kind="person", heading="Phạm Hoàng Sơn", reading="",
             quotes=["Phạm Hoàng Sơn"]),
        Fact(key="photo-1", kind="photo", heading="Ảnh", reading="",
             quotes=["Ông <b>Phạm Hoàng Sơn</b> nói (.*)+"]),
        Fact(key="figure-1", kind="figure", heading="x", reading="", quotes=["58,4%"],
             within="tăng 58,4% năm 2024."),
        Fact(key="document-1", kind="document", heading="x", reading="", quotes=["(.*)+"]),
        Fact(key="place", kind="place", heading="x", reading="", quotes=["nói (.*)+ tăng"]),
    ]  # fmt: skip
    html = str(highlighted(text, facts))
    assert "<b>" not in html and "&lt;b&gt;" in html
    # The place is claimed last, and its words cross the caption's: it is left unmarked.
    assert [f.found for f in facts] == [True, True, True, True, False]
    assert html.count("<mark") == html.count("</mark>") == 4
    photo = html.index('id="src-photo-1"')
    first_close = html.index("</mark>")
    assert photo < html.index('id="src-person-1"') < first_close
    assert html.index('id="src-document-1"') < html.index("</mark>", first_close + 1)


def test_the_change_page_links_to_the_review_screen(editor_client, draft):
    html = editor_client.get(reverse("admin:meetings_meeting_change", args=[draft.pk])).content
    assert review_url(draft).encode() in html
