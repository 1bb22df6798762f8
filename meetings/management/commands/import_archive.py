"""Restore an archive written by export_archive into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.archive import ArchiveError, archive_import


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
