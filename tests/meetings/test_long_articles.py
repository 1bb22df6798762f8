"""Long articles: imported in a number of statements that does not grow with their length,
completely (every name, caption and figure, with history), still found by search, and refused
by the admin page past its limit with a message that says how to import them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import ReportedValue
from meetings.importer import extract_article
from meetings.models import Job, JobStatus, Meeting, Participation, Photo, PhotoPerson
from meetings.services import ArticleImportError, meeting_import_from_text
from people.models import Person
from people.search.expressions import vector_condition
from people.search.query import Words, analyse
from people.text import fold
from tests.long_article import long_article

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL keeps search data by triggers"
)


def statements_to_import(text: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        # New meetings: the generated articles name the same people, so each would otherwise
        # be proposed as another report of the previous one.
        meeting_import_from_text(text=text, new=True)
    return len(queries)


def rows(text: str) -> int:
    data = extract_article(text)
    return len(data["people"]) + len(data["indicators"])


def test_statements_per_import_do_not_grow_with_names_and_figures():
    # 200 KB names twice the people and figures of 100 KB (700 rows more): a statement a row
    # (and a lookup, and its history) would send thousands more. PostgreSQL sends the same
    # number; SQLite splits a bulk insert into batches of a few dozen rows. A first import
    # creates the organizations and documents the paragraphs name, which both then reuse.
    meeting_import_from_text(text=long_article(60), new=True)
    short, long = long_article(100), long_article(200)
    assert rows(long) - rows(short) > 600
    added = statements_to_import(long) - statements_to_import(short)
    assert added < (rows(long) - rows(short)) / 10


@pytest.fixture
def imported():
    text = long_article(200)
    return text, extract_article(text), meeting_import_from_text(text=text).meeting


def test_every_row_of_a_long_article_is_written_with_its_history(imported):
    _text, data, meeting = imported
    participations = Participation.objects.filter(meeting=meeting)
    people = Person.objects.filter(participations__meeting=meeting).distinct()
    photos = Photo.objects.filter(meeting=meeting)
    figures = ReportedValue.objects.filter(meeting=meeting)
    assert participations.count() >= len(data["people"]) > 600
    assert photos.count() == len(data["photos"]) == 18
    assert figures.count() == len(data["indicators"]) > 700
    assert PhotoPerson.objects.filter(photo__meeting=meeting).exists()
    for rows in (participations, people, photos, figures):
        model = rows.model
        # `id` is the row's own key in its history; the history's `pk` is `history_id`.
        recorded = model.history.filter(id__in=rows.values("pk"), history_type="+")
        assert recorded.count() == rows.count(), model.__name__
    # Slugs stay unique, and the derived fields are those save() derives.
    assert people.values("slug").distinct().count() == people.count()
    assert all(person.name_folded == fold(person.full_name) for person in people)
    assert all(photo.search_text.strip() for photo in photos)


def test_search_finds_every_official_of_a_long_article(imported):
    _text, data, meeting = imported
    for person in data["people"][:: len(data["people"]) // 25]:
        assert meeting in Meeting.objects.search(analyse(person["name"])), person["name"]


@postgres_only
def test_the_text_holds_names_as_phrases_deep_in_a_long_article(imported):
    # A tsvector keeps no position past 16,383 and at most 256 of one word: the order of a
    # three-word name near the end of a 200 KB report is read from the folded text.
    text, data, meeting = imported
    last = data["people"][-1]["name"]
    assert text.rindex(last) > len(text) * 0.9
    words = Words(tuple(analyse(last).words), phrase=True, prefix=False)
    assert Meeting.objects.filter(vector_condition(words), pk=meeting.pk).exists()


def own_words_marked(meeting, word: str) -> None:
    """Replace the meeting's own part of its vector, behind the triggers' back."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE meetings_meeting SET search_vector = setweight(to_tsvector('simple', %s), 'A')"
            " || (SELECT public.ma_tsvector_concat(search_vector ORDER BY id)"
            " FROM meetings_photo WHERE meeting_id = %s) WHERE id = %s",
            [word, meeting.pk, meeting.pk],
        )
        cursor.execute("SET LOCAL session_replication_role = origin")


def vector_holds(meeting, word: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector @@ to_tsquery('simple', %s) FROM meetings_meeting WHERE id = %s",
            [word, meeting.pk],
        )
        return cursor.fetchone()[0]


