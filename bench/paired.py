"""Two checkouts measured request by request on one database: this one and one before a change.

    git worktree add /tmp/before <commit>          # and collectstatic in both checkouts
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ma_bench
    python bench/paired.py /tmp/before [--repeat 7]

`side_by_side.sh` runs one whole benchmark after the other, so a burst of load on this shared
machine lands on one side only. Here each checkout runs in its own long-lived process, and the
driver asks them for the same URL in turn (before, after, after, before, …), so both sides of
every pair see the same load. The URLs are `bench/pages.py`'s pages and the search page for
each of `bench/search.py`'s query kinds (same seed). For a page, p50 and p95 are over its
runs; for a query kind, as in `bench/search.py`, each query's median is taken, then p50 and p95
over the kind's queries. Times are wall-clock milliseconds through Django's test client.
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "bench"))

import pages as page_bench  # noqa: E402  (sets Django up)
import search as search_bench  # noqa: E402

# Renders the URLs it reads on stdin, one per line, and answers each with its time in ms.
WORKER = """
import os, sys, time
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.test import Client
client = Client()
for line in sys.stdin:
    start = time.perf_counter()
    response = client.get(line.strip())
    b"".join(response) if response.streaming else response.content
    elapsed = (time.perf_counter() - start) * 1000
    print(f"{response.status_code} {elapsed:.3f}", flush=True)
"""


class Worker:
    """One checkout's long-lived Django process."""

    def __init__(self, checkout: Path):
        self.checkout = checkout
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            cwd=checkout,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def get(self, url: str) -> tuple[int, float]:
        self.process.stdin.write(url + "\n")
        self.process.stdin.flush()
        status, elapsed = self.process.stdout.readline().split()
        return int(status), float(elapsed)

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def search_urls() -> list[tuple[str, str]]:
    """(query kind, search page URL) for each query of `bench/search.py`, same seed."""
    mix = search_bench.queries(random.Random(7))  # bench/search.py's default seed
    return [(kind, "/search/?" + urlencode({"q": q})) for kind, qs in mix.items() for q in qs]


def measure(workers, url: str, repeat: int) -> list[list[float]]:
    """`repeat` times per worker, alternating which goes first; after one warming run each."""
    times = [[] for _ in workers]
    for worker in workers:
        worker.get(url)
    for run in range(repeat):
        order = range(len(workers)) if run % 2 == 0 else reversed(range(len(workers)))
        for i in order:
            status, elapsed = workers[i].get(url)
            if status != 200:
                raise SystemExit(f"{url}: {status} from {workers[i].checkout}")
            times[i].append(elapsed)
    return times


def row(label, before, after):
    change = (after[1] / before[1] - 1) * 100
    return (
        f"{label[:44]:<44} | {before[0]:8.1f} {before[1]:8.1f} | {after[0]:8.1f} {after[1]:8.1f}"
        f" | {change:+6.0f}%"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="The other checkout (before the change).")
    parser.add_argument("--repeat", type=int, default=7, help="Runs per URL and checkout.")
    parser.add_argument("--only", help="Only the pages and query kinds whose label has this.")
    parser.add_argument("--json", type=Path, help="Also write every time to this file.")
    args = parser.parse_args()
    workers = [Worker(args.other.resolve()), Worker(HERE)]
    print(f"load average at start {search_bench.load()}")
    print(
        f"{'page or query kind':<44} | {'before':>8} {'':>8} | {'after':>8} {'':>8} | change\n"
        f"{'':<44} | {'p50':>8} {'p95':>8} | {'p50':>8} {'p95':>8} | of p95"
    )
    results = {}
    for label, url in page_bench.pages():
        if args.only and args.only not in label:
            continue
        before, after = measure(workers, url, args.repeat)
        results[label] = (before, after)
        print(row(label, *[(percentile(t, 0.5), percentile(t, 0.95)) for t in (before, after)]))
    medians = defaultdict(lambda: ([], []))
    for kind, url in search_urls():
        if args.only and args.only not in f"search page, {kind}":
            continue
        before, after = measure(workers, url, args.repeat)
        results[f"search {kind}: {url}"] = (before, after)
        medians[kind][0].append(statistics.median(before))
        medians[kind][1].append(statistics.median(after))
    for kind, (before, after) in medians.items():
        summaries = [(percentile(t, 0.5), percentile(t, 0.95)) for t in (before, after)]
        print(row(f"search page, {kind}", *summaries))
    print(f"load average at end {search_bench.load()}")
    for worker in workers:
        worker.close()
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
