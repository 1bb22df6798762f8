"""What /readyz checks: every database, the cache, the message broker and the migrations.

The checks run side by side, each on its own connection, and the answer waits for them at
most `HEALTH_CHECK_TIMEOUT` seconds: a server that does not answer makes its check "timed
out", not the probe. A failure is named by its kind only; the details, which may hold host
names, go to the log.
"""

import logging
import socket
import time
import uuid
from concurrent.futures import ThreadPoolExecutor, wait
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import load_backend

OK = "ok"
NOT_CONFIGURED = "not configured"
BROKER_PORTS = {"amqp": 5672, "amqps": 5671, "redis": 6379, "rediss": 6379}
# libpq's shortest connect timeout, in seconds.
DATABASE_CONNECT_TIMEOUT = 2

logger = logging.getLogger(__name__)


class CheckFailed(Exception):
    """A check's own verdict, safe to show as it is."""


def _fresh_connection(alias):
    """A connection of its own, so that a probe never shares a request's transaction, and one
    that gives up on a silent server."""
    settings_dict = dict(connections.settings[alias])
    backend = load_backend(settings_dict["ENGINE"])
    if backend.DatabaseWrapper.vendor == "postgresql":
        options = {"connect_timeout": DATABASE_CONNECT_TIMEOUT, **settings_dict["OPTIONS"]}
        settings_dict["OPTIONS"] = options
    return backend.DatabaseWrapper(settings_dict, alias)


def check_database(alias):
    connection = _fresh_connection(alias)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()
    return OK


def check_migrations():
    """Every migration of the code is applied to the default database."""
    connection = _fresh_connection("default")
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    finally:
        connection.close()
    if plan:
        raise CheckFailed(f"{len(plan)} unapplied")
    return OK


def check_cache():
    """A value written is read back: with IGNORE_EXCEPTIONS a Redis that is down fails
    silently, so only the round trip tells."""
    key, value = f"readyz:{uuid.uuid4().hex}", time.time_ns()
    cache.set(key, value, 10)
    read = cache.get(key)
    cache.delete(key)
    if read != value:
        raise CheckFailed("value not read back")
    return OK


def check_broker():
    url = settings.CELERY_BROKER_URL
    if not url:
        return NOT_CONFIGURED
    timeout = settings.HEALTH_CHECK_TIMEOUT
    parts = urlsplit(url)
    if parts.scheme in ("redis", "rediss"):
        redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout).ping()
    else:
        port = parts.port or BROKER_PORTS.get(parts.scheme)
        if not parts.hostname or not port:
            raise CheckFailed("unknown broker address")
        socket.create_connection((parts.hostname, port), timeout=timeout).close()
    return OK


def checks():
    """Name → check: one per database alias, then the rest."""
    named = {
        ("database" if alias == "default" else f"database:{alias}"): (check_database, alias)
        for alias in connections
    }
    named["cache"] = (check_cache,)
    named["broker"] = (check_broker,)
    named["migrations"] = (check_migrations,)
    return named


def _outcome(name, future):
    if not future.done():
        logger.warning("readiness check %s timed out", name)
        return "timed out", False
    error = future.exception()
    if error is None:
        return future.result(), True
    logger.warning("readiness check %s failed: %s: %s", name, type(error).__name__, error)
    if isinstance(error, CheckFailed):
        return f"failed: {error}", False
    return f"failed: {type(error).__name__}", False


def readiness() -> tuple[bool, dict[str, str]]:
    """(ready, each check's result), within `HEALTH_CHECK_TIMEOUT` seconds."""
    named = checks()
    pool = ThreadPoolExecutor(max_workers=len(named), thread_name_prefix="readyz")
    futures = {name: pool.submit(*check) for name, check in named.items()}
    wait(futures.values(), timeout=settings.HEALTH_CHECK_TIMEOUT)
    pool.shutdown(wait=False, cancel_futures=True)
    results, ready = {}, True
    for name, future in futures.items():
        results[name], passed = _outcome(name, future)
        # A read replica that fails is reported, not a reason to stop serving: pages read the
        # primary without it (people/replicas.py).
        ready = ready and (passed or name.removeprefix("database:") in settings.DATABASE_REPLICAS)
    return ready, results
