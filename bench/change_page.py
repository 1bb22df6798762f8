"""The editors' desk bar: the sample meeting's change page, rendered as the server renders it.

    python manage.py collectstatic --noinput   # the templates name hashed static files
    python bench/change_page.py [--repeat 20] [--profile]

Builds a throw-away test database (SQLite in memory, or a test copy of `DATABASE_URL`), loads
the reference report as `make run` does (33 figures, 10 participants, 18 photos), and calls the
admin's change view directly: the test client would copy every template context for its
assertions, which costs more than the page. Prints the wall and CPU time of each render
(least, median, slowest), the number of queries and the page's size. CPU time is the fairer
figure on a shared machine, where the wall clock also counts other processes' turns; the
issue's bar is 300 ms. `--profile` prints the 25 costliest functions of one render.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.messages.storage.fallback import FallbackStorage  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from meetings.models import Meeting  # noqa: E402
from meetings.sample import MEETING_SLUG  # noqa: E402


def render(meeting, user) -> bytes:
    request = RequestFactory().get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = admin.site._registry[Meeting].change_view(request, str(meeting.pk))
    response.render()
    assert response.status_code == 200, response.status_code
    return response.content


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0)
    try:
        call_command("load_sample", stdout=io.StringIO())
        meeting = Meeting.objects.get(slug=MEETING_SLUG)
        user = get_user_model().objects.create_superuser("bench", "bench@example.org", "pw")
        content = render(meeting, user)  # warm the template and URL caches
        with CaptureQueriesContext(connection) as queries:
            render(meeting, user)
        walls, cpus = [], []
        for _ in range(args.repeat):
            start, cpu = time.perf_counter(), time.process_time()
            render(meeting, user)
            walls.append((time.perf_counter() - start) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        print(
            f"{connection.vendor}; load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}; "
            f"{meeting.reported_values.count()} figures, {meeting.photos.count()} photos, "
            f"{len(queries.captured_queries)} queries, {len(content) // 1024} KB"
        )
        for label, values in (("wall ms", walls), ("CPU ms", cpus)):
            print(
                f"{label:<8} least {min(values):7.1f}  median {statistics.median(values):7.1f}"
                f"  slowest {max(values):7.1f}"
            )
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(render, meeting, user)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
