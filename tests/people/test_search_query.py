"""A query as search reads it."""

from people.search.query import analyse


def test_the_query_is_bounded():
    query = analyse(" ".join(["từ"] * 100))
    assert len(query.words) == 12
