"""The names a search scores are read from the name index, whatever the people's order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import Person
from people.search.people import name_scores
from people.search.query import analyse
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's name index")
def test_the_name_candidates_are_asked_for_in_no_order():
    """In the people's order, PostgreSQL walked that order's index testing every name until it
    had enough candidates: all 200,000 for a word no name holds, 170 ms against 0.2 from the
    name index (docs/performance.md, 5 December 2026). A table small enough for a test does
    not show the planner's choice, so the test reads the query it is given."""
    PersonFactory(full_name="Phạm Hoàng Sơn")
    with CaptureQueriesContext(connection) as queries:
        scores = name_scores(Person.objects.all(), analyse("pham hoang son"))
    (sql,) = [q["sql"] for q in queries.captured_queries if "people_person" in q["sql"]]

    assert list(scores.values()) and "ORDER BY" not in sql.upper()
