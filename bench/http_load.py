"""HTTP benchmark: the archive under gunicorn, driven by wrk, cold and warm, in one run.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ma_bench100k
    python bench/http_load.py [--duration 10] [--connections 8] [--workers 4] [--urls feed,search]

Starts gunicorn with config/gunicorn.conf.py (DEBUG=0, static files collected into a temporary
folder, a free port on 127.0.0.1) and runs `wrk --latency` (Debian's package: `apt-get install
wrk`) on each URL in turn at a fixed concurrency, `/robots.txt` first as the floor: what the
server, the middleware and the network cost with no page behind them. Two passes, each with
its own server: cold, with the page cache off (PAGE_CACHE_SECONDS=0) and the Redis cache
emptied before each URL, so every request renders its page; warm, with the page cache on in
Redis, shared by every worker as in production, and each URL requested once before it is
measured. PostgreSQL's own buffers are not emptied. Prints req/s, p50 and p99, and req/s as a
share of the floor's, with the load average at the start and the end.

Not named http.py: run as a script, bench/ comes first on sys.path and would hide the
standard library's `http` package from Django.
"""

import argparse
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import redis
from pages import busiest  # also sets Django up

from indicators.models import Indicator
from meetings.models import Meeting, Resolution
from meetings.sample import MEETING_SLUG
from meetings.views import MeetingListView
from people.models import Person

PROJECT = Path(__file__).resolve().parent.parent
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}  # wrk's units, in milliseconds
DEEPEST_PAGE = 2000


def urls() -> list[tuple[str, str]]:
    """(label, path) of each URL measured, the floor first; the busiest examples, as
    bench/pages.py picks them."""
    person = busiest(Person.objects.all(), "participations__meeting")
    resolution = busiest(Resolution.objects.all(), "meetings")
    indicator = busiest(Indicator.objects.all(), "values__meeting")
    pages = math.ceil(Meeting.objects.published().count() / MeetingListView.paginate_by)
    deepest = max(1, min(pages, DEEPEST_PAGE))
    sample = Meeting.objects.filter(slug=MEETING_SLUG).first() or Meeting.objects.first()
    return [
        ("floor: robots.txt", "/robots.txt"),
        ("home", "/"),
        ("archive", "/meetings/"),
        (f"archive, page {deepest:,}", f"/meetings/?page={deepest}"),
        ("officials index", "/officials/"),
        ("documents index", "/resolutions/"),
        ("indicators index", "/indicators/"),
        ("organizations index", "/organizations/"),
        ("areas index", "/areas/"),
        ("indicator (most figures)", indicator.get_absolute_url()),
        ("indicator CSV", indicator.get_absolute_url() + "data.csv"),
        ("document (most discussed)", resolution.get_absolute_url()),
        ("sample meeting", sample.get_absolute_url()),
        ("official (busiest)", person.get_absolute_url()),
        ("search, a full name", "/search/?" + urlencode({"q": person.full_name})),
        ("search, “tinh”", "/search/?q=tinh"),
        ("RSS feed", "/meetings/feed/"),
        ("sitemap index", "/sitemap.xml"),
    ]


def size_floor(chosen, static_root: Path) -> tuple[str, str]:
    """A second floor, for downloads: a static file as large as the largest response measured,
    which WhiteNoise sends with no work behind it. A CSV of hundreds of KB cannot approach the
    rate of a 100-byte robots.txt; it can be held against the same number of bytes sent."""
    from django.test import Client  # once pages has set Django up

    client = Client()
    sizes = []
    for _label, path in chosen:
        response = client.get(path)
        sizes.append(len(b"".join(response) if response.streaming else response.content))
    largest = max(sizes)
    (static_root / "size-floor.bin").write_bytes(os.urandom(largest))
    return f"floor for size: a static file of {largest // 1024:,} KB", "/static/size-floor.bin"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict, log: Path, base: str) -> subprocess.Popen:
    """gunicorn with the checked-in configuration, as `make serve` runs it, returned once it
    answers `base`/robots.txt; its output goes to `log`."""
    command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=5).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    process.wait(timeout=60)
    raise SystemExit("gunicorn did not start:\n" + log.read_text())


class Server:
    """gunicorn with the checked-in configuration, as `make serve` runs it."""

    def __init__(self, *, workers: int, cache_url: str, page_cache: bool, workdir: str):
        self.log = Path(workdir) / f"gunicorn-{'warm' if page_cache else 'cold'}.log"
        self.base = f"http://127.0.0.1:{free_port()}"
        self.env = os.environ | {
            "DEBUG": "0",
            "GUNICORN_BIND": self.base.removeprefix("http://"),
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_ACCESS_LOG": "/dev/null",  # formatted as in production, then dropped
            "CACHE_URL": cache_url,
            "PAGE_CACHE_SECONDS": "86400" if page_cache else "0",
            "STATIC_ROOT": str(Path(workdir) / "static"),
        }
        # As in production, where modules are compiled once: not again by every worker
        # that gunicorn starts in place of a recycled one.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)

    def __enter__(self):
        self.process = start_gunicorn(self.env, self.log, self.base)
        return self

    def __exit__(self, *_):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


