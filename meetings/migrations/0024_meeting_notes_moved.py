"""A meeting's text of review notes becomes one note row per line (issue 16)."""

from django.db import migrations


def notes_from_text(apps, schema_editor):
    """Each line of a meeting's old text of notes becomes an open note of its own."""
    Meeting = apps.get_model("meetings", "Meeting")
    ReviewNote = apps.get_model("meetings", "ReviewNote")
    notes = [
        ReviewNote(meeting_id=pk, message=line.strip())
        for pk, text in Meeting.objects.exclude(review_notes="").values_list("pk", "review_notes")
        for line in text.splitlines()
        if line.strip()
    ]
    ReviewNote.objects.bulk_create(notes, batch_size=1000)


def notes_to_text(apps, schema_editor):
    """Back: the open notes of each meeting, one per line (settled ones are not kept)."""
    Meeting = apps.get_model("meetings", "Meeting")
    ReviewNote = apps.get_model("meetings", "ReviewNote")
    lines = {}
    for meeting_id, message in ReviewNote.objects.filter(resolved_at__isnull=True).values_list(
        "meeting_id", "message"
    ):
        lines.setdefault(meeting_id, []).append(message)
    for pk, notes in lines.items():
        Meeting.objects.filter(pk=pk).update(review_notes="\n".join(notes))
    ReviewNote.objects.all().delete()  # forward again, they are made anew from the text


class Migration(migrations.Migration):
    dependencies = [("meetings", "0023_review_notes_of_their_own")]

    operations = [
        migrations.RunPython(notes_from_text, notes_to_text),
        migrations.RemoveField(
            model_name="historicalmeeting",
            name="review_notes",
        ),
        migrations.RemoveField(
            model_name="meeting",
            name="review_notes",
        ),
    ]
