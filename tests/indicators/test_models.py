import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.db.models import ProtectedError

from indicators.models import ReportedValue
from meetings.models import Meeting
from people.periods import years
from tests.factories import AreaFactory, MeetingFactory, ReportedValueFactory

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
    assert list(ReportedValue.objects.public()) == [public]


def period(first, last=None):
    start, end, _precision = years(first, last)
    return {"period_start": start, "period_end": end}


def test_within_years_keeps_figures_whose_period_lies_inside():
    one_year = ReportedValueFactory(**period(2020))
    five_years = ReportedValueFactory(**period(2018, 2023))
    only_end = ReportedValueFactory(period_start=None, period_end=datetime.date(2021, 6, 30))
    ReportedValueFactory(period_start=None, period_end=None)
    values = ReportedValue.objects.all()

    assert set(values.within_years(2020, 2022)) == {one_year, only_end}
    assert set(values.within_years(2015, 2025)) == {one_year, five_years, only_end}
    assert set(values.within_years(first=2019)) == {one_year, only_end}
    assert set(values.within_years(last=2020)) == {one_year}


def test_latest_per_area_takes_the_latest_period_then_the_latest_report():
    area = AreaFactory()
    ReportedValueFactory(area=area, value="1", **period(2024, 2025))  # a span ending later
    older_report = MeetingFactory(date=datetime.date(2024, 1, 10))
    newer_report = MeetingFactory(date=datetime.date(2024, 6, 10))
    ReportedValueFactory(area=area, meeting=newer_report, value="3", **period(2025))
    ReportedValueFactory(area=area, meeting=older_report, value="2", **period(2025))
    other = ReportedValueFactory(value="9", **period(2019))

    latest = ReportedValue.objects.latest_per_area()

    assert sorted((v.area_id, v.value) for v in latest) == [(area.pk, 3), (other.area_id, 9)]


def test_latest_per_period_keeps_one_figure_per_period_unit_and_qualifier():
    area = AreaFactory()
    older_report = MeetingFactory(date=datetime.date(2024, 1, 10))
    newer_report = MeetingFactory(date=datetime.date(2024, 6, 10))
    ReportedValueFactory(area=area, meeting=older_report, value="57", **period(2023))
    ReportedValueFactory(area=area, meeting=newer_report, value="58.4", **period(2023))
    ReportedValueFactory(
        area=area, meeting=older_report, value="52", qualifier="trên", **period(2023)
    )
    ReportedValueFactory(area=area, meeting=older_report, value="55", **period(2022))

    latest = ReportedValue.objects.filter(area=area).latest_per_period().order_by("period_end")

    assert [(v.period_end.year, v.qualifier, v.value) for v in latest][0] == (2022, "", 55)
    assert sorted((v.qualifier, v.value) for v in latest[1:]) == [
        ("", Decimal("58.4")),
        ("trên", 52),
    ]
