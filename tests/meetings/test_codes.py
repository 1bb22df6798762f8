import pytest

from meetings.codes import normalise_code, parse_code


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
    ],
)
def test_normalise_code(written, normalised):
    assert normalise_code(written) == normalised


@pytest.mark.parametrize("text", ["", "nghị quyết", "NQ 52", "52", "2023", "'; DROP TABLE x; --"])
def test_text_without_a_full_code_gives_none(text):
    assert normalise_code(text) is None


def test_issuer_is_part_of_the_identity():
    assert parse_code("52-NQ/TW").key != parse_code("52/NQ-CP").key
    assert parse_code("052-NQ/TW").key == parse_code("52/nq-tw").key
