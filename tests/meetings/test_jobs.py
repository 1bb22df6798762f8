"""Background jobs run inline (no broker in the tests): the import page, photo renditions and
the archive export queue jobs; a job runs once per piece of work and reports its outcome.
`tests/test_jobs_worker.py` runs the same jobs on a real worker."""

import time
import zipfile
from io import BytesIO
from unittest import mock

import pytest
from celery import current_app
from django.db import OperationalError
from django.urls import reverse

from meetings import tasks
from meetings.models import Job, JobKind, JobStatus, Meeting, Photo
from meetings.sample import ARTICLE_PATH
from meetings.services import ArticleImportError
from meetings.tasks import queue_archive_export, queue_article_import, run_job
from tests.admin_forms import import_through_preview
from tests.conftest import client_for
from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db

ARTICLE = ARTICLE_PATH.read_text(encoding="utf-8")


def queue_import(user=None, **choices):
    return queue_article_import(
        text=ARTICLE,
        source_url=choices.get("source_url", ""),
        publisher="",
        new=choices.get("new", False),
        attach_to=choices.get("attach_to"),
        user=user,
    )


def test_the_import_page_queues_a_job_whose_page_links_the_draft(editor_client, editor):
    response = import_through_preview(editor_client, {"text": ARTICLE})
    job, meeting = Job.objects.get(), Meeting.objects.get()
    review = reverse("admin:meetings_meeting_review", args=[meeting.pk])
    assert response.status_code == 302 and response.url == review
    assert job.kind == JobKind.IMPORT_ARTICLE and job.status == JobStatus.SUCCEEDED
    assert job.created_by == editor and job.attempts == 1 and (job.done, job.total) == (1, 1)
    page = editor_client.get(job.get_absolute_url()).content.decode()
    assert review in page and 'http-equiv="refresh"' not in page
    listing = editor_client.get(reverse("admin:meetings_job_changelist")).content.decode()
    assert job.get_absolute_url() in listing


def test_the_same_article_queued_twice_is_one_job_and_one_draft(editor):
    first = queue_import(editor)
    first.delete()
    waiting = Job.objects.create(
        kind=JobKind.IMPORT_ARTICLE, key=first.key, arguments=first.arguments
    )
    # While a job has the work in hand, queuing it again returns that job and runs nothing.
    assert queue_import(editor).pk == waiting.pk and waiting.status == JobStatus.QUEUED
    # Once it is over, the work runs again, and changes nothing: the article is found.
    Job.objects.filter(pk=waiting.pk).update(status=JobStatus.SUCCEEDED)
    again = queue_import(editor)
    assert again.pk == waiting.pk and again.status == JobStatus.SUCCEEDED
    assert again.result["created"] is False and Meeting.objects.count() == 1
    assert Job.objects.count() == 1


def test_a_job_run_again_changes_nothing(editor):
    job = queue_import(editor)
    run_job.apply(args=[job.pk])  # a finished job's message delivered again
    job.refresh_from_db()
    assert job.attempts == 1 and Meeting.objects.count() == 1
    # A worker killed after the import committed: its message, handed out again, takes over.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    again = Job.objects.claim(job.pk, redelivered=True)
    assert tasks.import_article(again)["meeting"] == job.result["meeting"]
    assert Meeting.objects.count() == 1
    # Not handed out again: another worker holds it, and this message does nothing.
    assert Job.objects.claim(job.pk, redelivered=False) is None


def test_an_article_that_fails_to_import_fails_its_job_with_the_reason(editor_client, editor):
    refusal = ArticleImportError("Bài viết có quá nhiều từ khác nhau.")
    with mock.patch.object(tasks, "meeting_import_from_text", side_effect=refusal):
        response = editor_client.post(
            reverse("admin:meetings_meeting_import"), {"text": ARTICLE, "confirm": "1"}
        )
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == JobStatus.FAILED and job.error == str(refusal)
    page = editor_client.get(job.get_absolute_url()).content.decode()
    assert str(refusal) in page and "Traceback" not in page
    assert not Meeting.objects.exists()
    # Queued again, the failed job runs again (and this time imports).
    assert queue_import(editor).pk == job.pk
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and Meeting.objects.count() == 1


