"""Merging duplicate people moves everything to the kept record and loses nothing."""

import pytest
from django.urls import reverse

from meetings.models import Delegation, Participation, PhotoPerson
from people.models import Person, Position
from people.services import person_merge
from tests.factories import (
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins():
    keep = PersonFactory(full_name="Nguyễn Đức Hiển")
    duplicate = PersonFactory(full_name="Nguyễn Đức Hiền", notes="Nhập trùng")
    return keep, duplicate


def photo_for(meeting):
    return PhotoFactory(meeting=meeting)


def test_merge_moves_participations_positions_tags_and_delegations(twins):
    keep, duplicate = twins
    only_dup = ParticipationFactory(person=duplicate, title_as_reported="Phó Trưởng Ban")
    PositionFactory(person=keep, title="Phó Trưởng Ban")
    dup_position = PositionFactory(person=duplicate, title="Vụ trưởng")
    photo = photo_for(only_dup.meeting)
    PhotoPerson.objects.create(photo=photo, person=duplicate)
    delegation = Delegation.objects.create(
        meeting=only_dup.meeting, lead_organization=OrganizationFactory(), head=duplicate
    )

    person_merge(keep=keep, duplicate=duplicate)

    assert not Person.objects.filter(pk=duplicate.pk).exists()
    only_dup.refresh_from_db()
    assert only_dup.person == keep
    assert only_dup.title_as_reported == "Phó Trưởng Ban"
    assert set(Position.objects.filter(person=keep).values_list("title", flat=True)) == {
        "Phó Trưởng Ban",
        "Vụ trưởng",
    }
    assert Position.objects.get(pk=dup_position.pk).person == keep
    assert list(photo.people.all()) == [keep]
    delegation.refresh_from_db()
    assert delegation.head == keep
    keep.refresh_from_db()
    assert "Nguyễn Đức Hiền" in keep.notes
    assert "Nhập trùng" in keep.notes


def test_merge_combines_two_rows_for_the_same_meeting(twins):
    keep, duplicate = twins
    meeting = MeetingFactory()
    kept = ParticipationFactory(meeting=meeting, person=keep, title_as_reported="", spoke=True)
    ParticipationFactory(
        meeting=meeting, person=duplicate, title_as_reported="Trưởng đoàn", led_delegation=True
    )
    photo = photo_for(meeting)
    PhotoPerson.objects.create(photo=photo, person=keep)
    PhotoPerson.objects.create(photo=photo, person=duplicate, order=1)

    person_merge(keep=keep, duplicate=duplicate)

    rows = Participation.objects.filter(meeting=meeting)
    assert rows.count() == 1
    kept.refresh_from_db()
    assert kept.spoke and kept.led_delegation
    assert kept.title_as_reported == "Trưởng đoàn"
    assert PhotoPerson.objects.filter(photo=photo).count() == 1


def test_merge_keeps_history_of_every_moved_and_removed_row(twins):
    keep, duplicate = twins
    participation = ParticipationFactory(person=duplicate)
    duplicate_pk = duplicate.pk
    person_merge(keep=keep, duplicate=duplicate)
    moved = participation.history.latest()
    assert moved.person_id == keep.pk
    assert "đã gộp người" in moved.history_change_reason
    gone = Person.history.filter(id=duplicate_pk).latest()
    assert gone.history_type == "-"
    assert gone.full_name == "Nguyễn Đức Hiền"


def test_merge_is_all_or_nothing(twins, monkeypatch):
    keep, duplicate = twins
    participation = ParticipationFactory(person=duplicate)
    PositionFactory(person=duplicate)

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Position, "save", broken_save)
    with pytest.raises(RuntimeError):
        person_merge(keep=keep, duplicate=duplicate)
    participation.refresh_from_db()
    assert participation.person == duplicate
    assert Person.objects.filter(pk=duplicate.pk).exists()


def test_merge_refuses_the_same_person(twins):
    keep, _duplicate = twins
    with pytest.raises(ValueError):
        person_merge(keep=keep, duplicate=keep)


def test_admin_action_merges_into_the_oldest_record(editor_client, twins):
    keep, duplicate = twins
    ParticipationFactory(person=duplicate)
    response = editor_client.post(
        reverse("admin:people_person_changelist"),
        {"action": "merge", "_selected_action": [keep.pk, duplicate.pk]},
    )
    assert response.status_code == 302
    assert list(Person.objects.all()) == [keep]
    assert keep.participations.count() == 1


def test_editors_cannot_merge(client, editor_user, twins):
    keep, duplicate = twins
    client.force_login(editor_user)
    client.post(
        reverse("admin:people_person_changelist"),
        {"action": "merge", "_selected_action": [keep.pk, duplicate.pk]},
    )
    assert Person.objects.count() == 2
