"""The shared search corpus: every query form of issue 4, the same answers on both engines."""

import io
import unicodedata

import pytest
from django.core.management import call_command
from django.core.paginator import Paginator
from django.db import connection
from django.urls import reverse

from indicators.models import Indicator
from meetings.models import Meeting, Participation, Photo, PhotoPerson, Resolution
from meetings.search import page as search_page
from meetings.search.page import site_search
from people.models import Organization, Person
from people.search import people as people_search
from people.search.query import analyse
from tests.factories import (
    AreaFactory,
    IndicatorFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    ReportedValueFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL keeps search data by triggers"
)


class Corpus:
    """Officials, documents and meetings shaped like the reference report."""

    def __init__(self):
        names = [
            "Phạm Hoàng Sơn",
            "Nguyễn Đức Hiển",
            "Nguyễn Đức Kiên",
            "Nguyễn Thanh Bình",
            "Nguyễn Văn Bình",
            "Lê Thủy Trung",
            "Trần Anh Tú",
            "Đỗ Thị Hoà",
            "Vũ Minh Khoa",
            "Hoàng Văn Nháp",
        ]
        self.people = {name: PersonFactory(full_name=name) for name in names}
        self.resolutions = {
            code: ResolutionFactory(code=code, title=title)
            for code, title in [
                ("52-NQ/TW", "Một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng"),
                ("23-NQ/TW", "Định hướng xây dựng chính sách phát triển công nghiệp quốc gia"),
                ("52/NQ-CP", "Chương trình hành động của Chính phủ về kinh tế số"),
                ("52-KL/TW", "Kết luận chỉ bàn trong một cuộc họp nháp"),
                ("14-KL/TW", "Về chủ trương khuyến khích và bảo vệ cán bộ năng động"),
                ("05-CT/TW", "Về đẩy mạnh học tập và làm theo tư tưởng"),
                ("1234/QĐ-TTg", "Phê duyệt quy hoạch tỉnh"),
                ("13/2023/NĐ-CP", "Bảo vệ dữ liệu cá nhân"),
            ]
        }
        area = AreaFactory(name="Thái Nguyên")
        self.main = MeetingFactory(
            title="Ban Kinh tế Trung ương làm việc với tỉnh Thái Nguyên về Nghị quyết 52 và 23",
            area=area,
            summary=(
                "Đồng chí Phạm Hoàng Sơn, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch Hội đồng nhân "
                "dân tỉnh Thái Nguyên tiếp đoàn của đồng chí Nguyễn Đức Hiển."
            ),
            body="Ủy viên BTV Tỉnh ủy báo cáo về chuyển đổi số và công nghiệp chế biến, chế tạo.",
        )
        self.main.resolutions.add(self.resolutions["52-NQ/TW"], self.resolutions["23-NQ/TW"])
        Photo.objects.create(meeting=self.main, caption="Khảo sát quy trình sản xuất của TNG")
        for name in ["Phạm Hoàng Sơn", "Nguyễn Đức Hiển", "Nguyễn Thanh Bình"]:
            ParticipationFactory(meeting=self.main, person=self.people[name])

        self.government = MeetingFactory(title="Hội nghị triển khai chương trình của Chính phủ")
        self.government.resolutions.add(self.resolutions["52/NQ-CP"])
        self.government.resolutions.add(self.resolutions["14-KL/TW"])
        self.government.resolutions.add(self.resolutions["05-CT/TW"])
        self.government.resolutions.add(self.resolutions["1234/QĐ-TTg"])
        self.government.resolutions.add(self.resolutions["13/2023/NĐ-CP"])
        # Trần Anh Tú: took part in one meeting, is in a photo of another, named in a third.
        ParticipationFactory(meeting=self.government, person=self.people["Trần Anh Tú"])
        self.photographed = MeetingFactory(title="Khảo sát khu công nghiệp Yên Bình")
        photo = Photo.objects.create(meeting=self.photographed, caption="Đoàn khảo sát nhà máy")
        PhotoPerson.objects.create(photo=photo, person=self.people["Trần Anh Tú"])
        self.named = MeetingFactory(
            title="Tọa đàm về đổi mới sáng tạo",
            body="Phát biểu tại tọa đàm có đồng chí Trần Anh Tú, Phó Vụ trưởng Vụ Công nghệ cao.",
        )
        self.draft = MeetingFactory(
            title="Bản nháp: Trần Anh Tú làm việc về chuyển đổi số",
            status=Meeting.Status.DRAFT,
            published_at=None,
        )
        self.draft.resolutions.add(self.resolutions["52-KL/TW"])
        ParticipationFactory(meeting=self.draft, person=self.people["Trần Anh Tú"])
        ParticipationFactory(meeting=self.draft, person=self.people["Hoàng Văn Nháp"])

        self.ubnd = OrganizationFactory(name="UBND tỉnh Bắc Ninh", kind="people_committee")
        self.khcn = OrganizationFactory(name="Bộ Khoa học và Công nghệ", abbreviation="KH&CN")
        self.kinh_te = OrganizationFactory(name="Ban Kinh tế Trung ương", kind="other")
        self.grdp = IndicatorFactory(name="Tỷ trọng công nghiệp trong GRDP")
        ReportedValueFactory(indicator=self.grdp, meeting=self.main)
        self.secret = IndicatorFactory(name="Chỉ số chỉ có trong bản nháp GRDP")
        ReportedValueFactory(indicator=self.secret, meeting=self.draft)


