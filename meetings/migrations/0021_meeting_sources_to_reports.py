"""Move each meeting's source (publisher, address, text, fingerprint) into its first report,
and cite every fact the meeting records with that report; back again when reversed. Editors and
publishers get the permissions on the new models.

A meeting with no source at all (entered by hand) gets no report. The report's language is the
meeting's; it was imported when the meeting was created, by whoever created it (the meeting's
first history record). Rows are read and written by batches of meetings, so memory does not
grow with the archive. Historical models save nothing but the given values: the text is moved
byte for byte.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BATCH = 1000
SOURCE_FIELDS = ("source_publisher_id", "source_url", "source_text", "source_hash")


def _batches(ids):
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def sources_to_reports(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Report = apps.get_model("meetings", "Report")
    with_source = Meeting.objects.exclude(
        source_publisher=None, source_url="", source_text="", source_hash=""
    )
    ids = list(with_source.order_by("pk").values_list("pk", flat=True))
    for batch in _batches(ids):
        creators = _creators(apps, batch)
        meetings = Meeting.objects.filter(pk__in=batch).values(
            "pk", "language", "created_at", *SOURCE_FIELDS
        )
        Report.objects.bulk_create(
            Report(
                meeting_id=meeting["pk"],
                position=1,
                publisher_id=meeting["source_publisher_id"],
                url=meeting["source_url"],
                source_text=meeting["source_text"],
                source_hash=meeting["source_hash"],
                language=meeting["language"],
                imported_at=meeting["created_at"],
                imported_by_id=creators.get(meeting["pk"]),
            )
            for meeting in meetings
        )
        reports = dict(
            Report.objects.filter(meeting_id__in=batch).values_list("meeting_id", "pk")
        )
        _cite(apps, reports)


def _creators(apps, batch):
    """Who created each meeting, from its first history record."""
    HistoricalMeeting = apps.get_model("meetings", "HistoricalMeeting")
    records = (
        HistoricalMeeting.objects.filter(id__in=batch, history_type="+")
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_user_id")
    )
    creators = {}
    for meeting_id, user_id in records:
        creators.setdefault(meeting_id, user_id)
    return creators


def _cite(apps, reports):
    """Every fact of each meeting cited with its report (`reports`: meeting id → report id)."""
    get = apps.get_model
    Participation = get("meetings", "Participation")
    Photo = get("meetings", "Photo")
    ReportedValue = get("indicators", "ReportedValue")
    Discussed = get("meetings", "Meeting")._meta.get_field("resolutions").remote_field.through
    meetings = list(reports)
    get("meetings", "ParticipationCitation").objects.bulk_create(
        get("meetings", "ParticipationCitation")(
            participation_id=pk, report_id=reports[meeting_id], title_as_printed=title
        )
        for pk, meeting_id, title in Participation.objects.filter(
            meeting_id__in=meetings
        ).values_list("pk", "meeting_id", "title_as_reported")
    )
    get("meetings", "FigureCitation").objects.bulk_create(
        get("meetings", "FigureCitation")(reported_value_id=pk, report_id=reports[meeting_id])
        for pk, meeting_id in ReportedValue.objects.filter(meeting_id__in=meetings).values_list(
            "pk", "meeting_id"
        )
    )
    get("meetings", "PhotoCitation").objects.bulk_create(
        get("meetings", "PhotoCitation")(photo_id=pk, report_id=reports[meeting_id])
        for pk, meeting_id in Photo.objects.filter(meeting_id__in=meetings).values_list(
            "pk", "meeting_id"
        )
    )
    get("meetings", "DocumentCitation").objects.bulk_create(
        get("meetings", "DocumentCitation")(resolution_id=pk, report_id=reports[meeting_id])
        for pk, meeting_id in Discussed.objects.filter(meeting_id__in=meetings).values_list(
            "resolution_id", "meeting_id"
        )
    )


def reports_to_sources(apps, schema_editor):
    """Each meeting's first report back into its source fields (later reports have no place
    to go: they and every citation are dropped with their tables)."""
    Meeting = apps.get_model("meetings", "Meeting")
    Report = apps.get_model("meetings", "Report")
    ids = list(Report.objects.order_by().values_list("meeting_id", flat=True).distinct())
    for batch in _batches(sorted(ids)):
        first = {}
        reports = Report.objects.filter(meeting_id__in=batch).order_by(
            "meeting_id", "position", "pk"
        )
        for report in reports.values("meeting_id", "publisher_id", "url", "source_text",
                                     "source_hash"):  # fmt: skip
            first.setdefault(report["meeting_id"], report)
        meetings = list(Meeting.objects.filter(pk__in=first).only("pk"))
        for meeting in meetings:
            report = first[meeting.pk]
            meeting.source_publisher_id = report["publisher_id"]
            meeting.source_url = report["url"]
            meeting.source_text = report["source_text"]
            meeting.source_hash = report["source_hash"]
        Meeting.objects.bulk_update(meetings, SOURCE_FIELDS, batch_size=200)


# A meeting's own rows, which editors may change and delete as they do its participations.
NEW_MODELS = ["report", "participationcitation", "figurecitation", "photocitation", "documentcitation"]


def grant_permissions(apps, schema_editor):
    """Editors and publishers work on reports and citations as on the rest of a meeting."""
    app_config = apps.get_app_config("meetings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    new = Permission.objects.filter(
        content_type__app_label="meetings", content_type__model__in=NEW_MODELS
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["editors", "publishers"]):
        group.permissions.add(*new)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0020_reports"),
        ("indicators", "0009_figures_cite_reports"),
    ]

    operations = [
        migrations.RunPython(sources_to_reports, reports_to_sources, elidable=False),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
