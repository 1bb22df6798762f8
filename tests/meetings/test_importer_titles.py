"""Titles read whole: organizations' names with commas (reference list, provinces, the archive's
names), offices printed before a name, delegation roles, surnames, and captions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.importer import extract_article
from meetings.importer.organization_names import OrganizationNames, reference_names
from meetings.services import meeting_import_from_text
from tests.factories import OrganizationFactory

BODY = "Ngày 12/3/2024, đoàn công tác đã làm việc với tỉnh Bắc Ninh về tình hình phát triển."


def titles(text: str, **kwargs) -> dict[str, str]:
    return {p["name"]: p["title"] for p in extract_article(text, **kwargs)["people"]}


def organizations(text: str, **kwargs) -> list[str]:
    return [o["name"] for o in extract_article(text, **kwargs)["organizations"]]


def test_a_comma_inside_a_central_commission_does_not_end_the_title():
    text = (
        "Ông Nguyễn Văn Thắng, Phó trưởng ban Chính sách, chiến lược Trung ương phát biểu tại "
        "buổi làm việc với tỉnh Bắc Ninh."
    )
    assert titles(text) == {"Nguyễn Văn Thắng": "Phó trưởng ban Chính sách, chiến lược Trung ương"}
    orgs = organizations(text)
    assert "Ban Chính sách, chiến lược Trung ương" in orgs
    assert not [name for name in orgs if name in ("Ban Chính sách", "Ban") or name[0] == ","]


def test_a_verb_inside_a_name_does_not_end_the_title():
    text = (
        "Đồng chí Lê Quang Tùng, Phó Trưởng Ban Thường trực Ban chỉ đạo Tây Nam Bộ cho biết "
        "vùng đã đạt nhiều kết quả."
    )
    assert titles(text)["Lê Quang Tùng"] == "Phó Trưởng Ban Thường trực Ban chỉ đạo Tây Nam Bộ"
    assert "Ban Chỉ đạo Tây Nam Bộ" in organizations(text)  # as the reference list writes it
    assert "Ban" not in organizations(text)


def test_a_ministry_printed_with_an_ampersand_before_the_name():
    text = (
        "Sáng 24/4, Bộ trưởng Bộ Văn hóa, Thể thao & Du lịch Hoàng Tuấn Anh đã dẫn đầu đoàn "
        "cán bộ tới làm việc tại tỉnh Thái Nguyên."
    )
    assert titles(text) == {"Hoàng Tuấn Anh": "Bộ trưởng Bộ Văn hóa, Thể thao & Du lịch"}
    assert organizations(text) == ["Bộ Văn hóa, Thể thao và Du lịch"]


def test_an_abbreviated_name_with_a_comma_then_a_delegation_role():
    text = (
        "Ông Nguyễn Thái Học, Phó Bí thư Đảng ủy MTTQ, các đoàn thể Trung ương, Phó trưởng Đoàn "
        "kiểm tra, giám sát số 15 phát biểu tại buổi làm việc."
    )
    result = extract_article(text)
    assert [(p["name"], p["title"], p["side"]) for p in result["people"]] == [
        ("Nguyễn Thái Học", "Phó Bí thư Đảng ủy MTTQ, các đoàn thể Trung ương", "delegation")
    ]
    assert "giám sát số 15" not in str(result["organizations"])


def test_leading_a_delegation_is_a_role_but_the_deputies_delegation_is_an_office():
    text = (
        "Phó Chủ tịch Quốc hội Nguyễn Đức Hải - Trưởng Đoàn giám sát của Quốc hội phát biểu. "
        "Ông Nguyễn Hữu Đông, Bí thư Tỉnh ủy, Trưởng Đoàn đại biểu Quốc hội tỉnh Sơn La đồng "
        "chủ trì hội nghị."
    )
    result = extract_article(text)
    people = {p["name"]: p for p in result["people"]}
    assert people["Nguyễn Đức Hải"]["title"] == "Phó Chủ tịch Quốc hội"
    assert "led_delegation" in people["Nguyễn Đức Hải"]["roles"]
    assert people["Nguyễn Hữu Đông"]["title"] == (
        "Bí thư Tỉnh ủy, Trưởng Đoàn đại biểu Quốc hội tỉnh Sơn La"
    )
    assert people["Nguyễn Hữu Đông"]["roles"] == ["chaired"]


def test_offices_printed_before_a_name_between_commas():
    text = (
        "Tổ Công tác số 1 do Ủy viên Bộ Chính trị, Chủ tịch nước Lương Cường chủ trì. Tổ Công "
        "tác số 4 do Ủy viên Bộ Chính trị, Thường trực Ban Bí thư Trần Cẩm Tú chủ trì. Chiều "
        "28/3, dưới sự chủ trì của Ủy viên Trung ương Đảng, Phó chủ tịch Quốc hội Uông Chu Lưu, "
        "đoàn giám sát đã làm việc."
    )
    assert titles(text) == {
        "Lương Cường": "Ủy viên Bộ Chính trị, Chủ tịch nước",
        "Trần Cẩm Tú": "Ủy viên Bộ Chính trị, Thường trực Ban Bí thư",
        "Uông Chu Lưu": "Ủy viên Trung ương Đảng, Phó chủ tịch Quốc hội",
    }
    assert "nước" not in organizations(text)


def test_offices_after_another_persons_name_are_not_taken_before_the_next_name():
    text = "Dự có ông Nguyễn Văn An, Bí thư Tỉnh ủy; Chủ tịch UBND tỉnh Trần Văn Bình."
    assert titles(text)["Trần Văn Bình"] == "Chủ tịch UBND tỉnh"
    text = "Dự có ông Nguyễn Văn An, Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Trần Văn Bình."
    assert titles(text)["Trần Văn Bình"] == "Chủ tịch UBND tỉnh"


def test_a_long_title_of_several_offices_is_kept_whole():
    text = (
        "Đoàn do bà Bùi Thị Minh Hoài, Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Bí thư "
        "Đảng ủy Mặt trận Tổ quốc và các đoàn thể Trung ương, Chủ tịch Ủy ban Trung ương Mặt "
        "trận Tổ quốc Việt Nam làm Trưởng đoàn."
    )
    assert titles(text)["Bùi Thị Minh Hoài"] == (
        "Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Bí thư Đảng ủy Mặt trận Tổ quốc và các "
        "đoàn thể Trung ương, Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"
    )


def test_surnames_outside_the_commonest_and_an_en_dash():
    text = (
        "Tham gia có các đồng chí: Chẩu Văn Lâm, Bí thư Tỉnh ủy; Ma Thị Nguyệt – Phó Chủ tịch "
        "UBND tỉnh và đại diện các sở."
    )
    assert titles(text) == {
        "Chẩu Văn Lâm": "Bí thư Tỉnh ủy",
        "Ma Thị Nguyệt": "Phó Chủ tịch UBND tỉnh",
    }


def test_a_person_named_only_in_a_caption_gets_the_caption_title():
    text = "\n".join(
        [
            BODY,
            "",
            "Phó Chủ tịch UBND tỉnh Bắc Ninh Vương Quốc Tuấn phát biểu tại buổi làm việc",
            "",
            "Các đại biểu thảo luận về tình hình sản xuất công nghiệp của tỉnh trong năm nay.",
        ]
    )
    result = extract_article(text)
    assert [(p["name"], p["title"]) for p in result["people"]] == [
        ("Vương Quốc Tuấn", "Phó Chủ tịch UBND tỉnh Bắc Ninh")
    ]
    assert result["photos"][0]["people"] == ["Vương Quốc Tuấn"]


def test_a_name_the_archive_holds_is_read_whole():
    text = (
        "Ông Phan Văn Tâm, Viện trưởng Viện Nghiên cứu, phát triển kinh tế - xã hội cho biết "
        "năm nay tăng trưởng tốt."
    )
    assert titles(text)["Phan Văn Tâm"] == "Viện trưởng Viện Nghiên cứu"
    assert "Viện Nghiên cứu" in organizations(text)
    known = ["Viện Nghiên cứu, phát triển kinh tế - xã hội", "Ban"]
    assert titles(text, known_organizations=known)["Phan Văn Tâm"] == (
        "Viện trưởng Viện Nghiên cứu, phát triển kinh tế - xã hội"
    )
    orgs = organizations(text, known_organizations=known)
    assert "Viện Nghiên cứu, phát triển kinh tế - xã hội" in orgs
    assert "Viện Nghiên cứu" not in orgs
    # A fragment stored by mistake is no name to read titles by.
    assert not OrganizationNames(["Ban"]).is_name("Ban")
    stored = ["Đại biểu Quốc hội tỉnh Thái Nguyên"]
    text = "Đại biểu Quốc hội tỉnh Thái Nguyên Nguyễn Văn An phát biểu."
    assert titles(text, known_organizations=stored)["Nguyễn Văn An"] == (
        "Đại biểu Quốc hội tỉnh Thái Nguyên"
    )


def test_the_reference_list_names_the_central_bodies():
    names = reference_names()
    wanted = [
        "Bộ Chính trị", "Ban Chính sách, chiến lược Trung ương", "Hội đồng Dân tộc",
        "Ủy ban Tài chính, Ngân sách", "Ban Chỉ đạo Tây Nguyên", "Bộ Công Thương",
    ]  # fmt: skip
    assert set(wanted) <= set(names)
    finder = OrganizationNames()
    assert finder.is_name("UBND tỉnh Thái Nguyên")
    assert finder.is_name("Sở Lao động - Thương binh và Xã hội tỉnh Bắc Ninh")
    assert finder.is_name("Ủy ban Kiểm tra Trung ương")
    assert not finder.is_name("kiểm tra")
    assert not finder.is_name("ban chỉ đạo Tây Bắc")


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("Phó trưởng Ban Chính sách, Nguyễn Ủy - &()_.;:\n"))
    ),
    known=st.lists(st.text(max_size=30), max_size=4),
)
def test_no_text_and_no_known_names_make_the_extractor_raise(text, known):
    result = extract_article(text, known_organizations=known)
    assert isinstance(result["people"], list)


@pytest.mark.django_db
def test_the_import_reads_titles_by_the_archive_organizations():
    OrganizationFactory(name="Viện Nghiên cứu, phát triển kinh tế - xã hội")
    report = meeting_import_from_text(
        text=BODY + " Ông Phan Văn Tâm, Viện trưởng Viện Nghiên cứu, phát triển kinh tế - xã hội "
        "cho biết năm nay tăng trưởng tốt."
    )
    participation = report.meeting.participations.get(person__full_name="Phan Văn Tâm")
    assert participation.title_as_reported == (
        "Viện trưởng Viện Nghiên cứu, phát triển kinh tế - xã hội"
    )
    assert participation.organization.name == "Viện Nghiên cứu, phát triển kinh tế - xã hội"


def test_a_person_named_only_in_the_headline_gets_the_headline_title():
    text = "# Bộ trưởng Hoàng Tuấn Anh thăm và làm việc tại tỉnh Thái Nguyên\n\n" + BODY
    result = extract_article(text)
    assert result["title"].startswith("Bộ trưởng")
    assert [(p["name"], p["title"]) for p in result["people"]] == [("Hoàng Tuấn Anh", "Bộ trưởng")]


def test_a_city_abbreviated_tp_does_not_end_the_sentence_nor_the_title():
    text = "Chủ tịch UBND TP. Hồ Chí Minh Phan Văn Mãi cho biết thành phố đã hoàn thành kế hoạch."
    assert titles(text) == {"Phan Văn Mãi": "Chủ tịch UBND TP. Hồ Chí Minh"}


def test_a_commission_named_in_running_text_must_be_a_whole_name():
    text = (
        "Dự hội nghị có đại biểu Ban Đảng Trung ương và đại diện Ban Kinh tế Trung ương tại "
        "tỉnh Bắc Ninh."
    )
    assert organizations(text) == ["Ban Kinh tế Trung ương"]


@pytest.mark.parametrize(
    "sentence, date",
    [
        (
            "Nghị quyết số 43/2022/QH15 ngày 11.1.2022 của Quốc hội về chính sách tài khóa.",
            "2022-01-11",
        ),
        ("Thực hiện Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị.", "2016-05-15"),
        ("Nghị quyết số 45-NQ/TW ngày 17/5/2005 của Bộ Chính trị.", "2005-05-17"),
        ("Kết luận số 12-KL/TW ngày 1.2-2020 của Ban Bí thư.", None),  # mixed separators: no date
    ],
)
def test_a_documents_date_is_read_with_slashes_dots_or_hyphens(sentence, date):
    (document,) = extract_article(sentence)["resolutions"]
    assert document["date"] == date


def test_a_number_of_digits_is_no_count_of_anything():
    """ "Tăng trưởng 2 con số" is double-digit growth; "1.200 con" still counts animals."""
    growth = extract_article("Đoàn kiểm tra mục tiêu tăng trưởng 2 con số theo Nghị quyết.")
    herd = extract_article("Đàn gia súc năm 2024 đạt 1.200 con, tăng 5%.")
    assert growth["indicators"] == []
    assert [(f["value"], f["unit"]) for f in herd["indicators"]] == [("1200", "con"), ("5", "%")]
