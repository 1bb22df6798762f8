"""Health and metrics: /healthz says the process lives without a query, /readyz names what is
down within its time limit and never leaks an address, /metrics answers the operator's
networks only, and every response and log line carries its request's id."""

import io
import ipaddress
import json
import logging
import time
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

import config.settings
from meetings.models import Job, JobKind, JobStatus
from people import health

pytestmark = pytest.mark.django_db


def unreachable_redis(backend):
    return {
        "default": {
            "BACKEND": backend,
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }


def test_healthz_answers_ok_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"] == "no-store"


def test_readyz_is_200_when_everything_answers(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200, response.content
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "broker": "not configured",
        "migrations": "ok",
    }
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "backend",
    ["django_redis.cache.RedisCache", "django_prometheus.cache.backends.redis.RedisCache"],
)
def test_readyz_names_a_cache_that_is_down(client, settings, sample_archive, backend):
    settings.CACHES = unreachable_redis(backend)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["cache"] == "failed: value not read back"
    assert response.json()["database"] == "ok"
    # Pages do without it, through the metrics' wrapper (production's backend) too.
    settings.PAGE_CACHE_SECONDS = 86400
    assert client.get(sample_archive.get_absolute_url()).status_code == 200


def test_readyz_names_unapplied_migrations(client, monkeypatch):
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)] * 2
    )
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["migrations"] == "failed: 2 unapplied"


@pytest.mark.parametrize(
    "url, verdict",
    [
        ("redis://:s3cret@127.0.0.1:1/0", "failed: ConnectionError"),
        ("amqp://guest:s3cret@127.0.0.1:1//", "failed: ConnectionRefusedError"),
        ("amqp://guest:s3cret@/", "failed: unknown broker address"),
    ],
)
def test_a_broker_that_is_down_is_named_without_its_address(client, settings, url, verdict):
    settings.CELERY_BROKER_URL = url
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["broker"] == verdict
    assert b"s3cret" not in response.content and b"127.0.0.1" not in response.content


def test_a_failure_shows_its_kind_never_its_message(client, monkeypatch):
    def refused(alias):
        raise OSError("could not connect to postgres://archive:s3cret@db.internal:5432")

    monkeypatch.setattr(health, "check_database", refused)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["database"] == "failed: OSError"
    assert b"s3cret" not in response.content and b"Traceback" not in response.content


def test_a_check_that_hangs_is_timed_out_and_the_answer_comes_in_time(
    client, settings, monkeypatch
):
    settings.HEALTH_CHECK_TIMEOUT = 0.3
    monkeypatch.setattr(health, "check_broker", lambda: time.sleep(1.5) or health.OK)
    started = time.monotonic()
    response = client.get(reverse("readyz"))
    assert time.monotonic() - started < 1.2
    assert response.status_code == 503
    assert response.json()["broker"] == "timed out"


def test_health_endpoints_are_never_cached(client, page_cache, sample_archive):
    for name in ("healthz", "readyz", "metrics"):
        client.get(reverse(name))
        response = client.get(reverse(name))
        assert "X-Page-Cache" not in response, name


def test_health_endpoints_answer_an_address_locked_out_of_the_admin(client, settings):
    settings.AXES_FAILURE_LIMIT = 1
    client.post(reverse("admin:login"), {"username": "nobody", "password": "wrong"})
    locked = client.post(reverse("admin:login"), {"username": "nobody", "password": "wrong"})
    assert locked.status_code == 429
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("readyz")).status_code == 200
    assert client.get(reverse("metrics")).status_code == 200


def metric_views(response):
    families = text_string_to_metric_families(response.content.decode())
    family = next(
        f for f in families if f.name == "django_http_requests_latency_seconds_by_view_method"
    )
    return {sample.labels["view"] for sample in family.samples}


