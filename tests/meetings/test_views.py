import datetime
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import filters, models, views
from meetings.models import Delegation, Meeting
from meetings.sitemaps import MeetingSitemap
from people.search.query import analyse
from tests.factories import (
    AreaFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    PhotoPersonFactory,
    ReportedValueFactory,
    ResolutionFactory,
    draft_meeting,
)
from tests.sitemaps import sitemap_files, sitemap_urls

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'


# Home


def test_home_lists_published_meetings_and_ways_in(client):
    meeting = MeetingFactory(title="Làm việc với tỉnh Bắc Kạn")
    draft_meeting(title="Bản nháp chưa đăng")
    resolution = ResolutionFactory()
    meeting.resolutions.add(resolution)
    ParticipationFactory(meeting=meeting, person=PersonFactory(full_name="Phạm Hoàng Sơn"))

    response = client.get(reverse("meetings:home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Làm việc với tỉnh Bắc Kạn" in html
    assert "Bản nháp chưa đăng" not in html
    assert "Phạm Hoàng Sơn" in html
    assert resolution.get_absolute_url() in html
    assert 'action="/search/"' in html


def test_home_lists_the_officials_most_present_in_the_latest_meetings(client, monkeypatch):
    monkeypatch.setattr(views, "HOME_RECENT_MEETINGS", 2)
    veteran, newcomer, regular = (
        PersonFactory(full_name=name) for name in ["Lê Văn Cũ", "Trần Thị Mới", "Đỗ Văn Đều"]
    )
    for year in (2019, 2020, 2021):
        ParticipationFactory(person=veteran, meeting=MeetingFactory(date=datetime.date(year, 1, 1)))
    for year in (2024, 2025):
        meeting = MeetingFactory(date=datetime.date(year, 1, 1))
        ParticipationFactory(person=regular, meeting=meeting)
        if year == 2025:
            ParticipationFactory(person=newcomer, meeting=meeting, title_as_reported="Phó Chủ tịch")
    ParticipationFactory(person=veteran, meeting=draft_meeting(date=datetime.date(2026, 1, 1)))

    officials = list(client.get(reverse("meetings:home")).context["officials"])

    assert [(p.full_name, p.present) for p in officials] == [("Đỗ Văn Đều", 2), ("Trần Thị Mới", 1)]
    assert officials[1].latest_title == "Phó Chủ tịch"


# Archive


def test_archive_shows_published_meetings_only(client):
    MeetingFactory(title="Đã công bố")
    draft_meeting(title="Bản nháp")
    MeetingFactory(title="Hẹn giờ", published_at=timezone.now() + datetime.timedelta(days=1))

    response = client.get(reverse("meetings:list"))

    html = response.content.decode()
    assert "Đã công bố" in html
    assert "Bản nháp" not in html
    assert "Hẹn giờ" not in html
    assert response.context["paginator"].count == 1


def test_facets_count_the_current_results_and_never_drafts(client):
    area = AreaFactory(name="Thái Nguyên")
    resolution = ResolutionFactory(code="23-NQ/TW")
    for year in (2023, 2024, 2024):
        MeetingFactory(area=area, date=datetime.date(year, 5, 1)).resolutions.add(resolution)
    draft_meeting(area=area, date=datetime.date(2024, 1, 1)).resolutions.add(resolution)
    MeetingFactory(date=datetime.date(2022, 1, 1))

    facets = client.get(reverse("meetings:list"), {"area": area.slug}).context["facets"]

    assert facets["years"] == [{"year": 2024, "count": 2}, {"year": 2023, "count": 1}]
    assert facets["areas"] == [{"area__slug": area.slug, "area__name": "Thái Nguyên", "count": 3}]
    assert facets["resolutions"] == [
        {"resolution__slug": resolution.slug, "resolution__code": "23-NQ/TW", "count": 3}
    ]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"year": "2024"},
        {"kind": "site_visit"},
        {"date_from": "2024-01-01", "date_to": "2024-12-31"},
        {"area": "lao-cai"},
        {"person": "pham-hoang-son"},
        {"resolution": "52-nq-tw"},
        {"organization": "ban-kinh-te-trung-uong"},
    ],
)
@pytest.mark.parametrize("text", ["chuyển đổi số", "Phạm Hoàng Sơn", ""])
def test_the_facets_count_the_meetings_the_archive_lists(client, text, filters):
    """The facets are counted by another query than the list's (on PostgreSQL from the narrow
    facet rows, `MeetingFacetRow`): both must hold the same meetings, published ones only."""
    person = PersonFactory(full_name="Phạm Hoàng Sơn", slug="pham-hoang-son")
    organization = OrganizationFactory(name="Ban Kinh tế Trung ương", slug="ban-kinh-te-trung-uong")
    resolution = ResolutionFactory(code="52-NQ/TW", slug="52-nq-tw")
    lao_cai = AreaFactory(name="Lào Cai", slug="lao-cai")
    later = timezone.now() + datetime.timedelta(days=1)
    for n, (year, area, kind) in enumerate(
        [
            (2023, lao_cai, "site_visit"),
            (2024, lao_cai, "working_session"),
            (2024, None, "site_visit"),
        ]
    ):
        found = MeetingFactory(
            title=f"Hội thảo chuyển đổi số {n}",
            date=datetime.date(year, 3, 1),
            kind=kind,
            **({"area": area} if area else {}),
        )
        if n:
            found.resolutions.add(resolution)
            ParticipationFactory(meeting=found, person=person, organization=organization)
        else:
            found.host_organizations.add(organization)
    draft_meeting(title="Chuyển đổi số, bản nháp", area=lao_cai).resolutions.add(resolution)
    MeetingFactory(title="Chuyển đổi số, hẹn giờ", published_at=later, area=lao_cai)
    ParticipationFactory(meeting=draft_meeting(area=lao_cai), person=person)
    unrelated = MeetingFactory(title="Không liên quan", area=lao_cai)
    unrelated.resolutions.add(resolution)
    unrelated.visited_organizations.add(organization)

    response = client.get(reverse("meetings:list"), {"q": text, **filters})

    listed = list(response.context["page_obj"])
    facets = response.context["facets"]
    assert listed and all(m.status == Meeting.Status.PUBLISHED for m in listed)
    assert facets["total"] == len(listed)
    assert {f["year"]: f["count"] for f in facets["years"]} == dict(
        Counter(m.date.year for m in listed)
    )
    assert {f["area__slug"]: f["count"] for f in facets["areas"]} == dict(
        Counter(m.area.slug for m in listed)
    )
    assert {f["resolution__slug"]: f["count"] for f in facets["resolutions"]} == dict(
        Counter(r.slug for m in listed for r in m.resolutions.all())
    )