@pytest.fixture
def corpus():
    return Corpus()


def names(queryset):
    return [person.full_name for person in queryset]


def codes(queryset):
    return [resolution.code for resolution in queryset]


# Officials


@pytest.mark.parametrize(
    "query",
    [
        "Phạm Hoàng Sơn",
        "pham hoang son",
        "PHAM HOANG SON",
        "Pham Hoàng Son",
        "hoang son",
        unicodedata.normalize("NFD", "Phạm Hoàng Sơn"),
        "Pham Hoang Sonn",
        "Pham Hoang Son ",
    ],
)
def test_a_name_finds_the_official_however_typed(corpus, query):
    assert names(Person.objects.search(analyse(query)))[:1] == ["Phạm Hoàng Sơn"]


def test_d_matches_dj_and_a_partial_given_name(corpus):
    assert names(Person.objects.search(analyse("Nguyen Duc Hien")))[0] == "Nguyễn Đức Hiển"
    assert names(Person.objects.search(analyse("Hiển"))) == ["Nguyễn Đức Hiển"]


def test_a_wrong_tone_or_a_typo_still_finds_the_person_below_exact_matches(corpus):
    wrong_tone = Person.objects.search(analyse("Nguyễn Đức Hiến"))
    assert names(wrong_tone) == ["Nguyễn Đức Hiển", "Nguyễn Đức Kiên"]
    assert wrong_tone[0].search_rank > wrong_tone[1].search_rank
    assert names(Person.objects.search(analyse("Nguyen Duc Hein"))) == ["Nguyễn Đức Hiển"]
    exact = Person.objects.search(analyse("Nguyễn Đức Kiên"))
    assert names(exact) == ["Nguyễn Đức Kiên", "Nguyễn Đức Hiển"]


@pytest.mark.parametrize(
    ("old", "new"), [("Đỗ Thị Hòa", "Đỗ Thị Hoà"), ("Lê Thuỷ Trung", "Lê Thủy Trung")]
)
def test_old_and_new_tone_placement_are_the_same_word(corpus, old, new):
    for query in (old, new):
        found = Person.objects.search(analyse(query))
        assert names(found)[:1] == [new]
        assert found[0].search_rank == 100


def test_uy_ban_in_either_tone_placement_and_its_abbreviation(corpus):
    for query in [
        "Uỷ ban nhân dân tỉnh Bắc Ninh",
        "Ủy ban nhân dân tỉnh Bắc Ninh",
        "ubnd bac ninh",
    ]:
        assert list(Organization.objects.search(analyse(query))) == [corpus.ubnd], query


# Abbreviations


@pytest.mark.parametrize(
    "query",
    [
        "Chủ tịch HĐND tỉnh",
        "Chủ tịch Hội đồng nhân dân tỉnh",
        "chu tich hdnd tinh thai nguyen",
        "Ban Thường vụ Tỉnh ủy",
        "BTV tỉnh ủy",
        "Ban Kinh tế TƯ",
        "ban kinh te tw",
    ],
)
def test_abbreviations_match_both_ways_in_meetings(corpus, query):
    assert list(Meeting.objects.published().search(analyse(query))) == [corpus.main]


