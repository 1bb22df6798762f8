"""Word pairs in the PostgreSQL search vectors start with a mark: '~van hien', not 'van hien'.

The last word of a query may be the start of a word ('tinh':*), and every pair that begins
with that word began with it too: 'tinh uy', 'tinh thai', 'tinh lao'… The index then read
the postings of dozens of pairs besides the word's own, seven times as many for "tỉnh", and a
count over the archive took 340 ms instead of 50. A search document holds letters, digits and
spaces only, so "~" starts no word, and a pair still matches as a prefix ('~van h':*).
Does nothing on SQLite, which matches phrases in its folded column.
"""

from django.db import migrations

from people.migration_operations import postgres_sql

FUNCTION = """
-- The words of a search document, and each pair of adjacent words as one lexeme: a mark, the
-- words and a space between them ("a b c" gives 'a':1, 'b':2, 'c':3, '~a b':5, '~b c':5). The
-- mark keeps a word's prefix from matching the pairs it begins. The pairs stand a position past
-- the last word's neighbour, so no phrase of words runs on into them; they need a position all
-- the same: a lexeme without one makes a phrase whose last word is a prefix fail.
-- A search document holds letters, digits and spaces only, so the pairs need no escaping.
CREATE OR REPLACE FUNCTION public.ma_search_vector(document text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('pg_catalog.simple'::regconfig, coalesce(document, ''))
        || coalesce((
            SELECT string_agg('''{mark}' || words[i] || ' ' || words[i + 1] || ''':2', ' ')
            FROM regexp_split_to_array(btrim(document), '\\s+') AS words,
                generate_series(1, cardinality(words) - 1) AS i), '')::tsvector;

UPDATE meetings_meeting SET search_vector = NULL;
UPDATE meetings_photo SET search_vector = NULL;
"""


class Migration(migrations.Migration):
    dependencies = [("meetings", "0011_newest_first_index")]

    operations = [postgres_sql(FUNCTION.format(mark="~"), FUNCTION.format(mark=""))]
