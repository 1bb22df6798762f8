from django.db import migrations

from people.migration_operations import postgres_sql


class Migration(migrations.Migration):
    """A meeting's long texts (report, summary, search text) stored out of line, on
    PostgreSQL: kept in the row, they made the meetings' table 294 MB at 100,000 meetings,
    larger than the server's buffers, so that every list, count and facet that reads rows read
    them from disk or the system's cache; out of line it is 25 MB. Applies to rows written from
    now on: an existing archive is rewritten once by `VACUUM FULL meetings_meeting` (README,
    "Upgrades"). SQLite keeps its rows as they are."""

    dependencies = [
        ("meetings", "0030_person_tallies"),
    ]

    operations = [
        postgres_sql(
            "ALTER TABLE meetings_meeting SET (toast_tuple_target = 128)",
            "ALTER TABLE meetings_meeting RESET (toast_tuple_target)",
        ),
    ]
