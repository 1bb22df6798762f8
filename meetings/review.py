"""The review screen: a report's text beside the facts read from it, each marked where it was
printed, to be accepted, corrected in place or rejected (docs/review.md).

The same facts come from a saved draft (`facts_of_meeting`) or from an import's dry run
(`facts_of_draft`, the preview before saving). `highlighted` marks in the text the words each
fact came from; `settle_fact` applies an editor's decision.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.db import transaction
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import ReportedValue
from people.admin import VersionedForm
from people.admin_widgets import LocalizedDecimalField
from people.numbers import format_vietnamese_number
from people.periods import YEAR, format_period, parse_period, read_displayed_period
from people.text import fold

from .importer.notes import NO_TITLE, Note
from .models import DocumentCitation, Meeting, Participation, Photo, ReviewNote

KINDS = {
    "title": gettext_lazy("Title"),
    "date": gettext_lazy("Date"),
    "place": gettext_lazy("Place"),
    "person": gettext_lazy("People"),
    "document": gettext_lazy("Documents"),
    "figure": gettext_lazy("Figures"),
    "photo": gettext_lazy("Captions"),
}
# The order in which facts claim words of the text: the most exact first, so that a caption
# takes its whole line around the names already marked in it.
_CLAIM_ORDER = ["title", "date", "document", "figure", "person", "photo", "place"]


@dataclass
class Fact:
    """One fact as the review screen shows it."""

    key: str  # "figure-12": the id of its card and, with "src-", of its mark in the text
    kind: str
    heading: str
    reading: str  # what was read, in one line
    quotes: list[str]  # the words it came from, the most exact first
    within: str = ""  # a figure's sentence: its value is looked for there first
    needs_review: bool = False
    notes: list = field(default_factory=list)
    form: forms.Form | None = None
    can_reject: bool = True
    number: int = 0
    found: bool = False

    @property
    def open_notes(self) -> int:
        return sum(1 for note in self.notes if getattr(note, "is_open", True))


def grouped(facts: list[Fact]) -> list[tuple[str, list[Fact]]]:
    """The facts under their kinds' headings, in the screen's order."""
    groups = {}
    for fact in facts:
        groups.setdefault(fact.kind, []).append(fact)
    return [(KINDS[kind], groups[kind]) for kind in KINDS if kind in groups]


# Facts of a saved meeting --------------------------------------------------------------------


def facts_of_meeting(meeting: Meeting, *, data=None) -> tuple[list[Fact], list[ReviewNote]]:
    """The meeting's facts with their correction forms (bound to `data` for the one posted),
    and the notes that concern no single fact. A fixed number of queries."""
    notes = list(meeting.notes.all())
    by_row = {}
    for note in notes:
        target = ("person", note.participation_id) if note.participation_id else None
        target = ("figure", note.figure_id) if note.figure_id else target
        target = target or (("meeting", note.field) if note.field in _MEETING_FIELDS else None)
        by_row.setdefault(target, []).append(note)
    facts = [_meeting_fact(meeting, name, by_row.get(("meeting", name), [])) for name in
             _MEETING_FIELDS]  # fmt: skip
    participations = meeting.participations.select_related("person", "organization")
    facts += [_person_fact(p, by_row.get(("person", p.pk), [])) for p in participations]
    facts += [_document_fact(r) for r in meeting.resolutions.all()]
    figures = meeting.reported_values.select_related("indicator", "area")
    facts += [_figure_fact(f, by_row.get(("figure", f.pk), [])) for f in figures]
    facts += [_photo_fact(photo) for photo in meeting.photos.all()]
    for number, fact in enumerate(facts, 1):
        fact.number = number
        if fact.form is not None:
            fact.form = fact.form(data if data and data.get("fact") == fact.key else None)
    return facts, by_row.get(None, [])


_MEETING_FIELDS = ("title", "date", "place")


def _meeting_fact(meeting, name, notes) -> Fact:
    reading = {
        "title": meeting.title,
        "date": meeting.date_display if meeting.date else "",
        "place": meeting.place,
    }[name]
    quotes = {
        "title": [meeting.title],
        "date": _date_quotes(meeting.date) if meeting.date else [],
        "place": [meeting.place] if meeting.place else [],
    }[name]
    return Fact(
        key=name,
        kind=name,
        heading=str(Meeting._meta.get_field(name).verbose_name).capitalize(),
        reading=reading or "—",
        quotes=quotes,
        needs_review=any(note.is_open for note in notes),
        notes=notes,
        form=_bound(meeting_check(name), meeting, prefix=name),
        can_reject=name != "title",
    )


def _person_fact(participation, notes) -> Fact:
    name = participation.person.full_name if participation.person else ""
    return Fact(
        key=f"person-{participation.pk}",
        kind="person",
        heading=name or participation.title_as_reported,
        reading=" · ".join(
            filter(None, [participation.title_as_reported, participation.get_side_display()])
        ),
        quotes=[q for q in (name, participation.title_as_reported) if q],
        needs_review=participation.needs_review,
        notes=notes,
        form=_bound(ParticipationCheck, participation, prefix=f"person-{participation.pk}"),
    )


def _document_fact(resolution) -> Fact:
    return Fact(
        key=f"document-{resolution.pk}",
        kind="document",
        heading=resolution.code,
        reading=resolution.title[:200],
        quotes=[resolution.code],
    )


def _figure_fact(figure, notes) -> Fact:
    return Fact(
        key=f"figure-{figure.pk}",
        kind="figure",
        heading=figure.indicator.name,
        reading=_figure_reading(
            figure.printed_display, figure.period_display, figure.area, figure.rank
        ),
        quotes=[figure.value_as_printed, *_value_quotes(figure.value, figure.unit)],
        within=figure.source_sentence,
        needs_review=figure.needs_review,
        notes=notes,
        form=_bound(FigureCheck, figure, prefix=f"figure-{figure.pk}"),
    )


def _figure_reading(figure, period, area, rank) -> str:
    return " · ".join(filter(None, [figure, period, str(area or ""), rank]))


def _photo_fact(photo) -> Fact:
    return Fact(
        key=f"photo-{photo.pk}",
        kind="photo",
        heading=_("Photo %(n)s") % {"n": photo.order or photo.pk},
        reading=photo.caption,
        quotes=[photo.caption] if photo.caption else [],
        form=_bound(PhotoCheck, photo, prefix=f"photo-{photo.pk}"),
    )


def _bound(form_class, instance, *, prefix):
    """A form class that, called with the posted data or None, makes the fact's form."""

    def make(data):
        return form_class(data, instance=instance, prefix=prefix)

    return make