def test_abbreviations_match_both_ways_in_organizations(corpus):
    assert list(Organization.objects.search(analyse("KH&CN"))) == [corpus.khcn]
    assert list(Organization.objects.search(analyse("Khoa học và Công nghệ"))) == [corpus.khcn]
    assert list(Organization.objects.search(analyse("Ban Kinh tế TƯ"))) == [corpus.kinh_te]


# Documents


@pytest.mark.parametrize(
    "query",
    [
        "52-NQ/TW",
        "52/NQ-TW",
        "NQ 52",
        "nq52",
        "NQ-52",
        "nghị quyết 52",
        "Nghị quyết số 52-NQ/TW",
        "nghi quyet 52",
        "52-nq/tư",
    ],
)
def test_every_written_form_of_a_code_finds_the_resolution_first_then_its_meetings(corpus, query):
    assert codes(Resolution.objects.search(analyse(query)))[0] == "52-NQ/TW"
    assert corpus.main in Meeting.objects.published().search(analyse(query))
    groups = site_search(analyse(query))
    assert [g.kind for g in groups][:2] == ["resolutions", "meetings"]
    assert groups[0].hits[0].object.code == "52-NQ/TW"
    assert groups[1].hits[0].object == corpus.main


def test_the_issuer_is_part_of_the_identity(corpus):
    assert codes(Resolution.objects.search(analyse("52/NQ-CP"))) == ["52/NQ-CP"]
    assert list(Meeting.objects.published().search(analyse("52/NQ-CP"))) == [corpus.government]
    assert codes(Resolution.objects.search(analyse("NQ 52 CP"))) == ["52/NQ-CP"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("KL 14", "14-KL/TW"),
        ("kết luận 14", "14-KL/TW"),
        ("Chỉ thị 05", "05-CT/TW"),
        ("ct5", "05-CT/TW"),
        ("QĐ 1234", "1234/QĐ-TTg"),
        ("quyet dinh 1234", "1234/QĐ-TTg"),
        ("Quyết định số 1234/QĐ-TTg", "1234/QĐ-TTg"),
        ("nghị định 13", "13/2023/NĐ-CP"),
        ("13/2023/nđ-cp", "13/2023/NĐ-CP"),
    ],
)
def test_other_document_types(corpus, query, code):
    assert codes(Resolution.objects.search(analyse(query))) == [code]
    assert list(Meeting.objects.published().search(analyse(query))) == [corpus.government]


def test_a_bare_number_shows_every_document_so_numbered_resolutions_first(corpus):
    groups = site_search(analyse("52"))
    assert groups[0].kind == "resolutions"
    # 52-KL/TW is only discussed in a draft: not shown.
    assert [hit.object.code for hit in groups[0].hits] == ["52-NQ/TW", "52/NQ-CP"]
    assert codes(Resolution.objects.search(analyse("52"))) == ["52-NQ/TW", "52/NQ-CP", "52-KL/TW"]
    meetings = next(g for g in groups if g.kind == "meetings")
    assert {hit.object for hit in meetings.hits} == {corpus.main, corpus.government}


# Free text


@pytest.mark.parametrize(
    ("query", "attribute"),
    [
        ("Thái Nguyên", "main"),  # title
        ("tiep doan", "main"),  # summary
        ("chế biến, chế tạo", "main"),  # body
        ("quy trình sản xuất", "main"),  # photo caption
        ("chuyen doi so", "main"),  # drafts are never found
    ],
)
def test_free_text_over_titles_summaries_bodies_and_captions(corpus, query, attribute):
    assert list(Meeting.objects.published().search(analyse(query))) == [getattr(corpus, attribute)]


def test_free_text_over_indicators_and_organizations(corpus):
    assert list(Indicator.objects.public().search(analyse("grdp"))) == [corpus.grdp]
    assert list(Organization.objects.search(analyse("bac ninh"))) == [corpus.ubnd]


def test_searching_an_official_returns_every_meeting_they_are_part_of(corpus):
    found = set(Meeting.objects.published().search(analyse("Trần Anh Tú")))
    assert found == {corpus.government, corpus.photographed, corpus.named}
    assert set(Meeting.objects.published().search(analyse("Tran Anh Tuu"))) >= {corpus.government}


