"""gunicorn's settings for the archive: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Every value can be changed by an environment variable, like the Django settings. `make serve`
runs it; `kill -HUP <master pid>` reloads gracefully: the master reads this file again, starts
new workers on the current code and stops the old ones once their requests are answered.
"""

import os

bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
# Sync workers, one request each: the pages are database-bound, and the load balancer in
# front holds slow clients. The cap bounds the database connections (one per worker).
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * len(os.sched_getaffinity(0)) + 1, 12)))
# Seconds; a request that takes longer is killed and logged. The admin's article import is
# bounded to well within it (ARTICLE_IMPORT_ADMIN_MAX_KB).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# Behind a load balancer that reuses its connections (only threaded workers keep them open).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Recycle each worker after about this many requests, at staggered moments, so a slow leak
# never grows and the workers seldom restart at once. Not fewer: a new worker's first
# requests wait about a second for Django's lazy imports, and at 1,000 that was the p99 of
# the cheapest pages (docs/performance.md, 3 December 2026). 0 never recycles.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10000))
max_requests_jitter = max_requests // 10
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
# The control socket's default path is one per user, so two servers would fight over it.
control_socket_disable = True

# The combined log format, then the time taken in microseconds and the request's
# X-Request-ID the response carries: the load balancer's, or the one the archive made.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s %({x-request-id}o)s'
)
errorlog = "-"

_LOCAL = ("127.0.0.1:", "localhost:", "[::1]:", "unix:")
if not os.environ.get("SECRET_KEY") and not all(b.startswith(_LOCAL) for b in bind):
    # The development key is public: only a server reachable from this machine alone may use it.
    raise SystemExit(f"Set SECRET_KEY before serving on {', '.join(bind)} (see the README).")
