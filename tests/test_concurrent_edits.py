"""No silent overwrite: a save from a form opened before someone else's save is refused, names
who changed what, offers to reload, and writes nothing (the meeting and its inlines alike)."""

import pytest
from django.db import connection, transaction
from django.db.models.signals import pre_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting, Participation, Resolution
from people.models import Person
from tests.admin_forms import form_data
from tests.conftest import client_for
from tests.factories import (
    ParticipationFactory,
    PersonFactory,
    ResolutionFactory,
    draft_meeting,
)

pytestmark = pytest.mark.django_db


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@pytest.fixture
def first(editor_user):
    """The editor who saves first."""
    return client_for(editor_user)


@pytest.fixture
def second(client, publisher_user):
    """The editor whose form goes stale (any role)."""
    client.force_login(publisher_user)
    return client


def open_form(client, obj):
    response = client.get(change_url(obj))
    assert response.status_code == 200
    return form_data(response)


def test_a_stale_meeting_form_does_not_revert_the_title(first, second, editor_user):
    meeting = draft_meeting(title="Tiêu đề cũ", summary="<p>Tóm tắt cũ</p>")
    first_form, stale_form = open_form(first, meeting), open_form(second, meeting)
    assert first.post(change_url(meeting), first_form | {"title": "Tiêu đề mới"}).status_code == 302

    response = second.post(change_url(meeting), stale_form | {"summary": "<p>Tóm tắt mới</p>"})

    assert response.status_code == 200
    page = response.content.decode()
    assert editor_user.username in page
    assert "tiêu đề" in page  # the field changed, in Vietnamese
    assert f'href="{change_url(meeting)}"' in page  # reload
    meeting.refresh_from_db()
    assert meeting.title == "Tiêu đề mới"
    assert meeting.summary == "<p>Tóm tắt cũ</p>"


def test_a_stale_inline_row_is_refused_and_nothing_is_written(first, second, editor_user):
    meeting = draft_meeting(title="Tiêu đề cũ")
    row = ParticipationFactory(meeting=meeting, title_as_reported="Bí thư Tỉnh ủy")
    first_form, stale_form = open_form(first, meeting), open_form(second, meeting)
    edited = first_form | {"participations-0-title_as_reported": "Phó Bí thư Tỉnh ủy"}
    assert first.post(change_url(meeting), edited).status_code == 302

    stale = stale_form | {"title": "Tiêu đề mới", "participations-0-title_as_reported": "Sai"}
    response = second.post(change_url(meeting), stale)

    assert response.status_code == 200
    page = response.content.decode()
    assert f"{editor_user.username} đã sửa chức danh như bài viết" in page
    assert f'href="{change_url(meeting)}"' in page  # reload the meeting's page
    row.refresh_from_db()
    meeting.refresh_from_db()
    assert row.title_as_reported == "Phó Bí thư Tỉnh ủy"
    assert meeting.title == "Tiêu đề cũ"  # the meeting's own change is not saved either


@pytest.mark.parametrize(
    ("factory", "field", "first_value", "stale_field", "stale_value"),
    [
        (PersonFactory, "full_name", "Phạm Hoàng Sơn", "notes", "<p>Ghi chú</p>"),
        (ResolutionFactory, "title", "Về khoa học", "issued_on", "2021-02-03"),
    ],
)
def test_stale_forms_of_other_models_are_refused(
    first, second, factory, field, first_value, stale_field, stale_value
):
    obj = factory()
    first_form, stale_form = open_form(first, obj), open_form(second, obj)
    assert first.post(change_url(obj), first_form | {field: first_value}).status_code == 302

    response = second.post(change_url(obj), stale_form | {stale_field: stale_value})

    assert response.status_code == 200
    assert "editors-user" in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == first_value
    assert str(getattr(obj, stale_field)) != stale_value.removeprefix("<p>").removesuffix("</p>")


def test_saves_in_turn_all_go_through(first, second):
    meeting = draft_meeting(title="Một")
    assert (
        first.post(change_url(meeting), open_form(first, meeting) | {"title": "Hai"}).status_code
        == 302
    )
    form = open_form(second, meeting) | {"summary": "<p>Ba</p>"}
    assert second.post(change_url(meeting), form).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.summary) == ("Hai", "<p>Ba</p>")


