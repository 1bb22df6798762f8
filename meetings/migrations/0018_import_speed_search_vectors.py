"""PostgreSQL search vectors in time linear in the text, and the text's vector made once.

- `ma_search_vector()` paired each word with the next by subscript (`words[i]`), and reaching
  the i-th element of a text array reads the i - 1 before it: 17 s for a 300 KB article
  (0.1 s at 20 KB). It now pairs them in one pass (`lead()` over the words in order): the same
  vector, 0.3 s. The pairs are capped at 600 KB of distinct pairs, the first the text has
  (some 500 KB of report): a tsvector holds at most 1 MB, and a 1 MB report failed to save.
- A meeting's vector was rebuilt from its whole text whenever one of its captions changed: each
  photo added one by one to a long report cost as much as the report. The meeting's own words
  now carry weight A (captions keep D), so when only captions changed the trigger keeps the
  weight-A part of the stored vector and appends the captions again. A change of the text, or a
  vector set to NULL (as migrations do to refresh every row), still rebuilds everything.
  Search ranks every weight alike (`meetings.search.page`), as before.

Does nothing on SQLite, which finds a caption's meeting through the photo's folded column.
"""

from django.db import migrations

from people.migration_operations import postgres_sql

REFRESH = "UPDATE meetings_meeting SET search_vector = NULL;"

SEARCH_VECTOR = """
-- Each distinct pair once, in the order the text first has them, while they fit in 600 KB:
-- a tsvector holds at most 1 MB, which the pairs of a 1 MB report would overflow. A pair
-- longer than a lexeme may be (2,046 bytes) is left out, as to_tsvector leaves out such words.
CREATE OR REPLACE FUNCTION public.ma_search_vector(document text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('pg_catalog.simple'::regconfig, coalesce(document, ''))
        || coalesce((
            SELECT string_agg(pair, ' ' ORDER BY first)
            FROM (
                SELECT pair, first, sum(octet_length(pair) + 1) OVER (ORDER BY first) AS upto
                FROM (
                    SELECT '''~' || word || ' ' || next || ''':2' AS pair, min(n) AS first
                    FROM (
                        SELECT word, lead(word) OVER (ORDER BY n) AS next, n
                        FROM unnest(regexp_split_to_array(btrim(document), '\\s+'))
                            WITH ORDINALITY AS words(word, n)
                    ) AS adjacent
                    WHERE next IS NOT NULL AND octet_length(word) + octet_length(next) < 2040
                    GROUP BY 1
                ) AS distinct_pairs
            ) AS budgeted
            WHERE upto <= 600000), '')::tsvector;
"""

OLD_SEARCH_VECTOR = """
CREATE OR REPLACE FUNCTION public.ma_search_vector(document text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('pg_catalog.simple'::regconfig, coalesce(document, ''))
        || coalesce((
            SELECT string_agg('''~' || words[i] || ' ' || words[i + 1] || ''':2', ' ')
            FROM regexp_split_to_array(btrim(document), '\\s+') AS words,
                generate_series(1, cardinality(words) - 1) AS i), '')::tsvector;
"""

CAPTIONS = """coalesce((
        SELECT public.ma_tsvector_concat(photo.search_vector ORDER BY photo.id)
        FROM public.meetings_photo AS photo WHERE photo.meeting_id = NEW.id), '')"""

MEETING_SEARCH = f"""
-- The meeting's own words (weight A), then its captions' (weight D). When the text is as it
-- was and the statement kept the weight-A part of the vector (the photo triggers below do),
-- that part is reused and only the captions are read again.
CREATE OR REPLACE FUNCTION public.ma_meeting_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    own tsvector;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.search_vector IS NOT NULL
        AND (NEW.title, NEW.summary, NEW.body, NEW.place, NEW.search_text)
            IS NOT DISTINCT FROM (OLD.title, OLD.summary, OLD.body, OLD.place, OLD.search_text)
        AND ts_filter(NEW.search_vector, '{{a}}') = ts_filter(OLD.search_vector, '{{a}}') THEN
        own := ts_filter(OLD.search_vector, '{{a}}');
    ELSE
        NEW.search_text := public.ma_search_document(
            concat_ws(' ', NEW.title, NEW.summary, NEW.body, NEW.place));
        own := setweight(public.ma_search_vector(NEW.search_text), 'A');
    END IF;
    NEW.search_vector := own || {CAPTIONS};
    RETURN NEW;
END $$;
"""

OLD_MEETING_SEARCH = f"""
CREATE OR REPLACE FUNCTION public.ma_meeting_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(
        concat_ws(' ', NEW.title, NEW.summary, NEW.body, NEW.place));
    NEW.search_vector := public.ma_search_vector(NEW.search_text) || {CAPTIONS};
    RETURN NEW;
END $$;
"""

CAPTIONS_CHANGED = """
-- The meetings whose captions a statement on photos changed: their vectors keep their own
-- words ({keep}) and the trigger above appends the captions again.
CREATE OR REPLACE FUNCTION public.ma_photo_captions_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE public.meetings_meeting SET search_vector = {keep}
        WHERE id IN (SELECT meeting_id FROM new_photos);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE public.meetings_meeting SET search_vector = {keep}
        WHERE id IN (SELECT meeting_id FROM old_photos);
    ELSE
        UPDATE public.meetings_meeting SET search_vector = {keep}
        WHERE id IN (
            SELECT changed.meeting_id
            FROM old_photos AS before JOIN new_photos AS after ON before.id = after.id,
                LATERAL (VALUES (before.meeting_id), (after.meeting_id)) AS changed(meeting_id)
            WHERE before.search_vector IS DISTINCT FROM after.search_vector
                OR before.meeting_id <> after.meeting_id);
    END IF;
    RETURN NULL;
END $$;
"""

FORWARD = (
    SEARCH_VECTOR
    + MEETING_SEARCH
    + CAPTIONS_CHANGED.format(keep="ts_filter(search_vector, '{a}')")
    + REFRESH
)
BACKWARD = (
    OLD_SEARCH_VECTOR + OLD_MEETING_SEARCH + CAPTIONS_CHANGED.format(keep="NULL") + REFRESH
)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0017_versions_for_optimistic_locking")]

    operations = [postgres_sql(FORWARD, BACKWARD)]
