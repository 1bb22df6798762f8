"""Soak test (issue 19): the production stack on 127.0.0.1 under mixed traffic, with a gunicorn
worker and the Celery worker killed once each.

    python bench/soak.py [--minutes 10] [--clients 6] [--database postgres://…/ma_soak]

Without --database, the database `ma_soak` is made afresh on the local PostgreSQL (migrate,
load_sample, generate_archive --meetings 2000). Starts a streaming replica (tests/replica.sh,
on --replica-port), gunicorn with 2 workers reading it (config/gunicorn.conf.py, DEBUG=0, the
page cache in Redis) and one Celery worker on a queue of this run's own. Reader threads request
a fixed list of public pages (bench/http_load.py's) in turn; one editor imports an article
through the admin every 30 to 60 s, waits for its job, settles its notes, publishes it with the
changelist action and times how long until an anonymous reader sees it. At a third of the run
one gunicorn worker is sent SIGKILL, at two thirds the Celery worker, while it runs a long
import (a new worker is started; Redis hands it the job after the visibility timeout). Prints
what was served, the errors, the latencies, the jobs, and whether anything was left half-written.
"""

import argparse
import html
import http.client
import http.cookiejar
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
ARTICLES = PROJECT / "tests" / "articles"
EDITOR = "soak-editor"
VISIBILITY_TIMEOUT = 30  # seconds: longer than the longest import of the run
VISIBLE_WITHIN = 2.0  # seconds from the publish answer to the anonymous reader's page


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--clients", type=int, default=6, help="Reader threads (plus 1 editor).")
    parser.add_argument(
        "--think", type=float, default=0.2, help="Seconds between a reader's requests."
    )
    parser.add_argument("--database", help="A PostgreSQL URL; default: a fresh ma_soak.")
    parser.add_argument("--port", type=int, default=8437, help="gunicorn's port.")
    parser.add_argument("--replica-port", type=int, default=5437)
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/11")
    return parser.parse_args()


def fresh_database() -> str:
    """ma_soak made afresh: the sample meeting and 2,000 generated ones."""
    url = "postgres://postgres@127.0.0.1:5432/ma_soak"
    psql = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *psql, "--if-exists", "ma_soak"], check=True)
    subprocess.run(["createdb", *psql, "-E", "UTF8", "-T", "template0", "ma_soak"], check=True)
    env = os.environ | {"DATABASE_URL": url}
    for command in (
        ["migrate", "-v0"],
        ["load_sample"],
        ["generate_archive", "--meetings", "2000"],
    ):
        subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT, env=env, check=True)
    return url


def replica_url(primary: str, port: int) -> str:
    parts = urllib.parse.urlsplit(primary)
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{port}"
    return urllib.parse.urlunsplit(
        parts._replace(netloc=f"{netloc[0]}@{host}" if len(netloc) > 1 else host)
    )


