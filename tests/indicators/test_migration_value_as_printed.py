"""The migration that fills the printed form of figures recorded before it was kept: found in
the source sentence as Vietnamese prints the number, else left blank; emptied going back."""

import datetime

import pytest

from tests.migrating import migrate, migrate_to_latest

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.migration,
]

BEFORE = [("indicators", "0010_value_as_printed")]
AFTER = [("indicators", "0011_value_as_printed_filled")]


@pytest.fixture
def back_to_latest():
    yield
    migrate_to_latest()


def test_printed_forms_are_found_in_their_sentence_or_left_blank(back_to_latest):
    apps = migrate(BEFORE, others_at_latest=True)
    Meeting = apps.get_model("meetings", "Meeting")
    Indicator = apps.get_model("indicators", "Indicator")
    ReportedValue = apps.get_model("indicators", "ReportedValue")
    meeting = Meeting.objects.create(
        title="a", slug="a", date=datetime.date(2024, 1, 1), date_precision="day"
    )
    indicator = Indicator.objects.create(name="Tỷ trọng", slug="ty-trong")
    rows = {
        "58,4%": ("58.4", "%", "Tỷ trọng công nghiệp chiếm 58,4%, tăng."),
        "954.964 tỷ đồng": ("954964", "tỷ đồng", "Thu đạt 954.964 tỷ đồng."),
        "9/9 địa phương": ("9", "/9 địa phương", "Có 9/9 địa phương hoàn thành."),
        "": ("12.3", "%", "Chỉ tiêu năm 2023 đạt 12.3."),
    }
    for value, unit, sentence in rows.values():
        ReportedValue.objects.create(
            indicator=indicator, meeting=meeting, value=value, unit=unit, source_sentence=sentence
        )

    apps = migrate(AFTER, others_at_latest=True)
    ReportedValue = apps.get_model("indicators", "ReportedValue")
    assert list(
        ReportedValue.objects.order_by("pk").values_list("value_as_printed", flat=True)
    ) == list(rows)

    apps = migrate(BEFORE, others_at_latest=True)
    ReportedValue = apps.get_model("indicators", "ReportedValue")
    assert set(ReportedValue.objects.values_list("value_as_printed", flat=True)) == {""}