def wrk(url: str, args) -> dict:
    """One wrk run on `url`: req/s, p50 and p99 in ms, requests, and the failed ones."""
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += ["--latency", "--timeout", "30s", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M).groups()
        return float(value) * UNITS[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    # Connect, read, write errors and timeouts (a worker killed after gunicorn's timeout).
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    failed = sum(map(int, socket_errors.groups())) if socket_errors else 0
    requests = int(re.search(r"(\d+) requests in", out)[1])
    if not requests:  # not one answer within the duration
        return {"rps": 0.0, "p50": math.inf, "p99": math.inf, "requests": 0, "failed": failed}
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": latency(50),
        "p99": latency(99),
        "requests": requests,
        "failed": failed + (int(non_2xx[1]) if non_2xx else 0),
    }


def measure(server: Server, chosen, args, *, cold: bool) -> dict:
    """Each chosen URL under load; the cache emptied before each (cold), or emptied once and
    primed with each URL before it is measured (warm)."""
    results = {}
    redis.Redis.from_url(args.redis).flushdb()
    # Every worker booted and past its first requests before the floor is measured.
    subprocess.run(["wrk", "-d2s", server.base + chosen[0][1]], capture_output=True, check=True)
    for label, path in chosen:
        if cold:
            redis.Redis.from_url(args.redis).flushdb()
        else:
            # Read to the end: a streamed download is stored once it has all gone.
            with urllib.request.urlopen(server.base + path, timeout=60) as response:
                response.read()
        # What the page cache answers now: "hit", "miss" (not stored), or "-" (not consulted).
        with urllib.request.urlopen(server.base + path, timeout=60) as response:
            cache = response.headers.get("X-Page-Cache", "-")
        results[label] = wrk(server.base + path, args) | {"cache": cache}
        r = results[label]
        print(
            f"  {'cold' if cold else 'warm'} {label}: {r['rps']:.1f} req/s, "
            f"p50 {milliseconds(r['p50'])} ms, p99 {milliseconds(r['p99'])} ms, cache {cache}",
            file=sys.stderr,
        )
    return results


def milliseconds(value: float) -> str:
    return "—" if math.isinf(value) else f"{value:,.0f}"


def table(chosen, passes: dict) -> str:
    """A Markdown table: for each URL and pass, req/s, p50 and p99 in ms, req/s over the floor's."""
    names = list(passes)
    head = "| URL | " + " | ".join(f"{n} req/s | p50 ms | p99 ms | of floor" for n in names)
    lines = [head + " | warm page cache |", "|" + " --- |" * (2 + 4 * len(names))]
    floor = {n: passes[n][chosen[0][0]]["rps"] for n in names}
    for label, path in chosen:
        shown = path if len(path) <= 40 else path[:39] + "…"
        cells = [f"{label} `{shown}`"]
        for n in names:
            r = passes[n][label]
            failed = f" ({r['failed']} failed)" if r["failed"] else ""
            cells += [f"{r['rps']:,.1f}{failed}", milliseconds(r["p50"]), milliseconds(r["p99"])]
            cells.append(f"{100 * r['rps'] / floor[n]:.1f} %")
        cells.append(passes[names[-1]][label]["cache"])
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per URL.")
    parser.add_argument("--connections", type=int, default=8, help="wrk's open connections.")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads.")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn's workers.")
    parser.add_argument(
        "--urls", default="", help="Comma-separated words: only URLs or labels holding one."
    )
    parser.add_argument(
        "--redis", default="redis://127.0.0.1:6379/9", help="A Redis database of its own: emptied."
    )
    return parser.parse_args()


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    if not Meeting.objects.published().exists():
        raise SystemExit("The archive is empty: see README, 'A large archive and the benchmark'.")
    words = [w for w in args.urls.split(",") if w]
    everything = urls()
    chosen = everything[:1] + [
        (label, path)
        for label, path in everything[1:]
        if not words or any(w in label or w in path for w in words)
    ]
    load = [os.getloadavg()]
    print(
        f"{Meeting.objects.count():,} meetings; {args.workers} workers, wrk -t{args.threads} "
        f"-c{args.connections} -d{args.duration}s; load average {load[0][0]:.2f}"
    )
    passes = {}
    with tempfile.TemporaryDirectory() as workdir:
        env = os.environ | {"STATIC_ROOT": str(Path(workdir) / "static")}
        collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
        subprocess.run(collect, cwd=PROJECT, env=env, check=True)
        chosen.insert(1, size_floor(chosen, Path(workdir) / "static"))
        for name, cold in (("cold", True), ("warm", False)):
            options = {"workers": args.workers, "cache_url": args.redis, "workdir": workdir}
            with Server(**options, page_cache=not cold) as server:
                passes[name] = measure(server, chosen, args, cold=cold)
    load.append(os.getloadavg())
    print(table(chosen, passes))
    warm = passes["warm"]
    floor = warm[chosen[0][0]]["rps"]
    lowest = min(chosen[2:], key=lambda page: warm[page[0]]["rps"])[0]  # pages, not floors
    print(f"warm, lowest share of the floor: {100 * warm[lowest]['rps'] / floor:.1f} % ({lowest})")
    print(
        "load average (1, 5, 15 min): "
        + " → ".join(" ".join(f"{v:.2f}" for v in la) for la in load)
    )


if __name__ == "__main__":
    main()
