"""Adjacent word pairs in the PostgreSQL search vectors of meetings and photo captions.

A query that names an official matches the name as a phrase ("tran tien tai"), not its
syllables scattered through a report: every one of them is a common Vietnamese word once the
tones are folded ("tại", "tiền", "trận"). The vector also holds each pair of adjacent words
joined ("trantien", "tientai"), so the index answers the phrase from two rare keys instead of
intersecting three posting lists that each cover most meetings, and only the few candidates
are checked for the exact phrase. Does nothing on SQLite, which matches the phrase in its
folded column.
"""

from django.db import migrations

from people.migration_operations import postgres_sql

FORWARD = """
-- The words of a search document, and each pair of adjacent words joined ("a b c" gives
-- 'a', 'b', 'c', 'ab', 'bc'); the pairs come after the words, so phrase positions hold.
CREATE OR REPLACE FUNCTION public.ma_search_vector(document text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('pg_catalog.simple'::regconfig, coalesce(document, ''))
        || to_tsvector('pg_catalog.simple'::regconfig, coalesce((
            SELECT string_agg(words[i] || words[i + 1], ' ')
            FROM regexp_split_to_array(btrim(document), '\\s+') AS words,
                generate_series(1, cardinality(words) - 1) AS i), ''));

CREATE OR REPLACE FUNCTION public.ma_meeting_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(
        concat_ws(' ', NEW.title, NEW.summary, NEW.body, NEW.place));
    NEW.search_vector := public.ma_search_vector(NEW.search_text);
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION public.ma_photo_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(NEW.caption);
    NEW.search_vector := public.ma_search_vector(NEW.search_text);
    RETURN NEW;
END $$;

UPDATE meetings_meeting SET search_vector = NULL;
UPDATE meetings_photo SET search_vector = NULL;
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION public.ma_meeting_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(
        concat_ws(' ', NEW.title, NEW.summary, NEW.body, NEW.place));
    NEW.search_vector := to_tsvector('pg_catalog.simple'::regconfig, NEW.search_text);
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION public.ma_photo_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(NEW.caption);
    NEW.search_vector := to_tsvector('pg_catalog.simple'::regconfig, NEW.search_text);
    RETURN NEW;
END $$;

UPDATE meetings_meeting SET search_vector = NULL;
UPDATE meetings_photo SET search_vector = NULL;
DROP FUNCTION IF EXISTS public.ma_search_vector(text);
"""


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_history_without_search_columns")]

    operations = [postgres_sql(FORWARD, BACKWARD)]
