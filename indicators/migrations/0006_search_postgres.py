"""PostgreSQL keeps indicators' search text; does nothing on SQLite, where `save()` does."""

from django.db import migrations

from people.migration_operations import postgres_sql

FORWARD = """
CREATE OR REPLACE FUNCTION public.ma_indicator_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := public.ma_search_document(NEW.name);
    RETURN NEW;
END $$;
CREATE TRIGGER indicator_search BEFORE INSERT OR UPDATE OF name, search_text
    ON indicators_indicator FOR EACH ROW EXECUTE FUNCTION public.ma_indicator_search();
UPDATE indicators_indicator SET name = name;
CREATE INDEX indicator_search_trgm_idx
    ON indicators_indicator USING gin (search_text public.gin_trgm_ops);
"""

BACKWARD = """
DROP INDEX IF EXISTS indicator_search_trgm_idx;
DROP TRIGGER IF EXISTS indicator_search ON indicators_indicator;
DROP FUNCTION IF EXISTS public.ma_indicator_search();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0005_search_columns"),
        ("people", "0004_search_postgres"),
    ]

    operations = [postgres_sql(FORWARD, BACKWARD)]
