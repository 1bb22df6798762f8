"""Every path by which a published meeting makes a record public, in one table.

`people.visibility` holds the rule; this module, at the top layer that knows every model,
fills it in (`MeetingsConfig.ready()`). A new public model gets a `public()` QuerySet method
that calls `people.visibility.public(self)` and its paths here; `tests/test_visibility.py`
then checks each path from a draft, a scheduled and a published meeting.
"""

from indicators.models import Indicator, ReportedValue
from people.models import Area, Organization, Person, Position
from people.visibility import published, referred_by, registry

from .models import (
    Delegation,
    Meeting,
    Participation,
    Photo,
    PhotoPerson,
    Report,
    Resolution,
    published_condition,
    scheduled_condition,
)


def _attended():
    return Participation.objects.published()


def _led():
    return Delegation.objects.filter(published("meeting__"))


def _meetings():
    return Meeting.objects.published()


PATHS = {
    Person: {
        "participation": lambda: referred_by(_attended(), "person"),
        "delegation head": lambda: referred_by(_led(), "head"),
        "photo tag": lambda: referred_by(
            PhotoPerson.objects.filter(published("photo__meeting__")), "person"
        ),
    },
    Organization: {
        "host": lambda: referred_by(_meetings(), "host_organizations"),
        "visited": lambda: referred_by(_meetings(), "visited_organizations"),
        "delegation lead": lambda: referred_by(_led(), "lead_organization"),
        "participant's organization": lambda: referred_by(_attended(), "organization"),
        "report publisher": lambda: referred_by(Report.objects.public(), "publisher"),
        "document issuer": lambda: referred_by(Resolution.objects.public(), "issuer"),
        "employer of an official": lambda: referred_by(
            Position.objects.filter(person__in=Person.objects.public()), "organization"
        ),
    },
    Area: {
        "meeting's area": lambda: referred_by(_meetings(), "area"),
        "figure's area": lambda: referred_by(ReportedValue.objects.public(), "area"),
    },
    Resolution: {
        "discussed": lambda: referred_by(
            Meeting.resolutions.through.objects.filter(published("meeting__")), "resolution"
        ),
        "figure's document": lambda: referred_by(ReportedValue.objects.public(), "resolution"),
    },
    Indicator: {
        "figure": lambda: referred_by(ReportedValue.objects.public(), "indicator"),
    },
    Photo: {"meeting": lambda: published("meeting__")},
    Report: {"meeting": lambda: published("meeting__")},
    ReportedValue: {"meeting": lambda: published("meeting__")},
}


def register():
    registry.register_published(published_condition, scheduled_condition)
    for model, paths in PATHS.items():
        for name, condition in paths.items():
            registry.register(model, name, condition)
