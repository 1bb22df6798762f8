"""Writes that span several models: turning an article into a draft meeting."""

import codecs
import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from indicators.models import Indicator, ReportedValue
from people.codes import parse_code
from people.history import deleted_with, restore_rows
from people.models import Area, Organization, Person
from people.periods import parse_period
from people.text import fold, starts_markup

from .importer import extract_article, page_to_text
from .importer.chrome import is_chrome
from .importer.lines import caption_key
from .importer.notes import NO_TITLE, Note
from .matching import Candidate, same_meeting_candidates
from .models import (
    Delegation,
    DocumentCitation,
    FigureCitation,
    Meeting,
    Participation,
    ParticipationCitation,
    Photo,
    PhotoCitation,
    PhotoPerson,
    Report,
    Resolution,
    ReviewNote,
)

MAX_ARTICLE_BYTES = 2 * 1024 * 1024
ROLE_FIELDS = {"chaired", "led_delegation", "spoke", "reported"}


PROGRAM_LIMIT_EXCEEDED = "54000"  # PostgreSQL's SQLSTATE for a value over a built-in limit


class ArticleImportError(ValueError):
    """The input cannot be imported; the message says why, for the editor."""


class SameMeetingFound(ArticleImportError):
    """The article seems to report a meeting already in the archive: the editor chooses
    whether to attach it to that meeting or to import it as a new one."""

    def __init__(self, candidates: list[Candidate]):
        self.candidates = candidates
        best = candidates[0]
        super().__init__(
            _(
                "This article seems to report a meeting already in the archive: #%(id)s "
                "“%(title)s” (score %(score)s: %(reasons)s). Attach it to that meeting or "
                "import it as a new one."
            )
            % {
                "id": best.meeting.pk,
                "title": best.meeting.title,
                "score": round(best.score, 1),
                "reasons": "; ".join(best.reasons),
            }
        )


@dataclass
class ImportReport:
    """What an import found, did, or would have done."""

    data: dict
    meeting: Meeting | None = None
    created: bool = False
    attached: bool = False
    would_change: list[str] = field(default_factory=list)
    same_meeting: list[Candidate] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return self.data["warnings"]


def article_text_from_bytes(raw: bytes, *, filename: str = "") -> str:
    """Decode an uploaded or piped article, refusing what is not UTF-8 text."""
    return article_text(article_decoded(raw), filename=filename)


