"""Fills the printed form of the figures recorded before it was kept, where the source sentence
prints the figure as Vietnamese does (`people.numbers.find_printed_figure`); else it stays blank
and the pages compose the figure from its value and unit, as before."""

from django.db import migrations

from people.numbers import find_printed_figure

BATCH = 2000


def fill(apps, schema_editor):
    ReportedValue = apps.get_model("indicators", "ReportedValue")
    rows = ReportedValue.objects.filter(value_as_printed="").order_by("pk")
    found = []
    for row in rows.only("pk", "value", "unit", "source_sentence").iterator(chunk_size=BATCH):
        row.value_as_printed = find_printed_figure(row.source_sentence, row.value, row.unit)
        if row.value_as_printed:
            found.append(row)
        if len(found) >= BATCH:
            ReportedValue.objects.bulk_update(found, ["value_as_printed"])
            found = []
    ReportedValue.objects.bulk_update(found, ["value_as_printed"])


def empty(apps, schema_editor):
    apps.get_model("indicators", "ReportedValue").objects.update(value_as_printed="")


class Migration(migrations.Migration):
    dependencies = [("indicators", "0010_value_as_printed")]

    operations = [migrations.RunPython(fill, empty, elidable=True)]