class Stack:
    """Replica, gunicorn and Celery worker processes, stopped whatever happens."""

    def __init__(self, args, workdir: Path, queue: str):
        self.args, self.workdir, self.queue = args, workdir, queue
        self.base = f"http://127.0.0.1:{args.port}"
        self.pidfile = workdir / "gunicorn.pid"
        self.gunicorn = None
        self.workers: list[subprocess.Popen] = []
        self.replica_dir = workdir / "replica"
        self.env = os.environ | {
            "DEBUG": "0",
            "DATABASE_URL": args.database,
            "DATABASE_REPLICA_URLS": replica_url(args.database, args.replica_port),
            "CACHE_URL": args.cache,
            "CELERY_BROKER_URL": args.broker,
            "CELERY_QUEUE": queue,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "GUNICORN_BIND": f"127.0.0.1:{args.port}",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_PIDFILE": str(self.pidfile),
            "GUNICORN_ACCESS_LOG": "/dev/null",
            "STATIC_ROOT": str(workdir / "static"),
            "LOG_FORMAT": "text",
            "LOG_LEVEL": "WARNING",
        }

    def start(self):
        replica_env = os.environ | {"REPLICA_PORT": str(self.args.replica_port)}
        script = [str(PROJECT / "tests" / "replica.sh"), "start", str(self.replica_dir)]
        subprocess.run(script, env=replica_env, check=True)
        collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
        subprocess.run(collect, cwd=PROJECT, env=self.env, check=True)
        from http_load import start_gunicorn  # sets Django up, which main() has done

        self.gunicorn = start_gunicorn(self.env, self.workdir / "gunicorn.log", self.base)
        self.start_worker()

    def start_worker(self) -> subprocess.Popen:
        number = len(self.workers)
        log = (self.workdir / f"celery-{number}.log").open("wb")
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
                   "--concurrency=1", "-Q", self.queue, "--without-gossip", "--without-mingle",
                   "--without-heartbeat", "-n", f"{self.queue}-{number}@%h"]  # fmt: skip
        process = subprocess.Popen(command, cwd=PROJECT, env=self.env, stdout=log, stderr=log)
        self.workers.append(process)
        return process

    def web_workers(self) -> list[int]:
        """The PIDs of gunicorn's workers: the master's children, read from /proc."""
        master = self.gunicorn.pid
        children = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                    children.append(int(entry.name))
        return sorted(children)

    def stop(self):
        for process in [self.gunicorn, *self.workers]:
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        replica_env = os.environ | {"REPLICA_PORT": str(self.args.replica_port)}
        script = [str(PROJECT / "tests" / "replica.sh"), "stop", str(self.replica_dir)]
        subprocess.run(script, env=replica_env, check=False)


