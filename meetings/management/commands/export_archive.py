"""Write the whole archive (data and media) to one zip file."""

from pathlib import Path

from django.core.management.base import BaseCommand

from meetings.archive import archive_export


class Command(BaseCommand):
    help = "Write the whole archive, data and media, to one portable zip file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="where to write the .zip file")

    def handle(self, *args, path, **options):
        manifest = archive_export(path=path)
        self.stdout.write(f"Wrote {path} with {len(manifest['media'])} media files.")
