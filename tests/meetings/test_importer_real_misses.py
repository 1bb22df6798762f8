"""General rules found on the real corpus's misses (issue 14): each named by what it reads."""

import pytest

from meetings.importer import extract_article

HEADLINE = "Đoàn công tác Bộ Công Thương làm việc tại tỉnh Phú Thọ"
LEAD = "Sáng 5/3/2024, đoàn công tác của Bộ Công Thương đã làm việc với UBND tỉnh Phú Thọ."


def article(*lines: str, **options) -> dict:
    return extract_article("\n\n".join([HEADLINE, LEAD, *lines]), **options)


def figures(result: dict) -> list[tuple[str, str]]:
    return [(figure["value"], figure["unit"]) for figure in result["indicators"]]


def captions(result: dict) -> list[tuple[str, str | None]]:
    return [(photo["caption"], photo["credit"]) for photo in result["photos"]]


def people(result: dict) -> list[tuple[str, str]]:
    return [(person["name"], person["title"]) for person in result["people"]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tổng diện tích đất công ích là 8.338,4ha, còn lại là 1.943 ha.",
         [("8338.4", "ha"), ("1943", "ha")]),
        ("Tỉnh có bờ biển dài 65km và 12 xã ven biển.", [("65", "km"), ("12", "xã")]),
        ("Nhà máy công suất 50MW.", [("50", "MW")]),
    ],
)  # fmt: skip
def test_a_unit_of_measure_printed_against_the_number_is_read(sentence, expected):
    assert figures(article(sentence)) == expected


def test_a_number_glued_to_a_word_that_is_no_unit_is_no_figure():
    assert figures(article("Mã hồ sơ 3hb được lưu, phiên bản 2km3 bị hủy.")) == []


def test_an_english_unit_printed_against_the_number_is_read():
    result = extract_article(
        "PM visits Tra Vinh\n\nTra Vinh (VNA) – The province has a 65km coastline and "
        "1,200ha of mangrove forest."
    )
    assert figures(result) == [("65", "km"), ("1200", "ha")]


def test_a_fractions_unit_may_follow_an_aside():
    result = article("Trong đó 37/102 (chiếm 36,3%) nhiệm vụ đã hoàn thành.")
    assert figures(result) == [("37", "/102 nhiệm vụ"), ("36.3", "%")]


def test_a_caption_run_into_the_next_paragraph_is_split_at_its_credit():
    result = extract_article(
        "Top legislator visits Vinh Long\n"
        "Chairman of the National Assembly Vuong Dinh Hue speaks at the event. (Photo: VNA)"
        "Vinh Long (VNA) – Chairman of the National Assembly Vuong Dinh Hue on April 28, 2023 "
        "held a working session with the Vinh Long Provincial Party Committee."
    )
    assert captions(result) == [
        ("Chairman of the National Assembly Vuong Dinh Hue speaks at the event", "(Photo: VNA)")
    ]
    assert result["date"] == "2023-04-28"


def test_a_credit_inside_a_paragraph_followed_by_lower_case_text_does_not_split_it():
    line = (
        "Bức ảnh (Ảnh: tư liệu) được trưng bày cùng nhiều hiện vật quý của tỉnh trong suốt "
        "thời gian diễn ra hội nghị."
    )
    assert captions(article(line)) == []


def test_a_section_heading_inside_the_report_is_no_caption():
    heading = "Sử dụng có hiệu quả diện tích đất lâm nghiệp được bàn giao"
    result = article(heading, "Tỉnh đã nhận bàn giao 1.200 ha đất lâm nghiệp.")
    assert captions(result) == []


@pytest.mark.parametrize(
    "caption",
    [
        "Quang cảnh buổi làm việc",
        "Đồng chí Phạm Văn Quang giải trình về công tác quản lý đất công ích",
        "Lãnh đạo tỉnh tặng quà đoàn công tác",
        "Leaders of central ministries and sectors delivered speeches",
    ],
)
def test_an_unpunctuated_caption_that_shows_someone_or_a_scene_stays_a_caption(caption):
    assert captions(article(caption, "Tỉnh đã nhận bàn giao 1.200 ha đất lâm nghiệp.")) == [
        (caption, None)
    ]


