"""Issue 14, items 2 and 3: the meeting's date, and the page's chrome, headline and captions."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.importer import extract_article
from meetings.importer.chrome import is_chrome, is_truncated
from meetings.importer.dates import address_date, find_meeting_date, page_date
from meetings.importer.lines import split_credit
from meetings.models import Meeting
from meetings.services import meeting_import_from_text

HEADLINE = "Đoàn công tác Bộ Công Thương làm việc tại tỉnh Bắc Ninh"
LEAD = "đoàn công tác của Bộ Công Thương đã làm việc với UBND tỉnh Bắc Ninh."


def article(*lines: str) -> dict:
    return extract_article("\n\n".join(lines))


def meeting_date(*lines, page=None, address=None):
    warnings = []
    return find_meeting_date(list(lines), page=page, address=address, warnings=warnings), warnings


# Meeting dates


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        (f"Sáng 16-4-2018, {LEAD}", "2018-04-16"),
        (f"Chiều ngày 22/2/2025, {LEAD}", "2025-02-22"),
        (f"Tối 3.3.2026, {LEAD}", "2026-03-03"),
        (f"Trưa nay (24/4/2019), {LEAD}", "2019-04-24"),
        (f"Ngày 29 tháng 7 năm 2013, {LEAD}", "2013-07-29"),
        (f"(Chinhphu.vn) - Sáng 7-5-2017, {LEAD}", "2017-05-07"),
        (f"Thực hiện Chương trình công tác, ngày 29/7/2013, {LEAD}", "2013-07-29"),
        ("On the afternoon of November 15, 2023, the delegation worked in Hanoi.", "2023-11-15"),
        ("The delegation worked with the province on April 28, 2024.", "2024-04-28"),
        (
            "In the morning of March 24th 2017, the chairwoman received the delegation.",
            "2017-03-24",
        ),
    ],
)
def test_a_meeting_date_is_read_in_every_written_form(line, iso):
    (date, precision), _warnings = meeting_date(line)
    assert (date, precision) == (iso, "day")


def test_a_date_without_a_year_takes_the_page_date_lines_year():
    page = datetime.date(2023, 6, 8)
    assert meeting_date(f"Chiều 22/2, {LEAD}", page=page)[0] == ("2023-02-22", "day")
    assert meeting_date("On the afternoon of May 15, they met.", page=page)[0][0] == "2023-05-15"


def test_a_day_after_the_page_date_is_of_the_year_before():
    # a report follows its meeting: "Chiều 28/12" printed on 2 January 2024 is 28 December 2023
    page = datetime.date(2024, 1, 2)
    assert meeting_date(f"Chiều 28/12, {LEAD}", page=page)[0][0] == "2023-12-28"


def test_a_date_without_a_year_takes_the_addresss_year():
    assert meeting_date(f"Sáng 8-3, {LEAD}", address=(2024, 3))[0][0] == "2024-03-08"
    assert meeting_date(f"Sáng 8-11, {LEAD}", address=(2024, 3))[0][0] == "2023-11-08"


def test_without_a_year_anywhere_there_is_no_date_and_a_warning():
    (date, precision), warnings = meeting_date(f"Chiều 22/2, {LEAD}")
    assert (date, precision) == (None, None)
    assert warnings == ["The meeting date “Chiều 22/2” is printed without a year."]


def test_a_day_that_cannot_be_is_no_date():
    (date, _precision), warnings = meeting_date(f"Sáng 31/2/2024, {LEAD}")
    assert date is None
    assert "not a date of the calendar" in warnings[0]


@pytest.mark.parametrize(
    "line",
    [
        "Thực hiện Nghị quyết số 43/2022/QH15 ngày 11.1.2022 của Quốc hội, đoàn làm việc.",
        "Theo Quyết định 1234/QĐ-TTg ngày 5/9/2023, đoàn giám sát làm việc.",
        "Resolution No. 36-NQ/TW dated October 25, 2017 was reviewed.",
        "14 giờ trước",
        "2 hours ago",
        "Trong 5 năm qua, tỉnh đã hoàn thành 12 nhiệm vụ.",
    ],
)
def test_document_dates_and_relative_dates_are_not_the_meetings(line):
    assert meeting_date(line)[0] == (None, None)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Thứ Năm, 8/6/2023 14:46'(GMT+7)", datetime.date(2023, 6, 8)),
        ("04:35 15/03/2016", datetime.date(2016, 3, 15)),
        ("(29/03/2017)", datetime.date(2017, 3, 29)),
        ("date 2026-02-26", datetime.date(2026, 2, 26)),
        ("Thứ Tư, 08/04/2015, 08:11 [GMT+7]", datetime.date(2015, 4, 8)),
        ("31/03/2017 08:49 Số lượt xem: 3739", datetime.date(2017, 3, 31)),
        ("Cập nhật: 12/11/2024", datetime.date(2024, 11, 12)),
    ],
)
def test_a_pages_date_line_is_read(line, date):
    assert page_date(line) == date
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Ngày 15/9/2016, Bộ Chính trị đã làm việc với Ban Thường vụ Thành ủy Cần Thơ.",
        "Nghị quyết 52-NQ/TW ngày 26/9/2019",
        "Thứ Năm, 31/2/2023 14:46",
    ],
)
def test_a_sentence_with_a_date_is_no_date_line(line):
    assert page_date(line) is None


@pytest.mark.parametrize(
    ("address", "found"),
    [
        ("https://example.vn/2024/05/doan-cong-tac-lam-viec.html", (2024, 5)),
        ("http://xsdinh.com/media/202403/doan-cong-tac-3f1391d", (2024, 3)),
        ("https://example.vn/tin/2019-04-16-doan-cong-tac.html", (2019, 4)),
        ("https://danviet.vn/cac-doan-cong-tac-20250223092536775.htm", (2025, 2)),
        ("https://tuoitre.vn/bai-viet-20240229235959.htm", (2024, 2)),
        # Not a time after the date: an id, not a timestamp.
        ("https://example.vn/bai-viet-20250223992536775.htm", None),
        ("https://example.vn/bai-viet-2025022309.htm", None),
        ("https://example.vn/bai-viet-2025022309253677512.htm", None),
        ("https://example.vn/bai-viet-60971.html", None),
        ("https://example.vn/2024/13/bai.html", None),
        ("", None),
        ("http://[::1", None),
    ],
)
def test_only_a_date_written_in_the_address_or_its_timestamp_id_gives_a_year(address, found):
    assert address_date(address) == found


def test_the_address_given_to_the_import_gives_the_year():
    text = f"{HEADLINE}\n\nSáng 8-3, {LEAD}"
    assert extract_article(text)["date"] is None
    result = extract_article(text, source_url="https://example.vn/news/202403/bac-ninh")
    assert (result["date"], result["date_precision"]) == ("2024-03-08", "day")


# Headline, chrome and captions


def test_the_first_line_is_the_headline_and_its_figures_count():
    result = article(
        "Bắc Ninh thu hút hơn 1.300 doanh nghiệp trong năm 2023",
        "Xây dựng Đảng",
        f"Sáng 12/3/2024, {LEAD}",
    )
    assert result["title"] == "Bắc Ninh thu hút hơn 1.300 doanh nghiệp trong năm 2023"
    assert [(f["value"], f["unit"]) for f in result["indicators"]] == [("1300", "doanh nghiệp")]
    assert result["photos"] == []


def test_a_first_line_ending_in_a_full_stop_is_no_headline():
    assert article(f"Sáng 12/3/2024, {LEAD}", "Quang cảnh buổi làm việc")["title"] is None


@pytest.mark.parametrize(
    "line",
    [
        "Xây dựng Đảng",
        "Chính trị",
        "Thời sự",
        "Bài gốc",
        "Chia sẻ",
        "14 giờ trước",
        "3 days ago",
        "Deputy Prime Minister works with Binh Dinh - ảnh 1",
        "![]() |",
        "Thực hiện: Đắc Nhân - Ngọc Thành",
        "Xem thêm: Bắc Ninh đón đoàn công tác của Bộ Công Thương",
        ">> Thủ tướng làm việc với tỉnh Trà Vinh",
    ],
)
def test_the_pages_own_lines_are_chrome(line):
    assert is_chrome(line)
    result = article(HEADLINE, f"Sáng 12/3/2024, {LEAD}", line, "Quang cảnh buổi làm việc")
    assert [p["caption"] for p in result["photos"]] == ["Quang cảnh buổi làm việc"]


@pytest.mark.parametrize(
    "line",
    [
        "Quang cảnh buổi làm việc",
        "Đoàn công tác thăm Khu công nghiệp Yên Phong",
        "Bộ trưởng Nguyễn Hồng Diên phát biểu tại buổi làm việc",
    ],
)
def test_a_caption_is_not_chrome(line):
    assert not is_chrome(line)


def test_a_repeated_headline_is_dropped():
    result = article(HEADLINE, HEADLINE, f"Sáng 12/3/2024, {LEAD}", HEADLINE)
    assert result["title"] == HEADLINE
    assert result["photos"] == []


def test_lines_before_the_report_without_a_credit_are_the_pages():
    result = article(HEADLINE, "Bacninh overview Bacninh overview", f"Sáng 12/3/2024, {LEAD}")
    assert result["photos"] == []


def test_a_caption_printed_twice_in_a_row_counts_once():
    caption = "Toàn cảnh Phiên họp thứ Ba của Đoàn giám sát"
    result = article(HEADLINE, f"Sáng 12/3/2024, {LEAD}", caption, caption, "Thông tin thêm.")
    assert [p["caption"] for p in result["photos"]] == [caption]
    printed_apart = article(HEADLINE, f"Sáng 12/3/2024, {LEAD}", caption, LEAD, caption)
    assert len(printed_apart["photos"]) == 2


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("Toàn cảnh buổi làm việc (Ảnh: Minh Hiếu).", "Toàn cảnh buổi làm việc",
         "(Ảnh: Minh Hiếu)"),
        (
            "Trưởng Ban trao đổi bên lề buổi làm việc. Ảnh: VGP/Thanh Liêm",
            "Trưởng Ban trao đổi bên lề buổi làm việc",
            "Ảnh: VGP/Thanh Liêm",
        ),
        ("Bộ trưởng kiểm tra sản phẩm dứa. Ảnh: Nông nghiệp.", "Bộ trưởng kiểm tra sản phẩm dứa",
         "Ảnh: Nông nghiệp"),
        ("The scene of the meeting (Photo: Bao Binh Dinh)", "The scene of the meeting",
         "(Photo: Bao Binh Dinh)"),
        ("Quang cảnh hội nghị - ẢNH: Q.M.G", "Quang cảnh hội nghị", "ẢNH: Q.M.G"),
        ("At the working session (Source: VNA) ả", "At the working session", "(Source: VNA)"),
    ],
)  # fmt: skip
def test_a_credit_is_split_off_its_caption(line, caption, credit):
    assert split_credit(line) == (caption, credit)
    result = article(HEADLINE, f"Sáng 12/3/2024, {LEAD}", line, "Thông tin thêm về buổi làm việc.")
    assert [(p["caption"], p["credit"]) for p in result["photos"]] == [(caption, credit)]


@pytest.mark.parametrize(
    "line",
    [
        "Ảnh: Báo Lào Cai",
        "Đoàn đã làm việc với tỉnh (Ảnh chụp năm ngoái cho thấy điều đó).",
        "Tỉnh đạt 52% kế hoạch; ảnh hưởng của thiên tai là lớn.",
    ],
)
def test_a_line_without_a_caption_before_a_credit_is_not_split(line):
    assert split_credit(line) is None


def test_a_one_sentence_scene_ending_in_a_full_stop_is_a_caption():
    result = article(
        HEADLINE,
        f"Sáng 12/3/2024, {LEAD}",
        "Các đồng chí đại biểu dự hội nghị.",
        "Tổ Công tác số 1 do Chủ tịch nước Lương Cường chủ trì.",
        "Thông tin thêm về buổi làm việc.",
    )
    assert [p["caption"] for p in result["photos"]] == ["Các đồng chí đại biểu dự hội nghị"]


@pytest.mark.parametrize(
    "line",
    [
        "Lãnh đạo tỉnh tặng quà cho đoàn công tác.",
        "Hoa Binh’s Provincial People’s Council gave gifts to Bac Ninh’s Council.",
        "Đoàn công tác chụp ảnh lưu niệm cùng lãnh đạo tỉnh.",
    ],
)
def test_a_one_sentence_gift_or_group_photo_is_a_caption(line):
    result = article(HEADLINE, f"Sáng 12/3/2024, {LEAD}", line, "Thông tin thêm về buổi làm việc.")
    assert [p["caption"] for p in result["photos"]] == [line[:-1]]


def test_a_long_sentence_about_gifts_is_a_paragraph():
    line = (
        "Nhân dịp này, đoàn công tác đã trao quà cho 100 hộ nghèo của huyện. Tổng giá trị quà "
        "tặng là 500 triệu đồng."
    )
    result = article(HEADLINE, f"Sáng 12/3/2024, {LEAD}", line, "Thông tin thêm về buổi làm việc.")
    assert result["photos"] == []


@pytest.mark.parametrize(
    ("line", "truncated"),
    [
        ("Tại các buổi làm vi", True),
        ("Chiều cùng ngày, B", True),
        ("Đoàn cũng kiểm tra, giám sát hoạt độ", True),
        ("Trấn Giang (tổng hợp)", False),
        ("Báo Sơn La", False),
        ("Trung tâm Thông tin, Phân tích và Dự báo kinh tế", False),
        ("Nguyễn Văn An", False),
        ("Đoàn đã làm việc với tỉnh.", False),
    ],
)
def test_a_paragraph_cut_off_at_the_end_is_told_from_a_byline(line, truncated):
    assert is_truncated(line) is truncated


def test_a_truncated_last_paragraph_is_neither_caption_nor_source():
    result = article(HEADLINE, f"Sáng 12/3/2024, {LEAD}", "Tại các buổi làm vi")
    assert result["photos"] == []
    assert result["source"] is None
    byline = article(HEADLINE, f"Sáng 12/3/2024, {LEAD}", "Trấn Giang (tổng hợp)")
    assert byline["source"] == "Trấn Giang (tổng hợp)"


def test_a_live_reports_timed_entry_is_a_paragraph():
    result = article(
        HEADLINE, f"Sáng 12/3/2024, {LEAD}", "8h30: Đồng chí Lê Thị Kim Dung trình bày"
    )
    assert result["photos"] == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=8), st.text(max_size=120))
def test_no_text_or_address_makes_the_importer_raise(lines, address):
    result = extract_article("\n".join(lines), source_url=address)
    assert result["date_precision"] in (None, "day")


# What the import writes


@pytest.mark.django_db
def test_the_import_writes_the_date_its_precision_and_the_credit():
    text = "\n\n".join(
        [HEADLINE, "Thứ Ba, 12/3/2024 14:46", f"Sáng 12/3, {LEAD}",
         "Toàn cảnh buổi làm việc (Ảnh: Minh Hiếu).", "Thông tin thêm về buổi làm việc."]
    )  # fmt: skip
    meeting = meeting_import_from_text(text=text).meeting
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.title == HEADLINE
    assert (meeting.date, meeting.date_precision) == (datetime.date(2024, 3, 12), "day")
    assert [(p.caption, p.credit) for p in meeting.photos.all()] == [
        ("Toàn cảnh buổi làm việc", "(Ảnh: Minh Hiếu)")
    ]
    # the body is the report's paragraphs: no headline, date line or caption with its credit
    assert meeting.body == f"Sáng 12/3, {LEAD}\n\nThông tin thêm về buổi làm việc."


@pytest.mark.django_db
def test_the_address_given_to_the_import_dates_the_meeting():
    text = f"{HEADLINE}\n\nSáng 8-3, {LEAD}"
    report = meeting_import_from_text(text=text, source_url="https://example.vn/2024/03/bai.html")
    meeting = Meeting.objects.get(pk=report.meeting.pk)
    assert (meeting.date, meeting.date_precision) == (datetime.date(2024, 3, 8), "day")