def test_metrics_count_page_latency_by_view(client, sample_archive):
    client.get(reverse("meetings:home"))
    response = client.get(reverse("metrics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "meetings:home" in metric_views(response)
    # Query durations by alias: PostgreSQL's engine is wrapped for them, SQLite's is not.
    timed = b"django_db_query_duration_seconds_count" in response.content
    assert timed == (connection.vendor == "postgresql")


def job_samples(response) -> dict:
    """The background jobs' samples on a /metrics page, by name and label values."""
    return {
        (sample.name, *sample.labels.values()): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        if family.name.startswith("meeting_archive_job")
        for sample in family.samples
    }


def test_metrics_count_jobs_by_kind_and_status_from_the_job_table(
    client, django_assert_num_queries
):
    for key, kind, status, attempts in [
        ("a", JobKind.IMPORT_ARTICLE, JobStatus.SUCCEEDED, 1),
        ("b", JobKind.IMPORT_ARTICLE, JobStatus.FAILED, 4),  # failed after three retries
        ("c", JobKind.IMPORT_ARTICLE, JobStatus.FAILED, 1),
        ("d", JobKind.RENDITIONS, JobStatus.RETRYING, 2),
        ("e", JobKind.IMPORT_BATCH, JobStatus.RUNNING, 1),
        ("f", JobKind.REFRESH_SEARCH, JobStatus.QUEUED, 0),
    ]:
        Job.objects.create(key=key, kind=kind, status=status, attempts=attempts)
    with django_assert_num_queries(1):  # one GROUP BY, whatever the number of jobs
        response = client.get(reverse("metrics"))
    samples = job_samples(response)
    assert samples[("meeting_archive_jobs_readable",)] == 1
    assert samples[("meeting_archive_jobs", "import_article", "succeeded")] == 1
    assert samples[("meeting_archive_jobs", "import_article", "failed")] == 2
    assert samples[("meeting_archive_jobs", "renditions", "retrying")] == 1
    assert samples[("meeting_archive_jobs", "import_batch", "running")] == 1
    assert samples[("meeting_archive_jobs", "refresh_search", "queued")] == 1
    assert samples[("meeting_archive_jobs", "export_archive", "failed")] == 0
    # Every kind and status is reported, none found or not.
    assert sum(1 for name, *_labels in samples if name == "meeting_archive_jobs") == 5 * 5
    assert samples[("meeting_archive_job_retries", "import_article")] == 3
    assert samples[("meeting_archive_job_retries", "renditions")] == 1
    assert samples[("meeting_archive_job_retries", "refresh_search")] == 0
    # Read again at the next scrape: a job run since (by any process) is counted.
    Job.objects.filter(key="f").update(status=JobStatus.SUCCEEDED, attempts=1)
    samples = job_samples(client.get(reverse("metrics")))
    assert samples[("meeting_archive_jobs", "refresh_search", "queued")] == 0
    assert samples[("meeting_archive_jobs", "refresh_search", "succeeded")] == 1


def test_job_metrics_are_there_with_several_server_processes(client, monkeypatch, tmp_path):
    """With PROMETHEUS_MULTIPROC_DIR, django-prometheus reads the processes' files; the jobs
    come from the table all the same."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    Job.objects.create(key="a", kind=JobKind.EXPORT_ARCHIVE, status=JobStatus.FAILED)
    samples = job_samples(client.get(reverse("metrics")))
    assert samples[("meeting_archive_jobs", "export_archive", "failed")] == 1


def test_a_database_that_does_not_answer_leaves_the_other_metrics(client, caplog):
    with mock.patch.object(Job.objects, "tally", side_effect=OperationalError("gone")):
        response = client.get(reverse("metrics"))
    assert response.status_code == 200 and b"django_http_requests" in response.content
    samples = job_samples(response)
    assert samples == {("meeting_archive_jobs_readable",): 0}
    assert "job table" in caplog.text


@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": "203.0.113.9"},
        {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "127.0.0.1"},
        {"REMOTE_ADDR": "not-an-address"},
        {"REMOTE_ADDR": ""},
        {"REMOTE_ADDR": "::ffff:203.0.113.9"},
    ],
)
def test_metrics_are_refused_outside_the_operators_network(client, meta):
    response = client.get(reverse("metrics"), **meta)
    assert response.status_code == 403
    assert b"django_http" not in response.content
    assert "Số liệu đo".encode() in response.content


def test_the_operators_networks_come_from_settings(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = [
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("fd00::/8"),
    ]
    assert client.get(reverse("metrics"), REMOTE_ADDR="10.20.30.40").status_code == 200
    assert client.get(reverse("metrics"), REMOTE_ADDR="fd12::1").status_code == 200
    assert client.get(reverse("metrics"), REMOTE_ADDR="127.0.0.1").status_code == 403


def test_metrics_are_served_to_the_loopback_in_either_family(client):
    for address in ("127.0.0.1", "::1", "::ffff:127.0.0.1"):
        assert client.get(reverse("metrics"), REMOTE_ADDR=address).status_code == 200, address


def test_behind_a_trusted_proxy_the_client_it_saw_is_matched(client, monkeypatch):
    monkeypatch.setattr(config.settings, "TRUSTED_PROXY_COUNT", 1)
    through_balancer = {
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_X_FORWARDED_FOR": "127.0.0.1, 203.0.113.9",
    }
    assert client.get(reverse("metrics"), **through_balancer).status_code == 403
    assert client.get(reverse("metrics"), REMOTE_ADDR="127.0.0.1").status_code == 200


def test_readyz_with_redis_as_production_runs_it(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_prometheus.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"test-{time.time_ns()}",
        }
    }
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    response = client.get(reverse("readyz"))
    assert response.status_code == 200, response.content
    assert response.json()["cache"] == response.json()["broker"] == "ok"


def test_a_failed_check_is_logged_with_the_probes_request_id(client, settings):
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    settings.CACHES = unreachable_redis("django_redis.cache.RedisCache")
    try:
        client.get(reverse("readyz"), headers={"X-Request-ID": "probe-1"})
    finally:
        handler.setStream(previous)
    records = {r["logger"]: r for r in map(json.loads, stream.getvalue().splitlines())}
    assert records["people.health"]["request_id"] == "probe-1"
    assert records["people.health"]["message"].startswith("readiness check cache failed")
    assert records["django.request"]["request_id"] == "probe-1"
