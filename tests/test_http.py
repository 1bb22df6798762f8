"""HTTP like a good citizen: HEAD and OPTIONS wherever GET works, links that carry only the
parameters a page knows, and a 400 with a message for an absurd query string."""

import pytest
from django.urls import NoReverseMatch, reverse

from indicators.views import IndicatorDetailView
from meetings.views import MeetingListView, PersonListView
from tests.factories import MeetingFactory, ReportedValueFactory
from tests.test_public_urls import public_patterns

pytestmark = pytest.mark.django_db

JUNK = {"utm_source": "x", "evil": "1"}


def working_url(client, name, converters, candidates):
    """A URL of the pattern `name` that answers GET (trying each candidate argument)."""
    if not converters:
        return reverse(name)
    for value in candidates:
        try:
            url = reverse(name, kwargs={converters[0]: value})
        except NoReverseMatch:
            continue
        if client.get(url).status_code == 200:
            return url
    raise AssertionError(f"no working URL for {name}")


@pytest.fixture
def candidates(sample_archive):
    value = ReportedValueFactory(meeting=sample_archive)
    slugs = [sample_archive.slug, value.indicator.slug, value.area.slug]
    slugs += [p.person.slug for p in sample_archive.participations.exclude(person=None)[:1]]
    slugs += [r.slug for r in sample_archive.resolutions.all()[:1]]
    slugs += [o.slug for o in sample_archive.host_organizations.all()[:1]]
    slugs += [p.image.name for p in sample_archive.photos.exclude(image="")[:1]]
    from config.urls import sitemaps

    return slugs + list(sitemaps)


def test_head_and_options_answer_on_every_public_pattern(client, candidates):
    checked = []
    for _route, name, converters in public_patterns():
        url = working_url(client, name, converters, candidates)
        get = client.get(url)
        head = client.head(url)
        assert head.status_code == get.status_code, (url, head.status_code)
        assert head.getvalue() == b"", url
        options = client.options(url)
        assert options.status_code in (200, 204), (url, options.status_code)
        assert {"GET", "HEAD"} <= {m.strip() for m in options["Allow"].split(",")}, url
        checked.append(name)
    assert {
        "meetings:home",
        "meetings:robots",
        "sitemap",
        "meetings:feed",
        "indicators:csv",
    } <= set(checked)
    assert len(checked) >= 17


def test_other_methods_are_refused_with_405(client, sample_archive):
    for url in ["/", "/robots.txt", reverse("meetings:search"), reverse("meetings:feed")]:
        response = client.put(url)
        assert response.status_code == 405, url
        assert "GET" in response["Allow"]


def links_of(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_links_carry_only_known_parameters(client, monkeypatch):
    monkeypatch.setattr(MeetingListView, "paginate_by", 1)
    monkeypatch.setattr(PersonListView, "paginate_by", 1)
    monkeypatch.setattr(IndicatorDetailView, "paginate_by", 1)
    meeting = MeetingFactory(title="Chuyển đổi số")
    values = [ReportedValueFactory(meeting=meeting) for _ in range(2)]
    indicator = values[0].indicator
    ReportedValueFactory(indicator=indicator, meeting=MeetingFactory(title="Chuyển đổi số 2"))
    from tests.factories import ParticipationFactory

    ParticipationFactory.create_batch(2, meeting=meeting)
    pages = [
        (reverse("meetings:list"), {"q": "chuyen doi so", "sort": "oldest"}),
        (reverse("meetings:officials"), {}),
        (indicator.get_absolute_url(), {}),
        (reverse("meetings:search"), {"q": "chuyển đổi số"}),
    ]
    for url, known in pages:
        html = links_of(client, url, {**known, **JUNK})
        assert "evil" not in html and "utm_source" not in html, url
        assert 'rel="next"' in html or url == reverse("meetings:search"), url
    html = links_of(client, reverse("meetings:list"), {"q": "chuyen doi so", **JUNK})
    assert "q=chuyen+doi+so" in html  # what the page knows, it keeps


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "&".join(f"junk{i}=1" for i in range(999)),
            "Địa chỉ có quá nhiều tham số: 999, tối đa 100",
        ),
        ("q=" + "a" * 17000, "Địa chỉ quá dài: 17002 byte tham số, tối đa 16384"),
    ],
)
def test_an_absurd_query_string_is_a_400_with_a_message(client, query, message):
    for url in ["/meetings/", "/officials/", "/search/"]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400
        assert len(response.content) < 1000
        assert message in response.content.decode()


def test_the_limits_come_from_settings(client, settings):
    settings.QUERY_STRING_MAX_PARAMETERS = 3
    assert client.get("/meetings/?a=1&b=2&c=3").status_code == 200
    assert client.get("/meetings/?a=1&b=2&c=3&d=4").status_code == 400