def test_a_name_matches_text_as_a_phrase_not_as_scattered_syllables(corpus):
    # "Trận", "anh" and "tu" fold to the name's syllables, but this report never names him.
    scattered = MeetingFactory(
        title="Trận chung kết giải bóng đá", body="Anh em công nhân tu sửa nhà máy Tú Sơn."
    )
    assert scattered not in Meeting.objects.published().search(analyse("Trần Anh Tú"))
    assert scattered not in Meeting.objects.published().search(analyse("tran anh tu"))
    # The last word may be the start of one, as for every query.
    assert corpus.named in Meeting.objects.published().search(analyse("Trần Anh T"))
    # Words that name no official keep matching wherever they stand.
    assert scattered in Meeting.objects.published().search(analyse("tu sua tran"))
    meetings = next(g for g in site_search(analyse("Trần Anh Tú")) if g.kind == "meetings")
    assert meetings.count == 3 and scattered not in [hit.object for hit in meetings.hits]


def test_a_whole_name_matches_whole_words_and_only_its_own_two(corpus):
    PersonFactory(full_name="Lê Văn Hiển")
    tuan = MeetingFactory(title="Đồng chí Trần Anh Tuấn dự hội nghị")
    # "và nhiên liệu" joins its words into the same letters as "Văn Hiển".
    MeetingFactory(title="Tiết kiệm điện và nhiên liệu", body="Ông Văn nói về Hiển Khánh.")
    hien = MeetingFactory(title="Ông Văn Hiển phát biểu")
    found = set(Meeting.objects.published().search(analyse("Trần Anh Tú")))
    assert found == {corpus.government, corpus.photographed, corpus.named}
    # A name begun, not whole: the last word may start one, so Tuấn is found too, but a
    # report that ends on the name's first two words does not run on into anything else.
    ends = MeetingFactory(title="Anh Tú dự họp, tiếp ông Trần Anh")
    begun = set(Meeting.objects.published().search(analyse("Trần Anh T")))
    assert {tuan, corpus.named} <= begun and ends not in begun
    assert set(Meeting.objects.published().search(analyse("van hien"))) == {hien}


def test_a_person_whose_name_is_the_query_ranks_above_meetings(corpus):
    groups = site_search(analyse("Phạm Hoàng Sơn"))
    assert [g.kind for g in groups] == ["officials", "meetings"]
    assert groups[0].hits[0].object == corpus.people["Phạm Hoàng Sơn"]


def test_search_combines_with_filters_and_pagination(corpus):
    area = corpus.main.area
    assert list(Meeting.objects.published().filter(area=area).search(analyse("52"))) == [
        corpus.main
    ]
    assert list(Meeting.objects.published().search(analyse("52")).filter(area=area)) == [
        corpus.main
    ]
    page = Paginator(
        Meeting.objects.published().search(analyse("52-NQ/TW")).order_by("-date"), 10
    ).page(1)
    assert list(page) == [corpus.main]


# Drafts


def test_drafts_never_appear_in_results_or_counts(corpus):
    everything = site_search(analyse("Trần Anh Tú"))
    meetings = next(g for g in everything if g.kind == "meetings")
    assert corpus.draft not in [hit.object for hit in meetings.hits]
    assert meetings.count == 3
    assert site_search(analyse("Hoàng Văn Nháp")) == []
    assert site_search(analyse("52-KL/TW")) == []
    assert all(g.kind != "indicators" for g in site_search(analyse("ban nhap grdp")))


def test_counts_are_capped_and_large_sets_are_not_ranked(corpus, monkeypatch):
    for n in range(4):
        MeetingFactory(title=f"Hội nghị về chuyển đổi số lần {n}")
    monkeypatch.setattr(search_page, "COUNT_CAP", 2)
    monkeypatch.setattr(search_page, "GROUP_SIZE", 3)
    monkeypatch.setattr(search_page, "RANK_LIMIT", 1)
    meetings = next(g for g in site_search(analyse("chuyển đổi số")) if g.kind == "meetings")
    assert meetings.count == 3 and meetings.capped
    assert meetings.count_display == "2+"
    assert len(meetings.hits) == 3
    assert not hasattr(meetings.hits[0].object, "search_rank")


