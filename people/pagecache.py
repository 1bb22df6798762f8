"""Whole public pages cached for anonymous readers, never stale after a change.

Every key carries the archive's version: a timestamp kept in the cache and bumped by every
write to a row a page can show (a save, delete or many-to-many change of a `VersionedModel`,
`RecordedQuerySet.update()` and `bulk_create()`, a migration). A bumped version makes every
older key unreachable, so a change is visible on the next request and no key is deleted by
hand; the cache evicts what nobody reads. The bump happens at once and again when the
transaction commits, so no reader can store, under the new version, a page computed before
the commit.

A publication scheduled for later changes pages without any write; the cached copies expire
when it comes (`register_expiry`). Editors, and any visitor with a session or messages cookie,
see live pages. A cached page is served with `Last-Modified` from the version; Django's
`ConditionalGetMiddleware` adds the `ETag` and answers 304.
"""

import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import FileResponse, HttpResponse
from django.utils.cache import set_response_etag
from django.utils.http import http_date, quote_etag

from . import replicas
from .versions import VersionedModel

logger = logging.getLogger(__name__)
VERSION_KEY = "pagecache:version"
# Someone with state of their own: a signed-in editor, or a message waiting for them.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
_expiries: list[Callable[[], float | None]] = []


def archive_version() -> int:
    """The version every cached page's key carries (nanoseconds since the epoch)."""
    version = cache.get(VERSION_KEY)
    if version is None:  # a new or emptied cache: whatever it held is unreachable anyway
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump(**_ignored):
    cache.set(VERSION_KEY, time.time_ns(), None)


def archive_changed():
    """A row pages may show has changed: new keys now, and again once it is committed."""
    bump()
    transaction.on_commit(bump)


def register_expiry(seconds_until_change: Callable[[], float | None]):
    """`seconds_until_change()` says when pages change without a write (a scheduled
    publication), or None; cached pages expire by then."""
    if seconds_until_change not in _expiries:
        _expiries.append(seconds_until_change)


def _row_changed(sender, instance=None, **kwargs):
    if isinstance(instance, VersionedModel):
        archive_changed()


def _links_changed(sender, instance=None, action="", **kwargs):
    if action.startswith("post_") and isinstance(instance, VersionedModel):
        archive_changed()


def watch_writes():
    """Connect the bumps; called once, when the apps are ready."""
    post_save.connect(_row_changed, dispatch_uid="pagecache.saved")
    post_delete.connect(_row_changed, dispatch_uid="pagecache.deleted")
    m2m_changed.connect(_links_changed, dispatch_uid="pagecache.linked")
    post_migrate.connect(bump, dispatch_uid="pagecache.migrated")


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
    )


def _cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


def _key(request, version: int) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pagecache:page:{version}:{request.LANGUAGE_CODE}:{path}"


def _timeout() -> int:
    seconds = [settings.PAGE_CACHE_SECONDS]
    seconds += [s for expiry in _expiries if (s := expiry()) is not None]
    return max(0, int(min(seconds)))


def fragment(name: str, parts, compute: Callable[[], object]):
    """`compute()`, kept under the archive's version as whole pages are: a part of pages that
    differ around it (the archive's facets, the same on each of its pages, and for editors,
    who get live pages), computed once per change of the archive. `parts` (hashable, with a
    stable repr) tell its copies apart."""
    timeout = _timeout() if settings.PAGE_CACHE_SECONDS > 0 else 0
    if not timeout:
        return compute()
    version = archive_version()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"pagecache:fragment:{version}:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        replicas.pin_if_changed_since(version / 1e9)  # as for a whole page, below
        value = compute()
        cache.set(key, value, timeout)
    return value


