"""`make serve` as production runs it: gunicorn with config/gunicorn.conf.py, DEBUG off, the
collected static files, on a migrated SQLite file; pages, a static file, the access log, and a
graceful reload by HUP."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
ACCESS_LINE = re.compile(
    r'^127\.0\.0\.1 - - \[[^\]]+\] "GET (?P<path>\S+) HTTP/1\.1" (?P<status>\d{3}) \d+ "-" '
    r'"[^"]*" (?P<micros>\d+) (?P<request_id>\S+)$',
    re.MULTILINE,
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def production_env(tmp_path):
    """DEBUG off, a database file and static files of the test's own, no test-only variables."""
    # The browser tests' variable, and a Redis other processes may be using.
    dropped = {"DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env |= {
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'archive.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        "WEB_CONCURRENCY": "2",
        "PYTHONUNBUFFERED": "1",
    }
    # Side by side: they touch different files, and the migrations take most of the time.
    steps = [("migrate", "--noinput", "-v0"), ("collectstatic", "--noinput", "-v0")]
    running = [
        subprocess.Popen([sys.executable, "manage.py", *step], cwd=PROJECT, env=env)
        for step in steps
    ]
    assert [process.wait(timeout=120) for process in running] == [0, 0]
    return env


def get(env, path, **headers) -> tuple[int, bytes]:
    request = urllib.request.Request(f"http://{env['GUNICORN_BIND']}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def wait_for(predicate, what, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"gunicorn: {what} within {seconds} s")


def listening(env) -> bool:
    host, port = env["GUNICORN_BIND"].split(":")
    with socket.socket() as probe:
        return probe.connect_ex((host, int(port))) == 0


@pytest.fixture
def server(production_env, tmp_path):
    """gunicorn with the checked-in configuration; yields (process, env, log file)."""
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
            cwd=PROJECT,
            env=production_env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: listening(production_env) or process.poll() is not None, "listening")
        assert process.poll() is None, log.read_text()
        yield process, production_env, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_gunicorn_serves_pages_static_files_and_reloads_on_hup(server):
    process, env, log = server
    assert get(env, "/robots.txt", **{"X-Request-ID": "req-robots"})[0] == 200
    status, home = get(env, "/")
    assert status == 200
    # The page names the stylesheet by its hashed name from the manifest, which WhiteNoise serves.
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
    assert stylesheet, home[:2000]
    status, css = get(env, stylesheet[1].decode())
    assert status == 200 and b"{" in css

    wait_for(lambda: log.read_text().count('"GET ') >= 3, "three access log lines")
    lines = {m["path"]: m for m in ACCESS_LINE.finditer(log.read_text())}
    assert lines["/robots.txt"]["request_id"] == "req-robots", log.read_text()
    # Without one from the balancer, the id the archive made and sent back.
    assert re.fullmatch(r"[0-9a-f]{32}", lines["/"]["request_id"]), lines["/"]["request_id"]
    assert all(m["status"] == "200" and int(m["micros"]) > 0 for m in lines.values())

    booted = log.read_text().count("Booting worker")
    process.send_signal(signal.SIGHUP)
    wait_for(lambda: log.read_text().count("Booting worker") >= booted + 2, "new workers")
    assert process.poll() is None
    assert get(env, "/robots.txt")[0] == 200


def test_gunicorn_refuses_the_development_key_beyond_this_machine():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"]
    result = subprocess.run(
        command,
        cwd=PROJECT,
        env=env | {"GUNICORN_BIND": f"0.0.0.0:{free_port()}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY before serving on 0.0.0.0:" in result.stderr


def test_a_new_worker_has_its_views_and_catalogs_before_its_first_request():
    """What Django loads on a process's first request is loaded when the WSGI application is
    imported, before gunicorn hands the worker a request: a worker started in place of a
    recycled one kept its first readers waiting 0.3 s."""
    script = (
        "import sys, config.wsgi\n"
        "from django.conf import settings\n"
        "from django.utils.translation import trans_real\n"
        "assert settings.ROOT_URLCONF in sys.modules and 'meetings.views' in sys.modules\n"
        "loaded = set(trans_real._translations)\n"
        "assert loaded >= {code for code, _name in settings.LANGUAGES}, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
