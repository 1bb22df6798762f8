import pytest

from indicators.models import Indicator
from meetings.models import Meeting
from people.models import Area, Organization, Person
from tests.factories import (
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    ReportedValueFactory,
    draft_meeting,
)

pytestmark = pytest.mark.django_db


def test_with_published_meetings_counts_and_titles_from_published_meetings_only():
    person = PersonFactory()
    ParticipationFactory(person=person, title_as_reported="Phó Chủ tịch UBND tỉnh")
    ParticipationFactory(
        person=person, meeting=draft_meeting(), title_as_reported="Chủ tịch (bản nháp)"
    )
    ParticipationFactory(meeting=draft_meeting())  # someone seen only in a draft

    officials = list(Person.objects.with_published_meetings())
    assert officials == [person]
    assert officials[0].meeting_count == 1
    assert officials[0].latest_title == "Phó Chủ tịch UBND tỉnh"


def test_took_part_in():
    participation = ParticipationFactory()
    PersonFactory()
    assert list(Person.objects.took_part_in(Meeting.objects.published())) == [participation.person]


def test_public_areas_organizations_and_indicators_ignore_drafts():
    seen = ReportedValueFactory()
    hidden = ReportedValueFactory(meeting=draft_meeting())
    position = PositionFactory()
    ParticipationFactory(person=position.person, meeting=seen.meeting)
    draft_meeting(area=hidden.area).host_organizations.add(OrganizationFactory(name="Ẩn"))

    assert set(Area.objects.public()) == {seen.area}
    assert hidden.area not in Area.objects.public()
    assert list(Indicator.objects.public()) == [seen.indicator]
    public_orgs = set(Organization.objects.public())
    assert position.organization in public_orgs
    assert not Organization.objects.public().filter(name="Ẩn").exists()


def test_index_letter_is_the_given_names_first_letter():
    assert PersonFactory(full_name="Đặng Thị Ánh").index_letter == "A"
    assert PersonFactory(full_name="Nguyễn Đức Hiển").index_letter == "H"
