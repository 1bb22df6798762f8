"""A narrow copy of each meeting for counting its matches, kept by PostgreSQL's triggers.

The archive's facets count every meeting the current filters find: 950,000 for a common word
at a million meetings. Read from the meetings table, that is 250 bytes of heap a row and a
hash join against every meeting–document link. Here each meeting is a row of about 140 bytes
that carries what the archive filters and groups by, its documents' ids among them, beside
its own copy of the search text and vector (out of line, read only to check a long phrase's
order) and their GIN index (`MeetingFacetRow`).

Statement triggers with transition tables keep the rows: a bulk write costs one statement.
Emptying the meetings (`flush` truncates them, as it does not this unmanaged table) empties
the rows.
The arrays are changed in place (`||`, minus the removed ids), so that two transactions
linking documents to one meeting each add their own under the row's lock.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from people.migration_operations import postgres_sql

ROWS = "meetings_meetingfacetrow"
LINKS = "meetings_meeting_resolutions"

# The links in a transition table, by meeting, for its ids to join or leave the meeting's row.
IDS_BY_MEETING = "(SELECT meeting_id, array_agg(resolution_id) AS ids FROM {} GROUP BY meeting_id) n"
LINKS_ADDED = f"""
    UPDATE {ROWS} f SET resolution_ids = f.resolution_ids || n.ids
    FROM {IDS_BY_MEETING.format("added")} WHERE f.meeting_id = n.meeting_id;"""
LINKS_REMOVED = f"""
    UPDATE {ROWS} f
    SET resolution_ids = ARRAY(SELECT x FROM unnest(f.resolution_ids) x WHERE x <> ALL (n.ids))
    FROM {IDS_BY_MEETING.format("removed")} WHERE f.meeting_id = n.meeting_id;"""

CREATE = f"""
CREATE TABLE {ROWS} (
    meeting_id bigint PRIMARY KEY,
    status varchar(10) NOT NULL,
    published_at timestamptz,
    date date,
    area_id bigint,
    kind varchar(20) NOT NULL,
    resolution_ids bigint[] NOT NULL DEFAULT '{{}}',
    search_text text NOT NULL DEFAULT '',
    search_vector tsvector
) WITH (toast_tuple_target = 128);
-- The search columns out of line, the ids in the row: read for every row counted.
ALTER TABLE {ROWS} ALTER COLUMN resolution_ids SET STORAGE MAIN;
INSERT INTO {ROWS}
    (meeting_id, status, published_at, date, area_id, kind, resolution_ids, search_text,
     search_vector)
SELECT m.id, m.status, m.published_at, m.date, m.area_id, m.kind, COALESCE(l.ids, '{{}}'),
       m.search_text, m.search_vector
FROM meetings_meeting m
LEFT JOIN (SELECT meeting_id, array_agg(resolution_id ORDER BY resolution_id) AS ids
           FROM {LINKS} GROUP BY meeting_id) l ON l.meeting_id = m.id;
CREATE INDEX meeting_facet_row_vector_idx ON {ROWS} USING gin (search_vector);
ANALYZE {ROWS};

CREATE FUNCTION ma_facet_rows_added() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN
    INSERT INTO {ROWS}
        (meeting_id, status, published_at, date, area_id, kind, search_text, search_vector)
    SELECT a.id, a.status, a.published_at, a.date, a.area_id, a.kind, a.search_text,
           a.search_vector
    FROM added a;
    RETURN NULL;
END $$;
CREATE FUNCTION ma_facet_rows_changed() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN
    UPDATE {ROWS} f
    SET status = a.status, published_at = a.published_at, date = a.date, area_id = a.area_id,
        kind = a.kind, search_text = a.search_text, search_vector = a.search_vector
    FROM added a
    WHERE f.meeting_id = a.id
      AND (f.status, f.published_at, f.date, f.area_id, f.kind, f.search_text, f.search_vector)
          IS DISTINCT FROM
          (a.status, a.published_at, a.date, a.area_id, a.kind, a.search_text, a.search_vector);
    RETURN NULL;
