"""The archive's facets count the current results by (year, area): the pairs counted, and on
PostgreSQL the statistics that let the planner expect a few pairs, not one per meeting
(migration meetings 0035)."""

import datetime
import json

import pytest
from django.db import connection

from meetings.models import Meeting
from tests.factories import AreaFactory, MeetingFactory, draft_meeting

pytestmark = pytest.mark.django_db


def meetings_in(areas, years, each: int):
    """`each` meetings in every area and year, each on a day of its own, as in an archive."""
    for area in areas:
        for year in years:
            for day in range(each):
                date = datetime.date(year, 1, 1) + datetime.timedelta(days=day)
                MeetingFactory(area=area, date=date)


def test_meetings_are_counted_by_year_and_area_drafts_apart():
    north, south = AreaFactory(name="Thái Nguyên"), AreaFactory(name="Cần Thơ")
    meetings_in([north], [2023, 2024], 2)
    meetings_in([south], [2024], 1)
    MeetingFactory(area=None, date=datetime.date(2024, 1, 2))
    MeetingFactory(area=south, date=None, date_precision="unknown")
    draft_meeting(area=south, date=datetime.date(2024, 3, 3))

    cells = Meeting.objects.published().counted_by_year_and_area()

    assert sorted(cells, key=repr) == sorted(
        [
            (2023, north.pk, 2),
            (2024, north.pk, 2),
            (2024, south.pk, 1),
            (2024, None, 1),
            (None, south.pk, 1),
        ],
        key=repr,
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's statistics")
def test_the_planner_expects_the_pairs_there_are_not_a_pair_per_meeting():
    meetings_in([AreaFactory(), AreaFactory(), AreaFactory()], [2022, 2023, 2024], 20)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE meetings_meeting")
        sql, params = Meeting.objects.all().counted_by_year_and_area().query.sql_with_params()
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        explained = cursor.fetchone()[0]
    plan = (json.loads(explained) if isinstance(explained, str) else explained)[0]["Plan"]

    assert plan["Node Type"] == "Aggregate"
    assert plan["Plan Rows"] <= 2 * 9  # nine pairs; without the statistics, 60 expected
