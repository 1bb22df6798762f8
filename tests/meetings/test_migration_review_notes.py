"""The migration that turns each meeting's text of review notes into one note row per line,
and back: every line found again, in order, with nothing added."""

import pytest

from tests.migrating import migrate, migrate_to_latest

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.migration,
]

BEFORE = [("meetings", "0023_review_notes_of_their_own")]
AFTER = [("meetings", "0024_meeting_notes_moved")]
LINES = ["No period is printed for the figure '4 khu': 4 khu.", "  50% <b>tăng</b> %(x)s  ", "a"]


@pytest.fixture
def back_to_latest():
    yield
    migrate_to_latest()


def test_each_line_becomes_an_open_note_and_comes_back(back_to_latest):
    apps = migrate(BEFORE)
    Meeting = apps.get_model("meetings", "Meeting")
    noted = Meeting.objects.create(title="a", slug="a", review_notes="\n".join(LINES) + "\n\n")
    Meeting.objects.create(title="b", slug="b", review_notes="")

    apps = migrate(AFTER)
    ReviewNote = apps.get_model("meetings", "ReviewNote")
    rows = list(ReviewNote.objects.order_by("pk").values_list("meeting_id", "message", "params"))
    assert rows == [(noted.pk, line.strip(), {}) for line in LINES]
    assert not ReviewNote.objects.filter(resolved_at__isnull=False).exists()

    apps = migrate(BEFORE)
    Meeting = apps.get_model("meetings", "Meeting")
    assert Meeting.objects.get(pk=noted.pk).review_notes == "\n".join(
        line.strip() for line in LINES
    )
    assert Meeting.objects.get(slug="b").review_notes == ""
    assert not apps.get_model("meetings", "ReviewNote").objects.exists()
