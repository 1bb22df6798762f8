import datetime

import pytest
from django.db import IntegrityError
from django.db.models import ProtectedError

from indicators.models import ReportedValue
from meetings.models import Meeting
from tests.factories import MeetingFactory, ReportedValueFactory

pytestmark = pytest.mark.django_db


def test_period_start_must_not_follow_its_end():
    with pytest.raises(IntegrityError):
        ReportedValueFactory(
            period_start=datetime.date(2023, 1, 1), period_end=datetime.date(2018, 1, 1)
        )


def test_indicator_with_values_cannot_be_deleted():
    value = ReportedValueFactory()
    with pytest.raises(ProtectedError):
        value.indicator.delete()


def test_unknown_qualifier_is_refused():
    with pytest.raises(IntegrityError):
        ReportedValueFactory(qualifier="khoảng chừng")


def test_period_and_value_display():
    value = ReportedValueFactory(
        value="954964",
        unit="tỷ đồng",
        period_start=datetime.date(2018, 1, 1),
        period_end=datetime.date(2023, 12, 31),
    )
    assert value.value_display == "954.964"
    assert value.period_display == "2018–2023"


def test_published_values_exclude_draft_meetings():
    public = ReportedValueFactory()
    ReportedValueFactory(meeting=MeetingFactory(status=Meeting.Status.DRAFT, published_at=None))
    assert list(ReportedValue.objects.published()) == [public]
