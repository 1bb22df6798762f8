"""An official's profile (/officials/<slug>/): what each block shows, that only published
meetings count, that it costs the same number of queries for 1 meeting as for 500, and that
the official's title is the same there, in the index and in search results."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, Participation, ParticipationCitation
from meetings.search.page import site_search
from people.search.query import analyse
from tests.factories import (
    MeetingFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    PhotoPersonFactory,
    PositionFactory,
    ReportedValueFactory,
    ReportFactory,
    ResolutionFactory,
    draft_meeting,
)

pytestmark = pytest.mark.django_db

# The person, positions, titles, tallies, first and newest meetings, the officials met and
# the documents (each counted, then read), figures, photos (`meetings.profile`).
PROFILE_QUERIES = 12

TITLES = ["Phó Chủ tịch UBND", "Chủ tịch UBND", "Chủ tịch UBND"]
HOST, DELEGATION, OTHER = (Participation.Side.HOST, Participation.Side.DELEGATION, "other")


def day(year, month=1, date=1):
    return datetime.date(year, month, date)


@pytest.fixture
def official():
    """An official at three published meetings, with positions, titles, a colleague met twice
    on the other side, a document, a figure and a photo."""
    person = PersonFactory(full_name="Phạm Hoàng Sơn")
    PositionFactory(person=person, title="Chủ tịch", start_date=day(2020), start_precision="year")
    PositionFactory(
        person=person,
        title="Phó Chủ tịch",
        start_date=day(2015, 3),
        start_precision="month",
        end_date=day(2019, 12, 31),
        end_precision="day",
    )
    other = PersonFactory(full_name="Trần Anh Tú")
    resolution = ResolutionFactory(code="52-NQ/TW")
    meetings = [
        MeetingFactory(title=f"Họp {year}", date=day(year, 5, 10)) for year in (2021, 2022, 2023)
    ]
    for meeting, title in zip(meetings, TITLES, strict=True):
        ParticipationFactory(person=person, meeting=meeting, title_as_reported=title, side=HOST)
    ParticipationFactory(person=other, meeting=meetings[0], side=DELEGATION)
    ParticipationFactory(person=other, meeting=meetings[2], side=DELEGATION)
    ParticipationFactory(meeting=meetings[1], side=HOST)  # the same side: not "met"
    first = Participation.objects.get(person=person, meeting=meetings[0])
    first.chaired = first.spoke = True
    first.save()
    report = ReportFactory(meeting=meetings[0])
    ParticipationCitation.objects.create(
        participation=first, report=report, title_as_printed="Phó CT UBND tỉnh"
    )
    meetings[0].resolutions.add(resolution)
    meetings[2].resolutions.add(resolution)
    ReportedValueFactory(meeting=meetings[2])
    PhotoPersonFactory(person=person, photo=PhotoFactory(meeting=meetings[1], caption="Ảnh họp"))
    return person


def profile(client, person):
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    return response.context, response.content.decode()


def test_profile_shows_every_block(client, official):
    context, html = profile(client, official)

    assert [p.title for p in context["positions"]] == ["Chủ tịch", "Phó Chủ tịch"]
    assert "năm 2020 – …" in html and "tháng 3/2015 – 31/12/2019" in html
    assert [(t["title"], t["first"], t["last"]) for t in context["titles"]] == [
        ("Chủ tịch UBND", day(2022, 5, 10), day(2023, 5, 10)),
        ("Phó CT UBND tỉnh", day(2021, 5, 10), day(2021, 5, 10)),
        ("Phó Chủ tịch UBND", day(2021, 5, 10), day(2021, 5, 10)),
    ]
    assert context["tallies"] == {
        "meetings": 3,
        "delegation": 0,
        "host": 3,
        "other": 0,
        "led_delegation": 0,
        "chaired": 1,
        "reported": 0,
        "spoke": 1,
    }
    assert context["first_participation"].meeting.title == "Họp 2021"
    assert [p.meeting.title for p in context["participations"]] == [
        "Họp 2023",
        "Họp 2022",
        "Họp 2021",
    ]
    assert [(p.full_name, p.shared) for p in context["met"]] == [("Trần Anh Tú", 2)]
    assert [(r.code, r.meeting_count) for r in context["documents"]] == [("52-NQ/TW", 2)]
    assert len(context["figures"]) == 1 and len(context["photos"]) == 1
    archive = f"{reverse('meetings:list')}?person={official.slug}"
    assert f'href="{archive}"' in html
    assert f'href="{archive}&amp;resolution=52-nq-tw"' in html
    assert 'href="#met"' in html and 'id="met"' in html
    assert 'loading="lazy"' in html and 'alt="Ảnh họp"' in html


def test_a_draft_meeting_changes_nothing(client, official):
    before, _html = profile(client, official)
    before = {key: _comparable(before[key]) for key in BLOCKS}
    draft = draft_meeting(title="Nháp kín", date=day(2024, 1, 1))
    ParticipationFactory(person=official, meeting=draft, title_as_reported="Chức nháp", side=OTHER)
    other = Participation.objects.filter(side=DELEGATION).first().person
    ParticipationFactory(person=other, meeting=draft, side=DELEGATION)
    draft.resolutions.add(ResolutionFactory())
    ReportedValueFactory(meeting=draft)
    PhotoPersonFactory(person=official, photo=PhotoFactory(meeting=draft, caption="Ảnh nháp"))
    scheduled = MeetingFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    ParticipationFactory(person=official, meeting=scheduled, chaired=True)

    after, html = profile(client, official)

    assert {key: _comparable(after[key]) for key in BLOCKS} == before
    assert "Nháp kín" not in html and "Chức nháp" not in html and "Ảnh nháp" not in html


BLOCKS = [
    "titles",
    "tallies",
    "first_participation",
    "participations",
    "met",
    "documents",
    "figures",
    "photos",
]


def _comparable(block):
    if isinstance(block, dict | list) and not hasattr(block, "model"):
        return block
    if hasattr(block, "pk"):
        return block.pk
    return [
        (row.pk, getattr(row, "shared", None), getattr(row, "meeting_count", None)) for row in block
    ]


def _busy_official(n):
    """An official at `n` published meetings, each with a colleague on the other side, a
    document, a figure and a photo: made in bulk, so 500 take a second."""
    person, other = PersonFactory(), PersonFactory()
    PositionFactory(person=person)
    resolution = ResolutionFactory()
    now = timezone.now() - datetime.timedelta(hours=1)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            title=f"Họp {i}",
            slug=f"hop-{person.pk}-{i}",
            date=day(2000) + datetime.timedelta(days=i),
            date_precision="day",
            status=Meeting.Status.PUBLISHED,
            published_at=now,
        )
        for i in range(n)
    )
    Participation.objects.bulk_create(
        [Participation(meeting=m, person=person, side=HOST, chaired=True) for m in meetings]
        + [Participation(meeting=m, person=other, side=DELEGATION) for m in meetings]
    )
    Meeting.resolutions.through.objects.bulk_create(
        Meeting.resolutions.through(meeting=m, resolution=resolution) for m in meetings
    )
    for meeting in meetings[-3:]:
        ReportedValueFactory(meeting=meeting)
        PhotoPersonFactory(person=person, photo=PhotoFactory(meeting=meeting))
    return person


def test_the_profile_costs_the_same_queries_for_1_and_500_meetings(client):
    counts = []
    for n in (1, 500):
        person = _busy_official(n)
        with CaptureQueriesContext(connection) as queries:
            context, _html = profile(client, person)
        assert context["tallies"]["meetings"] == n
        assert context["met"][0].shared == n
        assert context["documents"][0].meeting_count == n
        counts.append(len(queries))
    assert counts[0] == counts[1] == PROFILE_QUERIES


def test_an_officials_title_is_the_same_in_search_the_index_and_their_page(client):
    person = PersonFactory(full_name="Lê Quang Hùng")
    PositionFactory(person=person, title="Bí thư Tỉnh ủy")
    ParticipationFactory(
        person=person, meeting=MeetingFactory(date=day(2022)), title_as_reported="Phó Bí thư"
    )
    ParticipationFactory(
        person=person, meeting=MeetingFactory(date=day(2023)), title_as_reported="Chủ tịch UBND"
    )
    ParticipationFactory(
        person=person, meeting=MeetingFactory(date=day(2024)), title_as_reported=""
    )
    untitled = PersonFactory(full_name="Lê Quang Minh")
    PositionFactory(person=untitled, title="Giám đốc Sở")
    ParticipationFactory(person=untitled, title_as_reported="")

    hits = next(g for g in site_search(analyse("Lê Quang")) if g.kind == "officials").hits
    in_search = {hit.object.full_name: hit.snippet for hit in hits}
    page = client.get(person.get_absolute_url()).context["person"]
    index = {
        p.full_name: p.latest_title
        for p in client.get(reverse("meetings:officials")).context["people"]
    }

    # The newest title a report printed; the position's only when no report printed one.
    assert in_search == index == {"Lê Quang Hùng": "Chủ tịch UBND", "Lê Quang Minh": "Giám đốc Sở"}
    assert page.latest_title == "Chủ tịch UBND"