class Record:
    """Every request's outcome and every event, shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.t0 = time.monotonic()
        self.requests = []  # (start, end, kind, path, status or error name)
        self.events = []  # (time, text)
        self.publishes = []  # (title, seconds until visible or None, cache header)
        self.imports = []  # (marker, job pk)

    def now(self) -> float:
        return time.monotonic() - self.t0

    def request(self, start, kind, path, outcome):
        with self.lock:
            self.requests.append((start, self.now(), kind, path, outcome))

    def event(self, text):
        with self.lock:
            self.events.append((self.now(), text))
        print(f"[{self.now():6.1f} s] {text}", file=sys.stderr, flush=True)


def reader(base: str, urls, record: Record, stop: threading.Event, think: float):
    """Requests the public pages in turn, as an anonymous reader, until told to stop."""
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc, timeout=60)
    order = list(urls)
    random.shuffle(order)
    while not stop.is_set():
        for kind, path in order:
            if stop.is_set():
                break
            start = record.now()
            outcome = get(connection, path)
            if not isinstance(outcome, int):
                connection.close()
            record.request(start, kind, path, outcome)
            time.sleep(think)
    connection.close()


def get(connection: http.client.HTTPConnection, path: str):
    """GET `path`, read to the end: its status, or the name of the error that stopped it."""
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__


class Editor:
    """An editor in the admin: logs in, imports, publishes, and watches the public page."""

    def __init__(self, stack: Stack, record: Record, run: str, password: str):
        self.stack, self.record, self.run, self.password = stack, record, run, password
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.count = 0
        self.kill_celery = threading.Event()

    def token(self, path: str) -> str:
        with self.opener.open(self.stack.base + path, timeout=60) as response:
            page = response.read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    def post(self, path: str, fields) -> tuple[str, str]:
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(self.stack.base + path, data=data)
        request.add_header("Referer", self.stack.base + path)
        with self.opener.open(request, timeout=60) as response:
            return response.geturl(), response.read().decode()

    def login(self):
        token = self.token("/admin/login/")
        fields = {"username": EDITOR, "password": self.password, "csrfmiddlewaretoken": token}
        url, _ = self.post("/admin/login/?next=/admin/", fields | {"next": "/admin/"})
        if "/admin/login/" in url:
            raise SystemExit("The editor could not log in.")

    def article(self) -> tuple[str, str]:
        """An article with a marker in its headline that no import had: (marker, text)."""
        from tests.long_article import long_article

        self.count += 1
        marker = f"soak {self.run}-{self.count}"
        if self.kill_celery.is_set():  # long enough to be caught running
            text = long_article(300)
        else:
            paths = sorted(p for p in ARTICLES.glob("*.txt") if "no-people" not in p.name)
            text = random.choice(paths).read_text(encoding="utf-8")
        first, rest = text.split("\n", 1)
        return marker, f"{first} ({marker})\n{rest}"

    def cycle(self):
        """One import, its job awaited, its notes settled, its publication timed."""
        from meetings.models import Job, JobStatus

        marker, text = self.article()
        token = self.token("/admin/meetings/meeting/import/")
        fields = {"text": text, "same_meeting": "new", "confirm": "1"}
        url, _ = self.post(
            "/admin/meetings/meeting/import/", fields | {"csrfmiddlewaretoken": token}
        )
        job_pk = int(re.search(r"/job/(\d+)/", url)[1])
        self.record.imports.append((marker, job_pk))
        self.record.event(f"import {marker}: job {job_pk}")
        done = {JobStatus.SUCCEEDED, JobStatus.FAILED}
        killing = self.kill_celery.is_set()
        deadline = time.monotonic() + 300
        while (job := Job.objects.get(pk=job_pk)).status not in done:
            if killing and job.status == JobStatus.RUNNING:
                time.sleep(0.5)
                self.kill_worker(job_pk)
                killing = False
            if time.monotonic() > deadline:
                self.record.event(f"job {job_pk} still {job.status} after 300 s")
                return
            time.sleep(0.1)
        if job.status == JobStatus.FAILED:
            self.record.event(f"job {job_pk} failed: {job.error}")
            return
        self.publish(job.result["meeting"])

    def kill_worker(self, job_pk: int):
        worker = self.stack.workers[-1]
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        self.kill_celery.clear()
        self.record.event(f"SIGKILL Celery worker {worker.pid} while job {job_pk} ran")
        new = self.stack.start_worker()
        self.record.event(f"started Celery worker {new.pid}")

    def publish(self, meeting_pk: int):
        from django.contrib.auth import get_user_model

        from meetings.models import Meeting

        meeting = Meeting.objects.get(pk=meeting_pk)
        meeting.notes.settle(get_user_model().objects.get(username=EDITOR))
        token = self.token("/admin/meetings/meeting/")
        fields = {
            "action": "publish",
            "_selected_action": [meeting_pk],
            "csrfmiddlewaretoken": token,
        }
        _, page = self.post("/admin/meetings/meeting/", fields)
        published = self.record.now()
        meeting.refresh_from_db()
        if meeting.status != Meeting.Status.PUBLISHED:
            messages = re.findall(r'<li class="(?:warning|error)">(.*?)</li>', page)
            self.record.event(f"publishing meeting {meeting_pk} was refused: {messages}")
            return
        delay, cache = self.until_visible(meeting.get_absolute_url(), meeting.title, published)
        self.record.publishes.append((meeting.title, delay, cache))
        shown = "never (30 s)" if delay is None else f"{delay:.2f} s"
        self.record.event(f"published meeting {meeting_pk}: visible to readers after {shown}")

    def until_visible(self, path: str, title: str, published: float):
        """Seconds from the publish answer until an anonymous GET shows the title (no pin
        cookie: the replica and the page cache), and the page cache's header a moment later."""
        expected = html.escape(title)
        while self.record.now() - published < 30:
            try:
                with urllib.request.urlopen(self.stack.base + path, timeout=30) as response:
                    if expected in response.read().decode():
                        delay = self.record.now() - published
                        break
            except urllib.error.HTTPError:
                pass
            time.sleep(0.05)
        else:
            return None, "-"
        with urllib.request.urlopen(self.stack.base + path, timeout=30) as response:
            return delay, response.headers.get("X-Page-Cache", "-")

    def loop(self, stop: threading.Event):
        self.login()
        while not stop.is_set():
            try:
                self.cycle()
            except Exception as error:  # recorded, and the next cycle tried
                self.record.event(f"editor: {type(error).__name__}: {error}")
            stop.wait(random.uniform(30, 60) if not self.kill_celery.is_set() else 1)


