"""Two checkouts measured request by request on one database: this one and one before a change.

    git worktree add /tmp/before <commit>          # and collectstatic in both checkouts
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ma_bench
    python bench/paired.py /tmp/before [--repeat 7] [--only TEXT]

`side_by_side.sh` runs one whole benchmark after the other, so a burst of load on this shared
machine lands on one side only. Here each checkout runs in its own long-lived process, and the
driver asks them for the same URL in turn (before, after, after, before, …), so both sides of
every pair see the same load. The URLs are `bench/pages.py`'s pages and the search page for
each of `bench/search.py`'s query kinds (same seed).

Three figures per side, in milliseconds:
- wall time through Django's test client, p50 and p95 of the runs (for a query kind, as in
  `bench/search.py`: each query's median, then p50 and p95 over the kind's queries);
- the process's CPU time, p50: the Python side (ORM, templates), which on a loaded machine is
  stretched in wall time by the waiting for a core, but not in CPU time;
- the database's time: the sum over the page's queries of PostgreSQL's planning and execution
  time (`EXPLAIN ANALYZE`, best of three), which other load barely changes.
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

# Answers "GET <url>" with the status, wall and CPU milliseconds of one request, and
# "DB <url>" with the database's milliseconds for the request's queries.
WORKER = """
import os, re, sys, time
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# The cold path: every request rendered, none served from the page cache.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()

def get(url):
    start, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    b"".join(response) if response.streaming else response.content
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return f"{response.status_code} {wall * 1000:.3f} {cpu * 1000:.3f}"

def database(url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    total = 0.0
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if not query["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            best = None
            for _ in range(3):
                cursor.execute("EXPLAIN (ANALYZE, TIMING OFF) " + query["sql"])
                plan = "\\n".join(row[0] for row in cursor.fetchall())
                spent = sum(map(float, re.findall(r"(?:Planning|Execution) Time: ([\\d.]+)", plan)))
                best = spent if best is None else min(best, spent)
            total += best
    return f"{total:.3f}"

for line in sys.stdin:
    verb, url = line.split(maxsplit=1)
    print(get(url.strip()) if verb == "GET" else database(url.strip()), flush=True)
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

    def ask(self, verb: str, url: str) -> list[str]:
        self.process.stdin.write(f"{verb} {url}\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().split()

    def get(self, url: str) -> tuple[float, float]:
        status, wall, cpu = self.ask("GET", url)
        if status != "200":
            raise SystemExit(f"{url}: {status} from {self.checkout}")
        return float(wall), float(cpu)

    def database(self, url: str) -> float:
        return float(self.ask("DB", url)[0])

    def close(self):
        self.process.stdin.close()
        self.process.wait()


class Side:
    """One checkout's figures for one URL."""

    def __init__(self):
        self.wall, self.cpu, self.database = [], [], 0.0


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def search_urls() -> list[tuple[str, str]]:
    """(query kind, search page URL) for each query of `bench/search.py`, same seed."""
    mix = search_bench.queries(random.Random(7))  # bench/search.py's default seed
    return [(kind, "/search/?" + urlencode({"q": q})) for kind, qs in mix.items() for q in qs]


def measure(workers, url: str, repeat: int) -> list[Side]:
    """`repeat` runs per worker, alternating which goes first, after one warming run each."""
    sides = [Side() for _ in workers]
    for worker in workers:
        worker.get(url)
    for run in range(repeat):
        order = range(len(workers)) if run % 2 == 0 else reversed(range(len(workers)))
        for i in order:
            wall, cpu = workers[i].get(url)
            sides[i].wall.append(wall)
            sides[i].cpu.append(cpu)
    for side, worker in zip(sides, workers, strict=True):
        side.database = worker.database(url)
    return sides


def summary(walls, cpus, database) -> tuple[float, ...]:
    return percentile(walls, 0.5), percentile(walls, 0.95), statistics.median(cpus), database


def row(label: str, before: tuple, after: tuple) -> str:
    def cells(figures):
        return " ".join(f"{value:7.1f}" for value in figures)

    changes = " ".join(
        f"{(a / b - 1) * 100 if b else 0:+5.0f}%" for b, a in zip(before, after, strict=True)
    )
    return f"{label[:40]:<40} | {cells(before)} | {cells(after)} | {changes}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="The other checkout (before the change).")
    parser.add_argument("--repeat", type=int, default=7, help="Runs per URL and checkout.")
    parser.add_argument("--only", help="Only the pages and query kinds whose label has this.")
    parser.add_argument("--json", type=Path, help="Also write every figure to this file.")
    args = parser.parse_args()
    workers = [Worker(args.other.resolve()), Worker(HERE)]
    columns = " ".join(f"{c:>7}" for c in ("p50", "p95", "cpu", "db"))
    print(f"load average at start {search_bench.load()}")
    print(f"{'':<40} | {'before':<31} | {'after':<31} | change (p50, p95, cpu, db)")
    print(f"{'page or query kind':<40} | {columns} | {columns} |")
    results = {}
    for label, url in page_bench.pages():
        if args.only and args.only not in label:
            continue
        sides = measure(workers, url, args.repeat)
        results[label] = [vars(side) for side in sides]
        print(row(label, *[summary(s.wall, s.cpu, s.database) for s in sides]))
    kinds = defaultdict(lambda: [[[], [], 0.0], [[], [], 0.0]])
    for kind, url in search_urls():
        if args.only and args.only not in f"search page, {kind}":
            continue
        sides = measure(workers, url, args.repeat)
        results[f"search {kind}: {url}"] = [vars(side) for side in sides]
        for figures, side in zip(kinds[kind], sides, strict=True):
            figures[0].append(statistics.median(side.wall))
            figures[1].append(statistics.median(side.cpu))
            figures[2] = max(figures[2], side.database)
    for kind, sides in kinds.items():
        print(row(f"search page, {kind}", *[summary(*side) for side in sides]))
    print(f"load average at end {search_bench.load()}")
    print("(a query kind's db is its slowest query's)")
    for worker in workers:
        worker.close()
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
