"""Jobs on a real Celery worker (a process of its own): queued through the admin, run once, and
run to the end by a second worker when the first is killed mid-job.

Each runs on Redis (`WORKER_TEST_BROKER_URL`, redis://127.0.0.1:6379/12) and on RabbitMQ
(`WORKER_TEST_AMQP_URL`, guest on 127.0.0.1:5672). A broker that does not answer is skipped
with the reason; CI sets `REQUIRE_WORKER=1` so that Redis must answer.
"""

import io
import os
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from urllib.parse import quote

import pytest
from celery import current_app
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.urls import reverse
from kombu import Connection

from meetings.models import Job, JobKind, JobStatus, Meeting, Report
from meetings.sample import ARTICLE_PATH
from tests.factories import PhotoFactory
from tests.long_article import long_article

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BROKERS = {
    "redis": os.environ.get("WORKER_TEST_BROKER_URL", "redis://127.0.0.1:6379/12"),
    "amqp": os.environ.get("WORKER_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//"),
}
# Seconds before Redis hands a dead worker's job to another: no longer than a second worker takes
# to start, so that the tests of a killed worker do not wait for it.
VISIBILITY_TIMEOUT = 3


def broker_or_skip(name: str) -> str:
    """The broker's URL once it answers. Redis must answer where REQUIRE_WORKER is set;
    RabbitMQ, supported by URL alone, is tried where it runs."""
    url = BROKERS[name]
    try:
        with Connection(url, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as error:  # kombu's errors differ by transport
        reason = f"{name} is not reachable at {url} ({type(error).__name__})"
        if os.environ.get("REQUIRE_WORKER") and name == "redis":
            pytest.fail(f"{reason}, and REQUIRE_WORKER is set")
        pytest.skip(reason)
    return url


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

    def __init__(self, broker_url, queue, media_root, log_folder):
        self.queue, self.processes = queue, []
        self.log_folder = log_folder
        self.env = {
            **os.environ,
            "CELERY_BROKER_URL": broker_url,
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
        """On Redis, stopped as an operator stops one (SIGTERM): killed while it held Redis's
        lock on the unacknowledged messages (an idle worker takes it every second), it would
        keep every worker from handing a job on for 5 minutes. On RabbitMQ, which has no such
        lock, and where a worker takes more than 10 s to heed SIGTERM, killed."""
        graceful = self.env["CELERY_BROKER_URL"].startswith("redis")
        for process in self.processes:
            if process.poll() is not None:
                continue
            if graceful:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
            else:
                process.kill()
            process.wait()

    def logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.log_folder.glob("*.log")))


@pytest.fixture(params=list(BROKERS))
def workers(request, tmp_path, media_root):
    """Jobs sent to the broker (not run inline) on a queue of this test's own, deleted after it,
    and its workers: tests running at once, or messages a killed worker left, never meet."""
    url = broker_or_skip(request.param)
    queue = f"test-jobs-{uuid.uuid4().hex[:8]}"
    conf = current_app.conf
    before = (conf.task_always_eager, conf.broker_url, conf.task_default_queue)
    conf.update(task_always_eager=False, broker_url=url, task_default_queue=queue)
    fresh_connections()
    pool = Workers(url, queue, media_root, tmp_path)
    yield pool
    pool.stop()
    with Connection(url) as connection:
        connection.default_channel.queue_delete(queue)
        if request.param == "redis":  # and the exchange's bindings kombu keeps beside it
            client = connection.default_channel.client
            for key in client.scan_iter(f"*{queue}*"):
                client.delete(key)
    conf.update(task_always_eager=before[0], broker_url=before[1], task_default_queue=before[2])
    fresh_connections()


def fresh_connections():
    """Celery keeps its connections and queues once made: made again from the settings."""
    current_app._pool = current_app.amqp._producer_pool = None
    current_app.amqp.__dict__.pop("queues", None)