def chaos(stack: Stack, editor: Editor, record: Record, stop: threading.Event, seconds: float):
    """SIGKILL a gunicorn worker at a third of the run, while it answers a request; at two
    thirds, ask the editor for a long import and SIGKILL the Celery worker while it runs."""
    if stop.wait(seconds / 3):
        return
    workers = stack.web_workers()
    victim = kill_a_busy_worker(stack, record)
    record.event(f"SIGKILL gunicorn worker {victim} while it ran (workers were {workers})")
    time.sleep(3)
    record.event(f"gunicorn workers now {stack.web_workers()}")
    if stop.wait(seconds / 3 - 3):
        return
    editor.kill_celery.set()
    record.event("next import is long; its Celery worker will be killed while it runs")


def kill_a_busy_worker(stack: Stack, record: Record) -> int:
    """SIGKILL the gunicorn worker first seen running (state R in /proc) while a request for
    an uncached page is awaited, so that a request is in flight on it; tried again with a new
    page until one is caught."""
    while True:
        path = "/search/?" + urllib.parse.urlencode({"q": "tinh", "probe": uuid.uuid4().hex})
        answered = threading.Event()
        probe = threading.Thread(target=ask_once, args=(stack.base, path, record, answered))
        probe.start()
        while not answered.is_set():
            running = [pid for pid in stack.web_workers() if process_state(pid) == "R"]
            if running:
                os.kill(running[0], signal.SIGKILL)
                record.kill_time = record.now()
                probe.join()
                return running[0]
            time.sleep(0.0005)
        probe.join()


def ask_once(base: str, path: str, record: Record, answered: threading.Event):
    """One request on a connection of its own, recorded as the in-flight probe."""
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc, timeout=60)
    start = record.now()
    try:
        outcome = get(connection, path)
    finally:
        connection.close()
        answered.set()
    record.request(start, "in-flight probe (uncached search)", path, outcome)


