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
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils.cache import set_response_etag
from django.utils.http import http_date, quote_etag

from . import replicas
from .versions import VersionedModel

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
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
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
                        response.streaming_content, key, headers, timeout
                    )
                else:
                    cache.set(key, (response.content, headers), timeout)
            response["X-Page-Cache"] = "miss"
        return response


def _stored_when_sent(chunks, key: str, headers: dict, timeout: int):
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
        cache.set(key, (content, {**headers, "ETag": etag}), timeout)
