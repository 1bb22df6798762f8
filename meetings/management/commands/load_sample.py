"""Record the reference report as one published meeting; running it again changes nothing."""

import datetime
import io
import textwrap

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image, ImageDraw

from indicators.models import Indicator, ReportedValue
from meetings import sample
from meetings.models import (
    Delegation,
    Meeting,
    Participation,
    Photo,
    PhotoPerson,
    Report,
    Resolution,
)
from meetings.services import fingerprint
from people.codes import parse_code
from people.models import Area, Organization, Person, Position
from people.numbers import find_printed_figure, parse_vietnamese_number
from people.periods import parse_period
from people.text import fold, vietnamese_slug

# A fixed publication time keeps repeated loads identical.
PUBLISHED_AT = datetime.datetime(2024, 6, 1, 9, 0, tzinfo=datetime.UTC)


def placeholder_jpeg(number: int, caption: str) -> bytes:
    """A grey image that says plainly it stands in for the published photo."""
    image = Image.new("RGB", (960, 640), (214, 219, 223))
    draw = ImageDraw.Draw(image)
    draw.rectangle([16, 16, 943, 623], outline=(120, 128, 136), width=4)
    lines = [f"PLACEHOLDER - anh minh hoa so {number}", ""]
    lines += textwrap.wrap(fold(caption), width=60)
    draw.multiline_text((48, 48), "\n".join(lines), fill=(40, 44, 52), spacing=10)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