def test_a_count_the_officials_meetings_already_pass_is_capped_alike(corpus, monkeypatch):
    whole = next(g for g in site_search(analyse("Trần Anh Tú")) if g.kind == "meetings")
    assert whole.count == 3
    monkeypatch.setattr(search_page, "COUNT_CAP", 1)
    capped = next(g for g in site_search(analyse("Trần Anh Tú")) if g.kind == "meetings")
    assert capped.count == 2 and capped.capped
    assert [hit.object for hit in capped.hits] == [hit.object for hit in whole.hits]


def test_officials_past_those_ranked_are_counted_as_more(corpus, monkeypatch):
    # Two of the four Nguyễn are in no meeting: the public cannot see them until one is.
    for name in ["Nguyễn Đức Kiên", "Nguyễn Văn Bình"]:
        ParticipationFactory(meeting=corpus.government, person=corpus.people[name])
    officials = next(g for g in site_search(analyse("Nguyễn")) if g.kind == "officials")
    assert (officials.count, officials.count_display) == (4, "4")
    monkeypatch.setattr(people_search, "RANKED_ROWS", 2)
    monkeypatch.setattr(search_page, "RANKED_ROWS", 2)
    officials = next(g for g in site_search(analyse("Nguyễn")) if g.kind == "officials")
    assert (officials.count, officials.count_display) == (2, "2+")


def test_a_name_with_many_meetings_shows_the_newest_first(corpus, monkeypatch):
    monkeypatch.setattr(search_page, "RANK_LIMIT", 1)
    monkeypatch.setattr(search_page, "GROUP_SIZE", 2)
    meetings = next(g for g in site_search(analyse("Trần Anh Tú")) if g.kind == "meetings")
    newest = Meeting.objects.filter(
        pk__in=[corpus.government.pk, corpus.photographed.pk, corpus.named.pk]
    )[:2]
    assert meetings.count == 3
    assert [hit.object for hit in meetings.hits] == list(newest)
    assert not hasattr(meetings.hits[0].object, "search_rank")


# The page


