"""Each page runs a fixed number of queries whatever it shows: 1 item or 50, the same bound."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from meetings.models import Delegation, FigureCitation, ParticipationCitation
from meetings.views import MEETINGS_SHOWN
from tests.factories import (
    AreaFactory,
    IndicatorFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    PhotoPersonFactory,
    PositionFactory,
    ReportedValueFactory,
    ReportFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

SIZES = [1, 50]

# The counts measured on both engines; a change that makes a page query per row breaks them
# at 50 items. Archive: count, page, resolutions of the cards, three facets, the person filter's
# lookup and the four choice lists of the form. Meeting: the meeting, eight prefetches (its
# public reports with their publishers: one more than when the source was the meeting's own
# fields), the reports citing its participants and its figures, previous and next. Official
# (`meetings.profile`): person, positions, titles, tallies, first and newest meetings, officials
# met and documents (each counted, then read), figures, photos. Resolution: resolution, its
# newest meetings and their resolutions, figures, officials (counted for their pages) and their
# titles.
ARCHIVE_QUERIES = 11
MEETING_QUERIES = 13
OFFICIAL_QUERIES = 12
RESOLUTION_QUERIES = 7


def busy_meeting(n, **kwargs):
    """A published meeting with n of everything the cards and pages show."""
    meeting = MeetingFactory(**kwargs)
    Delegation.objects.create(
        meeting=meeting, lead_organization=OrganizationFactory(), head=PersonFactory()
    )
    meeting.resolutions.add(*ResolutionFactory.create_batch(min(n, 3)))
    return meeting


@pytest.mark.parametrize("n", SIZES)
def test_archive(client, django_assert_max_num_queries, n):
    person = PersonFactory()
    for _ in range(n):
        ParticipationFactory(person=person, meeting=busy_meeting(n))
    with django_assert_max_num_queries(ARCHIVE_QUERIES):
        response = client.get(reverse("meetings:list"), {"person": person.slug})
    assert response.context["paginator"].count == n


# A text search also scores the names and reads the matching ids before the page; on
# PostgreSQL it keeps to the search indexes inside a savepoint, with one SET LOCAL.
ARCHIVE_SEARCH_QUERIES = 12 + (3 if connection.vendor == "postgresql" else 0)


@pytest.mark.parametrize("n", SIZES)
def test_archive_search(client, django_assert_max_num_queries, n):
    person = PersonFactory(full_name="Phạm Hoàng Sơn")
    for _ in range(n):
        meeting = busy_meeting(n, title="Hội nghị về chuyển đổi số")
        ParticipationFactory(person=person, meeting=meeting)
    for query in ["chuyển đổi số", "Phạm Hoàng Sơn", "NQ 1"]:
        for kind in ["", "working_session", "other"]:
            with django_assert_max_num_queries(ARCHIVE_SEARCH_QUERIES):
                response = client.get(reverse("meetings:list"), {"q": query, "kind": kind})
            assert response.status_code == 200
    response = client.get(reverse("meetings:list"), {"q": "chuyển đổi số"})
    assert response.context["paginator"].count == n


@pytest.mark.parametrize("n", SIZES)
def test_meeting(client, django_assert_max_num_queries, n):
    meeting = busy_meeting(n)
    MeetingFactory.create_batch(2)
    for i in range(n):
        participation = ParticipationFactory(meeting=meeting, side=["host", "delegation"][i % 2])
        photo = PhotoFactory(meeting=meeting)
        PhotoPersonFactory(photo=photo, person=participation.person)
        figure = ReportedValueFactory(meeting=meeting, resolution=meeting.resolutions.first())
        report = ReportFactory(meeting=meeting, position=i + 1)
        ParticipationCitation.objects.create(participation=participation, report=report)
        FigureCitation.objects.create(reported_value=figure, report=report)
    meeting.host_organizations.add(*OrganizationFactory.create_batch(n))
    meeting.visited_organizations.add(*OrganizationFactory.create_batch(n))
    with django_assert_max_num_queries(MEETING_QUERIES):
        response = client.get(meeting.get_absolute_url())
    assert len(response.context["host_participants"]) == (n + 1) // 2
    assert len(response.context["meeting"].reports.all()) == n


@pytest.mark.parametrize("n", SIZES)
def test_official(client, django_assert_max_num_queries, n):
    person = PersonFactory()
    for _ in range(n):
        participation = ParticipationFactory(person=person, organization=OrganizationFactory())
        PhotoPersonFactory(person=person, photo=PhotoFactory(meeting=participation.meeting))
        person.positions.create(title="Giám đốc", organization=OrganizationFactory())
    with django_assert_max_num_queries(OFFICIAL_QUERIES):
        response = client.get(person.get_absolute_url())
    assert len(response.context["participations"]) == min(n, 10)


@pytest.mark.parametrize("n", SIZES)
def test_resolution(client, django_assert_max_num_queries, n):
    resolution = ResolutionFactory()
    for _ in range(n):
        meeting = busy_meeting(n)
        meeting.resolutions.add(resolution)
        ParticipationFactory(meeting=meeting)
        ReportedValueFactory(meeting=meeting, resolution=resolution)
    with django_assert_max_num_queries(RESOLUTION_QUERIES):
        response = client.get(resolution.get_absolute_url())
    assert len(response.context["figures"]) == n
    assert len(response.context["meetings"]) == min(n, MEETINGS_SHOWN)
    assert response.context["officials"].paginator.count == n


# Home: latest meetings and their resolutions, officials, resolutions, areas, years, the count.
HOME_QUERIES = 7
# The letters with their counts (the tallies, less the officials named only for later), then
# the page.
OFFICIALS_INDEX_QUERIES = 3


@pytest.mark.parametrize("n", SIZES)
def test_home(client, django_assert_max_num_queries, n):
    for _ in range(n):
        meeting = busy_meeting(n, date=datetime.date(2024, 5, 1))
        ParticipationFactory(meeting=meeting)
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get(reverse("meetings:home"))
    assert response.context["meeting_count"] == n


@pytest.mark.parametrize("n", SIZES)
def test_officials_index(client, django_assert_max_num_queries, n):
    ParticipationFactory.create_batch(n)
    with django_assert_max_num_queries(OFFICIALS_INDEX_QUERIES):
        response = client.get(reverse("meetings:officials"))
    assert len(response.context["people"]) == n


# Organization: itself, its people (counted for their pages), and four meeting lists with their
# resolutions.
ORGANIZATION_QUERIES = 11
# Area: itself, its meetings and their resolutions, its officials (each once, counted for
# their pages) and their positions there, its organizations, its figures (the ids of each
# indicator's latest first).
AREA_QUERIES = 9
# The indicator, its area choices, the count (its tallies, and the figures published for
# later), the page and the chart (the ids of each area's latest figure first).
INDICATOR_QUERIES = 7


@pytest.mark.parametrize("n", SIZES)
def test_organization(client, django_assert_max_num_queries, n):
    organization = OrganizationFactory()
    for _ in range(n):
        meeting = busy_meeting(n)
        meeting.host_organizations.add(organization)
        meeting.visited_organizations.add(organization)
        meeting.delegation.lead_organization = organization
        meeting.delegation.save()
        ParticipationFactory(meeting=meeting, organization=organization)
        PositionFactory(organization=organization, person=meeting.participations.first().person)
    with django_assert_max_num_queries(ORGANIZATION_QUERIES):
        response = client.get(organization.get_absolute_url())
    assert len(response.context["hosted"]) == min(n, MEETINGS_SHOWN)
    assert response.context["hosted"].more == (n > MEETINGS_SHOWN)


@pytest.mark.parametrize("n", SIZES)
def test_area(client, django_assert_max_num_queries, n):
    area = AreaFactory()
    for _ in range(n):
        meeting = busy_meeting(n, area=area)
        ReportedValueFactory(meeting=meeting)
        position = PositionFactory(organization=OrganizationFactory(area=area))
        ParticipationFactory(meeting=meeting, person=position.person)
    with django_assert_max_num_queries(AREA_QUERIES):
        response = client.get(area.get_absolute_url())
    assert len(response.context["figures"]) == n


@pytest.mark.parametrize("n", SIZES)
def test_indicator(client, django_assert_max_num_queries, n):
    indicator = IndicatorFactory()
    ReportedValueFactory.create_batch(n, indicator=indicator)
    with django_assert_max_num_queries(INDICATOR_QUERIES):
        response = client.get(indicator.get_absolute_url())
    assert len(response.context["values"]) == n