@pytest.mark.parametrize("filters", [{}, {"year": "2024"}, {"organization": "ban-kinh-te"}])
@pytest.mark.parametrize("text", ["{", '""', "-- ;"])
def test_a_text_without_a_word_finds_nothing_with_any_filter(client, text, filters):
    """Nothing to search for: an empty archive page, its facets counted as nothing, not an
    error (on PostgreSQL the count's SQL is never written for a condition no row meets)."""
    organization = OrganizationFactory(slug="ban-kinh-te")
    MeetingFactory(date=datetime.date(2024, 5, 1)).host_organizations.add(organization)

    response = client.get(reverse("meetings:list"), {"q": text, **filters})

    assert response.status_code == 200
    assert response.context["facets"]["total"] == 0
    assert list(response.context["page_obj"]) == []


@pytest.mark.parametrize("field", ["person", "resolution", "organization", "area", "year", "kind"])
def test_each_filter_narrows_the_archive(client, field):
    wanted, other = MeetingFactory(date=datetime.date(2023, 5, 1)), MeetingFactory()
    person, resolution, organization = PersonFactory(), ResolutionFactory(), OrganizationFactory()
    ParticipationFactory(meeting=wanted, person=person)
    wanted.resolutions.add(resolution)
    wanted.host_organizations.add(organization)
    wanted.kind = "site_visit"
    wanted.save()
    value = {
        "person": person.slug,
        "resolution": resolution.slug,
        "organization": organization.slug,
        "area": wanted.area.slug,
        "year": "2023",
        "kind": "site_visit",
    }[field]

    response = client.get(reverse("meetings:list"), {field: value})

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [wanted]
    assert other.title not in response.content.decode()


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("person", "pham hoang son"),
        ("person", "PHẠM HOÀNG SƠN"),
        ("resolution", "Nghị quyết số 52-NQ/TW"),
        ("resolution", "52/nq-tw"),
        ("organization", "Ban Kinh tế Trung ương"),
        ("organization", "ban kinh te TƯ"),
    ],
)
def test_record_filters_take_what_readers_type(client, field, typed):
    wanted, other = MeetingFactory(), MeetingFactory()
    person = PersonFactory(full_name="Phạm Hoàng Sơn")
    ParticipationFactory(meeting=wanted, person=person)
    ParticipationFactory(meeting=other, person=PersonFactory(full_name="Phạm Hoàng Sang"))
    resolution = ResolutionFactory(code="52-NQ/TW")
    wanted.resolutions.add(resolution)
    other.resolutions.add(ResolutionFactory(code="52/NQ-CP"))
    organization = OrganizationFactory(name="Ban Kinh tế Trung ương")
    wanted.host_organizations.add(organization)
    other.host_organizations.add(OrganizationFactory(name="Ban Tổ chức Trung ương"))

    response = client.get(reverse("meetings:list"), {field: typed})

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [wanted]
    shown = {"person": person.full_name, "resolution": "52-NQ/TW"}.get(field, organization.name)
    assert [item["value"] for item in response.context["active_filters"]] == [shown]
    # The box shows the record as it is written, whatever was typed or linked.
    assert f'value="{shown}"' in response.content.decode()


