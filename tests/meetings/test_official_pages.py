import datetime

import pytest
from django.db import connection
from django.urls import reverse

from meetings import views
from meetings.views import PersonListView
from people.periods import years
from tests.factories import (
    AreaFactory,
    IndicatorFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    PhotoPersonFactory,
    PositionFactory,
    ReportedValueFactory,
    draft_meeting,
)

pytestmark = pytest.mark.django_db


def test_officials_index_sorts_by_given_name_with_letters(client):
    for name in ["Phạm Hoàng Sơn", "Nguyễn Đức Hiển", "Nguyễn Tú Anh"]:
        ParticipationFactory(person=PersonFactory(full_name=name), title_as_reported=f"Chức {name}")
    ParticipationFactory(person=PersonFactory(full_name="Trần Chỉ Nháp"), meeting=draft_meeting())

    response = client.get(reverse("meetings:officials"))

    names = [person.full_name for person in response.context["people"]]
    assert names == ["Nguyễn Tú Anh", "Nguyễn Đức Hiển", "Phạm Hoàng Sơn"]
    assert response.context["letters"] == {"A": 1, "H": 1, "S": 1}
    html = response.content.decode()
    assert 'href="?letter=H"' in html
    assert "3 cán bộ" in html
    assert "Chức Nguyễn Đức Hiển" in html
    assert "Trần Chỉ Nháp" not in html


def test_officials_index_one_letter_at_a_time(client):
    for name in ["Nguyễn Đức", "Trần Dũng", "Lê Đạt", "Hồ An"]:
        ParticipationFactory(person=PersonFactory(full_name=name))
    ParticipationFactory(person=PersonFactory(full_name="Trần Đông Nháp"), meeting=draft_meeting())

    response = client.get(reverse("meetings:officials"), {"letter": "Đ"})

    names = [person.full_name for person in response.context["people"]]
    assert names == ["Lê Đạt", "Nguyễn Đức"]
    assert response.context["paginator"].count == 2
    # Every letter stays in the navigation, with the one shown marked.
    assert response.context["letters"] == {"A": 1, "D": 1, "Đ": 2}
    assert 'href="?letter=%C4%90" aria-current="page"' in response.content.decode()


def test_officials_index_pages_keep_the_letter(client, monkeypatch):
    monkeypatch.setattr(PersonListView, "paginate_by", 2)
    for name in ["Bùi Hà", "Lê Hải", "Vũ Hạnh", "Đỗ Hiền", "Mai Anh"]:
        ParticipationFactory(person=PersonFactory(full_name=name))

    first = client.get(reverse("meetings:officials"), {"letter": "H"})
    second = client.get(reverse("meetings:officials"), {"letter": "H", "page": 2})

    assert [p.full_name for p in first.context["people"]] == ["Bùi Hà", "Lê Hải"]
    assert [p.full_name for p in second.context["people"]] == ["Vũ Hạnh", "Đỗ Hiền"]
    assert first.context["paginator"].num_pages == 2
    assert 'href="?letter=H&amp;page=2"' in first.content.decode()
    assert [p.meeting_count for p in second.context["people"]] == [1, 1]


@pytest.mark.parametrize(
    "letter", ["zz", "<script>", "'; DROP TABLE people_person; --", "\x00", "h"]
)
def test_officials_index_refuses_a_letter_it_does_not_have(client, letter):
    ParticipationFactory(person=PersonFactory(full_name="Bùi Hà"))
    response = client.get(reverse("meetings:officials"), {"letter": letter})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<script>" not in html
    assert list(response.context["people"]) == []
    assert response.context["letters"] == {"H": 1}


def test_person_page_shows_positions_titles_meetings_and_photos_but_no_drafts(client):
    person = PersonFactory(full_name="Nguyễn Đức Hiển")
    PositionFactory(person=person, title="Phó Trưởng Ban")
    seen = ParticipationFactory(person=person, title_as_reported="Phó Trưởng Ban Kinh tế TW")
    hidden = ParticipationFactory(
        person=person, meeting=draft_meeting(title="Nháp kín"), title_as_reported="Chức nháp"
    )
    PhotoPersonFactory(person=person, photo=PhotoFactory(meeting=seen.meeting, caption="Ảnh 1"))
    PhotoPersonFactory(person=person, photo=PhotoFactory(meeting=hidden.meeting, caption="Ảnh 2"))

    response = client.get(person.get_absolute_url())

    html = response.content.decode()
    assert "Phó Trưởng Ban" in html
    assert "Phó Trưởng Ban Kinh tế TW" in html
    assert seen.meeting.title in html
    assert "Ảnh 1" in html
    assert "Nháp kín" not in html and "Chức nháp" not in html and "Ảnh 2" not in html


