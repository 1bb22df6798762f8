"""The whole archive, data and media, in one portable zip file, and back.

The zip holds `data.exactjson` (Django's JSON serializer keeping timestamps to the
microsecond, see `meetings.exact_json`; primary keys kept, natural keys for users, permissions and
content types, so it loads into any freshly migrated database), every media file under
`media/`, and `manifest.json` with each media file's SHA-256.
"""

import hashlib
import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from people.models import Person

from .models import Meeting

FORMAT_VERSION = 2
# What makes up the archive; sessions, login attempts and rebuildable tables stay out.
DATA_LABELS = [
    "auth.group",
    "auth.user",
    "admin.logentry",
    "people",
    "meetings",
    "indicators",
    "easy_thumbnails",
]
# Kept by the database from the rows above (the tallies, the facet rows): rebuilt as they load.
DERIVED_MODELS = [
    "indicators.FigureTally",
    "meetings.ArchiveTally",
    "meetings.CommonTerm",
    "meetings.DocumentTally",
    "meetings.MeetingFacetRow",
    "meetings.PersonTally",
    "meetings.TermAbsence",
]
# The background jobs are this installation's work in hand, not part of the record.
OPERATIONAL_MODELS = ["meetings.Job"]


def media_names(storage=default_storage, folder=""):
    """Every file name in `storage`, walking sub-folders, sorted; earlier exports left out.
    A bucket has no folder "." to ask `exists()` about: asked, S3 said no, and the export of
    an archive whose photos are in a bucket held none of them."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder on disk not made yet
        folders, files = [], []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        if f"{folder}{sub}/" != settings.JOB_EXPORTS_FOLDER:
            names += media_names(storage, f"{folder}{sub}/")
    return sorted(names)


def archive_export(*, path: Path, progress=None) -> dict:
    """Write the archive to `path`; return the manifest. `progress(done, total)` hears of the
    data and of each media file written."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        *DATA_LABELS,
        exclude=[*DERIVED_MODELS, *OPERATIONAL_MODELS],
        natural_foreign=True,
        format="exactjson",
        indent=1,
        stdout=data,
        verbosity=0,
    )
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "media": {},
    }
    names = media_names()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.exactjson", data.getvalue())
        for done, name in enumerate(names, start=1):
            if progress:
                progress(done, len(names) + 1)
            with default_storage.open(name, "rb") as media_file:
                content = media_file.read()
            manifest["media"][name] = hashlib.sha256(content).hexdigest()
            archive.writestr(f"media/{name}", content, compress_type=zipfile.ZIP_STORED)
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return manifest


class ArchiveError(Exception):
    pass


def archive_import(*, path: Path) -> dict:
    """Restore the archive at `path` into an empty database and media storage."""
    if Meeting.objects.exists() or Person.objects.exists() or User.objects.exists():
        raise ArchiveError("The database is not empty: import_archive restores into an empty one.")
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise ArchiveError(f"Unknown archive format {manifest.get('format')!r}.")
        for name in manifest["media"]:
            if name.startswith("/") or ".." in Path(name).parts:
                raise ArchiveError(f"Refusing unsafe media path {name!r}.")
        with tempfile.TemporaryDirectory() as folder:
            fixture = Path(folder) / "data.exactjson"
            fixture.write_bytes(archive.read("data.exactjson"))
            # The archive carries its own history; loading it must not write more
            # (django-simple-history records m2m changes even for raw loads).
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                call_command("loaddata", str(fixture), verbosity=0)
                for name, digest in manifest["media"].items():
                    content = archive.read(f"media/{name}")
                    if hashlib.sha256(content).hexdigest() != digest:
                        raise ArchiveError(f"{name} is damaged: its checksum does not match.")
                    if default_storage.exists(name):
                        default_storage.delete(name)
                    stored = default_storage.save(name, ContentFile(content))
                    if stored != name:
                        raise ArchiveError(f"{name} could not be stored under its own name.")
    return manifest
