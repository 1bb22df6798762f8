"""Every response carries its request's id, taken from X-Request-ID when it is plain and short,
made up otherwise; every log line of the request carries it too, as JSON in production."""

import io
import json
import logging
import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from people.request_id import RequestIdMiddleware

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"[0-9a-f]{32}")


def test_a_plain_incoming_id_is_echoed(client):
    response = client.get(
        reverse("meetings:robots"), headers={"X-Request-ID": "lb-7f3a.42:trace_1"}
    )
    assert response["X-Request-ID"] == "lb-7f3a.42:trace_1"


def test_an_id_is_made_when_none_is_sent(client):
    first, second = client.get(reverse("meetings:robots")), client.get(reverse("meetings:robots"))
    assert GENERATED.fullmatch(first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize(
    "sent",
    [
        "a" * 129,
        "x" * 20000,
        "two words",
        "line\nbreak",
        "trailing-newline\n",
        '"quoted"',
        "<script>alert(1)</script>",
        "mã-tiếng-việt",
        "id%0d%0aSet-Cookie:x=1",
        '{"request_id": "forged"}',
    ],
)
def test_an_unfit_incoming_id_is_replaced(client, sent):
    response = client.get(reverse("meetings:robots"), HTTP_X_REQUEST_ID=sent)
    assert response.status_code == 200
    assert GENERATED.fullmatch(response["X-Request-ID"])


def test_a_refused_request_carries_an_id_too(client):
    response = client.get("/", {f"p{i}": "1" for i in range(200)})
    assert response.status_code == 400
    assert GENERATED.fullmatch(response["X-Request-ID"])


def test_a_cached_page_leaves_with_its_own_requests_id(client, page_cache, sample_archive):
    url = sample_archive.get_absolute_url()
    first = client.get(url, headers={"X-Request-ID": "first-request"})
    second = client.get(url, headers={"X-Request-ID": "second-request"})
    third = client.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first["X-Request-ID"] == "first-request"
    assert second["X-Request-ID"] == "second-request"
    assert GENERATED.fullmatch(third["X-Request-ID"])


@pytest.fixture
def log_lines():
    """What the configured console handler writes, as settings.LOGGING sets it up."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: stream.getvalue().splitlines()
    handler.setStream(previous)


def test_a_line_logged_while_serving_is_json_with_the_request_id(log_lines):
    def view(request):
        logging.getLogger("people").warning("inside %s", "the view")
        return HttpResponse()

    request = RequestFactory().get("/", headers={"X-Request-ID": "probe-1"})
    RequestIdMiddleware(view)(request)
    record = json.loads(log_lines()[-1])
    assert record["request_id"] == "probe-1"
    assert (record["level"], record["logger"], record["message"]) == (
        "WARNING",
        "people",
        "inside the view",
    )
    assert record["time"].endswith("+00:00")


def test_django_logs_an_error_answer_with_its_request_id(client, log_lines):
    """Django logs a 4xx or 5xx once every middleware is done: the id is still there."""
    client.get("/no-such-page", headers={"X-Request-ID": "probe-2"})
    record = json.loads(log_lines()[-1])
    assert (record["logger"], record["request_id"]) == ("django.request", "probe-2")
    assert record["message"] == "Not Found: /no-such-page"


def test_a_line_logged_outside_a_request_has_no_id(log_lines):
    logging.getLogger("people").warning("outside")
    assert json.loads(log_lines()[-1])["request_id"] == "-"