def test_an_unpunctuated_line_of_several_sentences_is_a_paragraph_not_a_caption():
    line = "Đã có 10 chỉ tiêu có khả năng hoàn thành. Một số chỉ tiêu có kết quả khả quan như: Tổ"
    result = article(line)
    assert captions(result) == []
    assert ("10", "chỉ tiêu") in figures(result)


def test_a_cut_off_last_paragraph_opening_like_a_byline_is_still_a_paragraph():
    line = "Theo tờ trình của Chính phủ, đến nay đã có 10 chỉ tiêu có khả năng hoàn thành, một số"
    result = article(line)
    assert captions(result) == []
    assert ("10", "chỉ tiêu") in figures(result)


def test_a_caption_the_page_cut_short_with_an_ellipsis_is_a_caption():
    line = "Bộ trưởng Nguyễn Xuân Cường thăm Khu nông nghiệp ứng dụng công nghệ cao Bình Phú…"
    assert captions(article(line, "Tỉnh có 12 xã nông thôn mới.")) == [(line, None)]


@pytest.mark.parametrize(
    "line",
    [
        "Phó Thủ tướng Vũ Văn Ninh đến thăm khu dân cư tại phường Vũ Ninh, thành phố Bắc Ninh.",
        "Đoàn đi thăm cảng Cái Mép và Trường THPT trên đường Lê Lợi, phường Vũ Ninh.",
    ],
)
def test_a_place_named_after_a_place_word_is_no_person(line):
    names = [name for name, _title in people(article(line))]
    assert "Vũ Ninh" not in names and "Lê Lợi" not in names and "Cái Mép" not in names


def test_a_person_printed_after_a_place_name_is_still_found():
    result = article("Chủ tịch UBND xã Tân Lập Nguyễn Văn An báo cáo tình hình.")
    assert ("Nguyễn Văn An", "Chủ tịch UBND xã Tân Lập") in people(result)


def test_a_ministry_ending_in_nong_thon_does_not_hide_the_minister():
    result = article(
        "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn Nguyễn Xuân Cường phát biểu."
    )
    assert people(result) == [
        ("Nguyễn Xuân Cường", "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn")
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Đồng chí Phạm Văn Quang - TUV, Giám đốc Sở Tài nguyên và Môi trường cho biết: tốt.",
         ("Phạm Văn Quang", "TUV, Giám đốc Sở Tài nguyên và Môi trường")),
        ("Ông Lê Văn Hải, Huyện ủy viên, Chủ tịch UBND huyện Lâm Thao báo cáo.",
         ("Lê Văn Hải", "Huyện ủy viên, Chủ tịch UBND huyện Lâm Thao")),
    ],
)  # fmt: skip
def test_party_committee_membership_abbreviated_or_whole_is_part_of_the_title(line, expected):
    assert expected in people(article(line))


def test_a_timestamp_id_in_the_address_gives_the_year_of_a_date_printed_without_one():
    text = f"{HEADLINE}\n\nChiều 22/2, đoàn kiểm tra đã làm việc với Ban Thường vụ Tỉnh ủy."
    assert extract_article(text)["date"] is None
    result = extract_article(text, source_url="https://danviet.vn/doan-20250223092536775.htm")
    assert (result["date"], result["date_precision"]) == ("2025-02-22", "day")


# Rules found on held-out batch 2's first try and the development batch 2 (issue 14).


