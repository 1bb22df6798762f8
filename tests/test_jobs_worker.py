"""Jobs on a real Celery worker (a process of its own) with Redis as the broker: queued through
the admin, run once, and run to the end by a second worker when the first is killed mid-job.

Without Redis on `WORKER_TEST_BROKER_URL` (redis://127.0.0.1:6379/12, a database these tests
empty) they are skipped with the reason; CI sets `REQUIRE_WORKER=1` so they fail instead.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from urllib.parse import quote

import pytest
import redis
from celery import current_app
from django.conf import settings
from django.db import connection
from django.urls import reverse

from meetings.models import Job, JobStatus, Meeting, Report
from meetings.sample import ARTICLE_PATH
from tests.long_article import long_article

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BROKER_URL = os.environ.get("WORKER_TEST_BROKER_URL", "redis://127.0.0.1:6379/12")
VISIBILITY_TIMEOUT = 5  # seconds before Redis hands a dead worker's job to another


def broker_or_skip() -> None:
    try:
        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        reason = f"Redis is not reachable at {BROKER_URL} ({type(error).__name__})"
        if os.environ.get("REQUIRE_WORKER"):
            pytest.fail(f"{reason}, and REQUIRE_WORKER is set")
        pytest.skip(reason)


def database_url() -> str:
    """The test database, as the worker's DATABASE_URL."""
    database = connection.settings_dict
    if "sqlite" in database["ENGINE"]:
        if "memory" in str(database["NAME"]):
            pytest.fail("the SQLite test database is in memory: no worker can open it")
        return f"sqlite:///{database['NAME']}"
    user = quote(database["USER"] or "")
    password = f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    host = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{database['NAME']}"


class Workers:
    """Starts worker processes on the test database and a queue of this test's own."""

    def __init__(self, queue, media_root, log_folder):
        self.queue, self.processes = queue, []
        self.log_folder = log_folder
        self.env = {
            **os.environ,
            "CELERY_BROKER_URL": BROKER_URL,
            "CELERY_QUEUE": queue,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(media_root),
            "LOG_FORMAT": "text",
            "LOG_LEVEL": "INFO",
        }

    def start(self) -> subprocess.Popen:
        log = (self.log_folder / f"worker-{len(self.processes)}.log").open("w")
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
             "--concurrency=1", "-Q", self.queue, "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-n", f"{self.queue}-{len(self.processes)}@%h"],
            cwd=settings.BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.log_folder.glob("*.log")))


@pytest.fixture
def workers(tmp_path, media_root):
    """Jobs sent to Redis (not run inline) on a queue of this test's own, and its workers."""
    broker_or_skip()
    queue = f"test-jobs-{uuid.uuid4().hex[:8]}"
    conf = current_app.conf
    before = (conf.task_always_eager, conf.broker_url, conf.task_default_queue)
    conf.update(task_always_eager=False, broker_url=BROKER_URL, task_default_queue=queue)
    current_app._pool = current_app.amqp._producer_pool = None
    current_app.amqp.__dict__.pop("queues", None)  # rebuilt with the new default queue
    pool = Workers(queue, media_root, tmp_path)
    yield pool
    pool.stop()
    conf.update(task_always_eager=before[0], broker_url=before[1], task_default_queue=before[2])
    current_app._pool = current_app.amqp._producer_pool = None
    current_app.amqp.__dict__.pop("queues", None)


def wait_for(job, statuses, *, seconds, workers):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.05)
    pytest.fail(f"job {job.pk} is {job.status} after {seconds} s; workers' logs:\n{workers.logs()}")


def queue_through_admin(client, text):
    response = client.post(reverse("admin:meetings_meeting_import"), {"text": text, "confirm": "1"})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    return job


def test_a_worker_runs_the_import_queued_by_the_admin(editor_client, workers):
    workers.start()
    job = queue_through_admin(editor_client, ARTICLE_PATH.read_text(encoding="utf-8"))
    page = editor_client.get(job.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in page  # waiting: the page reloads itself
    wait_for(job, {JobStatus.SUCCEEDED, JobStatus.FAILED}, seconds=90, workers=workers)
    assert job.status == JobStatus.SUCCEEDED, job.error
    meeting = Meeting.objects.get()
    assert job.result["meeting"] == meeting.pk and job.attempts == 1
    review = reverse("admin:meetings_meeting_review", args=[meeting.pk])
    assert review in editor_client.get(job.get_absolute_url()).content.decode()


def test_a_job_whose_worker_is_killed_is_finished_once_by_another(editor_client, workers):
    text = long_article(1200)  # long enough to be killed in the middle of its import
    first = workers.start()
    job = queue_through_admin(editor_client, text)
    wait_for(job, {JobStatus.RUNNING}, seconds=60, workers=workers)
    time.sleep(1)
    first.send_signal(signal.SIGKILL)
    first.wait()
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING, "the import ended before the worker was killed"
    assert not Meeting.objects.exists()  # the killed import's transaction left nothing
    workers.start()
    wait_for(job, {JobStatus.SUCCEEDED, JobStatus.FAILED}, seconds=180, workers=workers)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.attempts == 2
    assert Meeting.objects.count() == 1 and Report.objects.count() == 1
