"""The indexes of documents, organizations, areas and indicators: what they list and count
(public records only), their order, their filters, bad input, and their fixed query counts."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, Resolution
from people.models import Area, Organization
from tests.factories import (
    AreaFactory,
    IndicatorFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    ReportedValueFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

INDEXES = ["meetings:resolutions", "meetings:organizations", "meetings:areas", "indicators:list"]


def page_text(client, name) -> bytes:
    """The page as shown, but for the footer form's CSRF token, new on every request."""
    return re.sub(
        rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", client.get(reverse(name)).content
    )


def listed(client, name, query=None):
    response = client.get(reverse(name), query or {})
    assert response.status_code == 200
    return response, list(response.context["page_obj"])


def test_documents_are_in_the_order_of_their_codes(client):
    codes = ["52-NQ/TW", "23-NQ/TW", "13/2023/NĐ-CP", "9/2023/NĐ-CP", "8/2022/NĐ-CP", "5-KL/TW"]
    meeting = MeetingFactory()
    meeting.resolutions.add(*(ResolutionFactory(code=code) for code in codes))
    _response, rows = listed(client, "meetings:resolutions")
    assert [row.code for row in rows] == [
        "23-NQ/TW",
        "52-NQ/TW",
        "5-KL/TW",
        "8/2022/NĐ-CP",
        "9/2023/NĐ-CP",
        "13/2023/NĐ-CP",
    ]


def test_documents_filter_by_type_issuer_and_year(client):
    politburo = OrganizationFactory(name="Bộ Chính trị")
    party = ResolutionFactory(code="52-NQ/TW", issuer=politburo)
    decree = ResolutionFactory(code="13/2023/NĐ-CP")
    MeetingFactory().resolutions.add(party, decree)
    Resolution.objects.filter(pk=party.pk).update(issued_on="2019-09-27")
    assert listed(client, "meetings:resolutions", {"type": "nd"})[1] == [decree]
    assert listed(client, "meetings:resolutions", {"issuer": politburo.slug})[1] == [party]
    assert listed(client, "meetings:resolutions", {"year": 2023})[1] == [decree]
    assert listed(client, "meetings:resolutions", {"year": 2019})[1] == [party]


def test_each_document_shows_its_published_meetings(client):
    resolution = ResolutionFactory()
    for _ in range(3):
        MeetingFactory().resolutions.add(resolution)
    response, rows = listed(client, "meetings:resolutions")
    assert rows[0].meeting_count == 3
    assert "3 cuộc họp" in response.content.decode()


