"""export_archive and import_archive round-trip every record and every media file exactly."""

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from indicators.models import FigureTally
from meetings.archive import DATA_LABELS, DERIVED_MODELS, OPERATIONAL_MODELS, media_names
from meetings.models import Meeting, ParticipationCitation
from meetings.renditions import make_renditions
from tests.factories import PhotoFactory, ReportFactory

pytestmark = pytest.mark.django_db


def archive_models():
    """Every model whose rows the archive carries (historical records included); not the
    tallies the database keeps from them, which are rebuilt as the rows load, nor the jobs."""
    models = []
    for label in DATA_LABELS:
        app_label, _, model_name = label.partition(".")
        if model_name:
            models.append(apps.get_model(app_label, model_name))
        else:
            models.extend(apps.get_app_config(app_label).get_models())
    left_out = {*DERIVED_MODELS, *OPERATIONAL_MODELS}
    return [model for model in models if model._meta.label not in left_out]


def snapshot():
    """Every archived record, serialised with natural keys, model by model."""
    return {
        model._meta.label: json.loads(
            serializers.serialize(
                "exactjson", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
            )
        )
        for model in archive_models()
    }


def empty_database():
    """Delete every archived row, as in a freshly migrated database (permissions stay).

    Plain DELETEs inside the test's transaction: foreign keys are checked only at commit,
    which never comes, and PostgreSQL refuses TRUNCATE there.
    """
    keep = {"auth.Permission", "contenttypes.ContentType"}
    derived = [apps.get_model(label) for label in DERIVED_MODELS]
    with connection.cursor() as cursor:
        # The tallies last: deleting figures writes them.
        for model in [
            m for m in apps.get_models(include_auto_created=True) if m not in derived
        ] + derived:
            if model._meta.label in keep or model._meta.app_label in {"sessions", "contenttypes"}:
                continue
            if not model._meta.managed:  # kept by the database's triggers alone
                continue
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def media_snapshot():
    return {name: default_storage.open(name, "rb").read() for name in media_names()}


def test_round_trip_restores_every_record_and_media_file(
    sample_archive, publisher_user, tmp_path, settings
):
    sample_archive.title = "Tiêu đề đã sửa một lần"
    sample_archive.save()  # history with a user and a change
    photo = PhotoFactory(meeting=sample_archive, image__format="PNG", image__filename="anh.png")
    make_renditions(photo.image)
    # A second outlet's report, printing one title otherwise and its text with odd spacing.
    second = ReportFactory(meeting=sample_archive, position=2, source_text="  Sáng 8/6,\r\n\t")
    ParticipationCitation.objects.create(
        participation=sample_archive.participations.first(),
        report=second,
        title_as_printed="Phó Trưởng Ban Kinh tế T.Ư",
    )
    records, media = snapshot(), media_snapshot()
    tallies = FigureTally.objects.public_counts()
    assert tallies.total() == 33
    assert len(records["meetings.Report"]) == 2
    assert len(records["meetings.ParticipationCitation"]) == 10 + 1
    assert len(records["meetings.FigureCitation"]) == 33
    assert len(records["meetings.HistoricalMeeting"]) >= 2
    assert records["easy_thumbnails.Thumbnail"]
    assert len(media) >= 19 + 2

    path = tmp_path / "archive.zip"
    call_command("export_archive", str(path), stdout=io.StringIO())
    assert zipfile.is_zipfile(path)

    empty_database()
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    assert not Meeting.objects.exists()
    assert media_snapshot() == {}

    call_command("import_archive", str(path), stdout=io.StringIO())

    restored = snapshot()
    assert restored.keys() == records.keys()
    for label in records:
        assert restored[label] == records[label], label
    assert media_snapshot() == media
    assert FigureTally.objects.public_counts() == tallies
    assert publisher_user.groups.get() == Group.objects.get(name="publishers")


def test_import_refuses_a_database_that_is_not_empty(sample_archive, tmp_path):
    path = tmp_path / "archive.zip"
    call_command("export_archive", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("import_archive", str(path), stdout=io.StringIO())


def test_import_refuses_a_damaged_media_file(sample_archive, tmp_path, settings):
    path = tmp_path / "archive.zip"
    call_command("export_archive", str(path), stdout=io.StringIO())
    damaged = tmp_path / "damaged.zip"
    first_photo = f"media/{sample_archive.photos.first().image.name}"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == first_photo:
                content = content[:-10] + b"0123456789"
            target.writestr(item, content)
    empty_database()
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    with pytest.raises(CommandError, match="damaged"):
        call_command("import_archive", str(damaged), stdout=io.StringIO())
    assert not Meeting.objects.exists()
