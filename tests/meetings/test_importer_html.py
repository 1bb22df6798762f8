"""Saved web pages: trafilatura's article, the page's own date, captions kept, chrome dropped."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.importer import extract_article, html_to_text, page_to_text, read_page
from meetings.models import Meeting
from tests.admin_forms import import_through_preview

PARAGRAPH = (
    "Sáng 5/6/2024, đoàn công tác Ban Kinh tế Trung ương do đồng chí Nguyễn Văn A, Phó Trưởng Ban "
    "Kinh tế Trung ương dẫn đầu đã làm việc với tỉnh Thái Nguyên về thực hiện Nghị quyết số "
    "52-NQ/TW. Năm 2023, tốc độ tăng trưởng kinh tế của tỉnh đạt 6,8%."
)
PAGE = f"""<!doctype html><html><head><title>Đoàn công tác làm việc - Báo Tỉnh</title>
<meta property="article:published_time" content="2024-06-05T10:00:00+07:00"></head>
<body><nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a></nav>
<article><h1>Ban Kinh tế Trung ương làm việc với tỉnh Thái Nguyên</h1>
<p>{PARAGRAPH}</p>
<figure><img src="a.jpg">
<figcaption>Đồng chí Nguyễn Văn A phát biểu tại buổi làm việc</figcaption></figure>
<p>Đồng chí Nguyễn Văn A đề nghị tỉnh tiếp tục thực hiện tốt các nghị quyết của Trung ương, tập
trung phát triển công nghiệp chế biến, chế tạo và thu hút đầu tư vào các khu công nghiệp.</p>
<p class="author">Thu Hằng</p></article>
<aside class="related"><a href="/x">Tin liên quan: Hội nghị Tỉnh ủy lần thứ 18</a></aside>
<footer>Bản quyền thuộc Báo Tỉnh</footer></body></html>"""


def test_the_article_its_headline_and_the_pages_date():
    page = read_page(PAGE)
    assert page.title == "Ban Kinh tế Trung ương làm việc với tỉnh Thái Nguyên"
    assert page.date == "2024-06-05"
    lines = page.text.splitlines()
    assert lines[:3] == [f"# {page.title}", "", "date 2024-06-05"]
    assert PARAGRAPH in lines
    assert "Đồng chí Nguyễn Văn A phát biểu tại buổi làm việc" in lines  # the caption, in place
    assert lines[-1] == "Thu Hằng"  # the byline stays the last line
    for chrome in ("Trang chủ", "Tin liên quan", "Bản quyền"):
        assert chrome not in page.text


def test_a_date_printed_in_the_article_is_not_the_pages_date():
    without_metadata = PAGE.replace(
        '<meta property="article:published_time" content="2024-06-05T10:00:00+07:00">', ""
    )
    page = read_page(without_metadata)  # the article prints "Sáng 5/6/2024"
    assert page.date is None
    assert "date " not in page.text


def test_the_extraction_reads_the_page():
    result = extract_article(page_to_text(PAGE))
    assert result["title"] == "Ban Kinh tế Trung ương làm việc với tỉnh Thái Nguyên"
    assert [r["code"] for r in result["resolutions"]] == ["52-NQ/TW"]
    assert ("6.8", "%") in [(f["value"], f["unit"]) for f in result["indicators"]]


def test_a_page_trafilatura_finds_nothing_in_falls_back_to_the_older_reader():
    fragment = "<p>Chiều 3/3</p>"
    assert page_to_text(fragment) == html_to_text(fragment)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_no_markup_makes_the_page_reader_raise(text):
    extract_article(page_to_text(f"<html><body><h1>{text}</h1><p>{text}</p></body></html>"))


@pytest.mark.django_db
def test_a_page_saved_on_disk_imports_from_the_command(tmp_path, capsys):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    call_command("import_article", str(path))
    meeting = Meeting.objects.get()
    assert meeting.title == "Ban Kinh tế Trung ương làm việc với tỉnh Thái Nguyên"
    assert "Trang chủ" not in meeting.body


@pytest.mark.django_db
def test_an_uploaded_page_imports_from_the_admin(editor_client):
    upload = SimpleUploadedFile("bai.html", PAGE.encode(), content_type="text/html")
    response = import_through_preview(editor_client, {"file": upload})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.title == "Ban Kinh tế Trung ương làm việc với tỉnh Thái Nguyên"
    assert meeting.resolutions.get().code == "52-NQ/TW"
    assert meeting.photos.count() == 1
