"""Metrics read from the database when Prometheus scrapes `/metrics`, after django-prometheus'
(which each process counts for itself). A count that a table holds, such as the background jobs
by kind and status, is right whichever process or worker changed it, and stays right with
several server processes (`PROMETHEUS_MULTIPROC_DIR`), so it is read at scrape time rather than
counted. Each app registers its collectors in its `AppConfig.ready()`.
"""

from prometheus_client import CollectorRegistry, generate_latest

_registry = CollectorRegistry()
_registered: set[type] = set()


def register(collector) -> None:
    """Add `collector` (a `prometheus_client` custom collector) to `/metrics`, once."""
    if type(collector) not in _registered:
        _registered.add(type(collector))
        _registry.register(collector)


def exposition() -> bytes:
    """The registered collectors' metrics, in Prometheus' text format."""
    return generate_latest(_registry)
