"""The narrow meeting rows PostgreSQL keeps for counting a text's matches (migration meetings
0036, their organizations 0037): after any write each says what its meeting says, and a text
searched alone is counted from them."""

import datetime
import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from meetings.models import CELL_SHIFT, Delegation, Meeting, MeetingFacetRow, Participation
from tests.factories import (
    AreaFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    ResolutionFactory,
    draft_meeting,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kept by PostgreSQL alone"),
]


def organizations_of(meeting) -> list[int]:
    """The organizations `meeting` involves, each way one can, asked of the ORM."""
    ids = {
        *meeting.host_organizations.values_list("pk", flat=True),
        *meeting.visited_organizations.values_list("pk", flat=True),
        *Delegation.objects.filter(meeting=meeting).values_list("lead_organization", flat=True),
        *meeting.participations.exclude(organization=None).values_list("organization", flat=True),
    }
    return sorted(ids)


def expected_rows():
    """Each meeting as its facet row should read, from the meetings and their links."""
    rows = {}
    for meeting in Meeting.objects.order_by("pk"):
        rows[meeting.pk] = (
            meeting.status,
            meeting.published_at,
            meeting.date,
            meeting.area_id,
            meeting.kind,
            sorted(meeting.resolutions.values_list("pk", flat=True)),
            cell_key(meeting.date, meeting.area_id),
            organizations_of(meeting),
            meeting.search_text,
            meeting.search_vector,
        )
    return rows


def cell_key(date, area_id) -> int:
    """The key a row is counted under for its year and area."""
    return -((date.year if date else 0) * CELL_SHIFT + (area_id or 0))


def stored_rows():
    columns = ["status", "published_at", "date", "area_id", "kind"]
    rows = MeetingFacetRow.objects.values_list(
        "pk", *columns, "facet_keys", "organization_ids", "search_text", "search_vector"
    )
    return {pk: (*row[:5], *document_ids_and_cell(row[5]), *row[6:]) for pk, *row in rows}


def document_ids_and_cell(keys):
    (cell,) = [key for key in keys if key < 0]
    return sorted(key for key in keys if key > 0), cell


def documents_of(meeting) -> list[int]:
    return document_ids_and_cell(MeetingFacetRow.objects.get(pk=meeting.pk).facet_keys)[0]


def agree(meetings: int):
    """The stored rows say what the meetings say, and there are `meetings` of them."""
    assert stored_rows() == expected_rows()
    assert MeetingFacetRow.objects.count() == meetings


def test_a_new_meeting_has_a_row_with_its_search_columns_and_documents():
    nq52, nq23 = ResolutionFactory(), ResolutionFactory()
    meeting = MeetingFactory(title="Làm việc về chuyển đổi số", area=AreaFactory())
    meeting.resolutions.add(nq52, nq23)
    draft_meeting(date=None, date_precision="unknown")

    agree(2)
    row = MeetingFacetRow.objects.get(pk=meeting.pk)
    assert "chuyen doi so" in row.search_text
    assert documents_of(meeting) == sorted([nq52.pk, nq23.pk])


def test_edits_publication_moves_and_deletion_reach_the_rows():
    nq52 = ResolutionFactory()
    meeting = draft_meeting(date=datetime.date(2022, 3, 1))
    meeting.resolutions.add(nq52)
    meeting.status, meeting.published_at = Meeting.Status.PUBLISHED, timezone.now()
    meeting.title = "Khảo sát nhà máy"
    meeting.save()
    agree(1)
    meeting.date, meeting.area = datetime.date(2024, 3, 1), AreaFactory()
    meeting.kind = Meeting.Kind.SITE_VISIT
    meeting.save()
    Meeting.objects.filter(pk=meeting.pk).update(summary="Hội nghị sơ kết")
    agree(1)
    assert "hoi nghi so ket" in MeetingFacetRow.objects.get(pk=meeting.pk).search_text
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.READY)
    agree(1)
    meeting.delete()
    agree(0)


def test_documents_linked_unlinked_moved_and_cleared_in_bulk_reach_the_rows():
    documents = ResolutionFactory.create_batch(3)
    meetings = MeetingFactory.create_batch(2)
    for meeting in meetings:
        meeting.resolutions.set(documents)
    agree(2)
    meetings[0].resolutions.remove(documents[0])
    links = Meeting.resolutions.through.objects
    other = draft_meeting()
    links.filter(meeting=meetings[1], resolution=documents[0]).update(meeting=other)
    agree(3)
    assert documents_of(other) == [documents[0].pk]
    meetings[1].resolutions.clear()
    agree(3)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no checks pending
        cursor.execute("TRUNCATE meetings_meeting_resolutions")
    agree(3)
    assert documents_of(meetings[0]) == []


