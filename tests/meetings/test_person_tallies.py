"""The officials' tallies the database keeps (migration meetings 0030): after any write, the
officials index and the sitemap count what asking each official `public()` counts."""

import datetime

import pytest
from django.utils import timezone

from meetings import presence
from meetings.models import Delegation, Meeting, Participation, PersonTally, Photo, PhotoPerson
from meetings.sitemaps import PersonSitemap as PeopleSitemap
from people.models import Person
from tests.factories import (
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    PhotoPersonFactory,
)

pytestmark = pytest.mark.django_db


def counted() -> dict[str, int]:
    return Person.objects.public().index_letters()


def tallied() -> dict[str, int]:
    return presence.public_index_letters()


def agree(expected: dict[str, int]):
    assert tallied() == counted() == expected


def test_each_path_to_an_official_is_tallied_and_a_drafts_is_not():
    attended = ParticipationFactory(person=PersonFactory(full_name="Phạm Hoàng Sơn"))
    tagged = PhotoPersonFactory(person=PersonFactory(full_name="Lê Văn Tuấn"))
    head = PersonFactory(full_name="Nguyễn Thị Hà")
    Delegation.objects.create(
        meeting=MeetingFactory(), lead_organization=OrganizationFactory(), head=head
    )
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    ParticipationFactory(meeting=draft, person=PersonFactory(full_name="Trần Văn Bình"))
    agree({"H": 1, "S": 1, "T": 1})
    assert PersonTally.objects.get(person=attended.person).attended == 1
    assert PersonTally.objects.get(person=tagged.person).attended == 0
    assert PersonTally.objects.get(person=head).appearances == 1


def test_publishing_unpublishing_and_deleting_a_meeting_move_its_officials():
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    ParticipationFactory(meeting=meeting, person=PersonFactory(full_name="Phạm Hoàng Sơn"))
    PhotoPersonFactory(
        photo=PhotoFactory(meeting=meeting), person=PersonFactory(full_name="Lê Văn Tuấn")
    )
    agree({})
    meeting.status = Meeting.Status.PUBLISHED
    meeting.save()
    agree({"S": 1, "T": 1})
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.READY)
    agree({})
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    meeting.delete()
    agree({})


def test_a_participation_or_photo_moved_to_another_meeting_is_tallied_there():
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    participation = ParticipationFactory(person=PersonFactory(full_name="Phạm Hoàng Sơn"))
    tag = PhotoPersonFactory(person=PersonFactory(full_name="Lê Văn Tuấn"))
    agree({"S": 1, "T": 1})
    Participation.objects.filter(pk=participation.pk).update(meeting=draft)
    agree({"T": 1})
    Photo.objects.filter(pk=tag.photo_id).update(meeting=draft)
    agree({})
    Photo.objects.filter(pk=tag.photo_id).update(meeting=MeetingFactory())
    agree({"T": 1})
    PhotoPerson.objects.filter(pk=tag.pk).update(person=participation.person)
    agree({"S": 1})


def test_officials_named_in_bulk_and_deleted_in_bulk_are_tallied():
    meeting = MeetingFactory()
    people = [PersonFactory(full_name=f"Nguyễn Văn {given}") for given in ("An", "Ánh", "Bình")]
    Participation.objects.bulk_create(
        ParticipationFactory.build(meeting=meeting, person=person, order=n)
        for n, person in enumerate(people)
    )
    agree({"A": 2, "B": 1})
    Participation.objects.filter(person__full_name__endswith="An").delete()
    agree({"A": 1, "B": 1})


def test_an_official_named_only_for_later_is_counted_when_the_time_comes():
    later = MeetingFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    ParticipationFactory(meeting=later, person=PersonFactory(full_name="Phạm Hoàng Sơn"))
    both = PersonFactory(full_name="Lê Văn Tuấn")
    ParticipationFactory(meeting=later, person=both)
    ParticipationFactory(person=both)
    agree({"T": 1})
    Meeting.objects.filter(pk=later.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    agree({"S": 1, "T": 1})


def test_the_officials_index_and_the_sitemap_count_from_the_tallies(client, monkeypatch):
    monkeypatch.setattr(PeopleSitemap, "limit", 1)
    ParticipationFactory.create_batch(3)
    later = MeetingFactory(published_at=timezone.now() + datetime.timedelta(hours=2))
    ParticipationFactory(meeting=later)
    ParticipationFactory(meeting=MeetingFactory(status=Meeting.Status.DRAFT))
    response = client.get("/officials/")
    assert response.context["paginator"].count == 3
    index = client.get("/sitemap.xml").content.decode()
    assert index.count("sitemap-officials.xml") == 3  # a file of one official each
