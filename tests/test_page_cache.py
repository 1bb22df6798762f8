"""The public page cache (people/pagecache.py): anonymous readers get stored pages, a change
is visible on the very next request on every page that shows it, editors see live pages, and
conditional GET answers 304."""

import datetime
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from indicators.models import ReportedValue
from meetings.models import Meeting, Participation
from meetings.services import meeting_publish
from people import pagecache
from tests.factories import MeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    response.queries = len(queries)
    return response


def test_a_readers_second_visit_is_served_from_the_cache_without_a_query(client, sample_archive):
    url = sample_archive.get_absolute_url()
    first, second = get(client, url), get(client, url)
    assert first["X-Page-Cache"] == "miss" and first.queries > 5
    assert second["X-Page-Cache"] == "hit" and second.queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_editors_see_live_pages(editor_client, sample_archive):
    url = reverse("meetings:home")
    editor_client.get(url)
    response = editor_client.get(url)
    assert "X-Page-Cache" not in response


def test_a_visitor_with_a_session_is_not_served_anyone_elses_page(client, sample_archive):
    client.cookies["sessionid"] = "not-a-real-session"
    assert "X-Page-Cache" not in get(client, reverse("meetings:home"))


@pytest.fixture
def draft(sample_archive):
    """A draft that, once published, shows on the pages of the reference meeting's official,
    document, area and indicator."""
    meeting = Meeting.objects.create(
        title="Cuộc họp mới công bố về Nghị quyết 52",
        status=Meeting.Status.DRAFT,
        area=sample_archive.area,
        date=datetime.date(2025, 3, 1),
        date_precision="day",
    )
    meeting.resolutions.add(sample_archive.resolutions.first())
    participation = sample_archive.participations.exclude(person=None).first()
    Participation.objects.create(
        meeting=meeting,
        person=participation.person,
        title_as_reported=participation.title_as_reported,
    )
    figure = sample_archive.reported_values.first()
    ReportedValue.objects.create(
        meeting=meeting,
        indicator=figure.indicator,
        area=sample_archive.area,
        value="12.5",
        unit="%",
        source_sentence="Một con số mới đạt 12,5%.",
    )
    meeting.person = participation.person
    meeting.indicator = figure.indicator
    return meeting


def pages_of(meeting, sample_archive):
    return {
        "home": reverse("meetings:home"),
        "archive": reverse("meetings:list"),
        "feed": reverse("meetings:feed"),
        "sitemap": reverse("sitemap_section", args=["meetings"]),
        "official": meeting.person.get_absolute_url(),
        "document": sample_archive.resolutions.first().get_absolute_url(),
        "area": sample_archive.area.get_absolute_url(),
        "indicator": meeting.indicator.get_absolute_url(),
    }


@pytest.mark.parametrize(
    "page", ["home", "archive", "feed", "sitemap", "official", "document", "area", "indicator"]
)
def test_publishing_shows_on_the_next_request(client, sample_archive, draft, page):
    url = pages_of(draft, sample_archive)[page]
    before = get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    assert draft.slug not in before.content.decode()
    meeting_publish(meeting=draft)
    after = get(client, url)
    assert after["X-Page-Cache"] == "miss"
    assert draft.slug in after.content.decode()


def test_an_edit_and_a_deletion_show_on_the_next_request(client, sample_archive):
    url = reverse("meetings:list")
    get(client, url)
    sample_archive.title = "Tiêu đề đã sửa <b>không</b> mất chữ"
    sample_archive.save()
    assert "Tiêu đề đã sửa" in get(client, url).content.decode()
    sample_archive.delete()
    assert "Tiêu đề đã sửa" not in get(client, url).content.decode()


def test_a_bulk_update_shows_on_the_next_request(client, sample_archive):
    url = sample_archive.get_absolute_url()
    get(client, url)
    Meeting.objects.filter(pk=sample_archive.pk).update(place="Hội trường mới cập nhật")
    assert "Hội trường mới cập nhật" in get(client, url).content.decode()


def test_a_scheduled_publication_appears_when_its_time_comes(client, sample_archive, draft):
    draft.status = Meeting.Status.PUBLISHED
    draft.published_at = timezone.now() + datetime.timedelta(seconds=1.5)
    draft.save()
    url = reverse("meetings:list")
    assert draft.slug not in get(client, url).content.decode()
    time.sleep(2)  # no write happens: only the entry's expiry can bring the page up to date
    assert draft.slug in get(client, url).content.decode()