def write_beside(first_write, second_write):
    """`second_write` in a connection of its own while `first_write`'s transaction is open:
    it is shown to wait for that transaction, and both are committed on return."""
    began, done = threading.Event(), threading.Event()

    def write_second():
        try:
            began.wait(5)
            second_write()
        finally:
            connections["default"].close()
            done.set()

    writer = threading.Thread(target=write_second)
    writer.start()
    with transaction.atomic():
        first_write()
        began.set()
        assert not done.wait(0.5)  # the second writer waits for this transaction
    writer.join(10)


@pytest.mark.django_db(transaction=True)
def test_two_editors_linking_documents_to_one_meeting_at_once_both_count():
    """The second writer waits for the row the first has changed, then adds to what the
    first committed rather than to what it saw when it began."""
    meeting = MeetingFactory()
    first, second = ResolutionFactory(), ResolutionFactory()

    write_beside(lambda: meeting.resolutions.add(first), lambda: meeting.resolutions.add(second))

    assert documents_of(meeting) == sorted([first.pk, second.pk])
    agree(1)


def test_an_organization_joins_a_row_by_any_of_four_ways_and_leaves_with_the_last():
    host, visited, lead, sender = OrganizationFactory.create_batch(4)
    meeting, other = MeetingFactory(), draft_meeting()
    meeting.host_organizations.add(host, sender)
    meeting.visited_organizations.add(visited)
    delegation = Delegation.objects.create(meeting=meeting, lead_organization=lead)
    first = ParticipationFactory(meeting=meeting, organization=sender)
    ParticipationFactory(meeting=meeting, organization=sender)
    ParticipationFactory(meeting=other, organization=None)
    agree(2)
    assert MeetingFacetRow.objects.get(pk=meeting.pk).organization_ids == sorted(
        [host.pk, visited.pk, lead.pk, sender.pk]
    )

    meeting.host_organizations.remove(sender)  # still sends two participants
    first.delete()  # still sends one
    agree(2)
    assert sender.pk in MeetingFacetRow.objects.get(pk=meeting.pk).organization_ids
    Participation.objects.filter(meeting=meeting).update(organization=None, meeting=other)
    agree(2)
    assert MeetingFacetRow.objects.get(pk=other.pk).organization_ids == []
    delegation.lead_organization = host
    delegation.save()
    meeting.visited_organizations.clear()
    agree(2)
    assert MeetingFacetRow.objects.get(pk=meeting.pk).organization_ids == [host.pk]
    delegation.delete()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no checks pending
        cursor.execute("TRUNCATE meetings_meeting_host_organizations")
    agree(2)
    assert MeetingFacetRow.objects.get(pk=meeting.pk).organization_ids == []


@pytest.mark.django_db(transaction=True)
def test_two_editors_adding_participants_to_one_meeting_at_once_both_count():
    """The organizations are recounted, not added in place; the recount of the second writer
    waits for the row the first has changed and then sees what the first committed."""
    meeting = MeetingFactory()
    first, second = OrganizationFactory(), OrganizationFactory()

    write_beside(
        lambda: ParticipationFactory(meeting=meeting, organization=first),
        lambda: ParticipationFactory(meeting=meeting, organization=second),
    )

    assert MeetingFacetRow.objects.get(pk=meeting.pk).organization_ids == sorted(
        [first.pk, second.pk]
    )
    agree(1)


def test_a_text_searched_alone_is_counted_from_the_rows(client):
    nq52 = ResolutionFactory(code="52-NQ/TW")
    area = AreaFactory()
    MeetingFactory(title="Chuyển đổi số", area=area, date=datetime.date(2023, 5, 1))
    latest = MeetingFactory(title="Chuyển đổi số", area=area, date=datetime.date(2024, 5, 1))
    latest.resolutions.add(nq52)
    draft_meeting(title="Chuyển đổi số", area=area).resolutions.add(nq52)
    # What only the rows say: a meeting of 2023 in the meetings is of 2021 in the rows.
    MeetingFacetRow.objects.filter(date__year=2023).update(
        facet_keys=[cell_key(datetime.date(2021, 5, 1), area.pk)]
    )

    facets = client.get("/meetings/", {"q": "chuyển đổi số"}).context["facets"]

    assert facets["total"] == 2
    assert facets["years"] == [{"year": 2024, "count": 1}, {"year": 2021, "count": 1}]
    assert [(f["resolution__code"], f["count"]) for f in facets["resolutions"]] == [("52-NQ/TW", 1)]
