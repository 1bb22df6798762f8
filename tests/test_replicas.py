"""Read replicas (people/replicas.py): public reads on a real streaming replica, writes and what
follows them on the primary, a replica that lags or is down never costing a page.

The tests that read a replica need one streaming the primary's cluster (`tests/replica.sh start
DIR`) named by DATABASE_REPLICA_URLS; they read the test database on it. Without one they are
skipped with the reason; CI sets `REQUIRE_REPLICA=1`, which makes a missing replica a failure.
"""

import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connections
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting
from people import replicas
from tests.factories import MeetingFactory, draft_meeting

REQUIRED = os.environ.get("REQUIRE_REPLICA", "") == "1"
if REQUIRED and not (settings.DATABASE_REPLICAS and connections["default"].vendor == "postgresql"):
    pytest.fail(
        "REQUIRE_REPLICA=1, but DATABASE_REPLICA_URLS names no replica of a PostgreSQL primary"
    )
# A port nothing listens on: a replica that is down.
DOWN_PORT = 9


def on_replica(test):
    """A test that reads `replica_1` with committed data: a test's transaction never reaches a
    replica."""
    test = pytest.mark.django_db(transaction=True, databases=["default", "replica_1"])(test)
    return pytest.mark.skipif(
        not settings.DATABASE_REPLICAS,
        reason="no replica: `tests/replica.sh start DIR`, then DATABASE_REPLICA_URLS="
        "postgres://postgres@127.0.0.1:5433/any (README, Read replicas)",
    )(test)


def point_replica(**changes):
    """`replica_1` at its server, reading the test database: the test runner made it a mirror
    of the primary, as it does for every test that does not ask for the real replica."""
    connection = connections["replica_1"]
    connection.close()
    test_database = connections["default"].settings_dict["NAME"]
    connection.settings_dict = {**settings.DATABASES["replica_1"], "NAME": test_database, **changes}
    replicas.health.verdicts.clear()
    replicas.health.positions.clear()


@pytest.fixture
def replica(settings):
    """The real replica, alone, as `replica_1`, caught up with the primary."""
    settings.DATABASE_REPLICAS = ["replica_1"]
    # A replica that lags may not have the test database made a moment ago: first wait for it
    # in the replica's `postgres` database (the replayed position is the whole cluster's).
    point_replica(NAME="postgres")
    caught_up()
    point_replica()
    caught_up()
    yield connections["replica_1"]
    point_replica()


@pytest.fixture
def replica_down(settings):
    """`replica_1` as a replica that is down."""
    settings.DATABASE_REPLICAS = ["replica_1"]
    point_replica(PORT=DOWN_PORT)
    yield
    point_replica()


def _scalar(alias, sql):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def caught_up(timeout=20):
    """Wait until the replica has replayed everything the primary had written, noted as a
    process's check notes it: the replica is then known to be that little behind."""
    replicas.health.note_primary(time.monotonic())
    target = replicas.health.positions[-1][1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if replicas._lsn(_scalar("replica_1", "SELECT pg_last_wal_replay_lsn()::text")) >= target:
            return
        time.sleep(0.02)
    pytest.fail("the replica did not catch up")


@contextmanager
def replay_paused():
    _scalar("replica_1", "SELECT pg_wal_replay_pause()::text")
    try:
        yield
    finally:
        _scalar("replica_1", "SELECT pg_wal_replay_resume()::text")


@contextmanager
def reads(*aliases):
    """Every query of the block on these databases (the primary and `replica_1`), by alias."""
    aliases = aliases or ("default", "replica_1")
    captured = {alias: CaptureQueriesContext(connections[alias]) for alias in aliases}
    for context in captured.values():
        context.__enter__()
    try:
        yield captured
    finally:
        for context in captured.values():
            context.__exit__(None, None, None)


def read_meetings(captured, alias):
    return [q["sql"] for q in captured[alias] if 'FROM "meetings_meeting"' in q["sql"]]


def test_lag_is_bounded_by_the_latest_primary_position_replayed():
    health = replicas.ReplicaHealth()
    health.positions.extend([(100.0, 10), (102.0, 20), (104.0, 30)])
    assert health.lag(replayed=30, now=104.5) == pytest.approx(0.5)
    assert health.lag(replayed=25, now=104.5) == pytest.approx(2.5)
    assert health.lag(replayed=5, now=104.5) == float("inf")


def _settings(replica_urls):
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/primary",
        "DATABASE_REPLICA_URLS": replica_urls,
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DATABASE_REPLICAS, s.DATABASE_ROUTERS, "
        "[(e['HOST'], e['OPTIONS'], e['TEST'].get('MIRROR')) for e in s.DATABASES.values()]]))"
    )
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def test_each_replica_url_is_an_alias_with_the_primary_options():
    ran = _settings("postgres://a@10.0.0.7:5432/archive, postgres://a@10.0.0.8:5432/archive")
    assert ran.returncode == 0, ran.stderr
    jit, timeout = {"options": "-c jit=off"}, {"options": "-c jit=off", "connect_timeout": 2}
    assert json.loads(ran.stdout) == [
        ["replica_1", "replica_2"],
        ["people.replicas.PrimaryReplicaRouter"],
        [
            ["127.0.0.1", jit, None],
            ["10.0.0.7", timeout, "default"],
            ["10.0.0.8", timeout, "default"],
        ],
    ]