class PublicPageCacheMiddleware:
    """Serve and store anonymous readers' public pages (see the module's docstring). Placed
    after the locale and authentication middleware, inside those that add headers to every
    response, so a cached page leaves with the same headers as a fresh one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        version = archive_version()
        key = _key(request, version)
        if (response := _from_file(version, key)) is None and (stored := cache.get(key)):
            content, headers = stored
            _to_file(version, key, content, headers)
            response = HttpResponse(content, headers=headers)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        # Stored under this version, the page must hold its changes: a replica may lack them.
        replicas.pin_if_changed_since(version / 1e9)
        response = self.get_response(request)
        if request.method == "GET" and _cacheable_response(response):
            response["Last-Modified"] = http_date(version / 1e9)
            if timeout := _timeout():
                # Hashed once and stored with the page, ConditionalGetMiddleware's ETag is not
                # computed again for every hit (1 ms for a CSV part of 700 KB).
                set_response_etag(response)
                # As they leave the view: the middleware around this one add theirs to a hit too.
                headers = dict(response.items())
                if response.streaming:
                    response.streaming_content = _stored_when_sent(
                        response.streaming_content, version, key, headers, timeout
                    )
                else:
                    _store(version, key, response.content, headers, timeout)
            response["X-Page-Cache"] = "miss"
        return response


def _stored_when_sent(chunks, version: int, key: str, headers: dict, timeout: int):
    """The chunks of a streamed response (a CSV download) as they go, stored whole once the
    last has gone, unless it is larger than `PAGE_CACHE_MAX_BYTES` or the reader left before
    the end: a download read again is then one cache read, not thousands of rows."""
    kept, size = [], 0
    for chunk in chunks:
        if kept is not None:
            size += len(chunk)
            if size <= settings.PAGE_CACHE_MAX_BYTES:
                kept.append(chunk)
            else:
                kept = None
        yield chunk
    if kept is not None:
        content = b"".join(kept)
        etag = quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())
        _store(version, key, content, {**headers, "ETag": etag}, timeout)


def _store(version: int, key: str, content: bytes, headers: dict, timeout: int):
    cache.set(key, (content, headers), timeout)
    _to_file(version, key, content, headers, timeout)


# A stored page of `PAGE_CACHE_FILE_MIN_BYTES` or more (a CSV part) is also kept in a file on
# this machine, in `PAGE_CACHE_FILES_DIR`, and sent from it by the server (sendfile): read from
# Redis and written out by Python, a cached CSV part of 700 KB was served at a third of the
# floor's rate. Redis keeps the shared copy, from which another machine makes its own file. A
# file is named by its version, and older versions' files are deleted as a newer one is written.


def _file_paths(version: int, key: str) -> tuple[Path, Path] | None:
    if not settings.PAGE_CACHE_FILES_DIR:
        return None
    name = f"{version}-{hashlib.sha256(key.encode()).hexdigest()}"
    folder = Path(settings.PAGE_CACHE_FILES_DIR)
    return folder / f"{name}.json", folder / f"{name}.body"


def _from_file(version: int, key: str) -> FileResponse | None:
    """The stored page's file response, if this machine has it and it has not expired."""
    if (paths := _file_paths(version, key)) is None:
        return None
    about, body = paths
    try:
        stored = json.loads(about.read_bytes())
        if stored["expires"] <= time.time():
            return None
        file = body.open("rb")
    except (OSError, ValueError, KeyError):
        return None
    response = FileResponse(file, content_type=stored["headers"].get("Content-Type"))
    # FileResponse names the download after the cache's file; the page's own name, if any,
    # comes back with the stored headers.
    response.headers.pop("Content-Disposition", None)
    for name, value in stored["headers"].items():
        response[name] = value
    return response


def _to_file(version: int, key: str, content: bytes, headers: dict, timeout: int | None = None):
    """Keep a large page in this machine's files for `timeout` seconds (by default, until the
    next scheduled change); a folder that cannot be written costs speed, never the page."""
    paths = _file_paths(version, key)
    if paths is None or len(content) < settings.PAGE_CACHE_FILE_MIN_BYTES:
        return
    if not (timeout := _timeout() if timeout is None else timeout):
        return
    about, body = paths
    try:
        about.parent.mkdir(parents=True, exist_ok=True)
        _forget_older_files(about.parent, version)
        _write_whole(about, json.dumps({"expires": time.time() + timeout, "headers": headers}))
        _write_whole(body, content)  # last: a page's file is read only once its body is there
    except OSError as error:
        logger.warning("page cache: cannot keep %s in a file: %s", key, error)


def _write_whole(path: Path, data: str | bytes):
    """Written under a temporary name and renamed, so no reader sees a part of it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".")
    with os.fdopen(handle, "wb") as out:
        out.write(data.encode() if isinstance(data, str) else data)
    os.replace(temporary, path)


def _forget_older_files(folder: Path, version: int):
    for path in folder.iterdir():
        written = path.name.split("-", 1)[0]
        if written.isdecimal() and int(written) < version:
            path.unlink(missing_ok=True)
