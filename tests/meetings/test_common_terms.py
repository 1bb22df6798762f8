"""The rows lacking each common term, which PostgreSQL keeps (migration meetings 0038): after any
write they are exactly the rows whose words lack the term, and a common word searched alone is
counted from them, as the whole archive less the meetings it does not find."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import CommonTerm, Meeting, MeetingFacetRow, TermAbsence
from people import pagecache
from people.search.expressions import vector_condition, vector_terms
from people.search.query import Words
from tests.factories import (
    MeetingFactory,
    ParticipationFactory,
    PersonFactory,
    ResolutionFactory,
    draft_meeting,
)
from tests.meetings.test_facet_rows import write_beside

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kept by PostgreSQL alone"),
]

TINH = ["'tinh'", "'tinh':*"]


def lexemes_of(vector: str | None) -> set[str]:
    """The lexemes of a tsvector as text (`'tinh':3 'so':4`), read in Python."""
    return {word.replace("''", "'") for word in re.findall(r"'((?:[^']|'')*)'", vector or "")}


def holds(vector: str | None, term: str) -> bool:
    """Whether a vector holds `term` as the search writes it: `'word'` or `'start':*`."""
    word = term.split("'")[1]
    words = lexemes_of(vector)
    if term.endswith(":*"):
        return any(lexeme.startswith(word) for lexeme in words)
    return word in words


def expected_absences() -> set[tuple[str, int]]:
    terms = CommonTerm.objects.values_list("term", flat=True)
    vectors = MeetingFacetRow.objects.values_list("pk", "search_vector")
    return {(term, pk) for term in terms for pk, vector in vectors if not holds(vector, term)}


def agree():
    """The stored absences are the rows lacking each common term, read from their words."""
    assert set(TermAbsence.objects.values_list("term", "meeting")) == expected_absences()


def archive():
    """Published meetings with the word "tỉnh", one without it, and a draft and a meeting
    published for later that lack it too."""
    with_word = MeetingFactory.create_batch(4, title="Làm việc với tỉnh về chuyển đổi số")
    without = MeetingFactory(title="Hội nghị sơ kết nghị quyết")
    draft = draft_meeting(title="Bản nháp")
    later = timezone.now() + datetime.timedelta(days=1)
    scheduled = MeetingFactory(title="Hẹn giờ", published_at=later)
    return with_word, without, draft, scheduled


@pytest.mark.parametrize(
    "words",
    [
        Words(("tinh",)),
        Words(("tinh", "so")),
        Words(("viec", "tinh"), prefix=False),
        Words(("chuyen", "doi"), phrase=True),
        Words(("doi", "chuyen"), phrase=True),
    ],
)
def test_the_terms_are_what_the_vector_condition_asks_of_a_row(words):
    archive()
    MeetingFactory(title="Kiểm soát tỉnh, đổi chuyển")  # "soát" starts with "so"

    found = MeetingFacetRow.objects.filter(vector_condition(words)).values_list("pk", flat=True)
    terms = vector_terms(words)

    vectors = MeetingFacetRow.objects.values_list("pk", "search_vector")
    assert terms
    assert set(found) == {pk for pk, vector in vectors if all(holds(vector, t) for t in terms)}


def test_a_longer_phrase_has_no_terms_as_its_order_is_checked_too():
    assert vector_terms(Words(("chuyen", "doi", "so"), phrase=True)) == ()


def test_the_terms_most_rows_hold_are_tracked_with_the_rows_lacking_them():
    with_word, without, draft, scheduled = archive()

    version = pagecache.archive_version()

    terms = CommonTerm.objects.refresh(least_share=0.55)

    assert pagecache.archive_version() != version  # no facets counted meanwhile are kept
    assert set(TINH) <= set(terms)  # in 4 of 7 rows
    assert not {"'hoi'", "'nhap'"} & set(terms)  # in one each
    assert set(CommonTerm.objects.values_list("term", flat=True)) == set(terms)
    assert set(TermAbsence.objects.filter(term="'tinh'").values_list("meeting", flat=True)) == {
        without.pk,
        draft.pk,
        scheduled.pk,
    }
    agree()
    assert CommonTerm.objects.refresh(least_share=0.99) == []  # none is in every row
    assert not TermAbsence.objects.exists()


def test_writes_of_every_kind_keep_the_absences():
    with_word, without, draft, _scheduled = archive()
    CommonTerm.objects.refresh(least_share=0.55)
    new = MeetingFactory(title="Hội nghị")  # created lacking the word
    agree()
    assert ("'tinh'", new.pk) in set(TermAbsence.objects.values_list("term", "meeting"))
    new.title = "Hội nghị tỉnh ủy"  # edited to hold it
    new.save()
    with_word[0].title = "Làm việc về chuyển đổi số"  # edited to lose it
    with_word[0].save()
    agree()
    assert ("'tinh'", with_word[0].pk) in set(TermAbsence.objects.values_list("term", "meeting"))
    Meeting.objects.filter(pk__in=[without.pk, draft.pk]).update(summary="Tỉnh Thái Nguyên")
    ParticipationFactory(meeting=with_word[1])  # rewrites the row's organizations only
    agree()
    with_word[2].delete()
    new.delete()
    agree()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no checks pending
        cursor.execute("TRUNCATE meetings_meeting CASCADE")
    assert not TermAbsence.objects.exists()
    assert not CommonTerm.objects.exists()  # an emptied archive has no common words


def facets_of(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/meetings/", params)
    counted_the_rest = any("meetings_termabsence" in q["sql"] for q in queries.captured_queries)
    return response.context["facets"], list(response.context["page_obj"]), counted_the_rest


@pytest.mark.parametrize(("text", "found"), [("tỉnh", 6), ("TINH", 6), ("tỉnh số", 5)])
def test_a_common_word_alone_is_counted_as_the_archive_less_the_meetings_without_it(
    client, text, found
):
    """The same facets as counted from the rows found, drafts and later publications left out,
    an official named for the word bringing meetings that lack it, documents ranked alike."""
    common, rare = ResolutionFactory(code="52-NQ/TW"), ResolutionFactory(code="23-NQ/TW")
    with_word, without, draft, scheduled = archive()
    for meeting in [*with_word, without, draft, scheduled]:
        meeting.resolutions.add(common)
    with_word[0].resolutions.add(rare)
    without.resolutions.add(rare)
    # "Tĩnh" names an official: the meetings he attended are found though their words lack it.
    named = MeetingFactory(title="Đối thoại", area=None, date=datetime.date(2021, 1, 1))
    ParticipationFactory(meeting=named, person=PersonFactory(full_name="Lê Văn Tĩnh"))
    MeetingFactory(title="Tiếp xúc cử tri tỉnh, số hóa", date=datetime.date(2020, 1, 1))
    counted = facets_of(client, {"q": text})
    assert not counted[2]  # nothing tracked yet: counted from the rows found

    CommonTerm.objects.refresh(least_share=0.4)
    facets, listed, counted_the_rest = facets_of(client, {"q": text})

    assert counted_the_rest
    assert (facets, listed) == counted[:2]
    # With the word: four, 2020's, and (for "tỉnh" alone) the official's.
    assert facets["total"] == len(listed) == found
    assert [(f["resolution__code"], f["count"]) for f in facets["resolutions"]] == [
        ("52-NQ/TW", 4),
        ("23-NQ/TW", 1),
    ]


def test_a_common_word_with_another_filter_or_beside_a_rare_one_is_counted_as_found(client):
    archive()
    CommonTerm.objects.refresh(least_share=0.55)
    for params in [{"q": "tỉnh", "year": "2024"}, {"q": "tỉnh hội"}, {"q": "hội nghị"}]:
        facets, listed, counted_the_rest = facets_of(client, params)
        assert not counted_the_rest
        assert facets["total"] == len(listed)


@pytest.mark.django_db(transaction=True)
def test_writes_wait_for_a_refresh_and_their_absences_are_kept():
    """The refresh lists a new term's absences from what it reads; a write it did not read
    must not fall between that list and the triggers that keep it."""
    with_word, without, *_ = archive()

    def retitle():
        Meeting.objects.filter(pk=without.pk).update(title="Về tỉnh")  # now holds it

    write_beside(lambda: CommonTerm.objects.refresh(least_share=0.55), retitle)

    agree()
    assert not TermAbsence.objects.filter(meeting=without.pk, term="'tinh'").exists()