def test_person_seen_only_in_drafts_is_404(client):
    person = ParticipationFactory(meeting=draft_meeting()).person
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(PersonFactory().get_absolute_url()).status_code == 404


def test_organization_page_lists_its_published_meetings_and_people(client):
    organization = OrganizationFactory(name="Ban Kinh tế Trung ương")
    hosted = MeetingFactory(title="Đón đoàn")
    hosted.host_organizations.add(organization)
    draft = draft_meeting(title="Nháp kín")
    draft.host_organizations.add(organization)
    position = PositionFactory(organization=organization, title="Phó Trưởng Ban")
    ParticipationFactory(person=position.person, meeting=hosted)

    html = client.get(organization.get_absolute_url()).content.decode()

    assert "Đón đoàn" in html and position.person.full_name in html
    assert "Nháp kín" not in html


def test_organization_page_shows_its_newest_meetings_and_links_to_the_rest(client, monkeypatch):
    monkeypatch.setattr(views, "MEETINGS_SHOWN", 2)
    organization = OrganizationFactory(name="Bộ Tài chính")
    for year in (2021, 2022, 2023):
        MeetingFactory(
            title=f"Hội nghị năm {year}", date=datetime.date(year, 1, 1)
        ).host_organizations.add(organization)
    MeetingFactory(title="Đoàn thăm", date=datetime.date(2020, 1, 1)).visited_organizations.add(
        organization
    )

    response = client.get(organization.get_absolute_url())

    assert [m.title for m in response.context["hosted"]] == [
        "Hội nghị năm 2023",
        "Hội nghị năm 2022",
    ]
    assert response.context["hosted"].more and not response.context["visited"].more
    html = response.content.decode()
    assert "Hội nghị năm 2021" not in html and "Đoàn thăm" in html
    archive = f"{reverse('meetings:list')}?organization={organization.slug}"
    assert html.count(f'href="{archive}"') == 2  # after the hosted meetings, and at the end


def test_organization_seen_only_in_drafts_is_404(client):
    organization = OrganizationFactory()
    draft_meeting().visited_organizations.add(organization)
    assert client.get(organization.get_absolute_url()).status_code == 404


def test_area_page_lists_meetings_and_figures_without_drafts(client):
    area = AreaFactory(name="Thái Nguyên")
    shown = ReportedValueFactory(meeting=MeetingFactory(area=area), value="954964", unit="tỷ đồng")
    ReportedValueFactory(meeting=draft_meeting(area=area, title="Nháp kín"), value="1234")

    html = client.get(area.get_absolute_url()).content.decode()

    assert shown.meeting.title in html
    assert "954.964 tỷ đồng" in html
    assert "Nháp kín" not in html and "1.234" not in html


def test_area_page_shows_the_latest_figure_of_each_indicator(client):
    area = AreaFactory(name="Thái Nguyên")
    share, other = IndicatorFactory(name="Tỷ trọng công nghiệp"), IndicatorFactory(name="GRDP")
    for year, value in [(2021, "55.1"), (2023, "58.4"), (2022, "57.0")]:
        start, end, _precision = years(year)
        ReportedValueFactory(
            indicator=share, area=area, value=value, period_start=start, period_end=end
        )
    ReportedValueFactory(indicator=other, area=area, value="12")
    start, end, _precision = years(2024)
    ReportedValueFactory(
        indicator=share,
        area=area,
        value="99.9",
        period_start=start,
        period_end=end,
        meeting=draft_meeting(area=area),
    )

    response = client.get(area.get_absolute_url())

    figures = [(v.indicator.name, v.value_display) for v in response.context["figures"]]
    assert figures == [("GRDP", "12"), ("Tỷ trọng công nghiệp", "58,4")]
    assert f'href="{share.get_absolute_url()}?area={area.slug}"' in response.content.decode()


