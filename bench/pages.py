"""Public pages benchmark: every kind of public page, rendered whole, on a large archive.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ma_search_bench
    python manage.py collectstatic --noinput   # the templates name hashed static files
    python bench/pages.py [--repeat 5]

Pages go through Django's test client: URL routing, middleware, the view, its queries and
the template, as a server would run them, but without the network. For each page, the
busiest example the archive has (the official, organization, area, document and indicator
with the most published rows), and the archive list with the search benchmark's free text
and with each filter. Prints the median and the slowest of `--repeat` runs, the number of
queries and the size of the page. Times are wall-clock milliseconds; p95 is the 95th
percentile (with 10 runs, between the slowest two).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# The cold path: every request rendered, none served from the page cache.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from indicators.models import Indicator  # noqa: E402
from meetings.models import Meeting, Resolution, published_condition  # noqa: E402
from people.models import Area, Organization, Person  # noqa: E402

FREE_TEXT = [
    "chuyển đổi số",
    "phát triển công nghiệp Thái Nguyên",
    "Ban Kinh tế Trung ương",
    "khảo sát nhà máy",
    "Chủ tịch HĐND tỉnh Lào Cai",
    "tỉnh",
    "Phạm Hoàng Sơn",
    "NQ 52",
]


def busiest(queryset, relation: str):
    """The row of `queryset` with the most published meetings through `relation`."""
    published = published_condition(f"{relation}__")
    return queryset.annotate(n=Count(relation, filter=published)).order_by("-n", "pk").first()


def pages() -> list[tuple[str, str]]:
    """(label, URL) of each page measured."""
    meeting = Meeting.objects.published().newest_first().first()
    person = busiest(Person.objects.all(), "participations__meeting")
    organization = busiest(Organization.objects.all(), "participations__meeting")
    area = busiest(Area.objects.all(), "meetings")
    resolution = busiest(Resolution.objects.all(), "meetings")
    indicator = busiest(Indicator.objects.all(), "values__meeting")
    listed = [
        ("home", "/"),
        ("archive", "/meetings/"),
        ("archive, page 1,000", "/meetings/?page=1000"),
        ("archive, a year", "/meetings/?year=2024"),
        ("archive, a province", f"/meetings/?area={area.slug}"),
        ("archive, an official", f"/meetings/?person={person.slug}"),
        ("archive, an organization", f"/meetings/?organization={organization.slug}"),
        ("archive, a document", f"/meetings/?resolution={resolution.slug}"),
        ("archive, text + province + year", f"/meetings/?q=công+nghiệp&area={area.slug}&year=2024"),
    ]
    listed += [(f"archive, “{q}”", "/meetings/?" + urlencode({"q": q})) for q in FREE_TEXT]
    listed += [
        ("meeting", meeting.get_absolute_url()),
        ("officials index", "/officials/"),
        ("officials index, a letter, page 3", "/officials/?letter=H&page=3"),
        ("official (busiest)", person.get_absolute_url()),
        ("organization (busiest)", organization.get_absolute_url()),
        ("area (busiest)", area.get_absolute_url()),
        ("document (most discussed)", resolution.get_absolute_url()),
        ("indicator (most figures)", indicator.get_absolute_url()),
        ("indicator CSV", indicator.get_absolute_url() + "data.csv"),
        ("indicator CSV, part 2", indicator.get_absolute_url() + "data.csv?part=2"),
        ("documents index", "/resolutions/"),
        ("documents index, page 20", "/resolutions/?page=20"),
        ("documents index, Party resolutions", "/resolutions/?type=nq"),
        ("documents index, a year", "/resolutions/?year=2023"),
        ("organizations index", "/organizations/"),
        ("organizations index, ministries", "/organizations/?kind=ministry"),
        ("areas index", "/areas/"),
        ("areas index, provinces", "/areas/?kind=province"),
        ("indicators index", "/indicators/"),
        ("indicators index, a province", f"/indicators/?area={area.slug}"),
        ("documents newly discussed feed", "/resolutions/feed/"),
        ("RSS feed", "/meetings/feed/"),
        ("official's feed", person.get_absolute_url() + "feed/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap file", "/sitemap-meetings.xml?p=10"),
        ("search page, a name", "/search/?q=pham+hoang+son"),
        ("search page, a common word", "/search/?q=tỉnh"),
    ]
    return listed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="Runs per page.")
    parser.add_argument("--only", default="", help="Only the pages whose label holds this.")
    parser.add_argument(
        "--line", type=float, default=0, help="A target p95 in ms: name the pages over it."
    )
    args = parser.parse_args()
    print(
        f"{Meeting.objects.count():,} meetings, {Person.objects.count():,} officials, "
        f"{connection.vendor}; load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}"
    )
    client = Client()
    columns = f"{'status':>6} {'p50':>8} {'p95':>8} {'max':>8} {'queries':>7} {'KB':>6}"
    header = f"{'page':<44} {columns}"
    print(header)
    print("-" * len(header))
    medians = []
    over = []
    for label, url in pages():
        if args.only not in label:
            continue
        client.get(url)  # warm the caches, as a running server has them
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                content = b"".join(response) if response.streaming else response.content
                times.append((time.perf_counter() - start) * 1000)
        medians.append(statistics.median(times))
        p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else 0
        if args.line and p95 > args.line:
            over.append(f"{label} {p95:.1f}")
        print(
            f"{label[:44]:<44} {response.status_code:>6} {statistics.median(times):8.1f} "
            f"{p95:8.1f} {max(times):8.1f} {len(queries.captured_queries):>7} "
            f"{len(content) // 1024:>6}"
        )
    print(
        f"slowest page at p50: {max(medians):.1f} ms; median page: {statistics.median(medians):.1f}"
    )
    if args.line:
        verdict = "; ".join(over) if over else "none"
        print(f"pages over {args.line:g} ms p95: {verdict}")
    print(f"load average at the end {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
