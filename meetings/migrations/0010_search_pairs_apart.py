"""Word pairs in the PostgreSQL search vectors keep a space between their words.

Joined ("vanhien"), a pair could be two other words ("và nhiên liệu" gives "vanhien" as well
as "Văn Hiển" does), so every candidate the index gave had to be checked for the phrase, and
that check reads the whole vector of each row: 20 ms for 600 meetings. Written as lexemes
as they are ("van hien", which no parser would produce), a pair is the two-word phrase itself
and needs no check; longer phrases check only the few rows that hold all their pairs. Does
nothing on SQLite, which matches the phrase in its folded column.
"""

from django.db import migrations

from people.migration_operations import postgres_sql

FORWARD = """
-- The words of a search document, and each pair of adjacent words as one lexeme with a space
-- ("a b c" gives 'a':1, 'b':2, 'c':3, 'a b':5, 'b c':5). The pairs stand a position past the
-- last word's neighbour, so no phrase of words runs on into them; they need a position all the
-- same: a lexeme without one makes a phrase whose last word is a prefix ('a' <-> 'b':*) fail.
-- A search document holds letters, digits and spaces only, so the pairs need no escaping.
CREATE OR REPLACE FUNCTION public.ma_search_vector(document text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('pg_catalog.simple'::regconfig, coalesce(document, ''))
        || coalesce((
            SELECT string_agg('''' || words[i] || ' ' || words[i + 1] || ''':2', ' ')
            FROM regexp_split_to_array(btrim(document), '\\s+') AS words,
                generate_series(1, cardinality(words) - 1) AS i), '')::tsvector;

UPDATE meetings_meeting SET search_vector = NULL;
UPDATE meetings_photo SET search_vector = NULL;
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION public.ma_search_vector(document text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('pg_catalog.simple'::regconfig, coalesce(document, ''))
        || to_tsvector('pg_catalog.simple'::regconfig, coalesce((
            SELECT string_agg(words[i] || words[i + 1], ' ')
            FROM regexp_split_to_array(btrim(document), '\\s+') AS words,
                generate_series(1, cardinality(words) - 1) AS i), ''));

UPDATE meetings_meeting SET search_vector = NULL;
UPDATE meetings_photo SET search_vector = NULL;
"""


class Migration(migrations.Migration):
    dependencies = [("meetings", "0009_search_phrases")]

    operations = [postgres_sql(FORWARD, BACKWARD)]
