"""Search benchmark: a fixed mix of queries against the archive, next to a naive baseline.

    createdb -h 127.0.0.1 -U postgres -E UTF8 -T template0 ma_search_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ma_search_bench
    python manage.py migrate && python manage.py generate_archive --meetings 100000
    python bench/search.py [--repeat 5]

The mix: officials' names (as written, folded, partial, in capitals), the same misspelt,
document codes in every written form, free text, and the commonest words alone.
Each query runs the whole search page's work (`site_search`: every group, its best ten rows
and a capped count) and, in the same run, the naive way: `icontains` over the raw fields
(meeting title, summary and body, photo captions, names, codes and titles), with a count and
the newest ten. Times are wall-clock per query in milliseconds.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# The cold path: every request rendered, none served from the page cache.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.http import QueryDict  # noqa: E402

from indicators.models import Indicator  # noqa: E402
from meetings.filters import MeetingFilter  # noqa: E402
from meetings.models import Meeting, Photo, Resolution  # noqa: E402
from meetings.search.page import site_search  # noqa: E402
from people.models import Organization, Person  # noqa: E402
from people.search.expressions import index_scans  # noqa: E402
from people.search.query import analyse  # noqa: E402

FREE_TEXT = [
    "chuyển đổi số",
    "phát triển công nghiệp Thái Nguyên",
    "thu hút đầu tư nước ngoài",
    "Ban Kinh tế Trung ương",
    "đổi mới sáng tạo Bắc Ninh",
    "khảo sát nhà máy",
    "tỷ trọng công nghiệp GRDP",
    "nhà ở xã hội",
    "Chủ tịch HĐND tỉnh Lào Cai",
    "kinh tế tuần hoàn Cà Mau",
    "cải cách thủ tục hành chính",
    "Bộ KH&CN",
]
# What people also type: the commonest words of reports, an abbreviation, one syllable of a
# name. Each matches tens of thousands of meetings, or nearly all of them.
COMMON_WORDS = ["tỉnh", "UBND", "KH&CN", "công nghiệp", "Trung ương", "Nguyễn", "Hiển", "Lê", "Thị"]
TONES = str.maketrans("àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụ", "áàãảạéèẽẻẹíìĩỉịóòõỏọúùũủụ")


def misspell(name: str, rng: random.Random) -> str:
    """A one-letter typo in the given name, or a wrong tone mark."""
    words = name.split()
    given = words[-1]
    if rng.random() < 0.5 and given.translate(TONES) != given:
        words[-1] = given.translate(TONES)
    else:
        i = rng.randrange(1, len(given))
        words[-1] = given[:i] + given[i + 1 :] if rng.random() < 0.5 else given + given[-1]
    return " ".join(words)


def queries(rng: random.Random) -> dict[str, list[str]]:
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    people = list(
        Person.objects.filter(pk__in=rng.sample(ids, 20)).values_list("full_name", flat=True)
    )
    from people.text import fold

    names = []
    for i, name in enumerate(people):
        names.append([name, fold(name), " ".join(name.split()[-2:]), name.upper()][i % 4])
    documents = list(
        Resolution.objects.order_by("pk").values_list("number", "doc_type", "suffix", "code")
    )
    codes = []
    for i, (number, doc_type, _suffix, code) in enumerate(rng.sample(documents, 20)):
        spelled = {"NQ": "nghị quyết", "KL": "kết luận", "CT": "chỉ thị"}.get(doc_type, "")
        forms = [code, f"{doc_type} {number}", f"{doc_type.lower()}{number}", code.lower()]
        if spelled:
            forms.append(f"{spelled} {number}")
        codes.append(forms[i % len(forms)])
    codes += ["52-NQ/TW", "NQ 52", "nghị quyết 52", "52/NQ-CP", "52"]
    return {
        "name": names,
        "misspelt name": [misspell(name, rng) for name in people],
        "code": codes,
        "free text": FREE_TEXT,
        "common words": COMMON_WORDS,
    }


def search(query: str):
    for group in site_search(analyse(query)):
        list(group.hits)


def primary(kind: str):
    """The one lookup a query kind is about, alone: the group the page shows first."""

    def people(query):
        list(Person.objects.search(analyse(query))[:10])

    def documents(query):
        list(Resolution.objects.search(analyse(query))[:10])

    def meetings(query):
        # As the archive page asks (`MeetingFilter.counted_results`): its facets, which
        # PostgreSQL counts on the narrow facet rows, then the first ten newest, read by id
        # when there are few (`pinned`). An earlier lookup counted the matches on the wide
        # meetings table, which no page does any more: "tỉnh" at a million took 7.5 s that way.
        text = QueryDict.fromkeys(["q"], value=query)
        archive = MeetingFilter(text, queryset=Meeting.objects.published().newest_first())
        with index_scans():
            list(archive.counted_results()[1][:10])

    return {"name": people, "misspelt name": people, "code": documents}.get(kind, meetings)


def baseline(query: str):
    """What a first version would do: icontains over the raw fields, a count and ten rows."""
    meetings = Meeting.objects.published().filter(
        Q(title__icontains=query) | Q(summary__icontains=query) | Q(body__icontains=query)
    )
    meetings.count()
    list(meetings.order_by("-date")[:10])
    captions = Photo.objects.filter(caption__icontains=query).defer("image")  # no files here
    captions.count()
    list(captions[:10])
    for queryset in [
        Person.objects.filter(full_name__icontains=query),
        Resolution.objects.filter(Q(code__icontains=query) | Q(title__icontains=query)),
        Organization.objects.filter(name__icontains=query),
        Indicator.objects.filter(name__icontains=query),
    ]:
        queryset.count()
        list(queryset[:10])


def timed(function, query: str, repeat: int) -> float:
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(query)
        best.append((time.perf_counter() - start) * 1000)
    return statistics.median(best)


def load() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews every figure."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="Runs per query (median kept).")
    parser.add_argument(
        "--baseline-repeat",
        type=int,
        default=1,
        help="Runs of the naive baseline per query; 0 leaves it out (at a million meetings "
        "each of its queries reads the whole archive's text).",
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark measures PostgreSQL: set DATABASE_URL.")
    print(
        f"{Meeting.objects.count():,} meetings, {Person.objects.count():,} officials, "
        f"{Resolution.objects.count():,} documents, {Photo.objects.count():,} photos"
    )
    print(f"load average at the start: {load()}")
    mix = queries(random.Random(args.seed))
    for kind in mix:  # warm the caches once
        for query in mix[kind]:
            search(query)
    header = (
        f"{'query kind':<14} {'n':>3} | {'p50':>7} {'p95':>7} {'max':>7} | "
        f"{'base p50':>8} {'base p95':>8} {'base max':>8} | {'p50 ×':>6} {'p95 ×':>6}"
    )
    print(header)
    print("-" * len(header))
    alone = {}
    for kind, queries_ in mix.items():
        alone[kind] = [timed(primary(kind), q, args.repeat) for q in queries_]
        ours = [timed(search, q, args.repeat) for q in queries_]
        ours_figures = (
            f"{kind:<14} {len(queries_):>3} | {percentile(ours, 0.5):7.1f} "
            f"{percentile(ours, 0.95):7.1f} {max(ours):7.1f} | "
        )
        if not args.baseline_repeat:
            print(ours_figures + "(no baseline)")
            continue
        naive = [timed(baseline, q, args.baseline_repeat) for q in queries_]
        print(
            ours_figures + f"{percentile(naive, 0.5):8.1f} "
            f"{percentile(naive, 0.95):8.1f} {max(naive):8.1f} | "
            f"{percentile(naive, 0.5) / percentile(ours, 0.5):6.0f} "
            f"{percentile(naive, 0.95) / percentile(ours, 0.95):6.0f}"
        )
    print("times in ms per query, search page work (all groups, top 10, capped counts)")
    print(f"load average at the end: {load()}")
    print()
    print(f"{'query kind':<14} {'lookup alone':<38} | {'p50':>7} {'p95':>7} {'max':>7}")
    lookups = {
        "name": "Person.objects.search(q)[:10]",
        "misspelt name": "Person.objects.search(q)[:10]",
        "code": "Resolution.objects.search(q)[:10]",
        "free text": "the archive's: facets, 10 newest",
        "common words": "the archive's: facets, 10 newest",
    }
    for kind, times in alone.items():
        print(
            f"{kind:<14} {lookups[kind]:<38} | {percentile(times, 0.5):7.1f} "
            f"{percentile(times, 0.95):7.1f} {max(times):7.1f}"
        )


if __name__ == "__main__":
    main()
