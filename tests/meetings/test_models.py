import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.utils import timezone

from meetings.models import Meeting, Participation, Resolution
from people.codes import DOCUMENT_KINDS
from people.search.query import analyse
from tests.factories import MeetingFactory, ParticipationFactory, ResolutionFactory

pytestmark = pytest.mark.django_db


def test_resolution_code_is_normalised_into_its_parts():
    resolution = Resolution.objects.create(code="52/nq-tw", issued_on=datetime.date(2019, 9, 27))
    assert resolution.code == "52-NQ/TW"
    assert (resolution.doc_type, resolution.number, resolution.suffix) == ("NQ", "52", "TW")
    assert resolution.slug == "52-nq-tw"
    assert resolution.full_name == "Nghị quyết 52-NQ/TW"


def test_duplicate_resolution_code_is_refused_after_normalisation():
    Resolution.objects.create(code="52-NQ/TW")
    with pytest.raises(IntegrityError):
        Resolution.objects.create(code="52/NQ-TW", slug="another-slug")


def test_duplicate_code_is_reported_by_form_validation():
    Resolution.objects.create(code="52-NQ/TW")
    duplicate = Resolution(code="52/nq-tw")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "code" in excinfo.value.message_dict


def test_government_resolution_with_the_same_number_is_another_document():
    Resolution.objects.create(code="52-NQ/TW")
    government = Resolution.objects.create(code="52/NQ-CP")
    assert government.code == "52/NQ-CP"
    assert Resolution.objects.count() == 2


def test_unparseable_code_is_a_validation_error():
    with pytest.raises(ValidationError):
        Resolution(code="not a code").full_clean()


def test_resolution_used_by_a_meeting_cannot_be_deleted():
    from tests.factories import ReportedValueFactory

    value = ReportedValueFactory(resolution=ResolutionFactory())
    with pytest.raises(ProtectedError):
        value.resolution.delete()


def test_published_hides_drafts_and_scheduled_meetings():
    public = MeetingFactory()
    MeetingFactory(status=Meeting.Status.DRAFT, published_at=None)
    MeetingFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    assert list(Meeting.objects.published()) == [public]


def test_published_meeting_needs_a_publication_time():
    with pytest.raises(IntegrityError):
        MeetingFactory(published_at=None)


def test_date_precision_must_match_the_date():
    with pytest.raises(IntegrityError):
        MeetingFactory(date=None, date_precision="day")


def test_meeting_date_displays_at_its_precision():
    assert MeetingFactory(date=datetime.date(2024, 1, 1), date_precision="year").date_display == (
        "năm 2024"
    )
    assert MeetingFactory(date=None, date_precision="unknown").date_display == ""


def test_person_attends_a_meeting_once():
    participation = ParticipationFactory()
    with pytest.raises(IntegrityError):
        ParticipationFactory(meeting=participation.meeting, person=participation.person)


def test_participation_must_name_a_person_or_an_organization():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError):
        Participation.objects.create(meeting=meeting, title_as_reported="Đại diện")


def test_meeting_search_folds_text():
    meeting = MeetingFactory(title="Làm việc với tỉnh Thái Nguyên về chuyển đổi số")
    MeetingFactory(title="Hội nghị khác")
    assert list(Meeting.objects.search(analyse("thai nguyen CHUYEN doi"))) == [meeting]


def test_deleting_a_meeting_removes_its_own_children_only():
    participation = ParticipationFactory()
    person = participation.person
    participation.meeting.delete()
    assert not Participation.objects.exists()
    person.refresh_from_db()


@pytest.mark.parametrize("kind", DOCUMENT_KINDS, ids=lambda kind: kind.printed or "none")
def test_every_document_type_the_parser_reads_can_be_stored(kind):
    code = f"12/{kind.printed}-UBND" if kind.printed else "35/2023/UBTVQH15"
    resolution = Resolution.objects.create(code=code)
    resolution.refresh_from_db()
    assert resolution.doc_type == kind.printed
    assert resolution.full_name == f"{kind.name} {code}".strip()
    assert resolution.get_doc_type_display()