def test_an_unexpected_error_is_named_not_shown(editor):
    with mock.patch.object(tasks, "meeting_import_from_text", side_effect=KeyError("secret")):
        job = queue_import(editor)
    assert job.status == JobStatus.FAILED
    assert "KeyError" in job.error and "secret" not in job.error


def test_a_meeting_deleted_before_the_import_runs_fails_the_job(editor):
    meeting = queue_import(editor).result["meeting"]
    job = Job.objects.create(
        kind=JobKind.IMPORT_ARTICLE,
        key="attach-to-a-deleted-meeting",
        arguments={"text": ARTICLE, "attach_to": meeting + 1000},
    )
    run_job.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error


def test_a_passing_failure_is_retried_then_fails(editor, settings):
    settings.JOB_MAX_RETRIES = 2
    with mock.patch.object(tasks, "meeting_import_from_text", side_effect=OperationalError):
        job = queue_import(editor)
    assert job.status == JobStatus.FAILED and job.attempts == 3
    assert "OperationalError" in job.error


def test_renditions_are_a_job_and_a_deleted_photos_job_does_nothing(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = PhotoFactory(image__width=2000, image__height=1000, image__format="JPEG")
    job = Job.objects.get(kind=JobKind.RENDITIONS)
    assert job.key == photo.image.name and job.status == JobStatus.SUCCEEDED
    assert job.result == {"photo": photo.pk} and job.done == job.total == 6
    gone = Photo.queue_renditions("photos/2026/12/deleted.jpg")
    assert gone.status == JobStatus.SUCCEEDED and gone.result["message"]


@pytest.fixture
def unreachable_broker():
    """Jobs sent to a broker on a port where nothing listens, through fresh connections."""
    eager, url = current_app.conf.task_always_eager, current_app.conf.broker_url
    current_app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:9/0")
    current_app._pool = current_app.amqp._producer_pool = None
    yield
    current_app.conf.update(task_always_eager=eager, broker_url=url)
    current_app._pool = current_app.amqp._producer_pool = None


def test_a_broker_that_is_down_fails_the_job_when_queuing(
    editor, unreachable_broker, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        job = Photo.queue_renditions("photos/2026/12/x.jpg")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "thử lại" in job.error
    assert time.monotonic() - started < 10


def test_superusers_export_the_archive_and_download_it(editor_client, editor_user, sample_archive):
    response = editor_client.post(reverse("admin:meetings_job_export"))
    job = Job.objects.get(kind=JobKind.EXPORT_ARCHIVE)
    assert response.url == job.get_absolute_url() and job.status == JobStatus.SUCCEEDED
    download = reverse("admin:meetings_job_download", args=[job.pk])
    assert download in editor_client.get(job.get_absolute_url()).content.decode()
    answer = editor_client.get(download)
    assert "private" in answer["Cache-Control"] and "no-store" in answer["Cache-Control"]
    archive = zipfile.ZipFile(BytesIO(b"".join(answer.streaming_content)))
    assert '"model": "meetings.meeting"' in archive.read("data.exactjson").decode()
    assert '"model": "meetings.job"' not in archive.read("data.exactjson").decode()
    # A second export leaves the first out of its media.
    second = queue_archive_export(user=None)
    names = zipfile.ZipFile(
        BytesIO(
            b"".join(
                editor_client.get(
                    reverse("admin:meetings_job_download", args=[second.pk])
                ).streaming_content
            )
        )
    ).namelist()
    assert not any(name.startswith("media/exports/") for name in names)
    # An editor who is no superuser may see jobs but neither start nor download an export.
    other = client_for(editor_user)
    assert other.get(job.get_absolute_url()).status_code == 200
    assert other.post(reverse("admin:meetings_job_export")).status_code == 403
    assert other.get(download).status_code == 403


def test_a_waiting_jobs_page_refreshes_itself(editor_client):
    job = Job.objects.create(kind=JobKind.RENDITIONS, key="photos/y.jpg")
    page = editor_client.get(job.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in page
    assert editor_client.get(reverse("admin:meetings_job_change", args=[999])).status_code == 404