def _date_quotes(date) -> list[str]:
    d, m, y = date.day, date.month, date.year
    return [f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y}", f"{d}-{m}-{y}", f"{d:02d}-{m:02d}-{y}",
            f"ngày {d} tháng {m} năm {y}", f"ngày {d} tháng {m}", f"{d}/{m}", f"{d}-{m}",
            f"{d:02d}/{m:02d}", date.strftime("%B %-d"), date.strftime("%-d %B")]  # fmt: skip


def _value_quotes(value, unit) -> list[str]:
    """The figure as a report may print it: `58,4%`, `58,4 %`, `954.964 tỷ`, then the bare value."""
    forms_ = dict.fromkeys(
        [format_vietnamese_number(value), format(value.normalize(), "f"), f"{value.normalize():,}"]
    )
    return [f"{number}{space}{unit}" for number in forms_ for space in ("", " ")] + list(forms_)


# Facts of a dry run (the preview) ------------------------------------------------------------


def facts_of_draft(data: dict) -> tuple[list[Fact], list[Note]]:
    """What an import would record, as facts without forms, with the notes it would leave."""
    by_about = {}
    for note in data["warnings"]:
        about = getattr(note, "about", ())
        key = None
        if about[:1] == ("person",):
            key = ("person", fold(about[1]))
        elif about[:1] == ("figure",) or about[1:] and about[1] in _MEETING_FIELDS:
            key = about
        by_about.setdefault(key, []).append(note)
    facts = [
        Fact(key="title", kind="title", heading=_("Title"), reading=data["title"] or "—",
             quotes=[data["title"]] if data["title"] else [],
             notes=by_about.pop(("meeting", "title"), []) + ([] if data["title"] else [NO_TITLE])),
        Fact(key="date", kind="date", heading=_("Date"), reading=data["date"] or "—",
             quotes=_date_quotes(parse_period(data["date"]).start)
             if data["date_precision"] == "day" else [],
             notes=by_about.pop(("meeting", "date"), [])),
        Fact(key="place", kind="place", heading=_("Place"),
             reading=", ".join(data["places"]) or "—", quotes=data["places"][:1]),
    ]  # fmt: skip
    for index, person in enumerate(data["people"]):
        notes = by_about.pop(("person", fold(person["name"])), [])
        facts.append(Fact(
            key=f"person-{index}", kind="person", heading=person["name"],
            reading=" · ".join(filter(None, [person["title"], person["side"]])),
            quotes=[person["name"]], needs_review=bool(notes) or not person["title"],
            notes=notes,
        ))  # fmt: skip
    for index, document in enumerate(data["resolutions"]):
        facts.append(Fact(key=f"document-{index}", kind="document", heading=document["code"],
                          reading=document["title"] or "", quotes=[document["code"]]))  # fmt: skip
    for index, figure in enumerate(data["indicators"]):
        key = ("figure", figure["sentence"], figure["value"], figure["unit"])
        facts.append(_draft_figure_fact(index, figure, by_about.pop(key, [])))
    for index, photo in enumerate(data["photos"]):
        facts.append(Fact(key=f"photo-{index}", kind="photo",
                          heading=_("Photo %(n)s") % {"n": index + 1},
                          reading=photo["caption"], quotes=[photo["caption"]]))  # fmt: skip
    for number, fact in enumerate(facts, 1):
        fact.number = number
    return facts, by_about.pop(None, [])


