"""Importing an English report: the language is recorded, names without diacritics are matched."""

import pytest

from meetings.models import Meeting
from meetings.services import meeting_import_from_text
from people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

REPORT = (
    "Deputy Prime Minister works with Binh Dinh\n\n"
    "A government working team led by Deputy Prime Minister Nguyen Thien Nhan on Monday held a "
    "working session with the province’s People’s Committee. Chairman of the provincial People’s "
    "Committee Ho Quoc Dung said that the province had 24 out of 31 major criteria met.\n"
)


def test_an_english_report_records_its_language():
    report = meeting_import_from_text(text=REPORT)
    assert report.meeting.language == Meeting.Language.ENGLISH
    vietnamese = meeting_import_from_text(
        text="Sáng 10/5/2024, ông Nguyễn Văn A làm việc với tỉnh."
    )
    assert vietnamese.meeting.language == Meeting.Language.VIETNAMESE


def test_one_official_of_that_folded_name_is_linked():
    official = PersonFactory(full_name="Nguyễn Thiện Nhân")
    report = meeting_import_from_text(text=REPORT)
    linked = report.meeting.participations.get(person=official)
    assert linked.title_as_reported == "Deputy Prime Minister"
    assert not Person.objects.filter(full_name="Nguyen Thien Nhan").exists()


def test_several_officials_of_that_folded_name_are_offered_to_the_editor():
    first = PersonFactory(full_name="Nguyễn Thiện Nhân")
    second = PersonFactory(full_name="Nguyễn Thiên Nhàn")
    report = meeting_import_from_text(text=REPORT)
    notes = " ".join(note.text for note in report.meeting.notes.all())
    assert f"#{first.pk}" in notes and f"#{second.pk}" in notes
    assert not report.meeting.participations.filter(person__in=[first, second]).exists()


def test_no_official_of_that_name_creates_a_person_flagged_for_review():
    report = meeting_import_from_text(text=REPORT)
    created = Person.objects.get(full_name="Ho Quoc Dung")
    assert "without diacritics" in created.notes
    assert any("Ho Quoc Dung" in note.text for note in report.meeting.notes.all())
    assert report.meeting.participations.get(person=created).needs_review
