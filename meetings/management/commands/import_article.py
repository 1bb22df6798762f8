"""Import a report (.txt or .html, or `-` for standard input), or a folder or .zip of them, as
draft meetings."""

import json
import sys
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.batches import is_article_name, read_member, zip_articles
from meetings.models import Meeting
from meetings.services import (
    MAX_ARTICLE_BYTES,
    ArticleImportError,
    SameMeetingFound,
    article_text_from_bytes,
    article_too_long,
    meeting_import_from_text,
)


class Command(BaseCommand):
    help = (
        "Turn a published report's text into a draft meeting for an editor to check; given a "
        "folder or a .zip, import every .txt and .html file in it, one line per article."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            help="A .txt or .html file, a folder or a .zip of them, or - for standard input.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Extract only; save nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print the extraction as one JSON object."
        )
        parser.add_argument("--publisher", default="", help="The publishing organization.")
        parser.add_argument("--url", default="", help="The article's address.")
        choice = parser.add_mutually_exclusive_group()
        choice.add_argument(
            "--attach-to",
            type=int,
            metavar="ID",
            help="Record the article as another report of meeting ID.",
        )
        choice.add_argument(
            "--new",
            action="store_true",
            help="Import as a new meeting even if it seems to report one already recorded.",
        )

    def handle(self, *args, path, dry_run, json: bool, publisher, url, attach_to, new, **options):
        batch = self.batch(path)
        if batch is not None:
            if json or url or attach_to:
                raise CommandError(
                    "--json, --url and --attach-to are for one article, not a folder or a zip."
                )
            try:
                self.import_batch(batch, dry_run=dry_run, publisher=publisher, new=new)
            finally:
                for archive in {entry[0] for _name, entry in batch if isinstance(entry, tuple)}:
                    archive.close()
            return
        raw, name = self.read(path)
        meeting = self.meeting(attach_to)
        try:
            text = article_text_from_bytes(raw, filename=name)
            report = meeting_import_from_text(
                text=text,
                source_url=url,
                publisher=publisher,
                dry_run=dry_run,
                attach_to=meeting,
                new=new,
            )
        except SameMeetingFound as exc:
            choices = "; ".join(
                f"--attach-to {c.meeting.pk} ({c.score:.1f})" for c in exc.candidates
            )
            raise CommandError(f"{exc} Choose {choices} or --new.") from exc
        except ArticleImportError as exc:
            raise CommandError(str(exc)) from exc
        if json:
            self.stdout.write(
                self.as_json(
                    {**report.data, "same_meeting": [c.as_json() for c in report.same_meeting]}
                )
            )
            return
        self.describe(report, dry_run)

    @staticmethod
    def meeting(pk):
        if pk is None:
            return None
        try:
            return Meeting.objects.get(pk=pk)
        except Meeting.DoesNotExist as exc:
            raise CommandError(f"No meeting #{pk} to attach the article to.") from exc

    def read(self, path):
        if path == "-":
            return sys.stdin.buffer.read(), ""
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        if not is_article_name(file.name):
            raise CommandError("Give a .txt or .html file, a folder or a .zip.")
        return file.read_bytes(), file.name

    @staticmethod
    def batch(path):
        """[(name, read)] for a folder or a .zip: each article read only when its turn comes."""
        if path == "-":
            return None
        place = Path(path)
        if place.is_dir():
            files = sorted(
                file for file in place.rglob("*") if file.is_file() and is_article_name(file.name)
            )
            return [(str(file.relative_to(place)), file) for file in files]
        if place.is_file() and place.suffix.lower() == ".zip":
            try:
                archive = zipfile.ZipFile(place)
            except (zipfile.BadZipFile, OSError) as exc:
                raise CommandError(f"Not a readable zip file: {path} ({exc})") from exc
            return [(info.filename, (archive, info)) for info in zip_articles(archive)]
        return None

    @staticmethod
    def read_entry(entry) -> bytes:
        if isinstance(entry, Path):
            if entry.stat().st_size > MAX_ARTICLE_BYTES:
                raise article_too_long(entry.stat().st_size)
            return entry.read_bytes()
        return read_member(*entry)

    def import_batch(self, batch, *, dry_run, publisher, new=False):
        """Every article in its own transaction; one line each, then the totals."""
        counts = {"created": 0, "already imported": 0, "refused": 0, "read": 0}
        total = len(batch)
        for number, (name, entry) in enumerate(batch, 1):
            prefix = f"[{number}/{total}] {name}:"
            try:
                text = article_text_from_bytes(self.read_entry(entry), filename=name)
                report = meeting_import_from_text(
                    text=text, publisher=publisher, dry_run=dry_run, new=new
                )
            except ArticleImportError as exc:
                counts["refused"] += 1
                self.stdout.write(self.style.ERROR(f"{prefix} refused: {exc}"))
                continue
            if report.meeting and not report.created:
                counts["already imported"] += 1
                self.stdout.write(
                    f"{prefix} already imported as “{report.meeting}” (#{report.meeting.pk})"
                )
            elif dry_run:
                counts["read"] += 1
                self.stdout.write(f"{prefix} read (dry run): {self.found(report.data)}")
            else:
                counts["created"] += 1
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{prefix} created “{report.meeting}” (#{report.meeting.pk}) with "
                        f"{self.found(report.data)}"
                    )
                )
        done = ", ".join(f"{count} {what}" for what, count in counts.items() if count)
        self.stdout.write(f"{total} articles: {done or 'nothing to import'}.")

    @staticmethod
    def as_json(data):
        return json.dumps(data, ensure_ascii=False)

    @staticmethod
    def found(data):
        return (
            f"{len(data['people'])} people, {len(data['resolutions'])} resolutions, "
            f"{len(data['indicators'])} figures, {len(data['photos'])} captions"
        )

    def describe(self, report, dry_run):
        found = self.found(report.data)
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
            for candidate in report.same_meeting:
                self.stdout.write(
                    f"  Same meeting? #{candidate.meeting.pk} “{candidate.meeting}” "
                    f"score {candidate.score:.1f}{' (attach)' if candidate.attach else ''}: "
                    + "; ".join(candidate.reasons)
                )
        elif report.attached:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Attached to “{report.meeting}” (#{report.meeting.pk}) as another report."
                )
            )
            for change in report.would_change:
                self.stdout.write(f"  - {change}")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Draft “{report.meeting}” (#{report.meeting.pk}) with {found}.")
            )
        for warning in report.warnings:
            self.stdout.write(f"  ! {warning}")
