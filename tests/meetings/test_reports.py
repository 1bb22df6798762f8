"""Reports as records: each fact cites the reports that printed it, the import records the
article as a report, and the meeting page lists its public reports and how to cite it."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from meetings.models import Meeting, ParticipationCitation, Report
from meetings.sample import ARTICLE_PATH
from meetings.services import fingerprint, meeting_import_from_text, meeting_restore
from tests.factories import (
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    ReportFactory,
    draft_meeting,
)

pytestmark = pytest.mark.django_db

ARTICLE = ARTICLE_PATH.read_text(encoding="utf-8")


def test_two_reports_printing_a_title_differently_keep_both_titles():
    participation = ParticipationFactory(title_as_reported="Phó Trưởng Ban Kinh tế Trung ương")
    first = ReportFactory(meeting=participation.meeting, position=1)
    second = ReportFactory(meeting=participation.meeting, position=2)
    ParticipationCitation.objects.create(
        participation=participation,
        report=first,
        title_as_printed="Phó Trưởng Ban Kinh tế Trung ương",
    )
    ParticipationCitation.objects.create(
        participation=participation, report=second, title_as_printed="Phó Trưởng ban KTTƯ"
    )
    printed = dict(participation.citations.values_list("report__position", "title_as_printed"))
    assert printed == {1: "Phó Trưởng Ban Kinh tế Trung ương", 2: "Phó Trưởng ban KTTƯ"}
    assert set(participation.reports.all()) == {first, second}
    with pytest.raises(IntegrityError):
        ParticipationCitation.objects.create(participation=participation, report=first)


def test_a_report_is_public_exactly_when_its_meeting_is():
    shown, hidden = ReportFactory(), ReportFactory(meeting=draft_meeting())
    assert list(Report.objects.public()) == [shown]
    assert hidden.meeting.reports.public().count() == 0


def test_the_import_records_the_article_as_a_report_cited_by_every_fact(admin_user):
    meeting = meeting_import_from_text(
        text=ARTICLE,
        source_url="https://example.org/bai",
        publisher="Báo Thái Nguyên",
        user=admin_user,
    ).meeting
    report = meeting.reports.get()
    assert (report.position, report.url, report.publisher.name) == (
        1,
        "https://example.org/bai",
        "Báo Thái Nguyên",
    )
    assert report.source_text == ARTICLE and report.source_hash == fingerprint(ARTICLE)
    assert report.imported_by == admin_user and report.imported_at is not None
    titles = dict(
        report.participation_citations.values_list("participation_id", "title_as_printed")
    )
    assert titles == dict(meeting.participations.values_list("pk", "title_as_reported"))
    assert set(report.figures.all()) == set(meeting.reported_values.all())
    assert set(report.photos.all()) == set(meeting.photos.all())
    assert set(report.resolutions.all()) == set(meeting.resolutions.all())


def test_a_second_import_finds_the_article_by_its_report():
    first = meeting_import_from_text(text=ARTICLE).meeting
    Report.objects.filter(meeting=first).update(url="https://example.org/da-sua")
    again = meeting_import_from_text(text=ARTICLE)
    assert not again.created and again.meeting == first
    by_address = meeting_import_from_text(
        text=ARTICLE + "\nThêm.", source_url="https://example.org/da-sua"
    )
    assert not by_address.created and by_address.meeting == first
    assert Meeting.objects.count() == Report.objects.count() == 1


def test_restoring_a_deleted_meeting_brings_back_its_reports_and_citations(admin_user):
    meeting = meeting_import_from_text(text=ARTICLE).meeting
    rows = {
        "reports": Report.objects.count(),
        "citations": ParticipationCitation.objects.count(),
        "figures": Report.figures.through.objects.count(),
        "photos": Report.photos.through.objects.count(),
        "documents": Report.resolutions.through.objects.count(),
    }
    record = meeting.history.latest()
    meeting.delete()
    assert Report.objects.count() == ParticipationCitation.objects.count() == 0

    meeting_restore(meeting=record.instance, user=admin_user)

    assert rows == {
        "reports": Report.objects.count(),
        "citations": ParticipationCitation.objects.count(),
        "figures": Report.figures.through.objects.count(),
        "photos": Report.photos.through.objects.count(),
        "documents": Report.resolutions.through.objects.count(),
    }
    assert Report.objects.get().source_text == ARTICLE


def test_the_meeting_page_lists_its_reports_and_how_to_cite_it(client):
    meeting = MeetingFactory()
    ReportFactory(
        meeting=meeting,
        position=2,
        publisher=OrganizationFactory(name="Báo Nhân Dân"),
        headline="Làm việc về Nghị quyết 52",
        url="https://nhandan.vn/bai-52.html",
        published_as_printed="Thứ Năm, 8/6/2023 14:46'(GMT+7)",
    )
    ReportFactory(
        meeting=meeting, position=1, publisher=OrganizationFactory(name="Báo Thái Nguyên")
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    section = page[page.index('id="sources-heading"') :]
    assert ">Nguồn</h2>" in section
    assert section.index("[1] <a") < section.index("Báo Thái Nguyên") < section.index("[2] <a")
    assert "“Làm việc về Nghị quyết 52”, Thứ Năm, 8/6/2023 14:46&#x27;(GMT+7)" in section
    assert 'href="https://nhandan.vn/bai-52.html"' in section
    permanent = f"http://testserver{meeting.get_absolute_url()}"
    assert f"Cách trích dẫn:</strong> “{meeting.title}”" in section
    assert f'<a href="{permanent}">{permanent}</a>, theo [1], [2].' in section


def test_a_meeting_entered_by_hand_says_it_has_no_report(client):
    meeting = MeetingFactory()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Chưa ghi nhận bài viết nào đã đăng về cuộc họp này." in page


def test_a_draft_meetings_report_appears_on_no_page(client):
    report = ReportFactory(meeting=draft_meeting(), headline="Bài chưa công bố")
    assert client.get(report.get_absolute_url().split("#")[0]).status_code == 404
    assert client.get(reverse("admin:meetings_report_changelist")).status_code == 302  # login
    assert not Report.objects.public().filter(pk=report.pk).exists()