def test_the_feed_lists_documents_most_recently_discussed_first_never_a_drafts(client):
    older, newer, drafted = ResolutionFactory(), ResolutionFactory(), ResolutionFactory()
    MeetingFactory(published_at="2024-01-01T00:00Z").resolutions.add(older, newer)
    MeetingFactory(published_at="2024-06-01T00:00Z").resolutions.add(newer)
    MeetingFactory(status=Meeting.Status.DRAFT, published_at=None).resolutions.add(drafted)
    response = client.get(reverse("meetings:resolutions_feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert body.index(newer.code) < body.index(older.code)
    assert drafted.code not in body


def test_organizations_filter_by_kind_and_parent(client):
    ministry = OrganizationFactory(name="Bộ Công Thương", kind=Organization.Kind.MINISTRY)
    department = OrganizationFactory(name="Vụ Công nghiệp", parent=ministry)
    ParticipationFactory(organization=ministry)
    ParticipationFactory(organization=department)
    kind = Organization.Kind.MINISTRY
    assert listed(client, "meetings:organizations", {"kind": kind})[1] == [ministry]
    assert listed(client, "meetings:organizations", {"parent": ministry.slug})[1] == [department]


def test_areas_count_meetings_held_in_them_or_their_cities_and_their_figures(client):
    province = AreaFactory(name="Thái Nguyên")
    city = AreaFactory(name="Sông Công", kind=Area.Kind.CITY, parent=province)
    MeetingFactory(area=province)
    ReportedValueFactory(meeting=MeetingFactory(area=city), area=province)
    _response, rows = listed(client, "meetings:areas", {"kind": Area.Kind.PROVINCE})
    assert [(row, row.meeting_count, row.figure_count) for row in rows] == [(province, 2, 1)]


def test_indicators_count_their_figures_and_provinces_and_filter_by_unit_and_area(client):
    first, second = AreaFactory(), AreaFactory()
    share = IndicatorFactory(name="Tỷ trọng công nghiệp", default_unit="%")
    income = IndicatorFactory(name="Thu ngân sách", default_unit="tỷ đồng")
    for area in (first, second, second):
        ReportedValueFactory(indicator=share, meeting=MeetingFactory(area=area))
    ReportedValueFactory(indicator=income, meeting=MeetingFactory(area=first))
    _response, rows = listed(client, "indicators:list")
    counts = {row: (row.figure_count, row.province_count) for row in rows}
    assert counts == {share: (3, 2), income: (1, 1)}
    assert listed(client, "indicators:list", {"unit": "%"})[1] == [share]
    assert listed(client, "indicators:list", {"area": second.slug})[1] == [share]
    assert listed(client, "indicators:list", {"q": "ngân sách"})[1] == [income]


def test_the_indicators_index_offers_the_areas_with_a_figure_the_public_may_see(client):
    """Its area choices come from the figures' tallies, which count a meeting published for
    a later time: its area is offered once that time has come; before, choosing it is refused."""
    shown, later = AreaFactory(name="Thái Nguyên"), AreaFactory(name="Lào Cai")
    ReportedValueFactory(meeting=MeetingFactory(area=shown), area=shown)
    scheduled = MeetingFactory(area=later, published_at=timezone.now() + timedelta(days=1))
    ReportedValueFactory(meeting=scheduled, area=later)

    def offered():
        response = client.get(reverse("indicators:list"))
        return list(response.context["filter"].form.fields["area"].queryset)

    assert offered() == [shown]
    assert client.get(reverse("indicators:list"), {"area": later.slug}).status_code == 400
    Meeting.objects.filter(pk=scheduled.pk).update(published_at=timezone.now())
    assert offered() == [later, shown]


def test_a_draft_changes_no_index_and_its_own_records_are_not_listed(client):
    """A draft citing a listed record and records only it cites: every page the same."""
    area, document = AreaFactory(), ResolutionFactory()
    organization, indicator = OrganizationFactory(), IndicatorFactory()
    published = MeetingFactory(area=area)
    published.resolutions.add(document)
    ParticipationFactory(meeting=published, organization=organization)
    ReportedValueFactory(meeting=published, indicator=indicator)
    before = {name: page_text(client, name) for name in INDEXES}

    draft = MeetingFactory(area=area, status=Meeting.Status.DRAFT, published_at=None)
    draft.resolutions.add(document)
    ParticipationFactory(meeting=draft, organization=organization)
    ReportedValueFactory(meeting=draft, indicator=indicator, area=area)
    hidden_area = AreaFactory(name="Chỉ trong bản nháp")
    hidden = [
        ResolutionFactory(code="999-NQ/TW"),
        OrganizationFactory(name="Cơ quan chỉ trong bản nháp"),
        IndicatorFactory(name="Chỉ tiêu chỉ trong bản nháp"),
    ]
    only_draft = MeetingFactory(area=hidden_area, status=Meeting.Status.DRAFT, published_at=None)
    only_draft.resolutions.add(hidden[0])
    ParticipationFactory(meeting=only_draft, organization=hidden[1])
    ReportedValueFactory(meeting=only_draft, indicator=hidden[2])

    for name in INDEXES:
        assert page_text(client, name) == before[name], name
        response = client.get(reverse(name))
        for record in [hidden_area, *hidden]:
            assert record not in response.context["page_obj"].object_list, name
            assert str(record).encode() not in response.content, name


@pytest.mark.parametrize("name", INDEXES)
@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "999999"},
        {"kind": "nope", "type": "nope", "unit": "nope"},
        {"issuer": "<script>alert(1)</script>", "parent": "' OR 1=1 --", "area": "x"},
        {"year": "2023; DROP TABLE meetings_meeting", "q": "<b>đậm</b>' --"},
    ],
)
def test_bad_input_is_refused_or_empty_never_an_error(client, name, query):
    ResolutionFactory()
    MeetingFactory().resolutions.add(ResolutionFactory())
    response = client.get(reverse(name), query)
    assert response.status_code in (200, 400, 404)
    assert b"<script>alert(1)" not in response.content
    assert b"<b>\xc4\x91\xe1\xba\xadm</b>" not in response.content


