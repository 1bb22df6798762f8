"""Moving the test database between migrations, for the tests of a data migration."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets, *, others_at_latest=False):
    """The database migrated to `targets` (with every other app at its latest, if asked); the
    models as they were there."""
    executor = MigrationExecutor(connection)
    if others_at_latest:
        named = {app for app, _name in targets}
        targets = targets + [n for n in executor.loader.graph.leaf_nodes() if n[0] not in named]
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