def test_a_bulk_edit_makes_open_forms_stale(second):
    meeting = draft_meeting(title="Cũ")
    stale_form = open_form(second, meeting)
    Meeting.objects.filter(pk=meeting.pk).update(place="Hội trường A")

    response = second.post(change_url(meeting), stale_form | {"title": "Mới"})

    assert response.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.title, meeting.place) == ("Cũ", "Hội trường A")


def test_a_meeting_deleted_while_editing_is_not_brought_back(first, second):
    meeting = draft_meeting(title="Sẽ bị xóa")
    stale_form = open_form(first, meeting)
    pk = meeting.pk
    second.post(reverse("admin:meetings_meeting_delete", args=[pk]), {"post": "yes"})

    response = first.post(reverse("admin:meetings_meeting_change", args=[pk]), stale_form)

    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=pk).exists()
    message = str(next(iter(response.wsgi_request._messages)))
    assert "publishers-user đã xóa" in message


def test_an_inline_row_deleted_while_editing_is_not_brought_back(second):
    meeting = draft_meeting(title="Cũ")
    row = ParticipationFactory(meeting=meeting)
    stale_form = open_form(second, meeting)
    row_pk = row.pk
    row.delete()

    response = second.post(change_url(meeting), stale_form | {"title": "Mới"})

    assert response.status_code == 200
    assert not Participation.objects.filter(pk=row_pk).exists()
    assert Meeting.objects.get(pk=meeting.pk).title == "Cũ"


def test_a_change_between_reading_and_writing_rolls_the_whole_save_back(second):
    """The form's check passes, but another save lands before the row's UPDATE: the UPDATE
    finds no row at the version read, and the meeting's own change is rolled back too."""
    meeting = draft_meeting(title="Cũ")
    row = ParticipationFactory(meeting=meeting, title_as_reported="Giám đốc Sở")
    form = open_form(second, meeting) | {
        "title": "Mới",
        "participations-0-title_as_reported": "Phó Giám đốc Sở",
    }

    def someone_else_saves_first(sender, instance, **kwargs):
        Participation.objects.filter(pk=instance.pk).update(spoke=True)

    pre_save.connect(someone_else_saves_first, sender=Participation)
    try:
        response = second.post(change_url(meeting), form)
    finally:
        pre_save.disconnect(someone_else_saves_first, sender=Participation)

    assert response.status_code == 302
    assert response.url == change_url(meeting)
    meeting.refresh_from_db()
    row.refresh_from_db()
    assert meeting.title == "Cũ"
    assert row.title_as_reported == "Giám đốc Sở"


def test_the_update_itself_checks_and_increments_the_version():
    from people.versions import EditConflict

    person = PersonFactory(full_name="Trần Văn A")
    mine, theirs = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
    theirs.full_name = "Trần Văn B"
    with CaptureQueriesContext(connection) as queries:
        theirs.save()
    update = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE"))
    assert '"version" = ("people_person"."version" + 1)' in update
    assert '"people_person"."version" = 0' in update.split("WHERE")[1]
    mine.notes = "Ghi chú"
    with pytest.raises(EditConflict), transaction.atomic():
        mine.save()
    assert Person.objects.get(pk=person.pk).full_name == "Trần Văn B"
    assert Person.objects.get(pk=person.pk).version == 1


def test_versions_cost_the_change_page_no_query(second):
    """The versions are columns of the rows the page reads anyway: no history is read, and the
    count is what the page cost before versions (each autocomplete row reads its choices)."""
    meeting = draft_meeting()
    ParticipationFactory.create_batch(8, meeting=meeting)
    with CaptureQueriesContext(connection) as queries:
        assert second.get(change_url(meeting)).status_code == 200
    assert not [q for q in queries.captured_queries if "historical" in q["sql"]]
    assert len(queries) <= 29


def test_resolution_version_is_a_hidden_field(second):
    resolution = ResolutionFactory()
    page = second.get(change_url(resolution)).content.decode()
    assert 'type="hidden" name="version" value="0"' in page
    assert Resolution.objects.get(pk=resolution.pk).version == 0
