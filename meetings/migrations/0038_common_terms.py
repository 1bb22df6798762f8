"""The rows lacking each common term, kept by PostgreSQL's triggers, for counting a common
word's facets from the other side.

"tỉnh" is in every one of a million meetings. Its facets counted the keys of every row it
found: 380–430 ms, the slowest public page, however the rows were laid out (0036, 0037).
The meetings a word most of them hold does not find are few (here none), so the archive's
facets are the database's tallies less those few (`MeetingFacetRowQuerySet.lacking`). A GIN
index lists the rows that hold a term, not those that lack one: `meetings_termabsence` does,
for the terms in `meetings_commonterm`.

- The terms are chosen from the facet rows' statistics (`ma_common_terms_refresh`, called by
  `CommonTerm.objects.refresh()`): each lexeme at least a given share of the rows hold, whole
  and as a prefix, written as the search writes them (`'tinh'`, `'tinh':*`). The refresh locks
  the facet rows against writes (SHARE), so that no write falls between the list it makes of
  a new term's absences and the triggers that keep it.
- Statement triggers on the facet rows keep the absences of every tracked term: a row written
  (inserted, or updated: its vector may have changed) has its absences listed anew; a row
  deleted loses them; emptying the rows empties both tables.
- With no term tracked, the triggers do nothing: a bulk generation pays nothing until its end.
"""

from django.db import migrations, models

from people.migration_operations import postgres_sql

ROWS = "meetings_meetingfacetrow"
TERMS = "meetings_commonterm"
ABSENCES = "meetings_termabsence"
# Each row's vector out of line read once for all the terms tested against it, not once a term:
# `||` returns it whole, and OFFSET 0 keeps the subquery's rows made before the join.
READ_ONCE = "(SELECT meeting_id, search_vector || ''::tsvector AS words FROM {} OFFSET 0)"
# The terms tracked when the migration runs, as `CommonTerm.objects.refresh()` chooses them.
LEAST_SHARE = 0.8

CREATE = f"""
CREATE TABLE {TERMS} (term text PRIMARY KEY, share double precision NOT NULL);
CREATE TABLE {ABSENCES} (
    term text NOT NULL,
    meeting_id bigint NOT NULL,
    PRIMARY KEY (term, meeting_id)
);
CREATE INDEX meetings_termabsence_meeting_idx ON {ABSENCES} (meeting_id);

CREATE FUNCTION ma_term_absences_written() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    IF EXISTS (SELECT FROM {TERMS}) THEN
        DELETE FROM {ABSENCES} t USING added a WHERE t.meeting_id = a.meeting_id;
        INSERT INTO {ABSENCES} (term, meeting_id)
        SELECT c.term, a.meeting_id FROM {READ_ONCE.format("added")} a
        CROSS JOIN LATERAL (
            SELECT term FROM {TERMS} WHERE NOT COALESCE(a.words @@ term::tsquery, false)) c;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION ma_term_absences_removed() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    IF EXISTS (SELECT FROM {TERMS}) THEN
        DELETE FROM {ABSENCES} t USING removed r WHERE t.meeting_id = r.meeting_id;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION ma_term_absences_emptied() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    TRUNCATE {ABSENCES}, {TERMS};
    RETURN NULL;
END $$;

CREATE TRIGGER ma_term_absences_added AFTER INSERT ON {ROWS}
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT
    EXECUTE FUNCTION ma_term_absences_written();
CREATE TRIGGER ma_term_absences_changed AFTER UPDATE ON {ROWS}
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT
    EXECUTE FUNCTION ma_term_absences_written();
CREATE TRIGGER ma_term_absences_removed AFTER DELETE ON {ROWS}
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT
    EXECUTE FUNCTION ma_term_absences_removed();
CREATE TRIGGER ma_term_absences_emptied AFTER TRUNCATE ON {ROWS}
    FOR EACH STATEMENT EXECUTE FUNCTION ma_term_absences_emptied();

CREATE FUNCTION ma_common_terms_refresh(least_share double precision) RETURNS text[]
LANGUAGE plpgsql SET search_path = public AS $$
DECLARE
    chosen text[];
    shares double precision[];
    new_terms text[];
BEGIN
    LOCK TABLE {ROWS} IN SHARE MODE;
    SELECT COALESCE(array_agg(t.term), '{{}}'), COALESCE(array_agg(f.share), '{{}}')
    INTO chosen, shares
    FROM (
        SELECT e.lexeme, e.share
        FROM pg_stats s,
             unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) e(lexeme, share)
        WHERE s.schemaname = current_schema() AND s.tablename = '{ROWS}'
          AND s.attname = 'search_vector' AND e.share >= least_share
          AND e.lexeme ~ '^~?[[:alnum:]]+( [[:alnum:]]+)?$'
    ) f,
    LATERAL (VALUES ('''' || f.lexeme || ''''), ('''' || f.lexeme || ''':*')) t(term);
    DELETE FROM {ABSENCES} WHERE term <> ALL (chosen);
    DELETE FROM {TERMS} WHERE term <> ALL (chosen);
    new_terms := ARRAY(SELECT unnest(chosen) EXCEPT SELECT term FROM {TERMS});
    IF new_terms <> '{{}}' THEN  -- their absences in one scan, whatever their number
        INSERT INTO {ABSENCES} (term, meeting_id)
        SELECT t.term, r.meeting_id FROM {READ_ONCE.format(ROWS)} r
        CROSS JOIN LATERAL (
            SELECT term FROM unnest(new_terms) term
            WHERE NOT COALESCE(r.words @@ term::tsquery, false)) t;
    END IF;
    INSERT INTO {TERMS} (term, share) SELECT * FROM unnest(chosen, shares)
    ON CONFLICT (term) DO UPDATE SET share = excluded.share;
    RETURN chosen;
END $$;

ANALYZE {ROWS};
SELECT ma_common_terms_refresh({LEAST_SHARE});
"""
DROP = f"""
DROP TRIGGER IF EXISTS ma_term_absences_added ON {ROWS};
DROP TRIGGER IF EXISTS ma_term_absences_changed ON {ROWS};
DROP TRIGGER IF EXISTS ma_term_absences_removed ON {ROWS};
DROP TRIGGER IF EXISTS ma_term_absences_emptied ON {ROWS};
DROP FUNCTION IF EXISTS ma_term_absences_written, ma_term_absences_removed,
    ma_term_absences_emptied, ma_common_terms_refresh;
DROP TABLE IF EXISTS {ABSENCES}, {TERMS};
"""


class Migration(migrations.Migration):
    dependencies = [("meetings", "0037_facet_row_organizations")]

    operations = [
        migrations.CreateModel(
            name="CommonTerm",
            fields=[
                ("term", models.TextField(primary_key=True, serialize=False)),
                ("share", models.FloatField()),
            ],
            options={"managed": False},
        ),
        migrations.CreateModel(
            name="TermAbsence",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "term",
                        "meeting",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("term", models.TextField()),
                (
                    "meeting",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.meetingfacetrow",
                    ),
                ),
            ],
            options={"managed": False},
        ),
        postgres_sql(CREATE, DROP),
    ]