def article_too_long(size: int) -> ArticleImportError:
    """The refusal of an article of `size` bytes, over `MAX_ARTICLE_BYTES`."""
    return ArticleImportError(
        _("The article is %(size)s MB; the limit is %(limit)s MB.")
        % {"size": round(size / 1024 / 1024, 1), "limit": MAX_ARTICLE_BYTES // 1024 // 1024}
    )


def article_decoded(raw: bytes) -> str:
    """The text of an article's bytes, as written (an HTML page still a page), refusing what
    is empty, too long, binary or not UTF-8 (UTF-16 with its byte-order mark is read)."""
    if not raw.strip():
        raise ArticleImportError(_("The article is empty."))
    if len(raw) > MAX_ARTICLE_BYTES:
        raise article_too_long(len(raw))
    try:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Word and Notepad save "Unicode" as UTF-16 with a byte-order mark: read it.
            raw = raw.decode("utf-16").encode("utf-8")
        if b"\x00" in raw:
            raise ArticleImportError(_("This is a binary file, not an article's text."))
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # a broken UTF-16 file too
        raise ArticleImportError(
            _("The article is not UTF-8 text (byte %(position)s). Save it as UTF-8, then retry.")
            % {"position": exc.start}
        ) from exc


def article_text(text: str, *, filename: str = "") -> str:
    """The article's text, kept verbatim; HTML (by name, or opening with a real tag) is reduced
    to paragraphs and captions."""
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise ArticleImportError(_("The article is too long to be one report."))
    if "\x00" in text:
        raise ArticleImportError(_("This is a binary file, not an article's text."))
    looks_like_html = starts_markup(text.lstrip()) or filename.lower().endswith((".html", ".htm"))
    if looks_like_html:
        text = page_to_text(text)
    if not text.strip():
        raise ArticleImportError(_("The article has no text."))
    return text


def previews_in_a_request(text: str) -> bool:
    """Whether the import page reads `text` for its preview while the editor waits
    (`ARTICLE_IMPORT_ADMIN_MAX_KB`); a longer article is imported by a background job
    without one, since a request cut off by the server's timeout ends in an error page."""
    return len(text.encode("utf-8")) <= settings.ARTICLE_IMPORT_ADMIN_MAX_KB * 1024


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def meeting_import_from_text(
    *,
    text: str,
    source_url: str = "",
    publisher: str = "",
    dry_run: bool = False,
    user=None,
    attach_to: Meeting | None = None,
    new: bool = False,
) -> ImportReport:
    """Extract a report and record it: as a draft meeting with the article as its first
    `Report`, every fact citing it, reusing existing people and documents; or, with
    `attach_to`, as another report of that meeting (`_AttachWriter`).

    The meetings the article may describe are proposed first (`report.same_meeting`, best
    first, from `meetings.matching`). When one passes the attach threshold and the caller chose
    neither `attach_to` nor `new`, nothing is written: `SameMeetingFound` asks for the choice.

    Importing the same article again (a report with the same URL or the same text) creates
    nothing and overwrites nothing: the report lists what the article would have changed.
    """
    # Titles that name an organization already in the archive are read whole, commas and all.
    known = Organization.objects.values_list("name", flat=True)
    report = ImportReport(
        data=extract_article(text, source_url=source_url, known_organizations=list(known))
    )
    existing = _find_existing(text, source_url)
    if existing is not None:
        report.meeting = existing
        report.would_change = _differences(existing, report.data)
        return report
    report.same_meeting = same_meeting_candidates(report.data)
    if dry_run:
        return report
    proposed = [candidate for candidate in report.same_meeting if candidate.attach]
    if attach_to is None and not new and proposed:
        raise SameMeetingFound(proposed)
    try:
        with transaction.atomic():
            if attach_to is not None:
                writer = _AttachWriter(report.data, text, source_url, publisher, user=user)
                report.meeting = writer.attach(attach_to)
                report.attached, report.would_change = True, writer.differences
            else:
                writer = _ImportWriter(report.data, text, source_url, publisher, user=user)
                report.meeting = writer.write()
    except OperationalError as error:
        # PostgreSQL's search vector holds at most 1 MB of distinct words: only text made to
        # overflow it (hundreds of thousands of distinct "words") gets here; nothing is kept.
        if getattr(error.__cause__, "sqlstate", None) != PROGRAM_LIMIT_EXCEEDED:
            raise
        raise ArticleImportError(
            _("The article has more distinct words than the search index can hold.")
        ) from error
    report.created = True
    return report


class PublishRefused(ValueError):
    """A meeting that may not be sent for publishing or published yet
    (`Meeting.publication_refusal`)."""


def meeting_send_for_publishing(*, meeting: Meeting) -> Meeting:
    """An editor hands a checked draft to the publishers: refused while a note is open."""
    refusal = meeting.publication_refusal()
    if refusal:
        raise PublishRefused(refusal)
    if meeting.status == Meeting.Status.DRAFT:
        meeting.status = Meeting.Status.READY
        meeting.save(update_fields=["status", "version", "updated_at"])
    return meeting


def meeting_publish(*, meeting: Meeting, when=None) -> Meeting:
    """Publish now (or at the time already scheduled): refused while a note is open."""
    refusal = meeting.publication_refusal()
    if refusal:
        raise PublishRefused(refusal)
    meeting.status = Meeting.Status.PUBLISHED
    meeting.published_at = meeting.published_at or when or timezone.now()
    meeting.save(update_fields=["status", "published_at", "version", "updated_at"])
    return meeting


class SplitRefused(ArticleImportError):
    """A report that cannot be split out: its meeting's only report."""


def meeting_split_report(*, report: Report, user=None) -> Meeting:
    """Move a wrongly attached report back out into a draft meeting of its own, with the facts
    it printed (issue 15, part 5), in one transaction.

    A fact only this report printed moves with it; a fact other reports of the meeting printed
    too stays, and the new meeting gets a copy of it, which this report's citation now points
    to (a photo's copy carries its caption and credit, not its file). The documents it printed
    are linked to the new meeting, and unlinked from the old one where no other report printed
    them. The old meeting keeps its other reports, renumbered."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("meeting").get(pk=report.pk)
        old = Meeting.objects.select_for_update().get(pk=report.meeting_id)
        if old.reports.count() < 2:
            raise SplitRefused(_("This is the meeting's only report: there is nothing to split."))
        new = Meeting.objects.create(
            title=(report.headline or old.title)[:500],
            date=old.date,
            date_precision=old.date_precision,
            area=old.area,
            place=old.place,
            kind=old.kind,
            status=Meeting.Status.DRAFT,
            language=report.language,
        )
        ReviewNote.objects.create(
            meeting=new,
            report=report,
            message=gettext_noop(
                "Split out of meeting #%(pk)s “%(title)s”: check its date and place."
            ),
            params={"pk": old.pk, "title": old.title},
        )
        _move_or_copy(report.participation_citations.select_related("participation"),
                      "participation", new, report)  # fmt: skip
        _move_or_copy(report.figure_citations.select_related("reported_value"),
                      "reported_value", new, report)  # fmt: skip
        _move_or_copy(report.photo_citations.select_related("photo"), "photo", new, report)
        printed = list(report.document_citations.values_list("resolution_id", flat=True))
        new.resolutions.add(*printed)
        still_printed = DocumentCitation.objects.filter(
            report__meeting=old, resolution_id__in=printed
        ).exclude(report=report)
        kept = set(still_printed.values_list("resolution_id", flat=True))
        old.resolutions.remove(*(set(printed) - kept))
        report.meeting, report.position = new, 1
        report.save()
        for position, other in enumerate(old.reports.order_by("position", "pk"), 1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])
        old.save()  # its version moves on: an editor's open form on it is now stale
        new.save()
    return new


def _move_or_copy(citations, fact_field: str, new: Meeting, report: Report) -> None:
    """Each fact `report` cites: moved to `new` when no other report cites it, else copied
    there with the citation moved to the copy."""
    for citation in citations:
        fact = getattr(citation, fact_field)
        others = type(citation).objects.filter(**{fact_field: fact}).exclude(report=report)
        if not others.exists():
            fact.meeting = new
            fact.save()
            continue
        fact.pk = fact.id = None
        fact._state.adding = True
        fact.meeting = new
        if fact_field == "photo":
            fact.image = ""  # the file stays the old meeting's; its caption and credit are copied
        if fact_field == "participation" and citation.title_as_printed:
            fact.title_as_reported = citation.title_as_printed
        fact.save()
        setattr(citation, fact_field, fact)
        citation.save()


RESTORED = "restored with its meeting"


def meeting_restore(*, meeting: Meeting, user) -> Meeting:
    """Bring a deleted meeting back as it was, with the rows deleted along with it (reports,
    delegation, participations, photos and the people tagged in them, figures, and what cites
    which report), in one transaction.

    It comes back as a draft whatever its status was: publishing it again is a publisher's
    decision. Its photos' files were never removed from storage. Refused, writing nothing
    (`RestoreRefused`), when a record those rows refer to has been deleted since.
    """
    with transaction.atomic():
        meeting.status, meeting.published_at = Meeting.Status.DRAFT, None
        if Meeting.objects.filter(slug=meeting.slug).exists():
            meeting.slug = ""  # its address was taken since: a new one
        meeting.save(force_insert=True)
        for model in (Report, Delegation, Participation, ReportedValue):
            rows = deleted_with(model, Meeting, meeting_id=meeting.pk)
            restore_rows(model, rows, user=user, reason=RESTORED)
        photos = deleted_with(Photo, Meeting, meeting_id=meeting.pk)
        restore_rows(Photo, photos, user=user, reason=RESTORED)
        tags = deleted_with(PhotoPerson, Meeting, photo_id__in=[photo.pk for photo in photos])
        restore_rows(PhotoPerson, tags, user=user, reason=RESTORED)
        reports = list(meeting.reports.values_list("pk", flat=True))
        for model in (ParticipationCitation, FigureCitation, PhotoCitation, DocumentCitation):
            rows = deleted_with(model, Meeting, report_id__in=reports)
            restore_rows(model, rows, user=user, reason=RESTORED)
    return meeting


def _find_existing(text, source_url) -> Meeting | None:
    """The meeting of a report already imported from this address or with this text."""
    reports = Report.objects.select_related("meeting").order_by("pk")
    found = reports.filter(url=source_url).first() if source_url else None
    found = found or reports.filter(source_hash=fingerprint(text)).first()
    return found.meeting if found else None


def _differences(meeting: Meeting, data: dict) -> list[str]:
    """What the article says that the stored meeting (perhaps edited since) no longer says."""
    changes = []
    if data["title"] and data["title"] != meeting.title:
        changes.append(
            _("title: “%(old)s” → “%(new)s”") % {"old": meeting.title, "new": data["title"]}
        )
    stored = {
        fold(p.person.full_name): p.title_as_reported
        for p in meeting.participations.select_related("person").filter(person__isnull=False)
    }
    for person in data["people"]:
        title = stored.get(fold(person["name"]))
        if title is None:
            changes.append(_("participant %(name)s would be added") % {"name": person["name"]})
        elif person["title"] and title != person["title"]:
            changes.append(
                _("title of %(name)s: “%(old)s” → “%(new)s”")
                % {"name": person["name"], "old": title, "new": person["title"]}
            )
    codes = set(meeting.resolutions.values_list("code", flat=True))
    for resolution in data["resolutions"]:
        if resolution["code"] not in codes:
            changes.append(_("resolution %(code)s would be linked") % {"code": resolution["code"]})
    changes += _figure_differences(meeting, data["indicators"])
    captions = set(meeting.photos.values_list("caption", flat=True))
    for photo in data["photos"]:
        if photo["caption"] not in captions:
            changes.append(
                _("caption “%(caption)s” would be added") % {"caption": photo["caption"]}
            )
    return changes


def _figures_by_value(stored) -> dict[tuple, list[ReportedValue]]:
    """Stored figures grouped by (value, unit), as an article's figure is compared with them:
    `58.40` and `58.4` are one value."""
    grouped: dict[tuple, list[ReportedValue]] = {}
    for figure in stored:
        grouped.setdefault((figure.value.normalize(), figure.unit), []).append(figure)
    return grouped


def _figure_differences(meeting: Meeting, figures: list[dict]) -> list[str]:
    """The article's figures that the stored meeting lacks, or holds under another indicator
    or period."""
    changes = []
    stored_figures = _figures_by_value(meeting.reported_values.select_related("indicator"))
    for figure in figures:
        same = stored_figures.get((Decimal(figure["value"]).normalize(), figure["unit"]), [])
        described = {"value": figure["value"], "unit": figure["unit"]}
        if not same:
            changes.append(
                _("figure %(name)s = %(value)s %(unit)s would be added")
                % {**described, "name": figure["name"]}
            )
            continue
        if fold(figure["name"]) not in {fold(stored.indicator.name) for stored in same}:
            changes.append(
                _("figure %(value)s %(unit)s: indicator “%(old)s” → “%(new)s”")
                % {
                    **described,
                    "old": " / ".join(stored.indicator.name for stored in same),
                    "new": figure["name"],
                }
            )
        start, end, _precision = parse_period(figure["period"])
        if (start, end) not in {(stored.period_start, stored.period_end) for stored in same}:
            changes.append(
                _("figure %(value)s %(unit)s: period “%(old)s” → “%(new)s”")
                % {
                    **described,
                    "old": " / ".join(stored.period_display or "—" for stored in same),
                    "new": figure["period"] or "—",
                }
            )
    return changes


def _flag_names_without_diacritics(people: list[Person], warnings: list[str]) -> None:
    """An English report's name that matches no official: a new person, flagged for review."""
    for person in people:
        person.notes = _(
            "Created from an English report: the name is printed without diacritics; "
            "check its spelling, or merge this person with the official it names."
        )
        warnings.append(Note(
            gettext_noop("%(name)s (English report) matches no one in the archive: a new "
                         "person was created; check the spelling."),
            about=("person", person.full_name), name=person.full_name,
        ))  # fmt: skip


class _ImportWriter:
    """Writes one extraction; every lookup reuses an existing row by folded name or code.

    Rows of which an article may hold thousands (people, participations, figures, indicators)
    are looked up and written in a few statements each, not one per row: the time an import
    takes grows with the article, not with its square.
    """

    def __init__(self, data, text, source_url, publisher, *, user=None):
        self.data, self.text, self.source_url, self.publisher = data, text, source_url, publisher
        self.user = user if user is not None and user.is_authenticated else None
        self.warnings = list(data["warnings"])
        self.organizations: dict[str, Organization] = {}
        self.areas: dict[str, Area] = {}
        self.people: dict[str, Person | None] = {}
        self.candidates: dict[str, list[Person]] = {}
        # Rows already in the meeting, so that a report's rows are ordered after them.
        self.orders_taken = {"participations": 0, "photos": 0, "figures": 0}
        self.participations: list[Participation] = []  # every one written, to be cited
        # The rows written, by what a note names them with (`Note.about`).
        self.participation_by_name: dict[str, Participation] = {}
        self.figure_by_key: dict[tuple, ReportedValue] = {}

    def write(self) -> Meeting:
        areas = [self.area(name) for name in self.data["places"]]
        for org in self.data["organizations"]:
            self.organization(org["name"], kind=org["kind"], parent=org["parent"])
        resolutions = [self.resolution(r) for r in self.data["resolutions"]]
        meeting = self.meeting(areas[0] if areas else None)
        meeting.resolutions.set(resolutions)
        meeting.visited_organizations.set(
            [self.organization(name, kind="enterprise") for name in self.data["site_visits"]]
        )
        self.participants(meeting)
        photos = self.photos(meeting)
        figures = self.figures(meeting, areas[0] if areas else None)
        report = self.report(meeting)
        report.cite(
            participations=self.participations,
            figures=figures,
            photos=photos,
            resolutions=resolutions,
        )
        self.write_notes(meeting, report, self.warnings)
        return meeting

    def write_notes(self, meeting, report, notes) -> None:
        """Each note as a row of its own, tied to the participant, figure or field of the
        meeting it concerns, so that settling that fact settles the note."""
        rows = []
        for note in notes:
            note = note if isinstance(note, Note) else Note(str(note))
            kind, *key = note.about or ("",)
            rows.append(ReviewNote(
                meeting=meeting,
                report=report,
                message=note.message,
                params=note.params,
                field=key[0] if kind == "meeting" else "",
                participation=self.participation_by_name.get(fold(key[0]))
                if kind == "person" else None,
                figure=self.figure_by_key.get(tuple(key)) if kind == "figure" else None,
            ))  # fmt: skip
        ReviewNote.objects.bulk_create(rows)

    def report(self, meeting, *, position: int = 1) -> Report:
        """The article as one of the meeting's reports (the first, when it makes the meeting)."""
        return Report.objects.create(
            meeting=meeting,
            position=position,
            publisher=self.organization(self.publisher or self.data["source"]),
            url=self.source_url,
            headline=(self.data["title"] or "")[:500],
            language=meeting.language,
            source_text=self.text,
            source_hash=fingerprint(self.text),
            imported_at=timezone.now(),
            imported_by=self.user,
        )

    def area(self, name):
        key = fold(name)
        if key not in self.areas:
            area = Area.objects.filter(name_folded=key).first()
            self.areas[key] = area or Area.objects.create(name=name, kind=Area.Kind.PROVINCE)
        return self.areas[key]

    def organization(self, name, *, kind=None, parent=None):
        if not name:
            return None
        key = fold(name)
        if key not in self.organizations:
            found = Organization.objects.filter(name_folded=key).first()
            if found is None:
                found = Organization.objects.create(
                    name=name,
                    kind=kind if kind in Organization.Kind.values else Organization.Kind.OTHER,
                    parent=self.organization(parent) if parent else None,
                )
            self.organizations[key] = found
        return self.organizations[key]

    def resolution(self, data):
        code = parse_code(data["code"])
        found = Resolution.objects.filter(code_key=code.key).first()
        if found:
            return found
        return Resolution.objects.create(
            code=data["code"],
            issued_on=datetime.date.fromisoformat(data["date"]) if data["date"] else None,
            issuer=self.organization(data["issuer"], kind=Organization.Kind.POLITBURO)
            if data["issuer"]
            else None,
            title=data["title"] or "",
        )

    def meeting(self, area):
        # "2024-05-10", or "2024-05" and "2024" for a date printed in part.
        date, _end, precision = parse_period(self.data["date"])
        captions = {photo["caption"] for photo in self.data["photos"]}
        byline = self.data["source"]
        # Captions (with or without their credit) and the page's own lines are not the body.
        paragraphs = [
            line.strip()
            for line in self.text.splitlines()
            if line.strip()
            and line.strip() not in captions
            and caption_key(line.strip()) not in captions
            and line.strip() != byline
            and not is_chrome(line.strip(), self.data["title"])
        ]
        title = self.data["title"] or self.fallback_title(area)
        return Meeting.objects.create(
            title=title[:500],
            date=date,
            date_precision=precision,
            area=area,
            place=area.name if area else "",
            kind=Meeting.Kind.WORKING_SESSION,
            body="\n\n".join(paragraphs),
            status=Meeting.Status.DRAFT,
            language=self.data.get("language", Meeting.Language.VIETNAMESE),
        )

    def fallback_title(self, area):
        leader = next((p for p in self.data["people"] if "led_delegation" in p["roles"]), None)
        where = area.name if area else _("the province")
        self.warnings.append(NO_TITLE)
        if leader and leader["organization"]:
            return _("%(org)s works with %(place)s") % {
                "org": leader["organization"],
                "place": where,
            }
        return _("Working session in %(place)s") % {"place": where}

    def find_people(self):
        """Every person the article names, in one query; the new ones created in one insert."""
        names = {}
        for data in self.data["people"]:
            names.setdefault(fold(data["name"]), data["name"])  # as first spelled
        for person in Person.objects.filter(name_folded__in=names).prefetch_related("positions"):
            self.candidates.setdefault(person.name_folded, []).append(person)
        new = [Person(full_name=name) for key, name in names.items() if key not in self.candidates]
        if self.data.get("language") == Meeting.Language.ENGLISH:
            _flag_names_without_diacritics(new, self.warnings)
        for person in Person.objects.bulk_create(new):
            self.people[person.name_folded] = person

    def person(self, name, title, organization):
        """The one existing person this name and title fit, a new person, or None if ambiguous."""
        key = fold(name)
        if key in self.people:
            return self.people[key]
        candidates = self.candidates[key]
        chosen = None
        if len(candidates) == 1:
            chosen = candidates[0]
        else:
            fitting = [p for p in candidates if self.fits(p, title, organization)]
            if len(fitting) == 1:
                chosen = fitting[0]
            else:
                self.warnings.append(Note(
                    gettext_noop("%(count)s people are named %(name)s; choose the right one. "
                                 "Candidates: %(names)s."),
                    about=("person", name), count=len(candidates), name=name,
                    names=", ".join(f"{p.full_name} (#{p.pk})" for p in candidates),
                ))  # fmt: skip
        self.people[key] = chosen
        return chosen

    @staticmethod
    def fits(person, title, organization):
        folded_title = fold(title)
        return (
            any(
                (organization and position.organization_id == organization.pk)
                or (position.title and fold(position.title) in folded_title)
                for position in person.positions.all()
            )
            or person.participations.filter(title_as_reported=title).exists()
        )

    def participants(self, meeting):
        self.find_people()
        head, rows = None, []
        first = self.orders_taken["participations"] + 1
        for order, data in enumerate(self.data["people"], first):
            organization = self.organization(data["organization"])
            person = self.person(data["name"], data["title"], organization)
            if person is None and organization is None:
                self.warnings.append(Note(
                    gettext_noop("%(name)s was not recorded: no unique person and no "
                                 "organization."),
                    about=("meeting", "participations"), name=data["name"],
                ))  # fmt: skip
                continue
            roles = {role: True for role in data["roles"] if role in ROLE_FIELDS}
            rows.append(Participation(
                meeting=meeting,
                person=person,
                organization=organization,
                title_as_reported=data["title"] if person else f"{data['name']}, {data['title']}",
                side=data["side"] or Participation.Side.OTHER,
                order=order,
                needs_review=person is None or not data["title"] or data["side"] is None,
                **roles,
            ))  # fmt: skip
            self.participation_by_name[fold(data["name"])] = rows[-1]
            if roles.get("led_delegation") and person:
                head = (person, organization)
        self.participations = Participation.objects.bulk_create(rows)
        self.representatives(meeting, order=first + len(self.data["people"]) - 1)
        if head and not Delegation.objects.filter(meeting=meeting).exists():
            person, organization = head
            lead = organization
            while lead and lead.parent_id and lead.kind == Organization.Kind.MINISTRY_DEPARTMENT:
                lead = lead.parent
            if lead:
                Delegation.objects.create(meeting=meeting, lead_organization=lead, head=person)
        hosts = {
            p.organization
            for p in meeting.participations.select_related("organization")
            if p.side == Participation.Side.HOST and p.organization
        }
        meeting.host_organizations.add(*hosts)  # a new meeting has none; an attached keeps its

    def representatives(self, meeting, *, order):
        """Departments that spoke through an unnamed representative ("Đại diện Sở …")."""
        known = {fold(org["name"]): org["name"] for org in self.data["organizations"]}
        for line in [photo["caption"] for photo in self.data["photos"]]:
            if not fold(line).startswith("dai dien "):
                continue
            folded = fold(line)
            name = max((n for key, n in known.items() if key in folded), key=len, default=None)
            organization = self.organization(name) if name else None
            if (
                organization is None
                or meeting.participations.filter(person=None, organization=organization).exists()
            ):
                continue
            order += 1
            start = folded.index(fold(name))
            local = organization.kind in {
                Organization.Kind.PROVINCIAL_DEPARTMENT,
                Organization.Kind.PEOPLE_COMMITTEE,
                Organization.Kind.PEOPLE_COUNCIL,
                Organization.Kind.PARTY_COMMITTEE,
            }
            representative = Participation.objects.create(
                meeting=meeting,
                organization=organization,
                title_as_reported=line[: start + len(name)],
                side=Participation.Side.HOST if local else Participation.Side.OTHER,
                spoke=True,
                order=order,
            )
            self.participations.append(representative)

    def photos(self, meeting):
        """The captions in one insert (so the meeting's vector takes them in once), then the
        people each names."""
        photos = Photo.objects.bulk_create(
            Photo(
                meeting=meeting,
                caption=data["caption"],
                alt_text=data["caption"],
                credit=(data.get("credit") or "")[:200],
                order=order,
            )
            for order, data in enumerate(self.data["photos"], self.orders_taken["photos"] + 1)
        )
        tags = {}
        for photo, data in zip(photos, self.data["photos"], strict=True):
            for position, name in enumerate(data["people"]):
                person = self.people.get(fold(name))
                if person:
                    tags.setdefault((photo.pk, person.pk), PhotoPerson(
                        photo=photo, person=person, order=position
                    ))  # fmt: skip
        PhotoPerson.objects.bulk_create(tags.values())
        return photos

    @staticmethod
    def indicators(figures) -> dict[str, Indicator]:
        """The indicator of each figure by folded name, in one query; new ones in one insert."""
        first, found = {}, {}
        for data in figures:
            first.setdefault(fold(data["name"]), data)
        for indicator in Indicator.objects.filter(name_folded__in=first):
            found.setdefault(indicator.name_folded, indicator)
        new = Indicator.objects.bulk_create(
            Indicator(name=data["name"], default_unit=data["unit"])
            for key, data in first.items()
            if key not in found
        )
        return found | {indicator.name_folded: indicator for indicator in new}

    def figures(self, meeting, area):
        readable = []
        for order, data in enumerate(self.data["indicators"], self.orders_taken["figures"] + 1):
            try:
                readable.append((order, data, Decimal(data["value"])))
            except InvalidOperation:
                self.warnings.append(Note(
                    gettext_noop("Unreadable figure: %(value)s"),
                    about=("meeting", "figures"), value=data["value"],
                ))  # fmt: skip
        indicators = self.indicators(data for _order, data, _value in readable)
        rows = []
        for order, data, value in readable:
            start, end, precision = parse_period(data["period"])
            qualifier = data["qualifier"] or ""
            rows.append(ReportedValue(
                indicator=indicators[fold(data["name"])],
                area=self.area(data["area"]) if data["area"] else area,
                period_start=start,
                period_end=end,
                period_precision=precision,
                value=value,
                unit=data["unit"][:50],
                value_as_printed=_printed(data),
                qualifier=qualifier if qualifier in ReportedValue.Qualifier.values else "",
                rank=data["rank"] or "",
                meeting=meeting,
                source_sentence=data["sentence"],
                order=order,
                needs_review=data["period"] is None
                or qualifier not in ReportedValue.Qualifier.values,
            ))  # fmt: skip
        rows = ReportedValue.objects.bulk_create(rows)
        for (_order, data, _value), row in zip(readable, rows, strict=True):
            self.figure_by_key.setdefault((data["sentence"], data["value"], data["unit"]), row)
        return rows


def _printed(figure: dict) -> str:
    """The figure as its sentence prints it, if it fits the column (blank: composed instead)."""
    printed = figure.get("printed") or ""
    longest = ReportedValue._meta.get_field("value_as_printed").max_length
    return printed if len(printed) <= longest else ""


class _AttachWriter(_ImportWriter):
    """Writes an article as another report of a meeting already recorded (issue 15): the facts
    the meeting lacks are added, every fact the article prints cites the new report, and
    nothing recorded is overwritten; what the report prints otherwise is listed for the editor
    (`differences`) and in the meeting's review notes."""

    def attach(self, meeting: Meeting) -> Meeting:
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        full = self.data
        known = self.recorded(meeting)
        self.differences = self.compare(meeting, known)
        self.data = {**full, **self.unrecorded(known)}
        self.orders_taken = {
            "participations": self.highest(meeting.participations),
            "photos": self.highest(meeting.photos),
            "figures": self.highest(meeting.reported_values),
        }
        before = self.fact_ids(meeting)
        for org in full["organizations"]:
            self.organization(org["name"], kind=org["kind"], parent=org["parent"])
        resolutions = [self.resolution(r) for r in full["resolutions"]]
        meeting.resolutions.add(*resolutions)
        self.participants(meeting)
        self.photos(meeting)
        self.figures(meeting, meeting.area)
        self.data = full
        position = (meeting.reports.aggregate(top=Max("position"))["top"] or 0) + 1
        report = self.report(meeting, position=position)
        self.cite(report, meeting, known, before, resolutions)
        self.fill_blanks(meeting)
        self.write_notes(meeting, report, self.differences + self.warnings)
        meeting.save()
        return meeting

    @staticmethod
    def highest(rows) -> int:
        return rows.aggregate(top=Max("order"))["top"] or 0

    def recorded(self, meeting) -> dict:
        """The meeting's facts this article prints too: participations by folded name,
        figures by value and unit (each stored figure matched once), photos by caption."""
        by_name = {
            p.person.name_folded: p
            for p in meeting.participations.select_related("person").filter(person__isnull=False)
        }
        people = {fold(d["name"]): by_name[fold(d["name"])]
                  for d in self.data["people"] if fold(d["name"]) in by_name}  # fmt: skip
        stored_figures = _figures_by_value(meeting.reported_values.order_by("order", "pk"))
        figures = {}
        for index, data in enumerate(self.data["indicators"]):
            try:
                key = (Decimal(data["value"]).normalize(), data["unit"][:50])
            except InvalidOperation:
                continue
            if stored_figures.get(key):
                figures[index] = stored_figures[key].pop(0)
        by_caption = {fold(photo.caption): photo for photo in meeting.photos.all()}
        photos = {index: by_caption[fold(d["caption"])]
                  for index, d in enumerate(self.data["photos"])
                  if fold(d["caption"]) in by_caption}  # fmt: skip
        return {"people": people, "figures": figures, "photos": photos}

    def unrecorded(self, known) -> dict:
        """The draft's facts the meeting lacks: what the writer's methods then add."""
        return {
            "people": [d for d in self.data["people"] if fold(d["name"]) not in known["people"]],
            "indicators": [
                d for i, d in enumerate(self.data["indicators"]) if i not in known["figures"]
            ],  # fmt: skip
            "photos": [d for i, d in enumerate(self.data["photos"]) if i not in known["photos"]],
        }

    def compare(self, meeting, known) -> list[str]:
        """What this report prints otherwise than the meeting records; both are kept."""
        lines = []
        for data in self.data["people"]:
            stored = known["people"].get(fold(data["name"]))
            if stored and data["title"] and data["title"] != stored.title_as_reported:
                lines.append(Note(
                    gettext_noop("%(name)s: this report prints the title “%(new)s”, the meeting "
                                 "records “%(old)s”; both are kept, each with its report."),
                    about=("person", data["name"]),
                    name=data["name"], new=data["title"], old=stored.title_as_reported,
                ))  # fmt: skip
        date, _end, _precision = parse_period(self.data["date"])
        if date and meeting.date and date != meeting.date:
            lines.append(Note(
                gettext_noop("This report dates the meeting %(new)s, the meeting records "
                             "%(old)s; the meeting's date is unchanged."),
                about=("meeting", "date"), new=str(date), old=str(meeting.date),
            ))  # fmt: skip
        added = {
            "people": len(self.data["people"]) - len(known["people"]),
            "figures": len(self.data["indicators"]) - len(known["figures"]),
            "captions": len(self.data["photos"]) - len(known["photos"]),
        }
        lines.append(Note(
            gettext_noop("Added from this report: %(people)s participants, %(figures)s "
                         "figures, %(captions)s captions."),
            **added,
        ))  # fmt: skip
        return lines

    @staticmethod
    def fact_ids(meeting) -> dict[str, set[int]]:
        return {
            "participations": set(meeting.participations.values_list("pk", flat=True)),
            "figures": set(meeting.reported_values.values_list("pk", flat=True)),
            "photos": set(meeting.photos.values_list("pk", flat=True)),
        }

    def cite(self, report, meeting, known, before, resolutions) -> None:
        """Every fact the article prints cites the report: the ones it added, and the ones the
        meeting recorded already (a participant with the title as this report prints it)."""
        titles = {fold(d["name"]): d["title"] for d in self.data["people"]}
        after = self.fact_ids(meeting)
        new_people = meeting.participations.filter(
            pk__in=after["participations"] - before["participations"]
        )
        printed = [(p, p.title_as_reported) for p in new_people]
        printed += [(p, titles[key]) for key, p in known["people"].items()]
        ParticipationCitation.objects.bulk_create(
            ParticipationCitation(participation=p, report=report, title_as_printed=title)
            for p, title in printed
        )
        figures = (after["figures"] - before["figures"]) | {f.pk for f in known["figures"].values()}
        FigureCitation.objects.bulk_create(
            FigureCitation(reported_value_id=pk, report=report) for pk in figures
        )
        photos = (after["photos"] - before["photos"]) | {p.pk for p in known["photos"].values()}
        PhotoCitation.objects.bulk_create(
            PhotoCitation(photo_id=pk, report=report) for pk in photos
        )
        DocumentCitation.objects.bulk_create(
            DocumentCitation(resolution=resolution, report=report)
            for resolution in {resolution.pk: resolution for resolution in resolutions}.values()
        )

    def fill_blanks(self, meeting) -> None:
        """A date or a place the meeting lacks and this report prints: filled, and said so."""
        date, _end, precision = parse_period(self.data["date"])
        if date and meeting.date is None:
            meeting.date, meeting.date_precision = date, precision
            self.differences.append(Note(
                gettext_noop("The meeting had no date; this report's date %(date)s was "
                             "recorded."),
                about=("meeting", "date"), date=str(date),
            ))  # fmt: skip
        if meeting.area_id is None and self.data["places"]:
            meeting.area = self.area(self.data["places"][0])
            meeting.place = meeting.place or meeting.area.name
