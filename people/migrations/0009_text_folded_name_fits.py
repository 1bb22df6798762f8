"""A person's folded name is cut to its column, as `save()` cuts it on SQLite: folding may
lengthen a name ("ﬃ" → "ffi"), and a full name of 200 such letters made the trigger fail."""

from django.db import migrations

from people.migration_operations import postgres_sql

FORWARD = """
CREATE OR REPLACE FUNCTION public.ma_person_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.name_folded := left(public.ma_fold(NEW.full_name), 300);
    RETURN NEW;
END $$;
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION public.ma_person_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.name_folded := public.ma_fold(NEW.full_name);
    RETURN NEW;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("people", "0008_versions_for_optimistic_locking")]

    operations = [postgres_sql(FORWARD, BACKWARD)]