END $$;
CREATE FUNCTION ma_facet_rows_removed() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN
    DELETE FROM {ROWS} f USING removed r WHERE f.meeting_id = r.id;
    RETURN NULL;
END $$;
CREATE FUNCTION ma_facet_links_added() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN {LINKS_ADDED} RETURN NULL; END $$;
CREATE FUNCTION ma_facet_links_removed() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN {LINKS_REMOVED} RETURN NULL; END $$;
CREATE FUNCTION ma_facet_links_changed() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN {LINKS_REMOVED} {LINKS_ADDED} RETURN NULL; END $$;
CREATE FUNCTION ma_facet_rows_emptied() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN TRUNCATE {ROWS}; RETURN NULL; END $$;
CREATE FUNCTION ma_facet_links_emptied() RETURNS trigger LANGUAGE plpgsql
SET search_path = public AS $$
BEGIN UPDATE {ROWS} SET resolution_ids = '{{}}' WHERE resolution_ids <> '{{}}'; RETURN NULL; END $$;
CREATE TRIGGER ma_facet_rows_emptied AFTER TRUNCATE ON meetings_meeting
    FOR EACH STATEMENT EXECUTE FUNCTION ma_facet_rows_emptied();
CREATE TRIGGER ma_facet_links_emptied AFTER TRUNCATE ON {LINKS}
    FOR EACH STATEMENT EXECUTE FUNCTION ma_facet_links_emptied();
CREATE TRIGGER ma_facet_rows_added AFTER INSERT ON meetings_meeting
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ma_facet_rows_added();
CREATE TRIGGER ma_facet_rows_changed AFTER UPDATE ON meetings_meeting
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ma_facet_rows_changed();
CREATE TRIGGER ma_facet_rows_removed AFTER DELETE ON meetings_meeting
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION ma_facet_rows_removed();
CREATE TRIGGER ma_facet_links_added AFTER INSERT ON {LINKS}
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ma_facet_links_added();
CREATE TRIGGER ma_facet_links_removed AFTER DELETE ON {LINKS}
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION ma_facet_links_removed();
CREATE TRIGGER ma_facet_links_changed AFTER UPDATE ON {LINKS}
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT
    EXECUTE FUNCTION ma_facet_links_changed();
"""
DROP = f"""
DROP TRIGGER IF EXISTS ma_facet_rows_emptied ON meetings_meeting;
DROP TRIGGER IF EXISTS ma_facet_links_emptied ON {LINKS};
DROP TRIGGER IF EXISTS ma_facet_rows_added ON meetings_meeting;
DROP TRIGGER IF EXISTS ma_facet_rows_changed ON meetings_meeting;
DROP TRIGGER IF EXISTS ma_facet_rows_removed ON meetings_meeting;
DROP TRIGGER IF EXISTS ma_facet_links_added ON {LINKS};
DROP TRIGGER IF EXISTS ma_facet_links_removed ON {LINKS};
DROP TRIGGER IF EXISTS ma_facet_links_changed ON {LINKS};
DROP FUNCTION IF EXISTS ma_facet_rows_added, ma_facet_rows_changed, ma_facet_rows_removed,
    ma_facet_links_added, ma_facet_links_removed, ma_facet_links_changed,
    ma_facet_rows_emptied, ma_facet_links_emptied;
DROP TABLE IF EXISTS {ROWS};
"""


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0035_year_area_statistics"),
        ("people", "0010_illustrative_rows"),
    ]

    operations = [
        migrations.CreateModel(
            name="MeetingFacetRow",
            fields=[
                (
                    "meeting",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="meetings.meeting",
                    ),
                ),
                ("status", models.CharField(max_length=10)),
                ("published_at", models.DateTimeField(null=True)),
                ("date", models.DateField(null=True)),
                ("kind", models.CharField(max_length=20)),
                ("resolution_ids", django.contrib.postgres.fields.ArrayField(base_field=models.BigIntegerField(), size=None)),
                ("search_text", models.TextField()),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                (
                    "area",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="people.area",
                    ),
                ),
            ],
            options={"managed": False},
        ),
        postgres_sql(CREATE, DROP),
    ]
