"""Every change is recorded (who, when, what), bulk edits included, and can be undone."""

import pytest
from django.apps import apps
from django.urls import reverse

from indicators.models import ReportedValue
from meetings.models import Meeting, Participation
from people.models import Person
from tests.factories import MeetingFactory, PersonFactory, ReportedValueFactory

pytestmark = pytest.mark.django_db

TRACKED = [
    ("meetings", "Meeting"),
    ("meetings", "Participation"),
    ("meetings", "Delegation"),
    ("meetings", "Resolution"),
    ("meetings", "Photo"),
    ("meetings", "PhotoPerson"),
    ("people", "Person"),
    ("people", "Position"),
    ("people", "Organization"),
    ("people", "Area"),
    ("indicators", "Indicator"),
    ("indicators", "ReportedValue"),
]


def test_every_editorial_model_keeps_history(sample_archive):
    for label in TRACKED:
        obj = apps.get_model(*label).objects.first()
        assert obj.history.count() >= 1, label
        assert obj.history.earliest().history_type == "+", label


def test_an_admin_edit_records_who_and_what(editor_client, editor):
    meeting = MeetingFactory(title="Trước")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = {
        "title": "Sau",
        "kind": meeting.kind,
        "date": "2024-05-10",
        "date_precision": "day",
        "area": meeting.area_id,
        "status": "published",
        "published_at_0": "2024-05-11",
        "published_at_1": "08:00:00",
        "version": meeting.version,
    }
    for prefix in ["reports", "delegation", "participations", "photos", "reported_values"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    assert editor_client.post(url, data).status_code == 302
    latest = meeting.history.latest()
    assert latest.history_user == editor
    delta = latest.diff_against(latest.prev_record)
    assert "title" in delta.changed_fields
    assert [c.new for c in delta.changes if c.field == "title"] == ["Sau"]


def test_queryset_update_is_recorded():
    values = ReportedValueFactory.create_batch(3)
    before = sum(v.history.count() for v in values)
    ReportedValue.objects.filter(pk__in=[v.pk for v in values]).update(unit="%/năm")
    assert sum(v.history.count() for v in values) == before + 3
    for value in values:
        latest = value.history.latest()
        assert latest.unit == "%/năm"
        assert latest.history_type == "~"
        assert latest.history_change_reason == "bulk update"


def test_update_that_changes_the_filtered_field_is_recorded_for_each_row():
    drafts = MeetingFactory.create_batch(2, status=Meeting.Status.DRAFT, published_at=None)
    Meeting.objects.filter(status="draft").update(title="Đổi hàng loạt")
    for meeting in drafts:
        assert meeting.history.latest().title == "Đổi hàng loạt"


def test_admin_actions_are_recorded(editor_client, sample_archive):
    draft = MeetingFactory(status=Meeting.Status.DRAFT, published_at=None)
    editor_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert draft.history.latest().status == "published"
    participation = sample_archive.participations.first()
    editor_client.post(
        reverse("admin:meetings_participation_changelist"),
        {"action": "delete_selected", "_selected_action": [participation.pk], "post": "yes"},
    )
    assert not Participation.objects.filter(pk=participation.pk).exists()
    deleted = Participation.history.filter(id=participation.pk).latest()
    assert deleted.history_type == "-"


def test_history_is_viewable_in_the_admin(editor_client, sample_archive):
    url = reverse("admin:meetings_meeting_history", args=[sample_archive.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    version = sample_archive.history.earliest()
    url = reverse(
        "admin:meetings_meeting_simple_history", args=[sample_archive.pk, version.history_id]
    )
    assert url in response.content.decode()
    assert editor_client.get(url).status_code == 200


def test_an_earlier_version_can_be_restored(editor_client):
    person = PersonFactory(full_name="Phạm Hoàng Sơn", notes="Ghi chú gốc")
    person.full_name = "Pham Hoang Son (sai)"
    person.notes = "Ghi chú sai"
    person.save()
    original = person.history.earliest()
    url = reverse("admin:people_person_simple_history", args=[person.pk, original.history_id])
    data = {
        "full_name": original.full_name,
        "notes": original.notes,
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
        "version": person.version,
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Phạm Hoàng Sơn"
    assert person.notes == "Ghi chú gốc"
    assert person.history.count() == 3


def test_history_model_restores_in_code_too():
    """A revert in code says which version it replaces, like the admin's restore form."""
    person = PersonFactory(full_name="Nguyễn Văn A")
    Person.objects.filter(pk=person.pk).update(full_name="Sai tên")
    earlier = person.history.earliest().instance
    earlier.version = Person.objects.get(pk=person.pk).version
    earlier.save()
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Văn A"


def test_bulk_create_and_bulk_update_are_recorded():
    meeting = MeetingFactory()
    rows = Participation.objects.bulk_create(
        [
            Participation(meeting=meeting, person=PersonFactory(), title_as_reported="Giám đốc")
            for _ in range(3)
        ]
    )
    for row in rows:
        assert row.history.get().history_type == "+"
        row.title_as_reported = "Phó Giám đốc"
    Participation.objects.bulk_update(rows, ["title_as_reported"])
    for row in rows:
        assert row.history.latest().title_as_reported == "Phó Giám đốc"
        assert row.history.count() == 2


def test_bulk_create_can_leave_history_out_for_rows_no_editor_wrote():
    meeting = MeetingFactory()
    rows = Participation.objects.bulk_create(
        [Participation(meeting=meeting, person=PersonFactory(), title_as_reported="Giám đốc")],
        record_history=False,
    )
    assert Participation.objects.filter(pk=rows[0].pk).exists()
    assert not rows[0].history.exists()