def test_a_photographer_named_in_a_credit_is_no_participant():
    result = article("Thủ tướng Phạm Minh Chính chủ trì phiên họp. Ảnh: Dương Giang/TTXVN")
    assert [name for name, _title in people(result)] == ["Phạm Minh Chính"]
    assert captions(result) == [
        ("Thủ tướng Phạm Minh Chính chủ trì phiên họp", "Ảnh: Dương Giang/TTXVN")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Lê Liên - Trần Tuấn",
        "By Lam Nguyen – Translated by Bao Nghi",
        "ptt-tran-luu-quang-9893.jpg",
    ],
)
def test_bylines_and_image_file_names_are_no_captions_and_name_no_one(line):
    result = article("Quang cảnh hội thảo.", line)
    assert captions(result) == [("Quang cảnh hội thảo", None)]
    assert people(result) == []


def test_an_english_sentence_opening_with_by_is_no_byline():
    result = extract_article(
        "Binh Dinh meets its targets\n\nBy 2025, the province will have 120 communes with new "
        "rural status, Chairman Pham Anh Tuan said."
    )
    assert ("120", "communes") in figures(result)


def test_a_caption_printed_twice_with_its_full_stop_counts_once():
    result = article("Quang cảnh hội thảo khoa học.", "Quang cảnh hội thảo khoa học.")
    assert captions(result) == [("Quang cảnh hội thảo khoa học", None)]


def test_a_short_section_label_in_a_table_cell_before_the_report_is_no_caption():
    text = f"{HEADLINE}\n\nViệt Bắc |\n\n{LEAD}"
    assert captions(extract_article(text)) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tiếp đoàn có đồng chí Trần Ngọc Thực, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh.",
         ("Trần Ngọc Thực", "Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh")),
        ("Cùng đi có các đồng chí Bí thư Trung ương Đảng: Trưởng ban Tuyên giáo Trung ương "
         "Nguyễn Trọng Nghĩa; Chánh Văn phòng Trung ương Đảng Lê Minh Hưng.",
         ("Lê Minh Hưng", "Chánh Văn phòng Trung ương Đảng")),
        ("Bà Thái Thị An Chung, Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh phát biểu.",
         ("Thái Thị An Chung", "Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh")),
    ],
)  # fmt: skip
def test_an_office_whose_organization_the_archive_knows_is_read_whole(line, expected):
    assert expected in people(article(line))


def test_one_title_printed_for_a_list_of_names_is_each_ones():
    result = article(
        "Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng, Phó Chủ tịch Quốc hội: Thượng tướng "
        "Trần Quang Phương, Nguyễn Đắc Định, Nguyễn Đức Hải đồng chủ trì tại Hội trường."
    )
    title = "Ủy viên Ban Chấp hành Trung ương Đảng, Phó Chủ tịch Quốc hội"
    assert people(result) == [
        ("Trần Quang Phương", title), ("Nguyễn Đắc Định", title), ("Nguyễn Đức Hải", title)
    ]  # fmt: skip


def test_english_titles_keep_an_abbreviation_printed_inside_them():
    result = extract_article(
        "NA Chairman works with committee\n\nHanoi (VNA) – National Assembly (NA) Chairman Vuong "
        "Dinh Hue on April 22 chaired a working session with the NA's Committee for Culture."
    )
    assert people(result) == [("Vuong Dinh Hue", "National Assembly (NA) Chairman")]


def test_an_english_report_printing_names_with_diacritics_names_them_as_printed():
    result = extract_article(
        "PM chairs Politburo working session\n\nHÀ NỘI — Prime Minister Phạm Minh Chính chaired "
        "Politburo working sessions with the Standing Boards of the Party Committees of Tây Ninh "
        "and Tuyên Quang provinces to give feedback on the draft documents and personnel plans "
        "for the upcoming provincial Party Congresses of the 2025–30 tenure."
    )
    assert result["language"] == "en"
    assert people(result) == [("Phạm Minh Chính", "Prime Minister")]


def test_an_english_density_keeps_its_per_unit():
    result = extract_article(
        "NA Chairwoman works in Bac Kan\n\nBac Kan (VNA) – The province has an average 64 people "
        "per km2 and 8 projects, Chairwoman Nguyen Thi Kim Ngan said."
    )
    assert figures(result) == [("64", "people/km2"), ("8", "projects")]


