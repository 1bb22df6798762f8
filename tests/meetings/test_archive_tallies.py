"""The whole archive's tallies the database keeps (migration meetings 0034): after any write,
the archive's facets read from them say what counting the public meetings says."""

import datetime

import pytest
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone

from meetings.filters import FACET_RESOLUTIONS
from meetings.models import ArchiveTally, DocumentTally, Meeting
from meetings.sitemaps import MeetingSitemap
from tests.factories import AreaFactory, MeetingFactory, ResolutionFactory, draft_meeting

pytestmark = pytest.mark.django_db


def counted():
    public = Meeting.objects.published().order_by()
    cells = public.annotate(year=ExtractYear("date")).values_list("year", "area_id")
    links = Meeting.resolutions.through.objects.filter(meeting__in=public.values("pk"))
    documents = links.values_list("resolution_id").annotate(n=Count("pk")).order_by()
    ranked = sorted(documents, key=lambda row: (-row[1], row[0]))
    return (
        sorted(cells.annotate(n=Count("pk")), key=repr),
        dict(ranked[:FACET_RESOLUTIONS]),
    )


def tallied():
    cells = ArchiveTally.objects.public_cells()
    return sorted(cells, key=repr), DocumentTally.objects.most_discussed(FACET_RESOLUTIONS)


def agree(cells: int, documents: dict):
    """The tallies say what counting says, and that is `cells` cells and `documents`."""
    assert tallied() == counted()
    found_cells, found_documents = counted()
    assert len(found_cells) == cells
    assert found_documents == documents


def test_published_meetings_are_tallied_by_year_area_and_document_and_drafts_are_not():
    nq52, nq23 = ResolutionFactory(), ResolutionFactory()
    area = AreaFactory()
    first = MeetingFactory(area=area, date=datetime.date(2023, 1, 5))
    first.resolutions.add(nq52, nq23)
    MeetingFactory(area=area, date=datetime.date(2023, 6, 1)).resolutions.add(nq52)
    MeetingFactory(area=None, date=None, date_precision="unknown")
    draft_meeting(area=area).resolutions.add(nq23)
    agree(2, {nq52.pk: 2, nq23.pk: 1})
    assert ArchiveTally.objects.get(year=2023, area=area).meetings == 2


def test_publishing_unpublishing_moving_and_deleting_a_meeting_move_its_counts():
    nq52 = ResolutionFactory()
    meeting = draft_meeting(date=datetime.date(2022, 3, 1))
    meeting.resolutions.add(nq52)
    agree(0, {})
    meeting.status, meeting.published_at = Meeting.Status.PUBLISHED, timezone.now()
    meeting.save()
    agree(1, {nq52.pk: 1})
    meeting.date = datetime.date(2024, 3, 1)
    meeting.area = AreaFactory()
    meeting.save()
    agree(1, {nq52.pk: 1})
    Meeting.objects.filter(pk=meeting.pk).update(date=None, date_precision="unknown")
    agree(1, {nq52.pk: 1})
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.READY)
    agree(0, {})
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    agree(1, {nq52.pk: 1})
    meeting.delete()
    agree(0, {})
    assert set(ArchiveTally.objects.values_list("meetings", flat=True)) == {0}


def test_documents_linked_unlinked_and_cleared_in_bulk_are_tallied():
    documents = ResolutionFactory.create_batch(3)
    meetings = MeetingFactory.create_batch(2)
    for meeting in meetings:
        meeting.resolutions.set(documents)
    agree(len(meetings), {document.pk: 2 for document in documents})
    meetings[0].resolutions.remove(documents[0])
    links = Meeting.resolutions.through.objects
    links.filter(meeting=meetings[1], resolution=documents[0]).update(meeting=draft_meeting())
    agree(len(meetings), {documents[1].pk: 2, documents[2].pk: 2})
    meetings[1].resolutions.clear()
    agree(len(meetings), {documents[1].pk: 1, documents[2].pk: 1})
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(status=Meeting.Status.DRAFT)
    agree(0, {})