def test_search_page_groups_results(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        response = client.get(reverse("meetings:search"), {"q": "Phạm Hoàng Sơn"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index('id="officials"') < html.index('id="meetings"')
    assert "<mark>Phạm</mark> <mark>Hoàng</mark> <mark>Sơn</mark>" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Hãy gõ một tên người"),
        ("   ", "Hãy gõ một tên người"),
        ("a" * 10_000, "Quá dài để tìm"),
        ("?!…—,.;", "không chỉ dấu câu"),
        ('"Phạm Hoàng', None),
        ("'unbalanced", None),
        ("'; DROP TABLE meetings_meeting; --", None),
        (".*(a|b)+$ [z-a] \\", None),
        ("100%", None),
        ("%", "không chỉ dấu câu"),
        ("_", "không chỉ dấu câu"),
        ("a_b%c", None),
        ("Sơn\x00", "Null characters"),
        ("Хà Nội 河内 Sơn", None),
        ("& | ! :* <-> ()", "không chỉ dấu câu"),
        ("nq 99999", None),
    ],
)
def test_bad_input_never_errors(client, corpus, query, message):
    response = client.get(reverse("meetings:search"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="search-message"' in html or "search-group" in html
    if message:
        assert message in html


def test_the_page_without_a_query_shows_the_form(client):
    response = client.get(reverse("meetings:search"))
    assert response.status_code == 200
    assert 'class="search-message"' not in response.content.decode()


# The admin uses the same search


def test_admin_search_uses_the_same_folding_and_codes(editor_client, corpus):
    people = editor_client.get(reverse("admin:people_person_changelist"), {"q": "Le Thuy Trung"})
    assert [p.full_name for p in people.context["cl"].result_list] == ["Lê Thủy Trung"]
    meetings = editor_client.get(reverse("admin:meetings_meeting_changelist"), {"q": "52/NQ-TW"})
    assert list(meetings.context["cl"].result_list) == [corpus.main]
    drafts = editor_client.get(reverse("admin:meetings_meeting_changelist"), {"q": "52-KL/TW"})
    assert list(drafts.context["cl"].result_list) == [corpus.draft]
    documents = editor_client.get(
        reverse("admin:meetings_resolution_changelist"), {"q": "nghị quyết 52"}
    )
    assert {r.code for r in documents.context["cl"].result_list} == {"52-NQ/TW", "52/NQ-CP"}
    orgs = editor_client.get(reverse("admin:people_organization_changelist"), {"q": "KH&CN"})
    assert list(orgs.context["cl"].result_list) == [corpus.khcn]


# PostgreSQL machinery


@postgres_only
def test_a_bulk_update_cannot_leave_search_data_stale(corpus):
    Meeting.objects.filter(pk=corpus.named.pk).update(body="Hội thảo về logistics hàng hải")
    assert list(Meeting.objects.search(analyse("logistics hàng hải"))) == [corpus.named]
    assert list(Meeting.objects.search(analyse("đổi mới sáng tạo"))) == [corpus.named]  # the title
    assert corpus.named not in Meeting.objects.search(analyse("Trần Anh Tú Phó Vụ trưởng"))
    Meeting.objects.filter(pk=corpus.named.pk).update(summary="Đồng chí Vũ Minh Khoa phát biểu")
    assert list(Meeting.objects.search(analyse("Vũ Minh Khoa"))) == [corpus.named]  # as a phrase
    person = corpus.people["Vũ Minh Khoa"]
    Person.objects.filter(pk=person.pk).update(full_name="Vũ Minh Khang")
    assert names(Person.objects.search(analyse("vu minh khang"))) == ["Vũ Minh Khang"]
    assert names(Person.objects.search(analyse("vu minh khanh"))) == [
        "Vũ Minh Khang"
    ]  # a new word's typo
    Photo.objects.filter(meeting=corpus.main).update(caption="Toàn cảnh hội trường")
    assert list(Meeting.objects.search(analyse("toan canh hoi truong"))) == [corpus.main]
    Organization.objects.filter(pk=corpus.ubnd.pk).update(name="HĐND tỉnh Bắc Ninh")
    assert list(Organization.objects.search(analyse("Hội đồng nhân dân Bắc Ninh"))) == [corpus.ubnd]
    Resolution.objects.filter(code="1234/QĐ-TTg").update(title="Về kinh tế biển")
    assert codes(Resolution.objects.search(analyse("kinh tế biển"))) == ["1234/QĐ-TTg"]
    Indicator.objects.filter(pk=corpus.grdp.pk).update(name="Chỉ số PCI")
    assert list(Indicator.objects.search(analyse("pci"))) == [corpus.grdp]


@postgres_only
def test_captions_added_moved_or_deleted_in_bulk_keep_their_meetings_findable(corpus):
    """A meeting's vector holds its captions (migration meetings 0013), kept by triggers."""
    Photo.objects.bulk_create(
        [Photo(meeting=corpus.named, caption=f"Đồng chí Zebracorn thứ {n}") for n in range(3)]
    )
    assert list(Meeting.objects.search(analyse("zebracorn"))) == [corpus.named]
    Photo.objects.filter(caption="Đồng chí Zebracorn thứ 0").update(meeting=corpus.photographed)
    assert set(Meeting.objects.search(analyse("zebracorn"))) == {corpus.named, corpus.photographed}
    Photo.objects.filter(caption__startswith="Đồng chí Zebracorn").exclude(
        meeting=corpus.photographed
    ).delete()
    assert list(Meeting.objects.search(analyse("zebracorn"))) == [corpus.photographed]
    with connection.cursor() as cursor:  # as pg_restore or a hand-written fix would run it
        cursor.execute("SET LOCAL search_path TO ''")
        cursor.execute(
            "UPDATE public.meetings_photo SET caption = 'Toàn cảnh' WHERE meeting_id = %s",
            [corpus.photographed.pk],
        )
        cursor.execute("RESET search_path")
    assert list(Meeting.objects.search(analyse("zebracorn"))) == []
    assert corpus.photographed in Meeting.objects.search(analyse("toàn cảnh"))
    # The meeting's own words are still there, after its captions'.
    assert list(Meeting.objects.search(analyse("khu công nghiệp Yên Bình"))) == [
        corpus.photographed
    ]


@postgres_only
def test_the_folding_function_is_immutable_and_survives_an_empty_search_path():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname, provolatile FROM pg_proc WHERE proname IN "
            "('ma_fold', 'ma_search_document') ORDER BY proname"
        )
        assert cursor.fetchall() == [("ma_fold", "i"), ("ma_search_document", "i")]
        # pg_restore runs with an empty search_path, as pg_dump prints the body: the call to
        # unaccent and its dictionary must be schema-qualified, and the function must work.
        cursor.execute("SET LOCAL search_path TO ''")
        cursor.execute("SELECT pg_get_functiondef('public.ma_search_document(text)'::regprocedure)")
        assert "public.unaccent('public.unaccent'::regdictionary" in cursor.fetchone()[0]
        cursor.execute("SELECT public.ma_search_document('Chủ tịch HĐND tỉnh')")
        assert cursor.fetchone()[0] == " chu tich hoi dong nhan dan hdnd tinh "
        cursor.execute("RESET search_path")


@postgres_only
def test_word_pairs_and_name_words_are_kept_under_an_empty_search_path():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL search_path TO ''")
        cursor.execute("SELECT public.ma_search_vector(' van hien phat bieu ')::text")
        # Pairs are lexemes with a mark and a space, a position past the last word's neighbour:
        # the mark keeps the prefix 'hien':* from matching the pair 'hien phat'.
        assert cursor.fetchone()[0] == (
            "'bieu':4 'hien':2 'phat':3 'van':1 '~hien phat':6 '~phat bieu':6 '~van hien':6"
        )
        cursor.execute(
            "INSERT INTO public.people_person (name_folded, slug, full_name, sort_key, portrait, "
            "notes) VALUES ('', 'ksor-y-phuoc', 'Ksor Y Phước', '', '', '')"
        )
        cursor.execute(
            "SELECT word FROM public.people_name_word WHERE word IN ('ksor', 'y', 'phuoc') "
            "ORDER BY word"
        )
        assert cursor.fetchall() == [("ksor",), ("phuoc",), ("y",)]
        cursor.execute("RESET search_path")


@postgres_only
def test_python_and_postgresql_fold_alike(corpus):
    from people.text import fold, search_document

    for meeting in Meeting.objects.all():
        assert meeting.search_text == search_document(
            meeting.title, meeting.summary, meeting.body, meeting.place
        )
    for person in Person.objects.all():
        assert person.name_folded == fold(person.full_name)


@postgres_only
def test_code_queries_do_not_go_through_the_text_parser(corpus):
    # PostgreSQL's parser reads "52-NQ/TW" as the tokens "52" and "nq/tw", so "NQ 52" misses it;
    # code-like queries are routed to the normalised code key instead.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('simple', 'Nghị quyết 52-NQ/TW') "
            "@@ plainto_tsquery('simple', 'NQ 52')"
        )
        assert cursor.fetchone()[0] is False
    assert corpus.main in Meeting.objects.search(analyse("NQ 52"))


# Generating an archive


def test_generate_archive_at_tiny_size():
    out = io.StringIO()
    call_command("generate_archive", meetings=50, batch=20, stdout=out, stderr=io.StringIO())
    assert Meeting.objects.count() == 50
    assert Participation.objects.count() == 500
    assert Photo.objects.count() == 150
    assert Person.objects.count() == 20
    assert Resolution.objects.count() >= 10
    assert "Generated 50 meetings" in out.getvalue()
    # Synthetic rows are no editorial act: no history is written for them.
    assert not Meeting.history.exists() and not Participation.history.exists()
    person = Participation.objects.filter(meeting__in=Meeting.objects.published()).first().person
    found = Meeting.objects.published().search(analyse(person.full_name))
    assert found.filter(participations__person=person).exists()
    meeting = Meeting.objects.first()
    assert meeting.search_text.strip()
    resolution = meeting.resolutions.first()
    assert meeting in Meeting.objects.search(analyse(resolution.code))
    call_command("generate_archive", meetings=5, stdout=io.StringIO(), stderr=io.StringIO())
    assert Meeting.objects.count() == 55


def test_the_search_and_home_pages_show_their_own_search_box_and_other_pages_the_header_s(
    client,
):
    """One search landmark a page: two alike are one too many for a screen reader's list of
    landmarks (axe-core's `landmark-unique`), and a reader sees the same box twice."""
    search = client.get(reverse("meetings:search"), {"q": "thái nguyên"}).content.decode()
    assert search.count('type="search"') == 1 and 'value="thái nguyên"' in search
    home = client.get(reverse("meetings:home")).content.decode()
    assert home.count('type="search"') == 1 and 'id="home-search"' in home
    archive = client.get(reverse("meetings:list")).content.decode()
    assert 'id="site-search"' in archive
