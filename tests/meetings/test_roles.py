"""Editors write drafts; only publishers publish, unpublish or schedule, by any route."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from tests.factories import AreaFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def change_form_data(meeting, **overrides):
    """The change form as the browser posts it, inlines empty."""
    data = {
        "title": meeting.title,
        "kind": meeting.kind,
        "date": meeting.date.isoformat() if meeting.date else "",
        "date_precision": meeting.date_precision,
        "area": meeting.area_id or "",
        "place": meeting.place,
        "summary": meeting.summary,
        "body": meeting.body,
        "status": meeting.status,
        "published_at_0": "",
        "published_at_1": "",
        "version": meeting.version,
    }
    for prefix in ["reports", "delegation", "participations", "photos", "reported_values"]:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | overrides


@pytest.fixture
def draft():
    return MeetingFactory(status=Meeting.Status.DRAFT, published_at=None)


def test_groups_come_from_the_migration():
    editors = set(Group.objects.get(name="editors").permissions.values_list("codename", flat=True))
    publishers = set(
        Group.objects.get(name="publishers").permissions.values_list("codename", flat=True)
    )
    assert {"add_meeting", "change_meeting", "change_photo", "delete_participation"} <= editors
    assert "publish_meeting" not in editors
    assert "delete_meeting" not in editors
    assert editors < publishers
    assert {"publish_meeting", "delete_meeting", "delete_person"} <= publishers


def test_editor_does_not_see_the_publish_actions(client, editor_user, draft):
    client.force_login(editor_user)
    response = client.get(reverse("admin:meetings_meeting_changelist"))
    assert response.status_code == 200
    action_form = response.context["action_form"]
    actions = [value for value, _l in action_form.fields["action"].choices] if action_form else []
    assert "publish" not in actions
    assert "unpublish" not in actions


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_editor_cannot_run_the_publish_actions(client, editor_user, draft, action):
    published = MeetingFactory()
    client.force_login(editor_user)
    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": action, "_selected_action": [draft.pk, published.pk]},
    )
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT
    assert published.status == Meeting.Status.PUBLISHED


def test_publisher_runs_the_publish_action(client, publisher_user, draft):
    client.force_login(publisher_user)
    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert Meeting.objects.published().filter(pk=draft.pk).exists()


def test_editor_sees_publication_fields_read_only(client, editor_user, draft):
    client.force_login(editor_user)
    response = client.get(reverse("admin:meetings_meeting_change", args=[draft.pk]))
    form = response.context["adminform"].form
    assert "status" not in form.fields
    assert "published_at" not in form.fields
    assert "title" in form.fields


def test_editor_posting_a_status_change_publishes_nothing(client, editor_user, draft):
    client.force_login(editor_user)
    now = timezone.localtime()
    data = change_form_data(
        draft,
        title="Tiêu đề đã sửa",
        status="published",
        published_at_0=now.date().isoformat(),
        published_at_1=now.time().strftime("%H:%M:%S"),
    )
    response = client.post(reverse("admin:meetings_meeting_change", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề đã sửa"
    assert draft.status == Meeting.Status.DRAFT
    assert draft.published_at is None


def test_editor_adding_a_meeting_gets_a_draft(client, editor_user):
    client.force_login(editor_user)
    area = AreaFactory()
    meeting = Meeting(title="Cuộc họp mới", area=area)
    data = change_form_data(meeting, status="published", date_precision="unknown")
    response = client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 302
    created = Meeting.objects.get(title="Cuộc họp mới")
    assert created.status == Meeting.Status.DRAFT


def test_editor_cannot_publish_by_reverting_to_a_published_version(client, editor_user):
    meeting = MeetingFactory(title="Bản đã đăng")
    meeting.status = Meeting.Status.DRAFT
    meeting.save()
    published_version = meeting.history.filter(status="published").earliest("history_date")
    client.force_login(editor_user)
    url = reverse(
        "admin:meetings_meeting_simple_history", args=[meeting.pk, published_version.history_id]
    )
    data = change_form_data(published_version.instance, version=meeting.version)
    response = client.post(url, data)
    assert response.status_code in {302, 403}
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_editor_cannot_bulk_edit_status_from_the_changelist(client, editor_user, draft):
    client.force_login(editor_user)
    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": draft.pk,
            "form-0-status": "published",
            "_save": "Save",
        },
    )
    assert response.status_code in {200, 302}
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT


def test_publisher_schedules_a_meeting(client, publisher_user, draft):
    client.force_login(publisher_user)
    later = timezone.localtime() + datetime.timedelta(days=2)
    data = change_form_data(
        draft,
        status="published",
        published_at_0=later.date().isoformat(),
        published_at_1=later.time().strftime("%H:%M:%S"),
    )
    response = client.post(reverse("admin:meetings_meeting_change", args=[draft.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.PUBLISHED
    assert draft not in Meeting.objects.published()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_save_model_refuses_a_publication_change_by_an_editor(rf, editor_user, draft):
    """The last line of defence, whatever form or code path carried the change."""
    from django.contrib import admin
    from django.core.exceptions import PermissionDenied

    model_admin = admin.site._registry[Meeting]
    request = rf.post("/")
    request.user = editor_user
    draft.status = Meeting.Status.PUBLISHED
    draft.published_at = timezone.now()
    with pytest.raises(PermissionDenied):
        model_admin.save_model(request, draft, form=None, change=True)
    fresh = Meeting(title="Mới", status=Meeting.Status.PUBLISHED, published_at=timezone.now())
    with pytest.raises(PermissionDenied):
        model_admin.save_model(request, fresh, form=None, change=False)
    assert Meeting.objects.get(pk=draft.pk).status == Meeting.Status.DRAFT
