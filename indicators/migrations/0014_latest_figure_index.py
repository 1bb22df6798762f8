from django.db import migrations

from people.migration_operations import postgres_sql


class Migration(migrations.Migration):
    """The latest figure of an indicator in an area read first (`_latest_of_each`), on
    PostgreSQL: SQLite takes no NULLS LAST in an index, and its archives are small."""

    dependencies = [
        ("indicators", "0013_figure_tallies"),
    ]

    operations = [
        postgres_sql(
            "CREATE INDEX value_latest_idx ON indicators_reportedvalue (indicator_id, area_id, "
            "period_end DESC NULLS LAST, period_start DESC NULLS LAST)",
            "DROP INDEX IF EXISTS value_latest_idx",
        ),
    ]