def _draft_figure_fact(index, figure, notes) -> Fact:
    try:
        value = Decimal(figure["value"])
    except InvalidOperation:
        value = None
    printed = format_vietnamese_number(value) if value is not None else figure["value"]
    shown = " ".join(filter(None, [figure["qualifier"], printed, figure["unit"]]))
    return Fact(
        key=f"figure-{index}",
        kind="figure",
        heading=figure["name"],
        reading=_figure_reading(shown, figure["period"] or "", figure["area"], figure["rank"]),
        quotes=[figure.get("printed", "")]
        + (_value_quotes(value, figure["unit"]) if value is not None else [figure["value"]]),
        within=figure["sentence"],
        needs_review=figure["period"] is None,
        notes=notes,
    )


# The text with its marks ---------------------------------------------------------------------


@functools.cache
def _plain(character: str) -> str:
    """One character without its diacritics, lower case: always one character, so that a
    place in folded text is the same place in the text."""
    if character in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", character)[0].lower()


def _folded(text: str) -> str:
    return "".join(map(_plain, text))


def _pattern(quote: str) -> re.Pattern:
    """`quote` as printed, whatever the spacing, the case and the diacritics (English reports
    print "Bac Ninh"), to be looked for in `_folded` text."""
    words = [re.escape(word) for word in _folded(quote).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def _crosses(start, end, taken) -> bool:
    return any(
        (start, end) == (s, e) or (s < start < e < end) or (start < s < end < e)
        for s, e, _fact in taken
    )


def _claim(text: str, fact: Fact, taken) -> tuple[int, int] | None:
    """The first place in `text` (folded) that prints the fact and fits among the marks taken."""
    bounds = [(0, len(text))]
    if fact.within:
        sentence = next(_pattern(fact.within).finditer(text), None)
        if sentence:
            bounds = [sentence.span(), (0, len(text))]
    for lo, hi in bounds:
        for quote in filter(None, fact.quotes):
            for match in _pattern(quote).finditer(text, lo, hi):
                if not _crosses(*match.span(), taken):
                    return match.span()
        if fact.within and (lo, hi) != (0, len(text)) and not _crosses(lo, hi, taken):
            return lo, hi  # the sentence, when the value is not found in it
    return None


def highlighted(text: str, facts: list[Fact]) -> SafeString:
    """`text`, escaped, with each fact's words in a `<mark>` that links to the fact's card
    (marks nest, never cross); sets `fact.found`."""
    taken, folded = [], _folded(text)
    for fact in sorted(facts, key=lambda f: _CLAIM_ORDER.index(f.kind)):
        span = _claim(folded, fact, taken)
        if span:
            taken.append((*span, fact))
            fact.found = True
    taken.sort(key=lambda item: (item[0], -item[1]))
    out, position, open_ends = [], 0, []
    for start, end, fact in taken:
        while open_ends and open_ends[-1] <= start:
            out.append(escape(text[position : open_ends[-1]]) + "</mark>")
            position = open_ends.pop()
        out.append(escape(text[position:start]))
        out.append(format_html(
            '<mark id="src-{key}" class="src src-{kind}" data-fact="{key}">'
            '<a class="src-go" href="#fact-{key}" aria-label="{label}">{number}</a>',
            key=fact.key, kind=fact.kind, number=fact.number,
            label=_("Fact %(n)s: %(heading)s") % {"n": fact.number, "heading": fact.heading},
        ))  # fmt: skip
        position = start
        open_ends.append(end)
    while open_ends:
        out.append(escape(text[position : open_ends[-1]]) + "</mark>")
        position = open_ends.pop()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # every piece above is escaped or built by format_html


# Correcting in place -------------------------------------------------------------------------


class ParticipationCheck(VersionedForm):
    class Meta:
        model = Participation
        fields = ["title_as_reported", "side", "version"]


class PhotoCheck(VersionedForm):
    class Meta:
        model = Photo
        fields = ["caption", "alt_text", "version"]


class FigureCheck(VersionedForm):
    """A figure's value in the interface's notation and its period as pages print it."""

    period = forms.CharField(
        label=gettext_lazy("period"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("2023, 2018–2023, 06/2024, 01–06/2024 or 01/01/2023"),
    )

    class Meta:
        model = ReportedValue
        fields = ["value", "unit", "qualifier", "period", "rank", "version"]
        field_classes = {"value": LocalizedDecimalField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        figure = self.instance
        self.initial["period"] = format_period(
            figure.period_start, figure.period_end, figure.period_precision
        )

    def clean_period(self):
        try:
            return read_displayed_period(self.cleaned_data["period"])
        except ValueError as error:
            raise forms.ValidationError(
                _("Type a period as 2023, 2018–2023, 06/2024 or 01/01/2023.")
            ) from error

    def save(self, commit=True):
        figure = self.instance
        figure.period_start, figure.period_end, precision = self.cleaned_data["period"]
        figure.period_precision = precision if figure.period_end else YEAR
        return super().save(commit)


class MeetingDateCheck(VersionedForm):
    """The meeting's date, typed as pages print it, at the precision the report gives."""

    date_typed = forms.CharField(
        label=gettext_lazy("date"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("16/04/2018, 04/2018 or 2018"),
    )

    class Meta:
        model = Meeting
        fields = ["version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date, precision = self.instance.date, self.instance.date_precision
        self.initial["date_typed"] = format_period(date, date, precision) if date else ""

    def clean_date_typed(self):
        try:
            period = read_displayed_period(self.cleaned_data["date_typed"])
        except ValueError as error:
            raise forms.ValidationError(_("Type a date as 16/04/2018, 04/2018 or 2018.")) from error
        if period.start and format_period(period.start, period.start, period.precision) != (
            format_period(*period)
        ):
            raise forms.ValidationError(_("A meeting has one date, not a period."))
        return period

    def save(self, commit=True):
        period = self.cleaned_data["date_typed"]
        self.instance.date, self.instance.date_precision = period.start, period.precision
        return super().save(commit)


def meeting_check(name):
    """The form that corrects the meeting's `name` ("title", "date" or "place")."""
    if name == "date":
        return MeetingDateCheck
    return forms.modelform_factory(Meeting, form=VersionedForm, fields=[name, "version"])


class ReviewRefused(ValueError):
    """A decision that cannot be applied: the fact is gone, or it cannot be rejected."""


def settle_fact(meeting: Meeting, fact: Fact, action: str, user) -> str:
    """Apply `action` ("accept", "correct" or "reject") to `fact`, settle its notes, and say
    what was done. A correction's form must be valid (the caller checks)."""
    with transaction.atomic():
        kind, _sep, pk = fact.key.partition("-")
        row = fact.form.instance if fact.form is not None else None
        if action == "correct":
            fact.form.save()
        if action == "reject":
            _reject(meeting, kind, pk, row, fact)
        elif kind in {"person", "figure"} and row.needs_review:
            row.needs_review = False
            row.save(update_fields=["needs_review", "version"])
        ReviewNote.objects.filter(pk__in=[note.pk for note in fact.notes]).settle(user)
    return {
        "accept": _("Accepted: %(fact)s."),
        "correct": _("Corrected: %(fact)s."),
        "reject": _("Rejected: %(fact)s."),
    }[action] % {"fact": fact.heading}


def _reject(meeting, kind, pk, row, fact) -> None:
    if not fact.can_reject:
        raise ReviewRefused(_("A meeting must have a title: correct it instead."))
    if kind == "document":
        meeting.resolutions.remove(int(pk))
        DocumentCitation.objects.filter(report__meeting=meeting, resolution_id=int(pk)).delete()
    elif kind in {"person", "figure", "photo"}:
        row.delete()
    elif kind == "date":
        meeting.date, meeting.date_precision = (
            None,
            Meeting._meta.get_field("date_precision").default,
        )
        meeting.save()
    elif kind == "place":
        meeting.place = ""
        meeting.save()