def test_a_meeting_published_for_later_is_counted_when_the_time_comes():
    nq52 = ResolutionFactory()
    later = MeetingFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    later.resolutions.add(nq52)
    agree(0, {})
    Meeting.objects.filter(pk=later.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    agree(1, {nq52.pk: 1})


def test_the_most_discussed_are_ranked_after_taking_away_what_is_published_for_later():
    documents = ResolutionFactory.create_batch(FACET_RESOLUTIONS + 2)
    for place, document in enumerate(documents):
        for _ in range(2 if 0 < place < FACET_RESOLUTIONS else 1):
            MeetingFactory().resolutions.add(document)
    # Three meetings for tomorrow lift the first document above every other in the tallies,
    # and two of today lift the last two: only what is public ranks them right.
    for _ in range(3):
        tomorrow = timezone.now() + datetime.timedelta(days=1)
        MeetingFactory(published_at=tomorrow).resolutions.add(documents[0])
    for document in documents[-2:]:
        MeetingFactory().resolutions.add(document)
        MeetingFactory().resolutions.add(document)
    assert DocumentTally.objects.get(resolution=documents[0]).meetings == 4
    expected = {document.pk: 3 for document in documents[-2:]}
    expected.update({document.pk: 2 for document in documents[1 : FACET_RESOLUTIONS - 1]})
    agree(2 * FACET_RESOLUTIONS + 1 + 4, expected)  # a new area for each meeting


def test_the_whole_archive_reads_its_facets_from_the_tallies(client, django_assert_num_queries):
    area = AreaFactory(name="Thái Nguyên")
    nq52 = ResolutionFactory(code="52-NQ/TW")
    for year in (2022, 2023, 2023):
        MeetingFactory(area=area, date=datetime.date(year, 5, 1)).resolutions.add(nq52)
    MeetingFactory(published_at=timezone.now() + datetime.timedelta(days=1), area=area)
    ArchiveTally.objects.filter(year=2022).update(meetings=7)  # what only the tallies say

    facets = client.get("/meetings/").context["facets"]
    filtered = client.get("/meetings/", {"area": area.slug}).context["facets"]

    assert facets["years"] == [{"year": 2023, "count": 2}, {"year": 2022, "count": 7}]
    assert filtered["years"] == [{"year": 2023, "count": 2}, {"year": 2022, "count": 1}]
    assert [(f["resolution__code"], f["count"]) for f in facets["resolutions"]] == [("52-NQ/TW", 3)]


def test_the_home_page_reads_its_years_and_count_from_the_tallies(client):
    MeetingFactory(date=datetime.date(2021, 5, 1))
    MeetingFactory(date=datetime.date(2024, 5, 1))
    MeetingFactory(date=None, date_precision="unknown")
    MeetingFactory(
        date=datetime.date(2019, 5, 1), published_at=timezone.now() + datetime.timedelta(days=1)
    )
    draft_meeting(date=datetime.date(2018, 5, 1))

    context = client.get("/").context

    assert (context["years"], context["meeting_count"]) == ([2024, 2021], 3)
    ArchiveTally.objects.filter(year=2021).update(meetings=0)
    assert client.get("/").context["years"] == [2024]  # what only the tallies say


def test_the_sitemap_counts_the_meetings_from_the_tallies(client, monkeypatch):
    monkeypatch.setattr(MeetingSitemap, "limit", 1)
    MeetingFactory.create_batch(3, date=datetime.date(2024, 5, 1))
    MeetingFactory(published_at=timezone.now() + datetime.timedelta(hours=2))
    draft_meeting()

    index = client.get("/sitemap.xml").content.decode()

    assert index.count("sitemap-meetings.xml") == 3  # a file of one meeting each
    assert client.get("/sitemap-meetings.xml", {"p": 4}).status_code == 404
