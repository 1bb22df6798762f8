import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Delegation
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
        reverse("people:feed", kwargs={"slug": person.slug}),
    ]:
        xml = client.get(url).content.decode()
        assert "Công khai" in xml, url
        assert "Nháp" not in xml, url


def test_feeds_of_draft_only_people_and_resolutions_are_404(client):
    hidden = draft_meeting()
    resolution = ResolutionFactory()
    hidden.resolutions.add(resolution)
    person = ParticipationFactory(meeting=hidden).person
    assert client.get(reverse("people:feed", args=[person.slug])).status_code == 404
    assert (
        client.get(reverse("meetings:resolution_feed", args=[resolution.slug])).status_code == 404
    )


def test_sitemap_lists_published_data_only(client):
    shown = MeetingFactory()
    hidden = draft_meeting()
    hidden_person = ParticipationFactory(meeting=hidden).person
    hidden_value = ReportedValueFactory(meeting=hidden)

    xml = client.get(reverse("sitemap")).content.decode()

    assert shown.get_absolute_url() in xml
    assert reverse("meetings:list") in xml
    for url in [
        hidden.get_absolute_url(),
        hidden_person.get_absolute_url(),
        hidden_value.indicator.get_absolute_url(),
    ]:
        assert url not in xml


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
    response = client.post(reverse("set_language"), {"language": "en", "next": home})
    assert response.status_code == 302
    html = client.get(home).content.decode()
    assert 'lang="en"' in html and "Latest meetings" in html
