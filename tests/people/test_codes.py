import pytest

from people.codes import (
    DOCUMENT_KINDS,
    LooseCode,
    find_codes,
    normalise_code,
    parse_code,
    parse_loose_code,
)


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("52-NQ/TW", "52-NQ/TW"),
        ("52/NQ-TW", "52-NQ/TW"),
        ("52-nq/tw", "52-NQ/TW"),
        ("Nghị quyết số 23-NQ/TW ngày 22/3/2018", "23-NQ/TW"),
        ("05-CT/TƯ", "05-CT/TW"),
        ("Quyết định số 1234/QĐ-TTg", "1234/QĐ-TTg"),
        ("Nghị định 13/2023/NĐ-CP", "13/2023/NĐ-CP"),
        ("52/NQ-CP", "52/NQ-CP"),
        ("Kết luận số 14-KL/TW", "14-KL/TW"),
        ("Kế hoạch số 155-KH/TU", "155-KH/TU"),
        ("Chương trình hành động số 12-CTr/TU", "12-CTr/TU"),
        ("Thông báo số 352/TB-VPCP", "352/TB-VPCP"),
        ("Nghị quyết số 08/2023/NQ-HĐND", "08/2023/NQ-HĐND"),
        ("Quyết định số 1234/QĐ-UBND", "1234/QĐ-UBND"),
        ("Quyết định 2345/QĐ-BCT", "2345/QĐ-BCT"),
        ("Nghị quyết 01-NQ/BCSĐ", "01-NQ/BCSĐ"),
        ("Hướng dẫn số 26-HD/BTCTW", "26-HD/BTCTW"),
        ("Nghị quyết số 35/2023/UBTVQH15", "35/2023/UBTVQH15"),
        ("Luật số 43/2024/QH15", "43/2024/QH15"),
        ("Nghị quyết số 1004/NQ-UBTVQH15", "1004/NQ-UBTVQH15"),
    ],
)
def test_normalise_code(written, normalised):
    assert normalise_code(written) == normalised


@pytest.mark.parametrize(
    "text", ["", "nghị quyết", "NQ 52", "52", "2023", "12/2023", "3/61", "'; DROP TABLE x; --"]
)
def test_text_without_a_full_code_gives_none(text):
    assert normalise_code(text) is None


def test_issuer_is_part_of_the_identity():
    assert parse_code("52-NQ/TW").key != parse_code("52/NQ-CP").key
    assert parse_code("052-NQ/TW").key == parse_code("52/nq-tw").key


def test_find_codes_gives_spans_in_the_printed_text():
    text = "theo Nghị quyết số 23-NQ/TƯ và Thông báo 352/TB-VPCP ngày 5/8/2024"
    found = [(text[start:end], str(code)) for start, end, code in find_codes(text)]
    assert found == [("23-NQ/TƯ", "23-NQ/TW"), ("352/TB-VPCP", "352/TB-VPCP")]


@pytest.mark.parametrize("kind", DOCUMENT_KINDS, ids=lambda kind: kind.printed or "none")
def test_every_type_in_the_table_is_read_in_codes_and_spelled_out(kind):
    code = f"12/2024/{kind.printed}-UBND" if kind.printed else "35/2023/UBTVQH15"
    assert parse_code(code).doc_type == kind.printed
    if kind.printed:
        assert parse_code(f"12-{kind.printed.lower()}/tư").doc_type == kind.printed
        assert parse_loose_code(f"{kind.name.lower()} số 12") == LooseCode("12", kind.printed)


def test_a_plan_is_read_by_its_words():
    assert parse_loose_code("Kế hoạch 03") == LooseCode("3", "KH")
    assert normalise_code("Kế hoạch số 03-KH/TW") == "03-KH/TW"
