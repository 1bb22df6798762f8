import datetime

import pytest
from django.utils import timezone

from meetings.models import Delegation, Meeting, Resolution
from tests.factories import (
    AreaFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    ResolutionFactory,
    draft_meeting,
)

pytestmark = pytest.mark.django_db


def test_about_and_public_documents_count_only_published_meetings():
    resolution, draft_only = ResolutionFactory(), ResolutionFactory()
    published = MeetingFactory()
    published.resolutions.add(resolution)
    draft_meeting().resolutions.add(resolution, draft_only)

    assert list(Meeting.objects.published().about(resolution)) == [published]
    assert list(Resolution.objects.public()) == [resolution]


def test_attended_by_returns_each_meeting_once():
    participation = ParticipationFactory()
    ParticipationFactory(meeting=participation.meeting)
    assert list(Meeting.objects.attended_by(participation.person)) == [participation.meeting]


def test_in_year_and_in_area_include_the_areas_inside():
    province = AreaFactory()
    city = AreaFactory(parent=province, kind="city")
    in_city = MeetingFactory(area=city, date=datetime.date(2023, 3, 1))
    in_province = MeetingFactory(area=province)
    MeetingFactory()

    assert set(Meeting.objects.in_area(province)) == {in_city, in_province}
    assert list(Meeting.objects.in_area(province).in_year(2023)) == [in_city]


def test_involving_covers_host_delegation_visit_and_participants():
    organization = OrganizationFactory()
    hosted, led, visited, attended = MeetingFactory.create_batch(4)
    MeetingFactory()
    hosted.host_organizations.add(organization)
    Delegation.objects.create(meeting=led, lead_organization=organization)
    visited.visited_organizations.add(organization)
    ParticipationFactory(meeting=attended, organization=organization)
    ParticipationFactory(meeting=attended, organization=organization)

    result = list(Meeting.objects.involving(organization))
    assert sorted(m.pk for m in result) == sorted(m.pk for m in [hosted, led, visited, attended])


def test_before_and_after_order_meetings_published_in_the_same_second_by_id():
    moment = timezone.now() - datetime.timedelta(days=1)
    earlier = MeetingFactory(published_at=moment - datetime.timedelta(seconds=1))
    same = [MeetingFactory(published_at=moment) for _ in range(3)]
    later = MeetingFactory(published_at=moment + datetime.timedelta(seconds=1))
    published = Meeting.objects.published()

    assert list(published.before(same[1])) == [same[0], earlier]
    assert list(published.after(same[1])) == [same[2], later]
    assert published.after(same[2]).first() == later
    assert published.before(same[0]).first() == earlier


def test_before_and_after_follow_publication_order():
    first, second, third = MeetingFactory.create_batch(3)
    published = Meeting.objects.published()
    assert published.before(second).first() == first
    assert published.after(second).first() == third
    assert published.before(first).first() is None


def test_undated_meetings_come_last_either_way():
    undated = MeetingFactory(date=None, date_precision="unknown")
    old = MeetingFactory(date=datetime.date(2020, 1, 1))
    new = MeetingFactory(date=datetime.date(2024, 1, 1))
    assert list(Meeting.objects.newest_first()) == [new, old, undated]
    assert list(Meeting.objects.oldest_first()) == [old, new, undated]
