"""The organizations each meeting involves, on its facet row, with their GIN index.

The archive filtered by a busy organization (in 250,000 of a million meetings) counted its
facets by testing four subqueries against every facet row: one process, 460 ms. With the
organizations' ids on the row the filter is one GIN lookup (`MeetingFacetRowQuerySet.involving`).

An organization reaches a meeting four ways (host, place visited, lead of the delegation, a
participant's), and leaves it only when the last one goes, so the ids are recounted for the
meetings a statement touched, not changed in place. The rows are locked first, in order, and
recounted in the function's next statement, whose snapshot sees what a writer who held a lock
before committed: two editors adding participants to one meeting at once both count.

The table is built anew, filled from the old one and the four sources: adding the column by
an UPDATE would leave every row twice over and index every search vector again.
"""

import django.contrib.postgres.fields
from django.db import migrations, models

from people.migration_operations import postgres_sql

ROWS = "meetings_meetingfacetrow"
NEW_ROWS = "meetings_meetingfacetrow_new"
# Each way an organization reaches a meeting: the table and its organization's column.
SOURCES = {
    "meetings_meeting_host_organizations": "organization_id",
    "meetings_meeting_visited_organizations": "organization_id",
    "meetings_delegation": "lead_organization_id",
    "meetings_participation": "organization_id",
}
ORGANIZATIONS_OF = (
    "ARRAY("
    + " UNION ".join(
        f"SELECT {column} FROM {table} WHERE meeting_id = {{0}} AND {column} IS NOT NULL"
        for table, column in SOURCES.items()
    )
    + " ORDER BY 1)"
)
COLUMNS = "meeting_id, status, published_at, date, area_id, kind, resolution_ids"

CREATE = f"""
CREATE TABLE {NEW_ROWS} (
    meeting_id bigint PRIMARY KEY,
    status varchar(10) NOT NULL,
    published_at timestamptz,
    date date,
    area_id bigint,
    kind varchar(20) NOT NULL,
    resolution_ids bigint[] NOT NULL DEFAULT '{{}}',
    organization_ids bigint[] NOT NULL DEFAULT '{{}}',
    search_text text NOT NULL DEFAULT '',
    search_vector tsvector
) WITH (toast_tuple_target = 128);
ALTER TABLE {NEW_ROWS} ALTER COLUMN resolution_ids SET STORAGE MAIN,
    ALTER COLUMN organization_ids SET STORAGE MAIN;
LOCK TABLE {ROWS} IN EXCLUSIVE MODE;
INSERT INTO {NEW_ROWS} ({COLUMNS}, organization_ids, search_text, search_vector)
SELECT {COLUMNS}, {ORGANIZATIONS_OF.format("f.meeting_id")}, search_text, search_vector
FROM {ROWS} f ORDER BY meeting_id;
DROP TABLE {ROWS};
ALTER TABLE {NEW_ROWS} RENAME TO {ROWS};
ALTER INDEX {NEW_ROWS}_pkey RENAME TO {ROWS}_pkey;
CREATE INDEX meeting_facet_row_vector_idx ON {ROWS} USING gin (search_vector);
CREATE INDEX meeting_facet_row_organizations_idx ON {ROWS} USING gin (organization_ids);
ANALYZE {ROWS};

CREATE FUNCTION ma_facet_organizations_recount(meetings bigint[]) RETURNS void
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    PERFORM 1 FROM {ROWS} WHERE meeting_id = ANY(meetings) ORDER BY meeting_id FOR UPDATE;
    UPDATE {ROWS} f SET organization_ids = c.ids
    FROM (SELECT meeting_id, {ORGANIZATIONS_OF.format("r.meeting_id")} AS ids
          FROM {ROWS} r WHERE r.meeting_id = ANY(meetings)) c
    WHERE f.meeting_id = c.meeting_id AND f.organization_ids <> c.ids;
END $$;
CREATE FUNCTION ma_facet_organizations_added() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN
    PERFORM ma_facet_organizations_recount(ARRAY(SELECT DISTINCT meeting_id FROM added));
    RETURN NULL;
END $$;
CREATE FUNCTION ma_facet_organizations_removed() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN
    PERFORM ma_facet_organizations_recount(ARRAY(SELECT DISTINCT meeting_id FROM removed));
    RETURN NULL;
END $$;
CREATE FUNCTION ma_facet_organizations_changed() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN
    PERFORM ma_facet_organizations_recount(ARRAY(
        SELECT meeting_id FROM removed UNION SELECT meeting_id FROM added));
    RETURN NULL;
END $$;
CREATE FUNCTION ma_facet_organizations_emptied() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN
    PERFORM ma_facet_organizations_recount(ARRAY(
        SELECT meeting_id FROM {ROWS} WHERE organization_ids <> '{{}}'));
    RETURN NULL;
END $$;
""" + "".join(
    f"""
CREATE TRIGGER ma_facet_organizations_added AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT
    EXECUTE FUNCTION ma_facet_organizations_added();
CREATE TRIGGER ma_facet_organizations_removed AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT
    EXECUTE FUNCTION ma_facet_organizations_removed();
CREATE TRIGGER ma_facet_organizations_changed AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT
    EXECUTE FUNCTION ma_facet_organizations_changed();
CREATE TRIGGER ma_facet_organizations_emptied AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION ma_facet_organizations_emptied();"""
    for table in SOURCES
)
DROP = (
    "".join(
        f"""
DROP TRIGGER IF EXISTS ma_facet_organizations_added ON {table};
DROP TRIGGER IF EXISTS ma_facet_organizations_removed ON {table};
DROP TRIGGER IF EXISTS ma_facet_organizations_changed ON {table};
DROP TRIGGER IF EXISTS ma_facet_organizations_emptied ON {table};"""
        for table in SOURCES
    )
    + f"""
DROP FUNCTION IF EXISTS ma_facet_organizations_added, ma_facet_organizations_removed,
    ma_facet_organizations_changed, ma_facet_organizations_emptied,
    ma_facet_organizations_recount;
DROP INDEX IF EXISTS meeting_facet_row_organizations_idx;
ALTER TABLE {ROWS} DROP COLUMN IF EXISTS organization_ids;
"""
)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0036_meeting_facet_rows")]

    operations = [
        migrations.AddField(
            model_name="meetingfacetrow",
            name="organization_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), size=None
            ),
        ),
        postgres_sql(CREATE, DROP),
    ]
