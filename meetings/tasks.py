"""The background jobs: importing an article or a batch of them, making a photo's renditions,
exporting the archive, refreshing the search data.

One Celery task runs every `Job` by its id; the row carries the work's arguments and keeps its
progress and outcome. Each kind of work may run twice (a worker killed mid-job hands its message
to another) and then changes nothing more: an article already imported is found by its text, a
batch goes on from the articles it recorded, a rendition already written is skipped, an export
already stored is kept, and search data already right is not written.
"""

import hashlib
import json
import logging
import secrets
import tempfile
from collections import Counter
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from people import derived

from .archive import archive_export
from .importer.notes import note_text
from .models import RUN_JOB, CommonTerm, Job, JobKind, JobStatus, Meeting, Photo
from .renditions import make_renditions
from .services import ArticleImportError, article_text, fingerprint, meeting_import_from_text

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


def import_batch(job: Job) -> dict:
    """Each article of an uploaded batch imported as a draft, in its own transaction, its
    outcome recorded as it comes: a run taking over from a worker that died, or retrying after
    a passing failure, goes on from the first article without one."""
    arguments = job.arguments
    articles = arguments["articles"]
    outcomes = list(job.result.get("articles", []))
    job.progress(len(outcomes), len(articles))
    for article in articles[len(outcomes) :]:
        outcomes.append(batch_article(article, arguments, user=job.created_by))
        job.progress(len(outcomes), len(articles), result={"articles": outcomes})
    return {"articles": outcomes, "counts": dict(Counter(item["outcome"] for item in outcomes))}


def batch_article(article: dict, arguments: dict, *, user) -> dict:
    """One article of a batch: "created", "imported before" (found by its text), or "refused"
    with the reason. An unexpected error refuses the article, not the batch; a passing one
    stops the batch, to be tried again."""
    name = article["name"]
    if article.get("refused"):
        return {"name": name, "outcome": "refused", "reason": article["refused"]}
    refused = {"name": name, "outcome": "refused"}
    try:
        report = meeting_import_from_text(
            text=article_text(article["text"], filename=name),
            publisher=arguments["publisher"],
            new=arguments["new"],
            user=user,
        )
    except ArticleImportError as error:
        return {**refused, "reason": str(error)}
    except TRANSIENT:
        raise
    except Exception as error:
        logger.exception("Article %r of a batch failed", name)
        reason = _("The import failed (%(kind)s); the log has the details.")
        return {**refused, "reason": reason % {"kind": type(error).__name__}}
    return {
        "name": name,
        "outcome": "created" if report.created else "imported_before",
        "meeting": report.meeting.pk,
        "title": report.meeting.title,
    }


def refresh_search(job: Job) -> dict:
    """Every model's derived columns (folded names, sort keys, search text) compared with its
    rule and written where stale (`people.derived`), a batch of rows at a time; then the
    common terms chosen anew from the rows as they now are (`CommonTerm`)."""
    models = derived.derived_models()
    total = sum(model._base_manager.count() for model in models)
    done = 0

    def step(rows: int):
        nonlocal done
        done += rows
        job.progress(done, max(done, total))

    job.progress(0, total)
    result = {"models": [], "rows": 0, "written": 0, "unsettled": 0}
    for model in models:
        tally = derived.refresh(model, progress=step)
        result["models"].append({
            "model": model._meta.label_lower,
            "rows": tally.rows,
            "written": tally.stale,
            "unsettled": tally.unsettled,
        })  # fmt: skip
        result["rows"] += tally.rows
        result["written"] += tally.stale
        result["unsettled"] += tally.unsettled
    result["common_terms"] = CommonTerm.objects.refresh()
    return result


WORK = {
    JobKind.IMPORT_ARTICLE: import_article,
    JobKind.RENDITIONS: renditions,
    JobKind.EXPORT_ARCHIVE: export_archive,
    JobKind.IMPORT_BATCH: import_batch,
    JobKind.REFRESH_SEARCH: refresh_search,
}


def article_key(*, text: str, source_url: str, publisher: str, choice) -> str:
    """What makes two imports the same work: the article's text, its address, its publisher
    and the editor's choice (a new meeting, or the one to attach it to)."""
    work = [fingerprint(text), source_url, publisher, choice]
    return hashlib.sha256(json.dumps(work).encode()).hexdigest()


def queue_article_import(
    *, text: str, source_url: str, publisher: str, new: bool, attach_to, user
) -> Job:
    """The job importing this article with these choices; the same submission twice is one job."""
    choice = "new" if new else (attach_to.pk if attach_to else "")
    key = article_key(text=text, source_url=source_url, publisher=publisher, choice=choice)
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


def queue_batch_import(*, articles: list, publisher: str, new: bool, user) -> Job:
    """The job importing a batch (`meetings.batches.BatchArticle`s); the same upload twice,
    with the same choices, is one job, its key made of each article's import key."""
    choices = {"source_url": "", "publisher": publisher, "choice": "new" if new else ""}
    keys = [
        (article.name, article.refused or article_key(text=article.text, **choices))
        for article in articles
    ]
    key = hashlib.sha256(json.dumps(keys).encode()).hexdigest()
    arguments = {
        "publisher": publisher,
        "new": new,
        "articles": [article.as_argument() for article in articles],
    }
    return Job.objects.queue(kind=JobKind.IMPORT_BATCH, key=key, arguments=arguments, user=user)


def queue_search_refresh(*, user=None) -> Job:
    """The job refreshing the search data; queued while one runs, it is that one."""
    return Job.objects.queue(kind=JobKind.REFRESH_SEARCH, key="all", arguments={}, user=user)
