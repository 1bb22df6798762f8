"""Restoring from history: a deleted meeting comes back whole as a draft; an editor restores
only what an editor may delete; no restore path answers 500, for either role."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from meetings.models import (
    Delegation,
    Meeting,
    Participation,
    ParticipationCitation,
    Photo,
    PhotoPerson,
    Report,
)
from people.models import Person, Position
from tests.admin_forms import form_data
from tests.conftest import client_for
from tests.factories import (
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


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def editor(editor_user):
    return client_for(editor_user)


@pytest.fixture
def publisher(publisher_user):
    return client_for(publisher_user)


def delete_in_admin(client, obj):
    response = client.post(admin_url(type(obj), "delete", obj.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def restore(client, model, pk, record=None):
    """Open a version's restore form as the browser does and post it back."""
    record = record or model.history.filter(**{model._meta.pk.attname: pk}).latest()
    url = admin_url(model, "simple_history", pk, record.history_id)
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, form_data(page))


@pytest.fixture
def whole_meeting():
    meeting = MeetingFactory(title="Buổi làm việc với tỉnh")
    Delegation.objects.create(
        meeting=meeting, lead_organization=OrganizationFactory(), name="Đoàn công tác"
    )
    ParticipationFactory.create_batch(2, meeting=meeting)
    photo = PhotoFactory(meeting=meeting)
    PhotoPersonFactory(photo=photo)
    ReportedValueFactory.create_batch(3, meeting=meeting, indicator=IndicatorFactory())
    meeting.resolutions.add(ResolutionFactory())
    meeting.host_organizations.add(OrganizationFactory())
    ReportFactory(meeting=meeting).cite_every_fact()
    return meeting


def test_a_publisher_gets_a_deleted_meeting_back_whole_as_a_draft(publisher, whole_meeting):
    pk = whole_meeting.pk
    image = Photo.objects.get(meeting=whole_meeting).image.name
    delete_in_admin(publisher, whole_meeting)

    assert restore(publisher, Meeting, pk).status_code == 302

    meeting = Meeting.objects.get(pk=pk)
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting not in Meeting.objects.published()
    assert meeting.delegation.name == "Đoàn công tác"
    assert meeting.participations.count() == 2
    assert meeting.reported_values.count() == 3
    photo = meeting.photos.get()
    assert photo.image.name == image
    assert default_storage.exists(image)
    assert PhotoPerson.objects.filter(photo=photo).count() == 1
    assert meeting.resolutions.count() == 1
    assert meeting.host_organizations.count() == 1
    report = meeting.reports.get()
    assert report.participation_citations.count() == 2
    assert (report.figures.count(), report.photos.count(), report.resolutions.count()) == (3, 1, 1)
    assert meeting.history.latest().history_change_reason == "restored"


def test_a_deleted_report_comes_back_with_its_citations(publisher, whole_meeting):
    report = whole_meeting.reports.get()
    pk, cited = report.pk, set(report.participation_citations.values_list("pk", flat=True))
    delete_in_admin(publisher, report)
    assert not ParticipationCitation.objects.exists()

    assert restore(publisher, Report, pk).status_code == 302

    report = Report.objects.get(pk=pk)
    assert set(report.participation_citations.values_list("pk", flat=True)) == cited
    assert (report.figures.count(), report.photos.count(), report.resolutions.count()) == (3, 1, 1)


def test_rows_deleted_before_the_meeting_stay_deleted(publisher, whole_meeting):
    gone = whole_meeting.participations.first()
    gone.delete()
    pk = whole_meeting.pk
    delete_in_admin(publisher, whole_meeting)

    assert restore(publisher, Meeting, pk).status_code == 302

    assert Participation.objects.filter(meeting_id=pk).count() == 1
    assert not Participation.objects.filter(pk=gone.pk).exists()


def test_an_editor_cannot_restore_a_deleted_meeting(editor, publisher, whole_meeting):
    pk = whole_meeting.pk
    delete_in_admin(publisher, whole_meeting)

    response = restore(editor, Meeting, pk)

    assert response.status_code == 403
    assert "khôi phục" in response.content.decode()
    assert not Meeting.objects.filter(pk=pk).exists()


def test_a_restore_whose_rows_lost_a_person_is_refused_whole(publisher, whole_meeting):
    pk = whole_meeting.pk
    person = whole_meeting.participations.first().person
    delete_in_admin(publisher, whole_meeting)
    delete_in_admin(publisher, person)

    response = restore(publisher, Meeting, pk)

    assert response.status_code == 409
    assert not Meeting.objects.filter(pk=pk).exists()
    assert not Participation.objects.filter(meeting_id=pk).exists()


