"""Recompute the search data (folded names, sort keys, search text) of every row where it is
stale: after a bulk change that bypassed `save()`, or a change to the folding rules."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from meetings.models import JobStatus
from meetings.tasks import queue_search_refresh
from people import derived


class Command(BaseCommand):
    help = (
        "Queue the job that rewrites every stale search column (run here without a broker); "
        "with --dry-run, count the stale rows and write nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the stale rows; write nothing."
        )

    def handle(self, *args, dry_run, **options):
        if dry_run:
            for model in derived.derived_models():
                tally = derived.refresh(model, write=False)
                self.stdout.write(f"{model._meta.label}: {tally.stale} of {tally.rows} rows stale.")
            return
        job = queue_search_refresh()
        if job.status == JobStatus.SUCCEEDED:
            for counts in job.result["models"]:
                label = apps.get_model(counts["model"])._meta.label
                self.stdout.write(f"{label}: {counts['written']} of {counts['rows']} rows written.")
            self.stdout.write(f"Common terms: {len(job.result['common_terms'])}.")
            if job.result["unsettled"]:
                self.stdout.write(
                    self.style.WARNING(
                        f"{job.result['unsettled']} rows are stored otherwise by the database's "
                        "own folding: the log names them."
                    )
                )
        elif job.finished:
            raise CommandError(f"Job #{job.pk} failed: {job.error}")
        else:
            self.stdout.write(f"Queued as job #{job.pk}; its page in the admin shows its progress.")