def wait_for(job, statuses, *, seconds, workers):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            job.refresh_from_db()
        except OperationalError:  # SQLite: a worker writing a long import locks out readers
            continue
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
    text = long_article(400)  # seconds of import: killed in the middle of it
    first = workers.start()
    job = queue_through_admin(editor_client, text)
    wait_for(job, {JobStatus.RUNNING}, seconds=60, workers=workers)
    time.sleep(0.5)
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


def test_a_worker_makes_a_new_photos_renditions(workers, media_root):
    workers.start()
    photo = PhotoFactory(image__width=1200, image__height=800)  # committed: the job is queued
    job = Job.objects.get(kind=JobKind.RENDITIONS)
    wait_for(job, {JobStatus.SUCCEEDED, JobStatus.FAILED}, seconds=90, workers=workers)
    assert job.status == JobStatus.SUCCEEDED and job.result == {"photo": photo.pk}
    thumbnails = list((media_root / photo.image.name).parent.glob("**/*.webp"))
    assert len(thumbnails) == 3 and job.done == job.total == 6  # 480, 960, and the photo whole


def a_zip_of(articles: dict) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in articles.items():
            archive.writestr(name, text)
    return SimpleUploadedFile("reports.zip", buffer.getvalue(), content_type="application/zip")


def test_a_worker_runs_a_batch_and_metrics_count_it(editor_client, client, workers):
    workers.start()
    upload = a_zip_of({"a.txt": ARTICLE_PATH.read_text(encoding="utf-8"), "b.txt": "\n"})
    response = editor_client.post(reverse("admin:meetings_meeting_import_batch"), {"files": upload})
    job = Job.objects.get(kind=JobKind.IMPORT_BATCH)
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    wait_for(job, {JobStatus.SUCCEEDED, JobStatus.FAILED}, seconds=90, workers=workers)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["counts"] == {"created": 1, "refused": 1}
    assert Meeting.objects.count() == 1
    # This process never ran the job: /metrics reads the outcome from the job table.
    metrics = client.get(reverse("metrics")).content.decode()
    assert 'meeting_archive_jobs{kind="import_batch",status="succeeded"} 1.0' in metrics


def test_a_batch_whose_worker_is_killed_goes_on_where_it_stopped(editor_client, workers):
    articles = {f"{n}.txt": long_article(200 + n) for n in range(3)}  # a second or more each
    first = workers.start()
    response = editor_client.post(
        reverse("admin:meetings_meeting_import_batch"),
        {"files": a_zip_of(articles), "new": "on"},  # alike, they would seem one meeting
    )
    assert response.status_code == 302
    job = Job.objects.get(kind=JobKind.IMPORT_BATCH)
    deadline = time.monotonic() + 120
    while job.done < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
        try:
            job.refresh_from_db()
        except OperationalError:
            continue
    assert job.done == 1 and job.status == JobStatus.RUNNING, workers.logs()
    time.sleep(0.5)
    first.send_signal(signal.SIGKILL)
    first.wait()
    workers.start()
    wait_for(job, {JobStatus.SUCCEEDED, JobStatus.FAILED}, seconds=240, workers=workers)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.attempts == 2
    outcomes = [item["outcome"] for item in job.result["articles"]]
    # The first article's outcome was kept, not found again; none was imported twice.
    assert outcomes[0] == "created" and outcomes[2] == "created"
    assert outcomes[1] in {"created", "imported_before"}  # killed before or after its commit
    assert Meeting.objects.count() == 3 and Report.objects.count() == 3


def test_a_worker_refreshes_the_search_data(editor_client, workers):
    workers.start()
    meeting = PhotoFactory().meeting
    Meeting._base_manager.filter(pk=meeting.pk).update(title="Hội nghị sơ kết")
    response = editor_client.post(reverse("admin:meetings_job_refresh_search"))
    job = Job.objects.get(kind=JobKind.REFRESH_SEARCH)
    assert response.url == job.get_absolute_url()
    wait_for(job, {JobStatus.SUCCEEDED, JobStatus.FAILED}, seconds=90, workers=workers)
    assert job.status == JobStatus.SUCCEEDED, job.error
    meeting.refresh_from_db()
    assert meeting.search_text == " hoi nghi so ket "
    assert job.result["unsettled"] == 0