@pytest.mark.parametrize(
    ("urls", "message"),
    [
        ("postgres//nobody:secret@db", "DATABASE_REPLICA_URLS: replica 1: Scheme"),
        ("sqlite:///replica.sqlite3", "replicas need PostgreSQL"),
    ],
)
def test_a_replica_url_that_cannot_be_used_stops_the_start(urls, message):
    ran = _settings(urls)
    assert ran.returncode != 0
    assert message in ran.stderr and "secret" not in ran.stderr


@on_replica
def test_the_replica_streams_the_test_database(replica):
    assert _scalar("replica_1", "SELECT pg_is_in_recovery()") is True
    assert (
        _scalar("replica_1", "SELECT inet_server_port()") == settings.DATABASES["replica_1"]["PORT"]
    )
    assert _scalar("replica_1", "SELECT current_database()") == _scalar(
        "default", "SELECT current_database()"
    )


@on_replica
def test_a_public_page_reads_from_the_replica(replica, client):
    meeting = MeetingFactory()
    caught_up()
    with reads() as captured:
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200 and meeting.title in response.text
    assert read_meetings(captured, "replica_1")
    assert not read_meetings(captured, "default")


def _request_through_middleware(view, **cookies):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies)
    return replicas.ReplicaReadsMiddleware(view)(request)


@on_replica
def test_a_request_that_writes_reads_from_the_primary_after_and_pins_its_client(replica, settings):
    meeting = MeetingFactory()
    caught_up()
    seen = []

    def view(request):
        seen.append(Meeting.objects.all().db)
        with reads() as captured:
            Meeting.objects.filter(pk=meeting.pk).update(title="Tên mới")
        assert [q for q in captured["default"] if q["sql"].startswith("UPDATE")]
        assert not [q for q in captured["replica_1"] if q["sql"].startswith("UPDATE")]
        seen.append(Meeting.objects.all().db)
        return HttpResponse()

    response = _request_through_middleware(view)
    assert seen == ["replica_1", "default"]
    cookie = response.cookies[replicas.PIN_COOKIE]
    assert cookie["max-age"] == settings.DATABASE_REPLICA_PIN_SECONDS and cookie["httponly"]

    def where(request):
        seen[:] = [Meeting.objects.all().db]
        return HttpResponse()

    _request_through_middleware(where, **{replicas.PIN_COOKIE: cookie.value})
    assert seen == ["default"]
    _request_through_middleware(where, **{replicas.PIN_COOKIE: str(time.time() - 1)})
    assert seen == ["replica_1"]


@on_replica
def test_the_publisher_sees_the_meeting_at_once_and_readers_once_the_replica_has_it(
    replica, editor_client
):
    draft = draft_meeting()
    caught_up()
    assert replicas.health.usable("replica_1")
    with replay_paused():
        response = editor_client.post(
            reverse("admin:meetings_meeting_changelist"),
            {"action": "publish", "_selected_action": [draft.pk]},
        )
        assert replicas.PIN_COOKIE in response.cookies
        with reads() as captured:
            page = editor_client.get(draft.get_absolute_url())
        assert page.status_code == 200 and draft.title in page.text
        assert read_meetings(captured, "default") and not read_meetings(captured, "replica_1")
    caught_up()
    replicas.health.verdicts.clear()
    with reads() as captured:
        page = Client().get(draft.get_absolute_url())
    assert page.status_code == 200 and read_meetings(captured, "replica_1")


@on_replica
def test_a_replica_that_lags_is_not_read(replica, client, settings):
    assert replicas.health.usable("replica_1")
    with replay_paused():
        meeting = MeetingFactory()
        # A process that last saw the replica caught up trusts it for the lag allowed, no more.
        settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 0.5
        time.sleep(0.6)
        replicas.health.verdicts.clear()
        with reads() as captured:
            response = client.get(meeting.get_absolute_url())
        assert response.status_code == 200 and meeting.title in response.text
        assert read_meetings(captured, "default") and not read_meetings(captured, "replica_1")
    caught_up()
    replicas.health.verdicts.clear()
    assert replicas.health.usable("replica_1")


@on_replica
def test_a_page_cached_just_after_a_change_is_read_from_the_primary(replica, client, page_cache):
    assert replicas.health.usable("replica_1")  # and trusted for the next CHECK_SECONDS
    with replay_paused():
        meeting = MeetingFactory()
        with reads() as captured:
            response = client.get(reverse("meetings:list"))
        assert response["X-Page-Cache"] == "miss" and meeting.title in response.text
        assert read_meetings(captured, "default") and not read_meetings(captured, "replica_1")


@on_replica
def test_a_replica_that_is_down_is_not_read(replica_down, client):
    meeting = MeetingFactory()
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200 and meeting.title in response.text
    assert replicas.health.verdicts["replica_1"][0] is False


@on_replica
def test_a_replica_that_fails_during_a_page_costs_nothing_but_a_retry(replica_down, client):
    meeting = MeetingFactory()
    replicas.health.verdicts["replica_1"] = (True, time.monotonic())  # down since its check
    with reads("default") as captured:
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200 and meeting.title in response.text
    assert read_meetings(captured, "default")
    assert replicas.health.verdicts["replica_1"][0] is False


@on_replica
def test_a_replica_that_is_down_is_named_by_readyz_which_stays_ready(
    replica_down, client, monkeypatch
):
    down = {**connections.settings["replica_1"], "PORT": DOWN_PORT}
    monkeypatch.setitem(connections.settings, "replica_1", down)  # what /readyz connects to
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["database:replica_1"] == "failed: OperationalError"
