"""Every public URL pattern, walked and fuzzed: hidden meetings leak nowhere, nothing errors.

The patterns are read from the URL resolver, so pages added later (lists, search, feeds,
sitemaps) are covered as soon as they are routed. Only `admin/` is skipped.
"""

import contextlib
import datetime
import string
from urllib.parse import quote

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.models import Meeting
from tests.factories import MeetingFactory, ParticipationFactory, ReportedValueFactory
from tests.fuzz_counter import FUZZ

pytestmark = pytest.mark.django_db

SECRET = "Bímật"  # searched for; a search page may echo it back
MARKER = "Zxqmarker"  # never searched for: it must appear on no public page


def public_patterns(resolver=None, prefix="", namespace=""):
    """(route, URL name, converter names) for every public pattern."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += public_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = list(getattr(entry.pattern, "converters", {}))
            found.append((route, f"{namespace}{entry.name}", converters))
    return found


def public_urls():
    """One URL per pattern without arguments, and every object's own URL."""
    urls = set()
    for _route, name, converters in public_patterns():
        if not converters:
            with contextlib.suppress(NoReverseMatch):
                urls.add(reverse(name))
    for model in apps.get_models():
        if model._meta.app_label in {"people", "meetings", "indicators"} and hasattr(
            model, "get_absolute_url"
        ):
            for obj in model._default_manager.all():
                urls.add(obj.get_absolute_url().split("#")[0])
    return sorted(urls)


@pytest.fixture
def hidden_meetings(sample_archive):
    """A draft, a scheduled and an unpublished meeting, each with children that say SECRET."""
    now = timezone.now()
    hidden = [
        MeetingFactory(
            title=f"{SECRET} {MARKER} nháp", status=Meeting.Status.DRAFT, published_at=None
        ),
        MeetingFactory(
            title=f"{SECRET} {MARKER} hẹn giờ", published_at=now + datetime.timedelta(days=1)
        ),
        MeetingFactory(
            title=f"{SECRET} {MARKER} đã gỡ",
            status=Meeting.Status.DRAFT,
            published_at=now - datetime.timedelta(days=3),
        ),
    ]
    person = sample_archive.participations.filter(person__isnull=False).first().person
    for meeting in hidden:
        meeting.summary = f"{SECRET} {MARKER} tóm tắt"
        meeting.save()
        meeting.resolutions.set(sample_archive.resolutions.all())
        ParticipationFactory(
            meeting=meeting, person=person, title_as_reported=f"{SECRET} {MARKER} chức"
        )
        ReportedValueFactory(meeting=meeting, source_sentence=f"{SECRET} {MARKER} số liệu")
    return hidden


def test_the_walk_finds_the_public_patterns(sample_archive):
    names = {name for _route, name, _converters in public_patterns()}
    assert {"meetings:detail", "meetings:official", "indicators:detail"} <= names
    assert not any(route.startswith("admin/") for route, _n, _c in public_patterns())


def test_hidden_meetings_are_404_and_leak_into_no_public_page(client, hidden_meetings):
    assert not Meeting.objects.published().filter(title__startswith=SECRET).exists()
    for meeting in hidden_meetings:
        assert client.get(meeting.get_absolute_url()).status_code == 404
    hidden_urls = {m.get_absolute_url() for m in hidden_meetings}
    hidden_slugs = [m.slug.encode() for m in hidden_meetings]
    walked = 0
    for url in public_urls():
        if url in hidden_urls:
            continue
        for query in ({}, {"q": SECRET}, {"q": "bimat"}):
            response = client.get(url, query, follow=True)
            walked += 1
            assert response.status_code < 500, url
            assert MARKER.encode() not in response.content, (url, query)
            assert not any(slug in response.content for slug in hidden_slugs), (url, query)
    assert walked >= 3 * 10


def test_scheduled_meeting_appears_when_its_time_comes(client, sample_archive):
    meeting = MeetingFactory(published_at=timezone.now() + datetime.timedelta(minutes=5))
    assert meeting not in Meeting.objects.published()
    assert client.get(meeting.get_absolute_url()).status_code == 404
    Meeting.objects.filter(pk=meeting.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert meeting in Meeting.objects.published()
    assert client.get(meeting.get_absolute_url()).status_code == 200


HOSTILE = [
    "",
    " ",
    "'",
    '"',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "\x00",
    "../../etc/passwd",
    "..%2f..%2f",
    "${7*7}",
    "{{7*7}}",
    "%s%s%s%n",
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "null",
    "[]",
    "Phạm Hoàng Sơn",
    "52-NQ/TW",
    "\u202e\u0000\ud7ff",
    "a" * 5000,
    "\n\r\t",
    "😀",
]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))
keys = st.one_of(
    st.sampled_from(["q", "page", "year", "area", "kind", "resolution", "person", "sort", "o"]),
    st.text(alphabet=string.ascii_letters + "_[]", min_size=1, max_size=12),
)


@pytest.fixture
def fuzz_targets(sample_archive):
    patterns = public_patterns()
    real_urls = public_urls()
    FUZZ["patterns"] = len(patterns)
    return patterns, real_urls


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzzed_paths_and_queries_never_cause_a_server_error(client, fuzz_targets, data):
    patterns, real_urls = fuzz_targets
    query = data.draw(st.dictionaries(keys, st.one_of(text, st.lists(text, max_size=3))))
    if data.draw(st.booleans()):
        url = data.draw(st.sampled_from(real_urls))
    else:
        route, _name, converters = data.draw(st.sampled_from(patterns))
        url = "/" + route
        for converter in converters:
            segment = quote(data.draw(text), safe="")
            url = url.replace(f"<{converter}>", segment)
            for prefix in ("slug", "int", "str", "path", "uuid"):
                url = url.replace(f"<{prefix}:{converter}>", segment)
    response = client.get(url, query)
    FUZZ["cases"] += 1
    if response.status_code >= 500:
        FUZZ["server_errors"] += 1
    assert response.status_code < 500, (url, query)
