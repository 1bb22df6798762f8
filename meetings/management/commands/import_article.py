"""Import a report (.txt or .html, or `-` for standard input) as a draft meeting."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.services import (
    ArticleImportError,
    article_text_from_bytes,
    meeting_import_from_text,
)


class Command(BaseCommand):
    help = "Turn a published report's text into a draft meeting for an editor to check."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .txt or .html file, or - for standard input.")
        parser.add_argument("--dry-run", action="store_true", help="Extract only; save nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print the extraction as one JSON object."
        )
        parser.add_argument("--publisher", default="", help="The publishing organization.")
        parser.add_argument("--url", default="", help="The article's address.")

    def handle(self, *args, path, dry_run, json: bool, publisher, url, **options):
        raw, name = self.read(path)
        try:
            text = article_text_from_bytes(raw, filename=name)
            report = meeting_import_from_text(
                text=text, source_url=url, publisher=publisher, dry_run=dry_run
            )
        except ArticleImportError as exc:
            raise CommandError(str(exc)) from exc
        if json:
            self.stdout.write(self.as_json(report.data))
            return
        self.describe(report, dry_run)

    def read(self, path):
        if path == "-":
            return sys.stdin.buffer.read(), ""
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        if file.suffix.lower() not in {".txt", ".html", ".htm"}:
            raise CommandError("Give a .txt or .html file.")
        return file.read_bytes(), file.name

    @staticmethod
    def as_json(data):
        return json.dumps(data, ensure_ascii=False)

    def describe(self, report, dry_run):
        data = report.data
        found = (
            f"{len(data['people'])} people, {len(data['resolutions'])} resolutions, "
            f"{len(data['indicators'])} figures, {len(data['photos'])} captions"
        )
        if report.meeting and not report.created:
            self.stdout.write(f"Already imported as “{report.meeting}” (#{report.meeting.pk}).")
            if report.would_change:
                self.stdout.write("Not changed, because an editor may have edited it since:")
                for change in report.would_change:
                    self.stdout.write(f"  - {change}")
            else:
                self.stdout.write("The stored meeting already says everything the article says.")
        elif dry_run:
            self.stdout.write(f"Dry run, nothing saved. Found {found}.")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Draft “{report.meeting}” (#{report.meeting.pk}) with {found}.")
            )
        for warning in report.warnings:
            self.stdout.write(f"  ! {warning}")
