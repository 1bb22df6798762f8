"""The facet rows again: with the organizations each meeting involves, and with their keys.

- **Organizations.** The archive filtered by a busy organization (in 250,000 of a million
  meetings) counted its facets by testing four subqueries against every row: one process,
  460 ms. With the organizations' ids on the row and their GIN index it is one lookup
  (`MeetingFacetRowQuerySet.involving`). An organization reaches a meeting four ways (host,
  place visited, lead of the delegation, a participant's) and leaves only with the last, so
  the ids are recounted for the meetings a statement touched. The rows are locked first, in
  order, and recounted in the function's next statement, whose snapshot sees what a writer
  who held a lock before committed: two editors adding participants at once both count.
- **Keys.** A row is counted under each document it discusses and under its (year, area)
  cell. The cell's key was computed and appended to the documents' ids for every row
  counted: 70 of 340 ms for a word a million meetings hold. `facet_keys` holds both, the
  cell's key negative (`ma_facet_cell`), and the triggers change it in place as they did the
  ids.

The rows are built anew from the meetings (as 0036 built them), and unapplying builds them
as 0036 did.
"""

import importlib

import django.contrib.postgres.fields
from django.db import migrations, models

from people.migration_operations import postgres_sql

BEFORE = importlib.import_module("meetings.migrations.0036_meeting_facet_rows")

ROWS = "meetings_meetingfacetrow"
LINKS = "meetings_meeting_resolutions"
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

# The links in a transition table, by meeting, for its ids to join or leave the meeting's keys.
IDS_BY_MEETING = BEFORE.IDS_BY_MEETING
LINKS_ADDED = f"""
    UPDATE {ROWS} f SET facet_keys = f.facet_keys || n.ids
    FROM {IDS_BY_MEETING.format("added")} WHERE f.meeting_id = n.meeting_id;"""
LINKS_REMOVED = f"""
    UPDATE {ROWS} f
    SET facet_keys = ARRAY(SELECT x FROM unnest(f.facet_keys) x WHERE x <> ALL (n.ids))
    FROM {IDS_BY_MEETING.format("removed")} WHERE f.meeting_id = n.meeting_id;"""
# 0036's triggers, on the same tables, calling the functions of the same names made here.
BEFORE_TRIGGERS = BEFORE.CREATE[BEFORE.CREATE.index("CREATE TRIGGER ma_facet_rows_emptied") :]
# The columns copied from a meeting `a`.
COPIED = ("status", "published_at", "date", "area_id", "kind", "search_text", "search_vector")


def _function(name: str, body: str) -> str:
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SET search_path = public AS $$
BEGIN {body} RETURN NULL; END $$;"""


CREATE = (
    f"""
