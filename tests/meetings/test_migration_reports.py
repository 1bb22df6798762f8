"""The migration that moves each meeting's source into its first report, both ways, on the
sample archive and on a generated one: every source value found again byte for byte."""

import io
import unicodedata

import pytest
from django.core.management import call_command

from meetings.models import Meeting
from meetings.sample import MEETING_SLUG
from tests.migrating import migrate, migrate_to_latest

# Serialized rollback: the groups and permissions earlier migrations made are back afterwards.
# Run in a process of their own (`make test`): after other tests in the same database, restoring
# the serialized content types can clash with rows those tests' flushes left renumbered.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.migration,
]

BEFORE = [
    ("meetings", "0019_meeting_language"),
    ("indicators", "0008_versions_for_optimistic_locking"),
]
AFTER = [("meetings", "0022_remove_meeting_sources"), ("indicators", "0009_figures_cite_reports")]
SOURCE_FIELDS = ("source_publisher_id", "source_url", "source_text", "source_hash")
# What verbatim means: surrounding spaces, CRLF, a decomposed (NFD) letter, a tab.
ODD_TEXT = (
    "  Sáng 8/6,\r\nđoàn công tác\tlàm việc " + unicodedata.normalize("NFD", "Thái Nguyên") + "\n\n"
)


@pytest.fixture
def back_to_latest():
    yield
    migrate_to_latest()


def sources(apps):
    meetings = apps.get_model("meetings", "Meeting").objects
    return {row[0]: row[1:] for row in meetings.values_list("pk", *SOURCE_FIELDS)}


def reports(apps):
    Report = apps.get_model("meetings", "Report")
    rows = Report.objects.values_list(
        "meeting_id", "publisher_id", "url", "source_text", "source_hash", "position"
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def assert_every_fact_cites_the_first_report(apps):
    get = apps.get_model
    first = {report.meeting_id: report.pk for report in get("meetings", "Report").objects.all()}
    titles = {
        (c.participation_id, c.report_id): c.title_as_printed
        for c in get("meetings", "ParticipationCitation").objects.all()
    }
    participations = get("meetings", "Participation").objects.filter(meeting_id__in=first)
    assert titles == {(p.pk, first[p.meeting_id]): p.title_as_reported for p in participations}
    figures = get("indicators", "ReportedValue").objects.filter(meeting_id__in=first)
    assert set(
        get("meetings", "FigureCitation").objects.values_list("reported_value_id", "report_id")
    ) == {(f.pk, first[f.meeting_id]) for f in figures}
    photos = get("meetings", "Photo").objects.filter(meeting_id__in=first)
    assert set(get("meetings", "PhotoCitation").objects.values_list("photo_id", "report_id")) == {
        (p.pk, first[p.meeting_id]) for p in photos
    }
    discussed = get("meetings", "Meeting").resolutions.through.objects.filter(meeting_id__in=first)
    assert set(
        get("meetings", "DocumentCitation").objects.values_list("resolution_id", "report_id")
    ) == {(d.resolution_id, first[d.meeting_id]) for d in discussed}


def test_the_sample_meeting_source_goes_into_its_report_and_back(back_to_latest):
    call_command("load_sample", stdout=io.StringIO())
    meeting = Meeting.objects.get(slug=MEETING_SLUG)
    report = meeting.reports.get()
    expected = (report.publisher_id, report.url, report.source_text, report.source_hash)

    old = migrate(BEFORE)
    assert sources(old)[meeting.pk] == expected

    new = migrate(AFTER)
    assert reports(new) == {meeting.pk: (*expected, 1)}
    assert_every_fact_cites_the_first_report(new)
    citations = new.get_model("meetings", "ParticipationCitation").objects
    assert citations.count() == meeting.participations.count() == 10
    assert new.get_model("meetings", "FigureCitation").objects.count() == 33


def fill_sources(apps):
    """Sources of every kind on the generated meetings: whole, text only, address only,
    publisher only, and none at all (entered by hand)."""
    Meeting = apps.get_model("meetings", "Meeting")
    organizations = apps.get_model("people", "Organization").objects
    publishers = list(organizations.values_list("pk", flat=True)[:5])
    meetings = list(Meeting.objects.order_by("pk"))
    for number, meeting in enumerate(meetings):
        kind = number % 5
        if kind == 0:
            meeting.source_publisher_id = publishers[number % len(publishers)]
            meeting.source_url = f"https://baothainguyen.vn/tin-{number}.html"
            meeting.source_text = f"{ODD_TEXT}bài số {number}"
            meeting.source_hash = f"{number:064x}"
        elif kind == 1:
            meeting.source_text = ODD_TEXT * 3
        elif kind == 2:
            meeting.source_url = f"https://dangcongsan.vn/{number}"
        elif kind == 3:
            meeting.source_publisher_id = publishers[0]
    Meeting.objects.bulk_update(meetings, SOURCE_FIELDS)
    return sources(apps)


def test_a_generated_archive_keeps_every_source_value_both_ways(back_to_latest):
    call_command("generate_archive", "--meetings", "200", "--batch", "100", stdout=io.StringIO())
    before = fill_sources(migrate(BEFORE))
    with_source = {pk: values for pk, values in before.items() if values != (None, "", "", "")}
    assert 150 <= len(with_source) < len(before) == 200

    new = migrate(AFTER)
    assert reports(new) == {pk: (*values, 1) for pk, values in with_source.items()}
    assert_every_fact_cites_the_first_report(new)
    assert new.get_model("meetings", "ParticipationCitation").objects.exists()

    old = migrate(BEFORE)
    assert sources(old) == before