# The queries of each index, whatever it holds: the filter's choice lists (documents: issuers;
# organizations: parents; indicators: units, and areas read from the figures' tallies, less
# the figures published for later, as the list's counts are), the count, the page, (documents,
# areas) the meetings of the page's rows and (areas, indicators) their figures: the tallies,
# the figures of meetings published for later, and which of their areas are provinces.
INDEX_QUERIES = {
    "meetings:resolutions": 4,
    "meetings:organizations": 3,
    "meetings:areas": 6,
    "indicators:list": 9,
}


def populate(n):
    """n of each record, each reached by its own published meeting, with a parent apiece."""
    for i in range(n):
        parent = OrganizationFactory()
        area = AreaFactory(parent=AreaFactory(kind=Area.Kind.REGION))
        meeting = MeetingFactory(area=area)
        meeting.resolutions.add(ResolutionFactory(issuer=OrganizationFactory()))
        ParticipationFactory(meeting=meeting, organization=OrganizationFactory(parent=parent))
        ParticipationFactory(meeting=meeting, organization=parent)
        ReportedValueFactory(meeting=meeting, indicator=IndicatorFactory(default_unit=f"u{i}"))


@pytest.mark.parametrize("name", INDEXES)
def test_each_index_runs_the_same_queries_for_1_or_60_records(
    client, django_assert_num_queries, name
):
    for n in (1, 60):
        populate(n if n == 1 else n - 1)
        with django_assert_num_queries(INDEX_QUERIES[name]):
            response = client.get(reverse(name))
        assert response.context["paginator"].count >= n


def test_the_header_links_to_every_index(client):
    body = client.get(reverse("meetings:home")).content.decode()
    for name in ["meetings:list", "meetings:officials", *INDEXES]:
        assert f'href="{reverse(name)}"' in body, name


def test_the_favicon_is_served_as_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_an_area_lists_each_official_once_with_every_position_there(client):
    area = AreaFactory()
    council = OrganizationFactory(name="Hội đồng nhân dân tỉnh", area=area)
    committee = OrganizationFactory(name="Tỉnh ủy", area=area)
    meeting = MeetingFactory(area=area)
    person = ParticipationFactory(meeting=meeting).person
    person.positions.create(title="Chủ tịch HĐND tỉnh", organization=council)
    person.positions.create(title="Phó Bí thư Tỉnh ủy", organization=committee)
    response = client.get(area.get_absolute_url())
    assert list(response.context["officials"]) == [person]
    body = response.content.decode()
    assert body.count(f'class="person__name" href="{person.get_absolute_url()}"') == 1
    assert "Chủ tịch HĐND tỉnh" in body and "Phó Bí thư Tỉnh ủy" in body


def test_a_filtered_index_runs_as_many_queries_as_the_whole(client, django_assert_num_queries):
    populate(3)
    with django_assert_num_queries(INDEX_QUERIES["indicators:list"]):
        response = client.get(reverse("indicators:list"), {"unit": "u1"})
    assert response.context["paginator"].count == 1