class Command(BaseCommand):
    help = "Load the sample archive: the Thái Nguyên working session on Resolutions 52 and 23."

    @transaction.atomic
    def handle(self, *args, **options):
        areas = self.load_areas()
        orgs = self.load_organizations(areas)
        people = self.load_people(orgs)
        resolutions = self.load_resolutions(orgs)
        meeting, created = self.load_meeting(areas, orgs, resolutions)
        if created:
            self.load_participants(meeting, orgs, people)
            self.load_photos(meeting, people)
            self.load_figures(meeting, areas, resolutions)
            self.load_report(meeting, orgs)
        verb = "Loaded" if created else "Already loaded, nothing changed:"
        self.stdout.write(
            f"{verb} “{meeting.title}” with {meeting.participations.count()} participants, "
            f"{meeting.photos.count()} photos, {meeting.reported_values.count()} figures, "
            f"{meeting.resolutions.count()} resolutions."
        )

    def load_areas(self):
        areas = {}
        for key, name, kind, parent in sample.AREAS:
            areas[key], _ = Area.objects.get_or_create(
                slug=vietnamese_slug(name),
                defaults={"name": name, "kind": kind, "parent": areas.get(parent)},
            )
        return areas

    def load_organizations(self, areas):
        orgs = {}
        for key, name, abbreviation, kind, parent, area in sample.ORGANIZATIONS:
            orgs[key], _ = Organization.objects.get_or_create(
                slug=vietnamese_slug(name),
                defaults={
                    "name": name,
                    "abbreviation": abbreviation,
                    "kind": kind,
                    "parent": orgs.get(parent),
                    "area": areas.get(area),
                },
            )
        return orgs

    def load_people(self, orgs):
        people = {}
        for name, _title, _org, _side, _roles, positions in sample.PEOPLE:
            person, created = Person.objects.get_or_create(
                slug=vietnamese_slug(name), defaults={"full_name": name}
            )
            if created:
                for title, org in positions:
                    Position.objects.create(person=person, title=title, organization=orgs[org])
            people[name] = person
        return people

    def load_resolutions(self, orgs):
        resolutions = {}
        for code, issued_on, issuer, title in sample.RESOLUTIONS:
            resolutions[code], _ = Resolution.objects.get_or_create(
                code_key=parse_code(code).key,
                defaults={
                    "code": code,
                    "issued_on": datetime.date.fromisoformat(issued_on),
                    "issuer": orgs[issuer],
                    "title": title,
                },
            )
        return resolutions

    def load_meeting(self, areas, orgs, resolutions):
        text = sample.ARTICLE_PATH.read_text(encoding="utf-8")
        captions = {caption for caption, _people in sample.PHOTOS}
        body_lines = text.splitlines()[:-1]
        meeting, created = Meeting.objects.get_or_create(
            slug=sample.MEETING_SLUG,
            defaults={
                "title": sample.MEETING_TITLE,
                "kind": Meeting.Kind.WORKING_SESSION,
                "area": areas["thai-nguyen"],
                "place": "tỉnh Thái Nguyên",
                "summary": sample.MEETING_SUMMARY,
                "body": "\n\n".join(line for line in body_lines if line not in captions),
                "status": Meeting.Status.PUBLISHED,
                "published_at": PUBLISHED_AT,
            },
        )
        if created:
            meeting.host_organizations.set([orgs[key] for key in sample.HOSTS])
            meeting.visited_organizations.set([orgs[key] for key in sample.VISITED])
            meeting.resolutions.set(resolutions.values())
        return meeting, created

    def load_report(self, meeting, orgs):
        """The article as the meeting's one report, citing every fact recorded from it."""
        text = sample.ARTICLE_PATH.read_text(encoding="utf-8")
        report = Report.objects.create(
            meeting=meeting,
            position=1,
            publisher=orgs[sample.SOURCE_PUBLISHER],
            source_text=text,
            source_hash=fingerprint(text),
            imported_at=PUBLISHED_AT,
        )
        report.cite_every_fact()

    def load_participants(self, meeting, orgs, people):
        Delegation.objects.create(
            meeting=meeting,
            name="Đoàn công tác Ban Kinh tế Trung ương",
            lead_organization=orgs["bkttw"],
            head=people["Nguyễn Đức Hiển"],
            description=sample.DELEGATION_DESCRIPTION,
        )
        order = 0
        for order, (name, title, org, side, roles, _positions) in enumerate(sample.PEOPLE, 1):
            Participation.objects.create(
                meeting=meeting,
                person=people[name],
                title_as_reported=title,
                organization=orgs[org],
                side=side,
                **dict.fromkeys(roles, True),
                order=order,
            )
        for offset, (org, title) in enumerate(sample.REPRESENTATIVES, 1):
            Participation.objects.create(
                meeting=meeting,
                organization=orgs[org],
                title_as_reported=title,
                side=Participation.Side.HOST,
                spoke=True,
                order=order + offset,
            )

    def load_photos(self, meeting, people):
        for number, (caption, shown) in enumerate(sample.PHOTOS, 1):
            photo = Photo(
                meeting=meeting,
                caption=caption,
                alt_text=caption,
                credit="Ảnh minh họa thay thế (placeholder)",
                order=number,
            )
            photo.image.save(
                f"{meeting.slug[:40]}-{number:02d}.jpg",
                ContentFile(placeholder_jpeg(number, caption)),
                save=False,
            )
            photo.save()
            for position, name in enumerate(shown):
                PhotoPerson.objects.create(photo=photo, person=people[name], order=position)

    def load_figures(self, meeting, areas, resolutions):
        for order, figure in enumerate(sample.FIGURES, 1):
            name, value, unit, qualifier, period, area, rank, resolution, sentence = figure
            indicator, _ = Indicator.objects.get_or_create(
                name=name, defaults={"default_unit": unit}
            )
            start, end, precision = parse_period(period)
            number = parse_vietnamese_number(value)
            ReportedValue.objects.create(
                indicator=indicator,
                area=areas[area],
                period_start=start,
                period_end=end,
                period_precision=precision,
                value=number,
                unit=unit,
                value_as_printed=find_printed_figure(sentence, number, unit),
                qualifier=qualifier,
                rank=rank,
                meeting=meeting,
                resolution=resolutions.get(resolution),
                source_sentence=sentence,
                order=order,
            )
