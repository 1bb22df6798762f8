"""The background jobs in `/metrics` (`people.metrics`): how many there are by kind and status,
and how many attempts they took beyond the first, read from the job table at each scrape in one
query, so the numbers are right whichever web process or worker queued and ran the jobs.

They are gauges, not counters: a finished job queued again goes back to "queued", and its
attempts start again from nought. Alert on `meeting_archive_jobs{status="failed"}` growing
(`delta()` over an hour), on queued jobs that stay queued, or on `meeting_archive_jobs_readable`
at 0.
"""

import logging

from django.db import DatabaseError
from prometheus_client.core import GaugeMetricFamily

from .models import Job, JobKind, JobStatus

logger = logging.getLogger(__name__)


class JobCollector:
    """Collects the job table's counts when Prometheus scrapes."""

    def collect(self):
        readable = GaugeMetricFamily(
            "meeting_archive_jobs_readable",
            "1 if the job table was read for this scrape, 0 if the database did not answer.",
        )
        try:
            tally = list(Job.objects.tally())
        except DatabaseError as error:
            logger.warning("The job table could not be read for /metrics: %r", error)
            readable.add_metric([], 0)
            yield readable
            return
        readable.add_metric([], 1)
        yield readable
        counts = {(row["kind"], row["status"]): row["count"] for row in tally}
        jobs = GaugeMetricFamily(
            "meeting_archive_jobs",
            "Background jobs in the job table, by kind and status.",
            labels=["kind", "status"],
        )
        for kind in JobKind.values:
            for status in JobStatus.values:
                jobs.add_metric([kind, status], counts.get((kind, status), 0))
        yield jobs
        retries = GaugeMetricFamily(
            "meeting_archive_job_retries",
            "Attempts beyond the first of the jobs in the job table (passing failures tried "
            "again, jobs taken over from a worker that died), by kind.",
            labels=["kind"],
        )
        for kind in JobKind.values:
            retries.add_metric([kind], sum(row["retries"] for row in tally if row["kind"] == kind))
        yield retries
