from django.db import migrations

from people.migration_operations import postgres_sql


class Migration(migrations.Migration):
    """Statistics on a meeting's (area, year) together, on PostgreSQL: the archive's facets
    group the current results by them. Without them the planner takes the year of a date
    for a column it knows nothing of and expects a group per row (100,000 groups at a
    million meetings, against about 500), so it sorts the matches on disk instead of hashing
    them: 10-20% of the filtered archive's time at a million meetings (docs/performance.md,
    5 December 2026). `ANALYZE` fills them at once; autovacuum keeps them after."""

    dependencies = [
        ("meetings", "0034_archive_tallies"),
    ]

    operations = [
        postgres_sql(
            "CREATE STATISTICS meeting_year_area_stats ON area_id, (EXTRACT(YEAR FROM date)) "
            "FROM meetings_meeting; ANALYZE meetings_meeting",
            "DROP STATISTICS IF EXISTS meeting_year_area_stats",
        ),
    ]
