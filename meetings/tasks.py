"""The background jobs: importing an article, making a photo's renditions, exporting the archive.

One Celery task runs every `Job` by its id; the row carries the work's arguments and keeps its
progress and outcome. Each kind of work may run twice (a worker killed mid-job hands its message
to another) and then changes nothing more: an article already imported is found by its text, a
rendition already written is skipped, an export already stored is kept.
"""

import hashlib
import json
import logging
import secrets
import tempfile
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from .archive import archive_export
from .importer.notes import note_text
from .models import RUN_JOB, Job, JobKind, JobStatus, Meeting, Photo
from .renditions import make_renditions
from .services import ArticleImportError, fingerprint, meeting_import_from_text

logger = logging.getLogger(__name__)

# Failures that pass: the database, the storage or the network away for a moment.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class JobFailed(Exception):
    """The work cannot be done as asked; the message says why, for the editor."""


@shared_task(name=RUN_JOB, bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def run_job(self, job_id: int) -> None:
    """Run job `job_id` unless it is done or another worker runs it; a passing failure is tried
    again `JOB_MAX_RETRIES` times, 10 s, 20 s, 40 s… apart, anything else fails the job."""
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    job = Job.objects.claim(job_id, redelivered=redelivered)
    if job is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        try:
            result = WORK[job.kind](job)
        except JobFailed as error:
            job.end(JobStatus.FAILED, error=str(error))
        except TRANSIENT as error:
            logger.warning("Job %s failed for now (attempt %s): %r", job.pk, job.attempts, error)
            if job.attempts > settings.JOB_MAX_RETRIES:
                job.end(
                    JobStatus.FAILED,
                    error=_("The job failed %(count)s times: %(reason)s")
                    % {"count": job.attempts, "reason": type(error).__name__},
                )
                return
            job.end(JobStatus.RETRYING, error=_("Failed for now; trying again shortly."))
            raise self.retry(countdown=10 * 2 ** (job.attempts - 1)) from error
        except Exception as error:
            logger.exception("Job %s failed", job.pk)
            job.end(
                JobStatus.FAILED,
                error=_("The job failed (%(kind)s); the log has the details.")
                % {"kind": type(error).__name__},
            )
        else:
            job.end(JobStatus.SUCCEEDED, result=result)


def import_article(job: Job) -> dict:
    """`meeting_import_from_text` with the editor's choices; an article imported before (by a
    first run of this job, or by anyone) is found and nothing is written again."""
    arguments = job.arguments
    attach_to = None
    if arguments.get("attach_to"):
        attach_to = Meeting.objects.filter(pk=arguments["attach_to"]).first()
        if attach_to is None:
            raise JobFailed(_("The meeting to attach the article to no longer exists."))
    job.progress(0, 1)
    try:
        report = meeting_import_from_text(
            text=arguments["text"],
            source_url=arguments.get("source_url", ""),
            publisher=arguments.get("publisher", ""),
            user=job.created_by,
            new=arguments.get("new", False),
            attach_to=attach_to,
        )
    except ArticleImportError as error:
        raise JobFailed(str(error)) from error
    job.progress(1, 1)
    return {
        "meeting": report.meeting.pk,
        "created": report.created,
        "attached": report.attached,
        "open_notes": report.meeting.notes.open().count(),
        "would_change": [note_text(change) for change in report.would_change],
    }


def renditions(job: Job) -> dict:
    """Every rendition of the photo stored as `image`; none if the photo is gone."""
    photo = Photo.objects.filter(image=job.arguments["image"]).first()
    if photo is None:
        return {"message": _("The photo was deleted or replaced; no renditions were needed.")}
    try:
        make_renditions(photo.image, progress=job.progress)
    except FileNotFoundError as error:
        raise JobFailed(_("The photo's file is missing from the storage.")) from error
    return {"photo": photo.pk}


def export_archive(job: Job) -> dict:
    """The whole archive as a zip in the media storage, under the job's unguessable key."""
    name = f"{settings.JOB_EXPORTS_FOLDER}archive-{job.key}.zip"
    if not default_storage.exists(name):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "archive.zip"
            manifest = archive_export(path=path, progress=job.progress)
            with path.open("rb") as written:
                stored = default_storage.save(name, File(written))
            if stored != name:
                raise JobFailed(_("The export could not be stored under its own name."))
        job.progress(len(manifest["media"]) + 1, len(manifest["media"]) + 1)
    return {"file": name, "size": default_storage.size(name)}


WORK = {
    JobKind.IMPORT_ARTICLE: import_article,
    JobKind.RENDITIONS: renditions,
    JobKind.EXPORT_ARCHIVE: export_archive,
}


def queue_article_import(
    *, text: str, source_url: str, publisher: str, new: bool, attach_to, user
) -> Job:
    """The job importing this article with these choices; the same submission twice is one job."""
    choice = "new" if new else (attach_to.pk if attach_to else "")
    key = hashlib.sha256(
        json.dumps([fingerprint(text), source_url, publisher, choice]).encode()
    ).hexdigest()
    arguments = {
        "text": text,
        "source_url": source_url,
        "publisher": publisher,
        "new": new,
        "attach_to": attach_to.pk if attach_to else None,
    }
    return Job.objects.queue(kind=JobKind.IMPORT_ARTICLE, key=key, arguments=arguments, user=user)


def queue_archive_export(*, user) -> Job:
    """A new export of the whole archive; its key names the file, so nobody can guess it."""
    key = secrets.token_urlsafe(24)
    return Job.objects.queue(kind=JobKind.EXPORT_ARCHIVE, key=key, arguments={}, user=user)
