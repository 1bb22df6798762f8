import pytest

from indicators.models import Indicator
from people.models import Area, Organization
from tests.factories import (
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    ReportedValueFactory,
    draft_meeting,
)

pytestmark = pytest.mark.django_db


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
