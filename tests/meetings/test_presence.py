"""What `meetings.presence` counts of people: from published meetings only."""

import pytest

from meetings import presence
from meetings.models import Meeting
from people.models import Person
from tests.factories import ParticipationFactory, PersonFactory, draft_meeting

pytestmark = pytest.mark.django_db


def test_with_published_meetings_counts_and_titles_from_published_meetings_only():
    person = PersonFactory()
    ParticipationFactory(person=person, title_as_reported="Phó Chủ tịch UBND tỉnh")
    ParticipationFactory(
        person=person, meeting=draft_meeting(), title_as_reported="Chủ tịch (bản nháp)"
    )
    ParticipationFactory(meeting=draft_meeting())  # someone seen only in a draft

    officials = list(presence.with_meeting_counts(Person.objects.all()))
    assert officials == [person]
    assert officials[0].meeting_count == 1
    assert officials[0].latest_title == "Phó Chủ tịch UBND tỉnh"


def test_took_part_in():
    participation = ParticipationFactory()
    PersonFactory()
    people = presence.took_part_in(Person.objects.all(), Meeting.objects.published())
    assert list(people) == [participation.person]
