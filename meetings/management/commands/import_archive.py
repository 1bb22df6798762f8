"""Restore an archive written by export_archive into an empty database, then refresh its
search data: `loaddata` writes rows as the archive holds them, without `save()`, so text
folded by another version of the rules is made right (`refresh_search`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.archive import ArchiveError, archive_import
from meetings.tasks import queue_search_refresh


class Command(BaseCommand):
    help = "Restore a zip written by export_archive into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the .zip file to restore")

    def handle(self, *args, path, **options):
        try:
            manifest = archive_import(path=path)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {path} with {len(manifest['media'])} media files.")
        job = queue_search_refresh()
        if job.finished:
            self.stdout.write(
                f"Search data refreshed: {job.result.get('written', 0)} rows written."
            )
        else:
            self.stdout.write(f"Search data refresh queued as job #{job.pk}.")