def test_conditional_get_answers_304_until_the_archive_changes(client, sample_archive):
    url = reverse("meetings:home")
    first = get(client, url)
    assert first["ETag"] and first["Last-Modified"]
    assert get(client, url, if_none_match=first["ETag"]).status_code == 304
    assert get(client, url, if_modified_since=first["Last-Modified"]).status_code == 304
    sample_archive.title = "Một tiêu đề khác"
    sample_archive.save()
    changed = get(client, url, if_none_match=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_a_stored_page_is_hashed_once_and_its_hits_carry_the_same_etag(
    client, sample_archive, monkeypatch
):
    url = reverse("meetings:home")
    first = get(client, url)
    hashed = []
    real_md5 = pagecache.hashlib.md5
    monkeypatch.setattr(
        "django.utils.cache.md5", lambda *a, **k: hashed.append(1) or real_md5(*a, **k)
    )
    hit = get(client, url)
    assert hit["X-Page-Cache"] == "hit" and not hashed
    assert hit["ETag"] == first["ETag"]
    assert get(client, url, if_none_match=first["ETag"]).status_code == 304


def test_a_stored_download_answers_304_to_its_etag(client, sample_archive):
    url = ReportedValue.objects.public().first().indicator.get_absolute_url() + "data.csv"
    b"".join(get(client, url).streaming_content)  # read to the end: stored
    hit = get(client, url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["ETag"].strip('"') == pagecache.hashlib.md5(hit.content).hexdigest()
    assert get(client, url, if_none_match=hit["ETag"]).status_code == 304


def test_each_language_has_its_own_copy(client, sample_archive):
    url = reverse("meetings:home")
    vietnamese = get(client, url).content.decode()
    english_reader = Client()
    english_reader.cookies["django_language"] = "en"
    english = get(english_reader, url)
    assert english["X-Page-Cache"] == "miss"
    assert english.content.decode() != vietnamese
    assert 'lang="en"' in english.content.decode()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_streamed_download_read_to_the_end_is_stored_and_changes_with_the_archive(
    client, sample_archive
):
    indicator = ReportedValue.objects.public().first().indicator
    url = indicator.get_absolute_url() + "data.csv"
    first = get(client, url)
    assert first["X-Page-Cache"] == "miss" and first.streaming
    content = body(first)  # read to the end, as a reader's download is
    second = get(client, url)
    assert second["X-Page-Cache"] == "hit" and second.queries == 0
    assert body(second) == content and content.count(b"\r\n") > 2
    assert second["Content-Disposition"] == first["Content-Disposition"]
    ReportedValue.objects.filter(indicator=indicator).update(value_as_printed="59,9%")
    third = get(client, url)
    assert third["X-Page-Cache"] == "miss" and b"59,9%" in body(third)


def test_a_download_left_half_way_or_too_large_is_not_stored(client, sample_archive, settings):
    url = ReportedValue.objects.public().first().indicator.get_absolute_url() + "data.csv"
    next(iter(get(client, url).streaming_content))  # the reader leaves after the first chunk
    assert get(client, url)["X-Page-Cache"] == "miss"
    settings.PAGE_CACHE_MAX_BYTES = 100
    body(get(client, url))
    assert get(client, url)["X-Page-Cache"] == "miss"


@pytest.fixture
def csv_url(sample_archive, settings):
    """A download large enough to be kept in a file (the sample's is small: the bar is lowered)."""
    settings.PAGE_CACHE_FILE_MIN_BYTES = 1
    return ReportedValue.objects.public().first().indicator.get_absolute_url() + "data.csv"


def test_a_large_stored_download_is_sent_from_a_file_with_its_own_headers(client, csv_url):
    first = get(client, csv_url)
    sent = body(first)
    hit = get(client, csv_url)
    assert hit["X-Page-Cache"] == "hit" and isinstance(hit, FileResponse)
    assert body(hit) == sent
    for header in ("Content-Type", "Content-Disposition", "Last-Modified"):
        assert hit[header] == first[header]
    assert get(client, csv_url, if_none_match=hit["ETag"]).status_code == 304


def test_a_change_replaces_the_files_of_older_versions(client, sample_archive, csv_url, settings):
    body(get(client, csv_url))
    kept = set(Path(settings.PAGE_CACHE_FILES_DIR).iterdir())
    assert len(kept) == 2  # the body and its headers
    sample_archive.place = "Nơi họp đã đổi"
    sample_archive.save()
    fresh = get(client, csv_url)
    assert fresh["X-Page-Cache"] == "miss"
    body(fresh)
    now = set(Path(settings.PAGE_CACHE_FILES_DIR).iterdir())
    assert len(now) == 2 and not now & kept


def test_a_pages_file_expires_with_it(client, csv_url, settings):
    settings.PAGE_CACHE_SECONDS = 1
    body(get(client, csv_url))
    assert isinstance(get(client, csv_url), FileResponse)
    time.sleep(1.2)
    assert get(client, csv_url)["X-Page-Cache"] == "miss"


def test_a_folder_that_cannot_be_written_costs_no_download(client, csv_url, settings, tmp_path):
    (tmp_path / "a-file").write_text("")
    settings.PAGE_CACHE_FILES_DIR = tmp_path / "a-file" / "pages"
    sent = body(get(client, csv_url))
    hit = get(client, csv_url)
    assert hit["X-Page-Cache"] == "hit" and not isinstance(hit, FileResponse)
    assert hit.content == sent


def test_pages_under_the_bar_are_kept_in_the_cache_only(client, sample_archive, settings):
    url = sample_archive.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    assert not Path(settings.PAGE_CACHE_FILES_DIR).exists()


def test_errors_and_private_files_are_never_stored(client, sample_archive):
    for _ in range(2):
        response = get(client, "/meetings/no-such-meeting/")
        assert response.status_code == 404 and "X-Page-Cache" not in response


def test_public_pages_carry_no_per_reader_token(client, sample_archive):
    """The footer's language form is sent by GET: no CSRF token, so one copy serves all."""
    html = get(client, reverse("meetings:home")).content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert not get(Client(), reverse("meetings:home")).cookies


def test_choosing_a_language_sets_the_cookie_and_returns_to_the_page(client, sample_archive):
    response = client.get(reverse("choose_language"), {"language": "en", "next": "/meetings/"})
    assert response.status_code == 302 and response["Location"] == "/meetings/"
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en"' in get(client, "/meetings/").content.decode()


@pytest.mark.parametrize(
    ("params", "status", "location"),
    [
        ({"language": "fr", "next": "/"}, 400, None),
        ({"language": "", "next": "/"}, 400, None),
        ({"language": "en", "next": "https://evil.example/"}, 302, "/"),
        ({"language": "en", "next": "//evil.example/"}, 302, "/"),
        ({"language": "en"}, 302, "/"),
    ],
)
def test_a_bad_language_choice_is_refused_or_sent_home(client, params, status, location):
    response = client.get(reverse("choose_language"), params)
    assert response.status_code == status
    if location:
        assert response["Location"] == location


def test_a_cache_that_is_down_costs_speed_never_a_page(client, sample_archive):
    unreachable = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    with override_settings(CACHES=unreachable):
        for _ in range(2):
            response = get(client, sample_archive.get_absolute_url())
            assert response.status_code == 200 and response["X-Page-Cache"] == "miss"


def test_redis_serves_the_cache_as_production_runs_it(client, sample_archive):
    redis = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"test-{time.time_ns()}",
        }
    }
    with override_settings(CACHES=redis):
        url = sample_archive.get_absolute_url()
        assert get(client, url)["X-Page-Cache"] == "miss"
        assert get(client, url)["X-Page-Cache"] == "hit"
        sample_archive.place = "Nơi họp đã đổi"
        sample_archive.save()
        assert "Nơi họp đã đổi" in get(client, url).content.decode()
        # Its own keys only: another test process (the other engine's, in CI) may be using
        # database 15 at the same time, and clear() would empty it under that one.
        cache.delete_pattern("*")


