"""PostgreSQL: the words of officials' names, indexed, and every word any name has used.

Name search asked the trigram index for names whose words start with the query's, and for
names similar to the whole query, to find one-letter typos. Similarity of short words
("ngoc tu") matched a thousand names, each scored by pg_trgm: 10 to 20 ms. Instead:
- a GIN index on the name's words answers "every word starts a word of the name"
  (`'ngoc':* & 'tu':*`);
- `people_name_word` holds every word a name has had, so the words one letter away from a
  query word are a lookup by primary key, and a typo becomes a few more alternatives for the
  same index. Words are only ever added: one that no name uses any more costs a candidate that
  scoring drops, never a wrong answer.

Does nothing on SQLite, which scores every name.
"""

from django.db import migrations

from people.migration_operations import postgres_sql

NAME_WORDS = "to_tsvector('pg_catalog.simple'::regconfig, {})"

FORWARD = f"""
CREATE INDEX person_name_words_idx ON people_person
    USING gin ({NAME_WORDS.format("name_folded")});

CREATE TABLE public.people_name_word (word text PRIMARY KEY);

CREATE OR REPLACE FUNCTION public.ma_person_name_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public.people_name_word (word)
    SELECT unnest(tsvector_to_array({NAME_WORDS.format("NEW.name_folded")}))
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER person_name_words AFTER INSERT OR UPDATE OF full_name, name_folded
    ON people_person FOR EACH ROW EXECUTE FUNCTION public.ma_person_name_words();

INSERT INTO public.people_name_word (word)
SELECT DISTINCT unnest(tsvector_to_array({NAME_WORDS.format("name_folded")})) FROM people_person
ON CONFLICT DO NOTHING;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS person_name_words ON people_person;
DROP FUNCTION IF EXISTS public.ma_person_name_words();
DROP TABLE IF EXISTS public.people_name_word;
DROP INDEX IF EXISTS person_name_words_idx;
"""


class Migration(migrations.Migration):
    dependencies = [("people", "0005_vietnamese_alphabetical_sort_key")]

    operations = [postgres_sql(FORWARD, BACKWARD)]