# Rules found on the real pairs of tests/articles/same-session (issue 15's material).


def test_a_headline_ending_in_a_full_stop_is_the_headline_when_printed_again():
    headline = "An Giang, Dong Thap and Ca Mau affirm their determination to grow 8% or more."
    text = f"{headline}\nVietnam.vn - Nền tảng quảng bá Việt Nam\n\n{headline}\n\n(Chinhphu.vn) - "
    text += "On the morning of March 20, 2025, Deputy Prime Minister Mai Van Chinh met them."
    result = extract_article(text)
    assert result["title"] == headline
    assert captions(result) == []
    assert figures(result) == [("8", "%")]


def test_a_date_line_glued_to_the_outlets_name_is_the_pages_date():
    text = (
        "Deputy PM works with An Giang\n\nOn the morning of March 20, Deputy Prime Minister Mai "
        "Van Chinh worked with the province.\n\nBáo Chính PhủBáo Chính Phủ20/03/2025"
    )
    result = extract_article(text)
    assert result["date"] == "2025-03-20"
    assert captions(result) == []


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("PM talks development with leaders ảnh 1Prime Minister Nguyen Xuan Phuc at the event "
         "(Photo: VNA)", "Prime Minister Nguyen Xuan Phuc at the event", "(Photo: VNA)"),
        ("PM Phuc speaks at the session in Yen Bai. — VNA/VNS Photo",
         "PM Phuc speaks at the session in Yen Bai", "VNA/VNS Photo"),
        ("Deputy Prime Minister Le Thanh Long speaks at the working session.",
         "Deputy Prime Minister Le Thanh Long speaks at the working session", None),
    ],
)  # fmt: skip
def test_english_captions_as_outlets_print_them(line, caption, credit):
    text = f"PM works with localities\n\n{line}\n\nYen Bai (VNA) – The Prime Minister met them."
    assert captions(extract_article(text)) == [(caption, credit)]


def test_a_vietnamese_speakers_photo_caption_without_credit():
    line = "Phó Thủ tướng Chính phủ Hồ Đức Phớc phát biểu."
    assert captions(article(line)) == [(line[:-1], None)]


def test_an_image_marker_glued_to_the_previous_word_is_chrome():
    result = article("Các tỉnh khẳng định quyết tâm tăng trưởng từ 8% trở lên- Ảnh 1.")
    assert captions(result) == [] and figures(result) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Income per capita reached 75 million VND/person/year in 2024.",
         [("75", "million VND/person/year")]),
        ("The province set a target of a 10.14- percent growth rate.", [("10.14", "%")]),
    ],
)  # fmt: skip
def test_english_rates_and_percentages_as_printed(sentence, expected):
    text = f"Deputy PM works with Hau Giang\n\nHau Giang (VNA) – {sentence} The chairman said so."
    assert figures(extract_article(text)) == expected


def test_visitors_in_millions_are_a_figure():
    assert figures(article("Tỉnh đón 5,2 triệu lượt khách quốc tế, 6,6 triệu lượt.")) == [
        ("5.2", "triệu lượt khách"), ("6.6", "triệu lượt")
    ]  # fmt: skip


def test_a_title_printed_in_the_plural_for_two_names_is_each_ones_in_the_singular():
    result = extract_article(
        "Deputy PMs visit Hau Giang\n\nHau Giang (SGGP) – Deputy Prime Ministers Le Thanh Long "
        "and Mai Van Chinh on March 20 worked with the province. Secretary Nghiem Xuan Thanh "
        "and Chairman Tran Van Huyen attended the meeting, the report says."
    )
    assert people(result) == [
        ("Le Thanh Long", "Deputy Prime Minister"),
        ("Mai Van Chinh", "Deputy Prime Minister"),
        ("Nghiem Xuan Thanh", "Secretary"),
        ("Tran Van Huyen", "Chairman"),
    ]
