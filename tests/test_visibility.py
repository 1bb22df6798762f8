"""The invariant of the published/draft boundary, for every public model and every path.

For each path registered in `meetings/visibility.py`, a record reachable only that way from a
draft, a scheduled or a published meeting: it is in the model's public set if and only if its
page answers 200, search lists it, its sitemap section holds it and its feed (where it has one)
answers.
"""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator, ReportedValue
from meetings.models import (
    Delegation,
    Meeting,
    Participation,
    Photo,
    PhotoPerson,
    Report,
    Resolution,
)
from meetings.search.page import site_search
from people.models import Area, Organization, Person, Position
from people.search.query import analyse
from people.visibility import registry
from tests.factories import (
    AreaFactory,
    IndicatorFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    ReportedValueFactory,
    ReportFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

NAME = "Khổng Minh Tuệ"
ORGANIZATION = "Hợp tác xã Nông sản Bảo Lạc"
CODE = "77-NQ/TW"
INDICATOR = "Tỷ lệ che phủ rừng đầu nguồn"
CAPTION = "Đoàn thăm nhà máy chè Tân Cương"


def person():
    return PersonFactory(full_name=NAME)


def organization():
    return OrganizationFactory(name=ORGANIZATION)


def attended(meeting, who):
    return Participation.objects.create(meeting=meeting, person=who, title_as_reported="Đại biểu")


def led(meeting, **kwargs):
    kwargs.setdefault("lead_organization", OrganizationFactory())
    return Delegation.objects.create(meeting=meeting, **kwargs)


def photo(meeting):
    return Photo.objects.create(meeting=meeting, caption=CAPTION, alt_text=CAPTION)


def figure(meeting, **kwargs):
    return ReportedValueFactory(meeting=meeting, area=AreaFactory(), **kwargs)


def _set(meeting, **fields):
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()


def _published_person():
    return attended(MeetingFactory(), person()).person


# (model, path) → a function of the meeting that returns a record reachable only that way.
BUILDERS = {
    (Person, "participation"): lambda m: attended(m, person()).person,
    (Person, "delegation head"): lambda m: led(m, head=person()).head,
    (Person, "photo tag"): lambda m: (
        PhotoPerson.objects.create(photo=photo(m), person=person()).person
    ),
    (Organization, "host"): lambda m: m.host_organizations.add(o := organization()) or o,
    (Organization, "visited"): lambda m: m.visited_organizations.add(o := organization()) or o,
    (Organization, "delegation lead"): lambda m: (
        led(m, lead_organization=organization()).lead_organization
    ),
    (Organization, "participant's organization"): lambda m: (
        Participation.objects.create(meeting=m, organization=organization()).organization
    ),
    (Organization, "report publisher"): lambda m: (
        ReportFactory(meeting=m, publisher=organization()).publisher
    ),
    (Organization, "document issuer"): lambda m: (
        m.resolutions.add(ResolutionFactory(issuer=(o := organization()))) or o
    ),
    (Organization, "employer of an official"): lambda m: (
        Position.objects.create(
            person=attended(m, PersonFactory()).person,
            organization=organization(),
            title="Giám đốc",
        ).organization
    ),
    (Area, "meeting's area"): lambda m: _set(m, area=(a := AreaFactory())) or a,
    (Area, "figure's area"): lambda m: ReportedValueFactory(meeting=m, area=AreaFactory()).area,
    (Resolution, "discussed"): lambda m: m.resolutions.add(r := ResolutionFactory(code=CODE)) or r,
    (Resolution, "figure's document"): lambda m: (
        figure(m, resolution=ResolutionFactory(code=CODE)).resolution
    ),
    (Indicator, "figure"): lambda m: (
        figure(m, indicator=IndicatorFactory(name=INDICATOR)).indicator
    ),
    (Photo, "meeting"): photo,
    (ReportedValue, "meeting"): figure,
    (Report, "meeting"): lambda m: ReportFactory(meeting=m, publisher=None),
}

# What each model's record is searched by, which group lists it, and its sitemap section.
SEARCHED = {
    Person: (NAME, "officials"),
    Organization: (ORGANIZATION, "organizations"),
    Resolution: (CODE, "resolutions"),
    Indicator: (INDICATOR, "indicators"),
    Photo: (CAPTION, "meetings"),
}
SITEMAP = {
    Person: "officials",
    Organization: "organizations",
    Area: "areas",
    Resolution: "resolutions",
    Indicator: "indicators",
    Photo: "meetings",
    ReportedValue: "indicators",
    Report: "meetings",
}
FEEDS = {
    Person: lambda record: reverse("meetings:official_feed", args=[record.slug]),
    Resolution: lambda record: reverse("meetings:resolution_feed", args=[record.slug]),
    Photo: lambda record: reverse("meetings:feed"),
}

STATES = {
    "draft": {"status": Meeting.Status.DRAFT, "published_at": None},
    "scheduled": {
        "status": Meeting.Status.PUBLISHED,
        "published_at": timezone.now() + datetime.timedelta(days=1),
    },
    "published": {},
}


def test_every_registered_path_is_tried():
    registered = {(model, path.name) for model, paths in registry.paths.items() for path in paths}
    assert registered == set(BUILDERS)


def _page(record) -> str:
    return record.get_absolute_url().split("#")[0]


def _listed_by_search(record) -> bool:
    text, kind = SEARCHED[type(record)]
    wanted = record.meeting if isinstance(record, Photo) else record
    groups = {group.kind: group for group in site_search(analyse(text))}
    return kind in groups and any(hit.object == wanted for hit in groups[kind].hits)


def _in_feed(client, record) -> bool:
    response = client.get(FEEDS[type(record)](record))
    if response.status_code == 404:
        return False
    assert response.status_code == 200
    if isinstance(record, Photo):
        return record.meeting.get_absolute_url() in response.content.decode()
    return True


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize(
    ("model", "path"), list(BUILDERS), ids=[f"{m.__name__}-{p}" for m, p in BUILDERS]
)
def test_public_iff_page_search_sitemap_and_feed(client, model, path, state):
    record = BUILDERS[model, path](MeetingFactory(**STATES[state]))
    assert isinstance(record, model)
    public = state == "published"

    assert model.objects.public().filter(pk=record.pk).exists() == public
    assert client.get(_page(record)).status_code == (200 if public else 404)
    if model in SEARCHED:
        assert _listed_by_search(record) == public
    sitemap = client.get(reverse("sitemap_section", args=[SITEMAP[model]]))
    assert (_page(record) in sitemap.content.decode()) == public
    if model in FEEDS:
        assert _in_feed(client, record) == public


def test_a_record_no_meeting_mentions_is_not_public(client):
    """Search once listed such people and documents, with a link that was 404."""
    someone, document = person(), ResolutionFactory(code=CODE)
    assert not Person.objects.public().filter(pk=someone.pk).exists()
    assert not Resolution.objects.public().filter(pk=document.pk).exists()
    assert client.get(someone.get_absolute_url()).status_code == 404
    assert not _listed_by_search(someone)
    assert not _listed_by_search(document)


def test_a_scheduled_meeting_makes_its_records_public_when_its_time_comes_without_restart():
    """Each model's condition is built once per process (`people.visibility.condition`); it
    must read the clock when it runs, not when it was built."""
    official = person()
    meeting = MeetingFactory(published_at=timezone.now() + datetime.timedelta(seconds=1))
    attended(meeting, official)
    assert not Person.objects.public().filter(pk=official.pk).exists()
    assert not Meeting.objects.published().filter(pk=meeting.pk).exists()
    time.sleep(1.1)
    assert Person.objects.public().filter(pk=official.pk).exists()
    assert Meeting.objects.published().filter(pk=meeting.pk).exists()