def process_state(pid: int) -> str:
    """The one-letter state of a process (R: running), or "" once it is gone."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report_requests(record: Record, kill_time):
    """Requests served, errors by URL (those in flight at the worker's kill apart), latencies."""
    served = [r for r in record.requests if isinstance(r[4], int)]
    errors = [r for r in record.requests if not isinstance(r[4], int) or r[4] >= 500]
    spanning = [r for r in record.requests if kill_time is not None and r[0] <= kill_time <= r[1]]
    in_flight = [r for r in spanning if not isinstance(r[4], int)]  # no answer: its worker died
    print(f"requests: {len(record.requests):,} sent, {len(served):,} answered")
    print(
        f"errors: {len(errors)}, of which {len(in_flight)} in flight on the killed gunicorn "
        f"worker; lost beyond those: {len(errors) - len(in_flight)}"
    )
    print(
        f"at the kill: {len(spanning)} requests awaited, {len(spanning) - len(in_flight)} of them "
        "answered (by the other worker)"
    )
    for (path, outcome), count in Counter((r[3], r[4]) for r in errors).most_common():
        print(f"  {count} × {outcome} {path}")
    latency = [(r[1] - r[0]) * 1000 for r in served]
    print(
        f"latency: p50 {percentile(latency, 0.5):,.0f} ms, p99 {percentile(latency, 0.99):,.0f} ms"
    )
    by_kind = defaultdict(list)
    for start, end, kind, _, _ in served:
        by_kind[kind].append((end - start) * 1000)
    print("| URL | requests | p50 ms | p99 ms |\n| --- | --- | --- | --- |")
    for kind, values in by_kind.items():
        p50, p99 = percentile(values, 0.5), percentile(values, 0.99)
        print(f"| {kind} | {len(values):,} | {p50:,.0f} | {p99:,.0f} |")


def report_jobs(record: Record, started):
    """The run's jobs, and whether anything is half-written: every job succeeded, every import
    made exactly one meeting, and every new meeting has its report."""
    from meetings.models import Job, JobStatus, Meeting

    jobs = Job.objects.filter(created_at__gte=started)
    statuses = Counter(jobs.values_list("status", flat=True))
    retried = jobs.filter(attempts__gt=1)
    print(
        f"jobs: {jobs.count()} queued, {statuses.get(JobStatus.SUCCEEDED, 0)} succeeded, "
        f"{statuses.get(JobStatus.FAILED, 0)} failed; by status {dict(statuses)}"
    )
    for job in retried:
        print(f"  job {job.pk}: {job.attempts} attempts, {job.status}")
    per_import = {
        marker: Meeting.objects.filter(reports__source_text__contains=f"({marker})\n")
        .distinct()
        .count()
        for marker, _ in record.imports
    }
    wrong = {m: n for m, n in per_import.items() if n != 1}
    orphans = Meeting.objects.filter(created_at__gte=started, reports__isnull=True).count()
    unfinished = jobs.exclude(status=JobStatus.SUCCEEDED).count()
    print(
        f"imports: {len(per_import)}; meetings per import other than 1: {wrong or 'none'}; "
        f"new meetings without a report: {orphans}; jobs not succeeded: {unfinished}"
    )
    delays = [d for _, d, _ in record.publishes if d is not None]
    never = sum(d is None for _, d, _ in record.publishes)
    late = [d for d in delays if d > VISIBLE_WITHIN]
    print(
        f"publishes: {len(record.publishes)}; visible to an anonymous reader after "
        + ", ".join(f"{d:.2f}" for d in delays)
        + " s"
    )
    print(
        f"  max {max(delays, default=float('nan')):.2f} s; over {VISIBLE_WITHIN} s: "
        f"{len(late)}; never: {never}; page cache a moment later: "
        f"{dict(Counter(c for _, _, c in record.publishes))}"
    )


def setup_django(args):
    """Django in this process, on the primary only, with the soak's editor."""
    os.environ["DATABASE_URL"] = args.database
    os.environ.pop("DATABASE_REPLICA_URLS", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    sys.path.insert(0, str(PROJECT))
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.contrib.auth import get_user_model

    password = uuid.uuid4().hex
    user, _ = get_user_model().objects.get_or_create(username=EDITOR)
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    return password


def traffic(stack: Stack, args, run: str, password: str) -> Record:
    """The readers, the editor and the chaos for the run's length."""
    from http_load import urls

    record = Record()
    record.kill_time = None
    stop = threading.Event()
    editor = Editor(stack, record, run, password)
    seconds = args.minutes * 60
    threads = [
        threading.Thread(target=reader, args=(stack.base, urls(), record, stop, args.think))
        for _ in range(args.clients)
    ]
    threads.append(threading.Thread(target=editor.loop, args=(stop,)))
    threads.append(threading.Thread(target=chaos, args=(stack, editor, record, stop, seconds)))
    for thread in threads:
        thread.start()
    try:
        stop.wait(seconds)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return record


def main():
    args = parse_args()
    import redis

    for url in (args.cache, args.broker):
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()  # raises if Redis is away
    redis.Redis.from_url(args.cache).flushdb()
    args.database = args.database or fresh_database()
    password = setup_django(args)
    from django.utils import timezone

    run = uuid.uuid4().hex[:6]
    load = [os.getloadavg()]
    started, wall = timezone.now(), time.monotonic()
    with tempfile.TemporaryDirectory(prefix="soak-") as folder:
        os.chmod(folder, 0o755)  # the replica's server runs as `postgres` when we are root
        stack = Stack(args, Path(folder), f"soak-{run}")
        try:
            stack.start()
            record = traffic(stack, args, run, password)
            time.sleep(2)  # the last job's row written
        finally:
            stack.stop()
            client = redis.Redis.from_url(args.broker)
            for key in client.scan_iter(f"*soak-{run}*"):
                client.delete(key)
    load.append(os.getloadavg())
    print(
        f"\nsoak {run}: {args.minutes:g} minutes of traffic ({time.monotonic() - wall:.0f} s "
        f"with start and stop), {args.clients} readers + 1 editor, 2 gunicorn workers"
    )
    print(
        "load average (1, 5, 15 min): "
        + " → ".join(" ".join(f"{v:.2f}" for v in la) for la in load)
    )
    for moment, text in record.events:
        if "SIGKILL" in text or "started" in text or "now" in text:
            print(f"  at {moment:.0f} s: {text}")
    report_requests(record, record.kill_time)
    report_jobs(record, started)


if __name__ == "__main__":
    main()
