"""Operations the search migrations share: PostgreSQL machinery that SQLite does without.

Migrations import this module, so it stays as it is: a later need gets a new function.
"""

from django.db import migrations


def postgres_sql(forward: str, backward: str) -> migrations.RunPython:
    """Run `forward` (`backward` when unapplied) on PostgreSQL only: extensions, functions,
    triggers and indexes. On SQLite, `save()` writes the same search columns."""

    def run(sql):
        def on_postgres(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)

        return on_postgres

    return migrations.RunPython(run(forward), run(backward))
