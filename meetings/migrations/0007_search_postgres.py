"""PostgreSQL search data for meetings, photos and documents, kept by triggers.

`search_text` and `search_vector` are rewritten by the database on every insert and on every
update of the text they derive from, so a bulk `update()` cannot leave them stale. Does nothing
on SQLite, where `save()` writes `search_text`.
"""

from django.db import migrations

from people.migration_operations import postgres_sql

FORWARD = """
CREATE OR REPLACE FUNCTION public.ma_meeting_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(
        concat_ws(' ', NEW.title, NEW.summary, NEW.body, NEW.place));
    NEW.search_vector := to_tsvector('pg_catalog.simple'::regconfig, NEW.search_text);
    RETURN NEW;
END $$;
CREATE TRIGGER meeting_search
    BEFORE INSERT OR UPDATE OF title, summary, body, place, search_text, search_vector
    ON meetings_meeting FOR EACH ROW EXECUTE FUNCTION public.ma_meeting_search();

CREATE OR REPLACE FUNCTION public.ma_photo_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(NEW.caption);
    NEW.search_vector := to_tsvector('pg_catalog.simple'::regconfig, NEW.search_text);
    RETURN NEW;
END $$;
CREATE TRIGGER photo_search BEFORE INSERT OR UPDATE OF caption, search_text, search_vector
    ON meetings_photo FOR EACH ROW EXECUTE FUNCTION public.ma_photo_search();

CREATE OR REPLACE FUNCTION public.ma_resolution_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(concat_ws(' ', NEW.code, NEW.title));
    RETURN NEW;
END $$;
CREATE TRIGGER resolution_search BEFORE INSERT OR UPDATE OF code, title, search_text
    ON meetings_resolution FOR EACH ROW EXECUTE FUNCTION public.ma_resolution_search();

UPDATE meetings_meeting SET title = title;
UPDATE meetings_photo SET caption = caption;
UPDATE meetings_resolution SET title = title;

CREATE INDEX meeting_search_vector_idx ON meetings_meeting USING gin (search_vector);
CREATE INDEX photo_search_vector_idx ON meetings_photo USING gin (search_vector);
CREATE INDEX resolution_search_trgm_idx
    ON meetings_resolution USING gin (search_text public.gin_trgm_ops);
"""

BACKWARD = """
DROP INDEX IF EXISTS resolution_search_trgm_idx;
DROP INDEX IF EXISTS photo_search_vector_idx;
DROP INDEX IF EXISTS meeting_search_vector_idx;
DROP TRIGGER IF EXISTS resolution_search ON meetings_resolution;
DROP TRIGGER IF EXISTS photo_search ON meetings_photo;
DROP TRIGGER IF EXISTS meeting_search ON meetings_meeting;
DROP FUNCTION IF EXISTS public.ma_resolution_search();
DROP FUNCTION IF EXISTS public.ma_photo_search();
DROP FUNCTION IF EXISTS public.ma_meeting_search();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_search_columns"),
        ("people", "0004_search_postgres"),
    ]

    operations = [postgres_sql(FORWARD, BACKWARD)]