@pytest.mark.parametrize("factory", [ResolutionFactory, OrganizationFactory, PersonFactory])
def test_an_editor_restores_only_what_an_editor_may_delete(editor, publisher, factory):
    obj = factory()
    model, pk = type(obj), obj.pk
    delete_in_admin(publisher, obj)

    assert restore(editor, model, pk).status_code == 403
    assert not model.objects.filter(pk=pk).exists()
    assert restore(publisher, model, pk).status_code == 302
    assert model.objects.filter(pk=pk).exists()


def test_a_deleted_person_comes_back_with_the_positions_deleted_with_them(publisher):
    position = PositionFactory(title="Bí thư Tỉnh ủy")
    person = position.person
    delete_in_admin(publisher, person)

    assert restore(publisher, Person, person.pk).status_code == 302

    assert Position.objects.get(pk=position.pk).title == "Bí thư Tỉnh ủy"


def test_an_editor_restores_a_participation_an_editor_deleted(editor):
    row = ParticipationFactory()
    delete_in_admin(editor, row)

    assert restore(editor, Participation, row.pk).status_code == 302
    assert Participation.objects.filter(pk=row.pk).exists()


def _changed(factory, field, value):
    obj = factory()
    setattr(obj, field, value)
    obj.save()
    return obj


REVERTS = [
    (lambda: MeetingFactory(status="draft", published_at=None), "title", "Sai"),
    (PersonFactory, "full_name", "Sai Tên"),
    (OrganizationFactory, "name", "Sai tên cơ quan"),
    (ResolutionFactory, "title", "Sai tiêu đề"),
    (ParticipationFactory, "title_as_reported", "Sai chức danh"),
    (IndicatorFactory, "name", "Sai chỉ tiêu"),
    (ReportedValueFactory, "unit", "tỷ đồng"),
    (PositionFactory, "title", "Sai chức vụ"),
]


@pytest.mark.parametrize("role", ["editor", "publisher"])
@pytest.mark.parametrize(("factory", "field", "value"), REVERTS)
def test_reverting_a_changed_record_works_for_both_roles(request, role, factory, field, value):
    client = request.getfixturevalue(role)
    obj = _changed(factory, field, value)
    model = type(obj)
    first = obj.history.earliest()

    assert restore(client, model, obj.pk, first).status_code == 302

    obj.refresh_from_db()
    assert getattr(obj, field) == getattr(first, field)


def test_an_editor_reverting_to_a_published_version_is_refused_not_500(editor):
    meeting = MeetingFactory(title="Đã đăng")
    meeting.status, meeting.title = Meeting.Status.DRAFT, "Bản nháp"
    meeting.save()
    published = meeting.history.filter(status="published").earliest()

    assert restore(editor, Meeting, meeting.pk, published).status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_a_stale_restore_form_is_refused(publisher):
    person = _changed(PersonFactory, "full_name", "Tên thứ hai")
    url = admin_url(Person, "simple_history", person.pk, person.history.earliest().history_id)
    stale = form_data(publisher.get(url))
    Person.objects.filter(pk=person.pk).update(full_name="Tên thứ ba")

    response = publisher.post(url, stale)

    assert response.status_code == 200
    assert Person.objects.get(pk=person.pk).full_name == "Tên thứ ba"


def test_an_editor_restores_a_photo_an_editor_deleted_with_its_tags(editor):
    tag = PhotoPersonFactory()
    photo = tag.photo
    delete_in_admin(editor, photo)

    assert restore(editor, Photo, photo.pk).status_code == 302

    assert Photo.objects.get(pk=photo.pk).image.name == photo.image.name
    assert PhotoPerson.objects.filter(pk=tag.pk).exists()


def test_meetings_deleted_in_bulk_come_back_each_with_their_own_rows(publisher):
    first, second = ParticipationFactory(), ParticipationFactory()
    meetings = [first.meeting_id, second.meeting_id]
    response = publisher.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "delete_selected", "_selected_action": meetings, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk__in=meetings).exists()

    assert restore(publisher, Meeting, first.meeting_id).status_code == 302

    assert list(Participation.objects.values_list("pk", flat=True)) == [first.pk]


@pytest.mark.parametrize("role", ["editor", "publisher"])
@pytest.mark.parametrize(
    "path",
    [
        "/admin/meetings/meeting/abc/history/",
        "/admin/meetings/meeting/abc/history/1/",
        "/admin/meetings/meeting/1/history/abc/",
        "/admin/people/person/999999/history/1/",
    ],
)
def test_history_urls_with_ids_that_are_not_records_answer_404(request, role, path):
    client = request.getfixturevalue(role)
    assert client.get(path).status_code == 404
    assert client.post(path, {"title": "x"}).status_code in {403, 404}