def test_a_linked_record_filter_shows_its_name_not_its_slug(client):
    participation = ParticipationFactory(person=PersonFactory(full_name="Nguyễn Đức Hiển"))
    response = client.get(reverse("meetings:list"), {"person": participation.person.slug})
    assert list(response.context["page_obj"]) == [participation.meeting]
    assert 'value="Nguyễn Đức Hiển"' in response.content.decode()


def test_an_ambiguous_record_filter_offers_the_candidates(client):
    first = ParticipationFactory(person=PersonFactory(full_name="Nguyễn Văn Bình"))
    second = ParticipationFactory(person=PersonFactory(full_name="Nguyễn Văn Bình"))
    ParticipationFactory(
        person=PersonFactory(full_name="Nguyễn Văn Bình Nháp"), meeting=draft_meeting()
    )

    response = client.get(reverse("meetings:list"), {"person": "nguyen van binh", "year": "2024"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Nguyễn Văn Bình Nháp" not in html
    choices = response.context["suggestions"]["person"]
    assert sorted(choice["query"] for choice in choices) == sorted(
        f"person={p.person.slug}&year=2024" for p in [first, second]
    )
    for choice in choices:
        assert f'href="?{choice["query"].replace("&", "&amp;")}"' in html
    chosen = client.get(reverse("meetings:list") + "?" + choices[0]["query"])
    assert chosen.status_code == 200


@pytest.mark.parametrize(
    "typed", ["Không Có Ai", "x" * 301, "<script>alert(1)</script>", "'; DROP TABLE x; --", "%_"]
)
def test_a_record_filter_that_matches_nothing_says_so(client, typed):
    ParticipationFactory(person=PersonFactory(full_name="Phạm Hoàng Sơn"))
    response = client.get(reverse("meetings:list"), {"person": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert response.context["filter"].form.errors["person"]
    assert "<script>alert" not in html
    assert list(response.context["page_obj"]) == []


def test_the_resolution_facet_lists_the_most_discussed_only(client, monkeypatch):
    monkeypatch.setattr(filters, "FACET_RESOLUTIONS", 2)
    common, middle, rare = (
        ResolutionFactory(code=code) for code in ["1-NQ/TW", "2-NQ/TW", "3-NQ/TW"]
    )
    for resolutions in [(common, middle, rare), (common, middle), (common,)]:
        MeetingFactory().resolutions.add(*resolutions)

    facets = client.get(reverse("meetings:list")).context["facets"]

    assert [(f["resolution__code"], f["count"]) for f in facets["resolutions"]] == [
        ("1-NQ/TW", 3),
        ("2-NQ/TW", 2),
    ]
    assert facets["total"] == 3


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_few_results_are_paged_in_order(client, monkeypatch, sort):
    monkeypatch.setattr(models, "FEW_RESULTS", 3)  # so both ways of reading a page are tried
    dates = [datetime.date(2020 + n, 1, 1) for n in range(5)]
    for date in dates:
        MeetingFactory(title="Hội nghị về kinh tế số", date=date)
    MeetingFactory(title="Không liên quan", date=datetime.date(2023, 6, 1))
    MeetingFactory(title="Hội nghị về kinh tế số không ngày", date=None, date_precision="unknown")
    for query in [{"q": "kinh tế số"}, {"q": "kinh tế số", "year": "2021"}]:
        response = client.get(reverse("meetings:list"), {**query, "sort": sort})
        shown = [m.date for m in response.context["page_obj"]]
        expected = [m.date for m in Meeting.objects.published().search(analyse(query["q"]))]
        if "year" in query:
            expected = [d for d in expected if d and d.year == 2021]
        expected = sorted((d for d in expected if d), reverse=sort == "newest") + [
            d for d in expected if d is None
        ]
        assert shown == expected, query


def test_text_filter_uses_the_meeting_search(client):
    MeetingFactory(title="Sơ kết Nghị quyết về công nghiệp")
    MeetingFactory(title="Họp về nông nghiệp")

    response = client.get(reverse("meetings:list"), {"q": "cong nghiep"})

    assert [m.title for m in response.context["page_obj"]] == ["Sơ kết Nghị quyết về công nghiệp"]


def test_dates_and_sort(client):
    old = MeetingFactory(date=datetime.date(2020, 1, 1))
    new = MeetingFactory(date=datetime.date(2024, 1, 1))
    url = reverse("meetings:list")

    assert list(client.get(url).context["page_obj"]) == [new, old]
    assert list(client.get(url, {"sort": "oldest"}).context["page_obj"]) == [old, new]
    assert list(client.get(url, {"date_from": "2021-01-01"}).context["page_obj"]) == [new]
    assert list(client.get(url, {"date_to": "2021-01-01"}).context["page_obj"]) == [old]


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"date_from": "2024-13-45"},
        {"person": "khong-ton-tai"},
        {"resolution": "999-nq-tw"},
        {"kind": "party"},
        {"sort": "random"},
        {"year": "99999999999999999999"},
    ],
)
def test_invalid_filter_shows_the_form_error_not_a_crash(client, query):
    MeetingFactory()
    response = client.get(reverse("meetings:list"), query)

    assert response.status_code == 400
    assert response.context["filter"].form.errors
    assert 'class="field__error"' in response.content.decode()


def test_a_person_seen_only_in_drafts_is_not_a_valid_filter(client):
    participation = ParticipationFactory(meeting=draft_meeting())
    response = client.get(reverse("meetings:list"), {"person": participation.person.slug})
    assert response.status_code == 400


def test_pagination_keeps_the_filters(client):
    area = AreaFactory()
    MeetingFactory.create_batch(25, area=area)

    html = client.get(reverse("meetings:list"), {"area": area.slug}).content.decode()

    assert f'href="?area={area.slug}&amp;page=2"' in html


def test_active_filters_are_removable_one_by_one(client):
    meeting = MeetingFactory(date=datetime.date(2023, 5, 1))
    response = client.get(reverse("meetings:list"), {"area": meeting.area.slug, "year": "2023"})

    active = {item["name"]: item["query"] for item in response.context["active_filters"]}
    assert active == {"area": "year=2023", "year": f"area={meeting.area.slug}"}


def test_hostile_text_is_escaped(client):
    MeetingFactory(title=HOSTILE, summary=HOSTILE)
    response = client.get(reverse("meetings:list"), {"q": HOSTILE})
    html = response.content.decode()
    assert HOSTILE not in html
    assert "&lt;script&gt;" in html


# Meeting


def test_draft_and_scheduled_meetings_are_404(client):
    assert client.get(draft_meeting().get_absolute_url()).status_code == 404
    scheduled = MeetingFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_meeting_page_shows_people_figures_and_photos(client):
    meeting = MeetingFactory(title="Làm việc với tỉnh", date_precision="year")
    head = PersonFactory(full_name="Nguyễn Đức Hiển")
    Delegation.objects.create(
        meeting=meeting, lead_organization=OrganizationFactory(name="Ban Kinh tế"), head=head
    )
    ParticipationFactory(meeting=meeting, person=PersonFactory(), side="delegation", order=1)
    ParticipationFactory(meeting=meeting, person=head, side="delegation", order=2)
    ParticipationFactory(meeting=meeting, title_as_reported="Chủ tịch HĐND tỉnh", side="host")
    ReportedValueFactory(meeting=meeting, value="954964", unit="tỷ đồng")
    ReportedValueFactory(meeting=meeting, value="58.4", unit="%", qualifier="trên")
    tag = PhotoPersonFactory(photo=PhotoFactory(meeting=meeting, caption="Quang cảnh"), person=head)

    response = client.get(meeting.get_absolute_url())

    html = response.content.decode()
    assert response.context["delegation_members"][0].person == head
    assert "năm 2024" in html
    assert "Chủ tịch HĐND tỉnh" in html
    assert "954.964 tỷ đồng" in html
    assert "trên 58,4 %" in html
    assert "Quang cảnh" in html
    assert f'href="{tag.person.get_absolute_url()}"' in html
    assert f'alt="{tag.photo.alt_text}"' in html
    assert '<meta property="og:title" content="Làm việc với tỉnh">' in html
    assert f'<link rel="canonical" href="http://testserver{meeting.get_absolute_url()}">' in html


def test_previous_and_next_skip_drafts(client):
    first = MeetingFactory(published_at=timezone.now() - datetime.timedelta(days=3))
    draft_meeting()
    middle = MeetingFactory(published_at=timezone.now() - datetime.timedelta(days=2))
    last = MeetingFactory(published_at=timezone.now() - datetime.timedelta(days=1))

    context = client.get(middle.get_absolute_url()).context
    assert (context["previous_meeting"], context["next_meeting"]) == (first, last)


def test_meeting_page_escapes_hostile_text(client):
    meeting = MeetingFactory(title=HOSTILE, body=HOSTILE)
    PhotoFactory(meeting=meeting, caption=HOSTILE, alt_text='" onerror="alert(1)')
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert HOSTILE not in html
    assert 'onerror="alert(1)"' not in html


# Resolution


def test_resolution_page_shows_published_meetings_figures_and_officials(client):
    resolution = ResolutionFactory(code="23-NQ/TW")
    meeting = MeetingFactory(title="Công bố")
    meeting.resolutions.add(resolution)
    hidden = draft_meeting(title="Bản nháp bí mật")
    hidden.resolutions.add(resolution)
    ReportedValueFactory(meeting=meeting, resolution=resolution, value="58.4")
    ReportedValueFactory(meeting=hidden, resolution=resolution, value="77.7")
    ParticipationFactory(meeting=meeting, person=PersonFactory(full_name="Phạm Hoàng Sơn"))
    ParticipationFactory(meeting=hidden, person=PersonFactory(full_name="Người Bí Mật"))

    response = client.get(resolution.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nghị quyết 23-NQ/TW" in html
    assert "Công bố" in html and "58,4 %" in html and "Phạm Hoàng Sơn" in html
    assert "Bản nháp bí mật" not in html and "77,7" not in html and "Người Bí Mật" not in html


def test_resolution_page_shows_the_newest_meetings_and_its_officials_a_page_at_a_time(
    client, monkeypatch
):
    monkeypatch.setattr(views, "MEETINGS_SHOWN", 2)
    monkeypatch.setattr(views, "OFFICIALS_PER_PAGE", 2)
    resolution = ResolutionFactory(code="23-NQ/TW")
    for day in (1, 2, 3):
        meeting = MeetingFactory(title=f"Họp ngày {day}", date=datetime.date(2024, 5, day))
        meeting.resolutions.add(resolution)
        ParticipationFactory(meeting=meeting)

    first, second = (client.get(resolution.get_absolute_url(), {"page": n}) for n in (1, 2))

    assert [m.title for m in first.context["meetings"]] == ["Họp ngày 3", "Họp ngày 2"]
    assert "Tất cả các cuộc họp, trong kho lưu trữ" in first.content.decode()  # "All its …"
    assert len(first.context["officials"]) == 2 and len(second.context["officials"]) == 1
    assert client.get(resolution.get_absolute_url(), {"page": 3}).status_code == 404


def test_resolution_discussed_only_in_drafts_is_404(client):
    resolution = ResolutionFactory()
    draft_meeting().resolutions.add(resolution)
    assert client.get(resolution.get_absolute_url()).status_code == 404


# Feeds, sitemap, robots


def test_feeds_list_published_meetings_only(client):
    resolution, person = ResolutionFactory(), PersonFactory()
    shown, hidden = MeetingFactory(title="Công khai"), draft_meeting(title="Nháp")
    for meeting in (shown, hidden):
        meeting.resolutions.add(resolution)
        ParticipationFactory(meeting=meeting, person=person)

    for url in [
        reverse("meetings:feed"),
        reverse("meetings:atom_feed"),
        reverse("meetings:resolution_feed", kwargs={"slug": resolution.slug}),
        reverse("meetings:official_feed", kwargs={"slug": person.slug}),
    ]:
        xml = client.get(url).content.decode()
        assert "Công khai" in xml, url
        assert "Nháp" not in xml, url


def test_feeds_of_draft_only_people_and_resolutions_are_404(client):
    hidden = draft_meeting()
    resolution = ResolutionFactory()
    hidden.resolutions.add(resolution)
    person = ParticipationFactory(meeting=hidden).person
    assert client.get(reverse("meetings:official_feed", args=[person.slug])).status_code == 404
    assert (
        client.get(reverse("meetings:resolution_feed", args=[resolution.slug])).status_code == 404
    )


def test_sitemap_lists_published_data_only(client):
    shown = MeetingFactory()
    hidden = draft_meeting()
    hidden_person = ParticipationFactory(meeting=hidden).person
    hidden_value = ReportedValueFactory(meeting=hidden)

    urls = sitemap_urls(client)

    assert shown.get_absolute_url() in urls
    assert reverse("meetings:list") in urls
    for url in [
        hidden.get_absolute_url(),
        hidden_person.get_absolute_url(),
        hidden_value.indicator.get_absolute_url(),
    ]:
        assert url not in urls


def test_the_sitemap_is_an_index_of_files_of_bounded_size(client, monkeypatch):
    monkeypatch.setattr(MeetingSitemap, "limit", 2)
    meetings = MeetingFactory.create_batch(5)
    draft_meeting()

    files = sitemap_files(client)

    assert [path for path in files if "meetings" in path] == [
        "/sitemap-meetings.xml",
        "/sitemap-meetings.xml?p=2",
        "/sitemap-meetings.xml?p=3",
    ]
    urls = sitemap_urls(client)
    assert sorted(url for url in urls if url.startswith("/meetings/") and url.count("/") == 3) == (
        sorted(meeting.get_absolute_url() for meeting in meetings)
    )
    index = client.get(reverse("sitemap")).content.decode()
    latest = timezone.localtime(max(meeting.updated_at for meeting in meetings))
    assert f"<lastmod>{latest.isoformat()}</lastmod>" in index


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get(reverse("meetings:robots"))
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_filter_choices_see_meetings_published_after_startup(client):
    """The form's choice lists are built per request, not frozen when the module is imported."""
    just_now = timezone.now() - datetime.timedelta(seconds=1)
    participation = ParticipationFactory(meeting=MeetingFactory(published_at=just_now))
    participation.meeting.resolutions.add(resolution := ResolutionFactory())
    query = {
        "person": participation.person.slug,
        "resolution": resolution.slug,
        "area": participation.meeting.area.slug,
    }
    response = client.get(reverse("meetings:list"), query)
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [participation.meeting]


@pytest.mark.parametrize("page", ["abc", "999"])
def test_a_page_out_of_range_is_404_not_a_crash(client, page):
    MeetingFactory()
    assert client.get(reverse("meetings:list"), {"page": page}).status_code == 404


def test_interface_is_vietnamese_whatever_the_browser_asks_until_english_is_chosen(client):
    home = reverse("meetings:home")
    html = client.get(home, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in html and "Cuộc họp mới nhất" in html
    response = client.get(reverse("choose_language"), {"language": "en", "next": home})
    assert response.status_code == 302
    html = client.get(home).content.decode()
    assert 'lang="en"' in html and "Latest meetings" in html
