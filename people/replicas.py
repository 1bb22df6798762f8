"""Read replicas: public reads on a streaming replica, writes and what follows them on the primary.

Only requests read from a replica (management commands and jobs read what they then write, so
they stay on the primary), and only while nothing pins them: a request that writes or may write
(not GET or HEAD), one with a session (an editor), one inside a transaction, and every request
of a client for `DATABASE_REPLICA_PIN_SECONDS` after one of its requests wrote (the
`pin_primary_until` cookie) read from the primary, so an editor always sees their own change.

A replica is used only while a check, made at most every `CHECK_SECONDS` by each process, finds
it streaming and at most `DATABASE_REPLICA_MAX_LAG_SECONDS` behind; else reads fall back to the
primary. A replica that fails in the middle of a safe request is given up on and the view runs
again on the primary, so a replica never costs a page.
"""

import contextvars
import dataclasses
import logging
import random
import time
from collections import deque

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections

PIN_COOKIE = "pin_primary_until"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# How long a process trusts a replica's verdict before checking it again.
CHECK_SECONDS = 2.0
# How long a check waits for a replica that was usable to replay the primary's current position,
# when no earlier position says how far behind it is (a process's first check, on a busy primary).
REPLAY_WAIT_SECONDS = 0.25
WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE")

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class RequestReads:
    """Where the request being served reads from."""

    pinned: bool
    replica: str | None = None  # chosen at the request's first read from a replica
    wrote: bool = False

    def watch(self, execute, sql, params, many, context):
        """An execute wrapper of the primary's connection: note a write once it succeeded."""
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and sql.lstrip()[:6].upper().startswith(WRITES):
            self.wrote = True
        return result


_reads: contextvars.ContextVar[RequestReads | None] = contextvars.ContextVar("reads", default=None)


class NotAStandby(Exception):
    """The replica answers but replays nothing: promoted, or never a standby."""


def _lsn(text: str) -> int:
    high, low = text.split("/")
    return (int(high, 16) << 32) + int(low, 16)


class ReplicaHealth:
    """Each replica's last verdict in this process, and the primary's recent WAL positions.

    The lag is measured against the primary, never as `now() - pg_last_xact_replay_timestamp()`,
    which grows on an idle primary with no lag at all, nor from the replica's own received and
    replayed positions, which look caught up when it has stopped receiving. Each check notes
    the primary's current position, then reads how far the replica has replayed: a replica that
    has replayed a position the primary had at time t holds every commit made before t, so it
    is at most `now - t` behind. The bound errs on the safe side only.
    """

    def __init__(self):
        self.verdicts: dict[str, tuple[bool, float]] = {}
        self.positions: deque[tuple[float, int]] = deque()

    def usable(self, alias: str) -> bool:
        verdict = self.verdicts.get(alias)
        now = time.monotonic()
        if verdict is None or now - verdict[1] >= CHECK_SECONDS:
            verdict = self.verdicts[alias] = (self._check(alias, now), now)
        return verdict[0]

    def mark_down(self, alias: str):
        self.verdicts[alias] = (False, time.monotonic())

    def lag(self, replayed: int, now: float) -> float:
        """The most the replica that replayed up to `replayed` can be behind the primary."""
        caught_up = [noted for noted, position in self.positions if position <= replayed]
        return now - max(caught_up) if caught_up else float("inf")

    def note_primary(self, now: float):
        """Note the primary's current WAL position, and forget those too old to matter."""
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            self.positions.append((now, _lsn(cursor.fetchone()[0])))
        oldest = now - settings.DATABASE_REPLICA_MAX_LAG_SECONDS - CHECK_SECONDS
        # The newest position older than that stays, so a replica behind it is known to lag.
        while len(self.positions) > 1 and self.positions[1][0] < oldest:
            self.positions.popleft()

    def _replayed(self, alias: str, patience: float) -> float:
        """The replica's lag: waiting up to `patience` seconds for one that is unknown."""
        deadline = time.monotonic() + patience
        while True:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")
                recovering, replayed = cursor.fetchone()
            if not recovering or replayed is None:
                raise NotAStandby
            lag = self.lag(_lsn(replayed), time.monotonic())
            if lag < float("inf") or time.monotonic() >= deadline:
                return lag
            time.sleep(0.02)

    def _check(self, alias: str, now: float) -> bool:
        was_usable = self.verdicts.get(alias, (True, 0))[0]
        try:
            self.note_primary(now)
            lag = self._replayed(alias, REPLAY_WAIT_SECONDS if was_usable else 0)
        except NotAStandby:
            logger.warning("replica %s not used: it is not a standby", alias)
            return False
        except DatabaseError as error:
            logger.warning("replica %s not used: %s: %s", alias, type(error).__name__, error)
            connections[alias].close()
            return False
        if lag > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
            logger.warning("replica %s not used: more than %.1f s behind", alias, lag)
            return False
        return True


health = ReplicaHealth()


def db_for_read() -> str:
    """The alias the current code reads from: the request's replica while it may use one."""
    reads = _reads.get()
    if reads is None or reads.pinned or reads.wrote:
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    if reads.replica is None or not health.usable(reads.replica):
        usable = [alias for alias in settings.DATABASE_REPLICAS if health.usable(alias)]
        reads.replica = random.choice(usable) if usable else DEFAULT_DB_ALIAS
    return reads.replica


def pin_if_changed_since(changed_at: float):
    """Read the current request from the primary if the archive changed `changed_at` (seconds
    since the epoch) within the pin window: a replica may not have that change yet."""
    reads = _reads.get()
    if reads is not None and time.time() - changed_at < settings.DATABASE_REPLICA_PIN_SECONDS:
        reads.pinned = True


class PrimaryReplicaRouter:
    """Reads as `db_for_read` says, writes and migrations on the primary."""

    def db_for_read(self, model, **hints):
        return db_for_read()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def _pinned(request) -> bool:
    try:
        pinned_until = float(request.COOKIES.get(PIN_COOKIE, 0))
    except ValueError:
        pinned_until = 0
    return (
        request.method not in SAFE_METHODS
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or pinned_until > time.time()
    )


class ReplicaReadsMiddleware:
    """Decide where each request reads (see the module's docstring); pin a client that wrote.
    Outside the session middleware, so that a session is always read from the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DATABASE_REPLICAS:
            return self.get_response(request)
        reads = RequestReads(pinned=_pinned(request))
        token = _reads.set(reads)
        try:
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(reads.watch):
                response = self.get_response(request)
        finally:
            _reads.reset(token)
        if reads.wrote:
            seconds = settings.DATABASE_REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time() + seconds:.3f}",
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_exception(self, request, exception):
        """A replica that failed under a safe request: give it up and run the view again on
        the primary, once."""
        reads = _reads.get()
        if (
            reads is None
            or reads.replica in (None, DEFAULT_DB_ALIAS)
            or request.method not in SAFE_METHODS
            or not isinstance(exception, OperationalError | InterfaceError)
        ):
            return None
        logger.warning(
            "replica %s failed, the page is read again from the primary: %s",
            reads.replica,
            exception,
        )
        health.mark_down(reads.replica)
        reads.pinned = True
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        if callable(getattr(response, "render", None)):
            response = response.render()
        return response
