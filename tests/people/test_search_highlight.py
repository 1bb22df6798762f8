"""Snippets mark the query's words and keep their diacritics."""

import re
import unicodedata

import pytest

from people.search.highlight import highlight
from people.search.query import analyse


def test_snippets_mark_matched_words_with_their_diacritics():
    html = highlight("Đồng chí Phạm Hoàng Sơn phát biểu", analyse("pham hoang son"))
    assert html == "Đồng chí <mark>Phạm</mark> <mark>Hoàng</mark> <mark>Sơn</mark> phát biểu"
    assert "&lt;script&gt;" in highlight("<script>Sơn</script>", analyse("son"))
    assert highlight("Chủ tịch Hội đồng nhân dân tỉnh", analyse("HĐND")) == (
        "Chủ tịch <mark>Hội</mark> <mark>đồng</mark> <mark>nhân</mark> <mark>dân</mark> tỉnh"
    )
    long = "Mở đầu. " * 60 + "Nghị quyết 52 được bàn. " + "Kết thúc. " * 60
    snippet = highlight(long, analyse("nghị quyết"), 120)
    assert "<mark>Nghị</mark> <mark>quyết</mark>" in snippet
    assert len(snippet) < 260


def test_snippets_mark_abbreviations_prefixes_and_decomposed_text():
    assert highlight("Bộ KH&CN và Ban Kinh tế TƯ", analyse("Khoa học và Công nghệ Trung ương")) == (
        "Bộ <mark>KH&amp;CN</mark> <mark>và</mark> Ban Kinh tế <mark>TƯ</mark>"
    )
    assert (
        highlight("Bộ KH&CN", analyse("cn")) == "Bộ KH&amp;CN"
    )  # a part of a word is not the word
    assert highlight("Phạm Hoàng Sơn, Sở Tài chính", analyse("pham hoang s")) == (
        "<mark>Phạm</mark> <mark>Hoàng</mark> <mark>Sơn</mark>, <mark>Sở</mark> Tài chính"
    )
    decomposed = unicodedata.normalize("NFD", "Đồng chí Nguyễn Đức Hiển")
    assert highlight(decomposed, analyse("nguyen duc hien")) == (
        "Đồng chí <mark>Nguyễn</mark> <mark>Đức</mark> <mark>Hiển</mark>"
    )
    assert highlight("Sơn (*.+?) [a-z]", analyse("(*.+?) son")) == "<mark>Sơn</mark> (*.+?) [a-z]"


CODES = "Nghị quyết số 23-NQ/TW và Nghị quyết 52-NQ/TW; 52/NQ-CP"


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("nq 52", ["52-NQ/TW", "52/NQ-CP"]),
        ("52-NQ/TW", ["52-NQ/TW"]),
        ("52", ["52-NQ/TW", "52/NQ-CP"]),
    ],
)
def test_a_code_query_marks_the_codes_it_names_whole_and_nothing_inside_others(query, marked):
    html = str(highlight(CODES, analyse(query)))
    assert re.findall(r"<mark>(.*?)</mark>", html) == marked
    assert "23-NQ/TW" in html  # not "23-<mark>NQ</mark>/TW"