def test_area_page_lists_the_officials_of_its_organizations(client):
    area = AreaFactory()
    position = PositionFactory(organization=OrganizationFactory(area=area), title="Chủ tịch")
    ParticipationFactory(person=position.person, meeting=MeetingFactory(area=area))
    draft_only = PositionFactory(organization=position.organization, title="Phó Chủ tịch")
    ParticipationFactory(person=draft_only.person, meeting=draft_meeting(area=area))

    response = client.get(area.get_absolute_url())

    assert list(response.context["officials"]) == [position.person]
    assert [held.title for held in response.context["officials"][0].held] == ["Chủ tịch"]
    assert draft_only.person.full_name not in response.content.decode()


def test_area_page_lists_its_officials_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(views, "OFFICIALS_PER_PAGE", 2)
    area = AreaFactory()
    organization = OrganizationFactory(area=area)
    for name in ["Lê Văn Ba", "Phạm Văn Bốn", "Nguyễn Văn Một", "Trần Văn Hai", "Vũ Văn Năm"]:
        position = PositionFactory(organization=organization, person__full_name=name)
        ParticipationFactory(person=position.person, meeting=MeetingFactory(area=area))

    pages = [client.get(area.get_absolute_url(), {"page": n}) for n in (1, 2, 3)]

    names = [[p.full_name for p in page.context["officials"]] for page in pages]
    assert sorted(sum(names, [])) == sorted(
        ["Lê Văn Ba", "Phạm Văn Bốn", "Nguyễn Văn Một", "Trần Văn Hai", "Vũ Văn Năm"]
    )
    assert [len(page) for page in names] == [2, 2, 1]
    html = pages[0].content.decode()
    assert "5 cán bộ" in html  # "5 officials"
    assert 'href="?page=2"' in html
    for bad in ["4", "0", "x", "1; DROP TABLE"]:
        assert client.get(area.get_absolute_url(), {"page": bad}).status_code == 404


def test_organization_page_lists_its_people_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(views, "OFFICIALS_PER_PAGE", 2)
    organization = OrganizationFactory()
    for name in ["Lê Văn Ba", "Phạm Văn Bốn", "Nguyễn Văn Một"]:
        position = PositionFactory(organization=organization, person__full_name=name)
        ParticipationFactory(person=position.person, meeting=MeetingFactory())

    pages = [client.get(organization.get_absolute_url(), {"page": n}) for n in (1, 2)]

    names = [[p.person.full_name for p in page.context["positions"]] for page in pages]
    assert names == [["Lê Văn Ba", "Phạm Văn Bốn"], ["Nguyễn Văn Một"]]  # by given name
    assert "3 chức vụ" in pages[0].content.decode()  # "3 positions"
    assert client.get(organization.get_absolute_url(), {"page": 3}).status_code == 404


def test_area_seen_only_in_drafts_is_404(client):
    area = AreaFactory()
    draft_meeting(area=area)
    assert client.get(area.get_absolute_url()).status_code == 404


def test_hostile_names_and_titles_are_escaped(client):
    hostile = '<img src=x onerror="alert(1)">'
    participation = ParticipationFactory(
        person=PersonFactory(full_name=f"Nguyễn {hostile}"), title_as_reported=hostile
    )
    # Saving strips the markup; write it raw as well, to prove the pages escape what slips past.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE people_person SET full_name = %s WHERE id = %s",
            [f"Nguyễn {hostile}", participation.person_id],
        )
        cursor.execute(
            "UPDATE meetings_participation SET title_as_reported = %s WHERE id = %s",
            [hostile, participation.pk],
        )
    for url in [participation.person.get_absolute_url(), reverse("meetings:officials")]:
        html = client.get(url).content.decode()
        assert hostile not in html, url
        assert "&lt;img" in html, url


def test_officials_index_follows_the_vietnamese_alphabet(client):
    for name in ["Nguyễn Đức", "Trần Dũng", "Phạm Ân", "Hồ An", "Lê Bình"]:
        ParticipationFactory(person=PersonFactory(full_name=name))
    response = client.get(reverse("meetings:officials"))
    assert list(response.context["letters"]) == ["A", "Â", "B", "D", "Đ"]
    names = [person.full_name for person in response.context["people"]]
    assert names == ["Hồ An", "Phạm Ân", "Lê Bình", "Trần Dũng", "Nguyễn Đức"]