def test_redis_replies_are_parsed_in_c(settings):
    """hiredis, a dependency: a cached CSV part of 700 KB took 2.2 ms a hit in-process with
    redis-py's own parser, 0.9 ms with hiredis (docs/performance.md)."""
    from django_redis import get_redis_connection

    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    pool = get_redis_connection("default").connection_pool
    assert type(pool.make_connection()._parser).__name__ == "_HiredisParser"


def test_the_version_survives_an_emptied_cache(sample_archive):
    version = pagecache.archive_version()
    assert pagecache.archive_version() == version
    cache.clear()
    assert pagecache.archive_version() != version


def test_the_archives_facets_are_counted_once_for_all_its_pages_and_anew_after_a_change(
    editor_client, sample_archive
):
    """Editors get live pages, and the facets still come from the fragment cache: they hold
    published meetings only, the same for everyone, until the archive changes."""
    MeetingFactory.create_batch(25, date=datetime.date(2019, 3, 1))
    first = get(editor_client, "/meetings/?page=1")
    again = get(editor_client, "/meetings/?page=2")
    assert again.queries < first.queries
    assert again.context["facets"] == first.context["facets"]
    MeetingFactory(date=datetime.date(2019, 4, 1))
    after = get(editor_client, "/meetings/?page=2")
    assert after.queries == first.queries
    years = {facet["year"]: facet["count"] for facet in after.context["facets"]["years"]}
    assert years[2019] == 26


def shown_count(client, index, record, attribute):
    """The count the index shows beside `record`, and whether the page came from the cache."""
    response = get(client, reverse(index))
    rows = {row.pk: getattr(row, attribute) for row in response.context["page_obj"]}
    return rows[record.pk], response["X-Page-Cache"]


@pytest.mark.parametrize(
    "index, attribute, record",
    [
        ("indicators:list", "figure_count", lambda draft, sample: draft.indicator),
        ("meetings:areas", "meeting_count", lambda draft, sample: draft.area),
        ("meetings:resolutions", "meeting_count", lambda draft, sample: sample.resolutions.first()),
    ],
    ids=["indicators", "areas", "documents"],
)
def test_publishing_changes_the_counts_of_the_indexes_on_the_next_request(
    client, sample_archive, draft, index, attribute, record
):
    """The indexes show counts, kept by tallies and per-page counts: each moves with the
    publication on the very next request."""
    record = record(draft, sample_archive)
    before, _ = shown_count(client, index, record, attribute)
    assert get(client, reverse(index))["X-Page-Cache"] == "hit"
    meeting_publish(meeting=draft)
    assert shown_count(client, index, record, attribute) == (before + 1, "miss")
