"""A meeting's PostgreSQL search vector also holds its photos' captions.

Search used to ask the captions' own index for the meetings whose photos match, at most 2,000
of them, and then test each meeting for `id = ANY(those) OR vector @@ query`. The planner
cannot answer that OR from the indexes, so a count over a common word read every published
meeting's vector (650 ms at 100,000 meetings), and past 2,000 captions the meetings matched
only by a caption went uncounted. With the captions inside the meeting's vector, a word is one
GIN lookup, exact however many captions hold it.

Each caption keeps its own vector (the photos' search reads it), and the meeting's vector is
its own text's followed by its captions', concatenated: `||` shifts each part past the one
before, and pairs are made within each part, so no pair joins the last word of one text to the
first of the next (a phrase of three words or more is checked on positions too, and a part of
two words or more ends with its pairs two positions past its last word). Statement triggers on photos refresh the
meetings whose captions were added, changed, moved or deleted, once per statement, so a
`bulk_create` or `queryset.update()` of photos cannot leave a meeting stale either.
Does nothing on SQLite, which finds a caption's meeting through the photo's folded column.
"""

from django.db import migrations

from people.migration_operations import postgres_sql

REFRESH = "UPDATE meetings_meeting SET search_vector = NULL;"

FORWARD = """
CREATE AGGREGATE public.ma_tsvector_concat(tsvector) (
    SFUNC = pg_catalog.tsvector_concat, STYPE = tsvector, INITCOND = ''
);

CREATE OR REPLACE FUNCTION public.ma_meeting_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(
        concat_ws(' ', NEW.title, NEW.summary, NEW.body, NEW.place));
    NEW.search_vector := public.ma_search_vector(NEW.search_text) || coalesce((
        SELECT public.ma_tsvector_concat(photo.search_vector ORDER BY photo.id)
        FROM public.meetings_photo AS photo WHERE photo.meeting_id = NEW.id), '');
    RETURN NEW;
END $$;

-- The meetings whose captions a statement on photos changed: their vectors are rewritten by
-- the trigger above, which an update of `search_vector` fires.
CREATE OR REPLACE FUNCTION public.ma_photo_captions_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE public.meetings_meeting SET search_vector = NULL
        WHERE id IN (SELECT meeting_id FROM new_photos);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE public.meetings_meeting SET search_vector = NULL
        WHERE id IN (SELECT meeting_id FROM old_photos);
    ELSE
        UPDATE public.meetings_meeting SET search_vector = NULL
        WHERE id IN (
            SELECT changed.meeting_id
            FROM old_photos AS before JOIN new_photos AS after ON before.id = after.id,
                LATERAL (VALUES (before.meeting_id), (after.meeting_id)) AS changed(meeting_id)
            WHERE before.search_vector IS DISTINCT FROM after.search_vector
                OR before.meeting_id <> after.meeting_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER photo_captions_inserted AFTER INSERT ON meetings_photo
    REFERENCING NEW TABLE AS new_photos
    FOR EACH STATEMENT EXECUTE FUNCTION public.ma_photo_captions_changed();
CREATE TRIGGER photo_captions_updated AFTER UPDATE ON meetings_photo
    REFERENCING OLD TABLE AS old_photos NEW TABLE AS new_photos
    FOR EACH STATEMENT EXECUTE FUNCTION public.ma_photo_captions_changed();
CREATE TRIGGER photo_captions_deleted AFTER DELETE ON meetings_photo
    REFERENCING OLD TABLE AS old_photos
    FOR EACH STATEMENT EXECUTE FUNCTION public.ma_photo_captions_changed();
""" + REFRESH

BACKWARD = """
DROP TRIGGER IF EXISTS photo_captions_inserted ON meetings_photo;
DROP TRIGGER IF EXISTS photo_captions_updated ON meetings_photo;
DROP TRIGGER IF EXISTS photo_captions_deleted ON meetings_photo;
DROP FUNCTION IF EXISTS public.ma_photo_captions_changed();

CREATE OR REPLACE FUNCTION public.ma_meeting_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(
        concat_ws(' ', NEW.title, NEW.summary, NEW.body, NEW.place));
    NEW.search_vector := public.ma_search_vector(NEW.search_text);
    RETURN NEW;
END $$;

DROP AGGREGATE IF EXISTS public.ma_tsvector_concat(tsvector);
""" + REFRESH


class Migration(migrations.Migration):
    dependencies = [("meetings", "0012_search_pairs_marked")]

    operations = [postgres_sql(FORWARD, BACKWARD)]