CREATE FUNCTION ma_facet_cell(day date, area bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN -(COALESCE(date_part('year', day), 0)::bigint * 4294967296 + COALESCE(area, 0));

CREATE TABLE {ROWS} (
    meeting_id bigint PRIMARY KEY,
    status varchar(10) NOT NULL,
    published_at timestamptz,
    date date,
    area_id bigint,
    kind varchar(20) NOT NULL,
    facet_keys bigint[] NOT NULL,
    organization_ids bigint[] NOT NULL DEFAULT '{{}}',
    search_text text NOT NULL DEFAULT '',
    search_vector tsvector
) WITH (toast_tuple_target = 128);
-- The keys in the row, never compressed: read for every row counted. The search columns and
-- the organizations out of line: the GIN indexes answer `@@` and `@>` without a recheck.
ALTER TABLE {ROWS} ALTER COLUMN facet_keys SET STORAGE PLAIN,
    ALTER COLUMN organization_ids SET STORAGE EXTERNAL;
INSERT INTO {ROWS} (meeting_id, {", ".join(COPIED)}, facet_keys, organization_ids)
SELECT m.id, {", ".join(f"m.{column}" for column in COPIED)},
       COALESCE(l.ids, '{{}}') || ma_facet_cell(m.date, m.area_id),
       {ORGANIZATIONS_OF.format("m.id")}
FROM meetings_meeting m
LEFT JOIN (SELECT meeting_id, array_agg(resolution_id ORDER BY resolution_id) AS ids
           FROM {LINKS} GROUP BY meeting_id) l ON l.meeting_id = m.id
ORDER BY m.id;
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
{
        _function(
            "ma_facet_rows_added",
            f'''
    INSERT INTO {ROWS} (meeting_id, {", ".join(COPIED)}, facet_keys)
    SELECT a.id, {", ".join(f"a.{column}" for column in COPIED)},
           ARRAY[ma_facet_cell(a.date, a.area_id)]
    FROM added a;''',
        )
    }
{
        _function(
            "ma_facet_rows_changed",
            f'''
    UPDATE {ROWS} f
    SET {", ".join(f"{column} = a.{column}" for column in COPIED)},
        facet_keys = CASE WHEN (f.date, f.area_id) IS NOT DISTINCT FROM (a.date, a.area_id)
            THEN f.facet_keys
            ELSE ARRAY(SELECT x FROM unnest(f.facet_keys) x WHERE x > 0)
                 || ma_facet_cell(a.date, a.area_id) END
    FROM added a
    WHERE f.meeting_id = a.id
      AND ({", ".join(f"f.{column}" for column in COPIED)})
          IS DISTINCT FROM ({", ".join(f"a.{column}" for column in COPIED)});''',
        )
    }
{
        _function(
            "ma_facet_rows_removed",
            f"DELETE FROM {ROWS} f USING removed r WHERE f.meeting_id = r.id;",
        )
    }
{_function("ma_facet_rows_emptied", f"TRUNCATE {ROWS};")}
{_function("ma_facet_links_added", LINKS_ADDED)}
{_function("ma_facet_links_removed", LINKS_REMOVED)}
{_function("ma_facet_links_changed", LINKS_REMOVED + LINKS_ADDED)}
{
        _function(
            "ma_facet_links_emptied",
            f'''
    UPDATE {ROWS} SET facet_keys = ARRAY(SELECT x FROM unnest(facet_keys) x WHERE x < 0)
    WHERE cardinality(facet_keys) > 1;''',
        )
    }
{
        _function(
            "ma_facet_organizations_added",
            '''
    PERFORM ma_facet_organizations_recount(ARRAY(SELECT DISTINCT meeting_id FROM added));''',
        )
    }
{
        _function(
            "ma_facet_organizations_removed",
            '''
    PERFORM ma_facet_organizations_recount(ARRAY(SELECT DISTINCT meeting_id FROM removed));''',
        )
    }
{
        _function(
            "ma_facet_organizations_changed",
            '''
    PERFORM ma_facet_organizations_recount(ARRAY(
        SELECT meeting_id FROM removed UNION SELECT meeting_id FROM added));''',
        )
    }
{
        _function(
            "ma_facet_organizations_emptied",
            f'''
    PERFORM ma_facet_organizations_recount(ARRAY(
        SELECT meeting_id FROM {ROWS} WHERE organization_ids <> '{{}}'));''',
        )
    }
"""
    + BEFORE_TRIGGERS
    + "".join(
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
    + """
DROP FUNCTION IF EXISTS ma_facet_organizations_added, ma_facet_organizations_removed,
    ma_facet_organizations_changed, ma_facet_organizations_emptied,
    ma_facet_organizations_recount;"""
    + BEFORE.DROP
    + "DROP FUNCTION IF EXISTS ma_facet_cell;"
)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0036_meeting_facet_rows")]

    operations = [
        migrations.RemoveField(model_name="meetingfacetrow", name="resolution_ids"),
        migrations.AddField(
            model_name="meetingfacetrow",
            name="facet_keys",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), size=None
            ),
        ),
        migrations.AddField(
            model_name="meetingfacetrow",
            name="organization_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), size=None
            ),
        ),
        postgres_sql(BEFORE.DROP + CREATE, DROP + BEFORE.CREATE),
    ]