@postgres_only
def test_a_caption_added_does_not_rebuild_the_vector_of_the_meetings_text(imported):
    _text, _data, meeting = imported
    own_words_marked(meeting, "marker")
    # The trigger keeps the meeting's own words as stored: the marker shows they were not read
    # again from the 200 KB text, which photos added one by one used to cost each time.
    Photo.objects.create(meeting=meeting, caption="Toàn cảnh hội nghị sơ kết")
    assert vector_holds(meeting, "marker") and vector_holds(meeting, "so <-> ket")
    Photo.objects.filter(meeting=meeting, caption__startswith="Toàn cảnh").delete()
    assert vector_holds(meeting, "marker") and not vector_holds(meeting, "so <-> ket")
    # A change of the text, or a vector set to NULL, rebuilds it from the text.
    Meeting.objects.filter(pk=meeting.pk).update(place="Thái Nguyên, Phổ Yên")
    assert not vector_holds(meeting, "marker") and vector_holds(meeting, "pho <-> yen")
    own_words_marked(meeting, "marker")
    Meeting.objects.filter(pk=meeting.pk).update(search_vector=None)
    assert not vector_holds(meeting, "marker") and vector_holds(meeting, "thai <-> nguyen")


def test_the_admin_page_imports_an_article_longer_than_its_limit_without_a_preview(
    editor_client, settings
):
    settings.ARTICLE_IMPORT_ADMIN_MAX_KB = 50
    url = reverse("admin:meetings_meeting_import")
    upload = SimpleUploadedFile("bai.txt", long_article(60).encode(), content_type="text/plain")
    response = editor_client.post(url, {"file": upload})
    # No broker in the tests: the job ran at once, and the draft's review screen opens.
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:meetings_meeting_review", args=[meeting.pk])
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED and job.result["meeting"] == meeting.pk
    # The same article pasted is the same work: nothing more is queued or written.
    assert editor_client.post(url, {"text": long_article(60)}).status_code == 302
    assert Job.objects.count() == 1 and Meeting.objects.count() == 1
    # Within the limit, the page previews it first.
    preview = editor_client.post(url, {"text": long_article(40)})
    assert preview.status_code == 200 and 'id="confirm-import"' in preview.content.decode()


@postgres_only
def test_a_vector_keeps_within_its_size_limit_however_many_word_pairs():
    # 1.5 MB of text whose 320,000 adjacent pairs all differ: written whole, they overflowed a
    # tsvector's 1 MB and the meeting could not be saved. The pairs are capped (the first the
    # text has, 600 KB of them); every word is kept.
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH doc AS (SELECT ' ' || string_agg('a' || j || ' b' || k, ' ' ORDER BY j, k)"
            " || ' ' AS text FROM generate_series(1, 400) j, generate_series(1, 400) k),"
            " vector AS (SELECT public.ma_search_vector(text) AS v FROM doc)"
            " SELECT v @@ '''~a1 b1'''::tsquery, v @@ '''~a400 b400'''::tsquery,"
            " v @@ 'a400 & b400'::tsquery FROM vector"
        )
        assert cursor.fetchone() == (True, False, True)


@postgres_only
def test_a_word_longer_than_a_lexeme_is_stored_and_the_meeting_still_found():
    """PostgreSQL's lexemes hold at most 2,046 bytes: a longer word (or word pair) used to
    make the search trigger raise, a 500 on saving the meeting."""
    long_word = "x" * 3000
    body = f"<p>Quảng Trị {long_word} tổng kết</p>"
    meeting = Meeting.objects.create(title="Làm việc", body=body, slug="dai")

    meeting.refresh_from_db()
    assert meeting.body == body
    words = Words(tuple(analyse("Quảng Trị").words), phrase=True, prefix=False)
    assert list(Meeting.objects.filter(vector_condition(words))) == [meeting]


@postgres_only
def test_an_article_of_more_distinct_words_than_a_vector_holds_is_refused_whole():
    """A tsvector holds at most 1 MB of distinct lexemes: 130,000 distinct made-up words
    (1.2 MB, under the importer's 2 MB) cannot be indexed, so the import is refused with a
    message and writes nothing."""
    words = " ".join(f"tu{n:07d}" for n in range(130_000))
    text = f"Đoàn công tác làm việc với tỉnh Quảng Trị\n\n{words}."
    before = Meeting.objects.count(), Person.objects.count()

    with pytest.raises(ArticleImportError, match="nhiều từ khác nhau"):
        meeting_import_from_text(text=text)

    assert (Meeting.objects.count(), Person.objects.count()) == before
