"""English reports: language, names without diacritics, English titles, document dates, figures."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.importer import extract_article
from meetings.importer.english import detect_language, find_figures

ENGLISH = "\n\n".join(
    [
        ("Deputy Prime Minister works with the province"),
        (
            "On the morning of April 4, the working delegation led by Deputy Prime Minister "
            "Mai Van Chinh worked with the province. Comrade Dao Ngoc Dung - Member of the "
            "Party Central Committee, Minister of Labour, Member of the Government chaired "
            "the session."
        ),
        (
            "Attending the meeting were Politburo member, Head of the Central Organization "
            "Commission Pham Minh Chinh; Mr. Do Van Chien, Politburo member, Chairman of the "
            "Central Committee of the Vietnam Fatherland Front; Chairman of the National "
            "Assembly Vuong Dinh Hue and leaders of Ha Giang province."
        ),
        (
            "Lieutenant General Nguyen Trong Binh - Deputy Chief of the General Staff said "
            "the province carried out Resolution No. 36-NQ/TW dated October 22, 2018 of the "
            "Party Central Committee."
        ),
        (
            "In 2023, the province’s GRDP grew 4.68 percent; it built 200 houses and spent 10"
            " billion VND and 435,588 USD on them. Speaking at the meeting, Vice State "
            "President Thinh praised the province. Chinh asked it to go on."
        ),
    ]
)


@pytest.fixture(scope="module")
def english():
    return extract_article(ENGLISH)


def test_language_is_detected():
    assert detect_language(ENGLISH) == "en"
    vietnamese = (
        "Sáng 10/5/2024, Đoàn công tác của Ban Kinh tế Trung ương làm việc "
        "với tỉnh Thái Nguyên về tình hình thực hiện nghị quyết."
    )
    assert detect_language(vietnamese) == "vi"
    assert detect_language("") == "vi"


def test_vietnamese_report_records_its_language():
    assert (
        extract_article("Sáng 10/5/2024, ông Nguyễn Văn A làm việc với tỉnh.")["language"] == "vi"
    )


def test_english_names_and_titles_as_printed(english):
    assert english["language"] == "en"
    titles = {person["name"]: person["title"] for person in english["people"]}
    assert titles == {
        "Mai Van Chinh": "Deputy Prime Minister",
        "Dao Ngoc Dung": "Member of the Party Central Committee, Minister of Labour, "
        "Member of the Government",
        "Pham Minh Chinh": "Politburo member, Head of the Central Organization Commission",
        "Do Van Chien": "Politburo member, Chairman of the Central Committee of the Vietnam "
        "Fatherland Front",
        "Vuong Dinh Hue": "Chairman of the National Assembly",
        "Nguyen Trong Binh": "Deputy Chief of the General Staff",  # the longest printed
        "Thinh": "Vice State President",
    }


def test_province_names_are_not_people(english):
    assert not any(person["name"].startswith("Ha Giang") for person in english["people"])


def test_given_name_of_a_named_official_is_not_a_new_person(english):
    assert "Chinh" not in {person["name"] for person in english["people"]}


def test_english_document_date(english):
    assert english["resolutions"] == [
        {"code": "36-NQ/TW", "date": "2018-10-22", "issuer": None, "title": None}
    ] or [(r["code"], r["date"]) for r in english["resolutions"]] == [("36-NQ/TW", "2018-10-22")]


def test_english_figures(english):
    assert [(f["value"], f["unit"], f["period"]) for f in english["indicators"]] == [
        ("4.68", "%", "2023"),
        ("200", "houses", "2023"),
        ("10", "billion VND", "2023"),
        ("435588", "USD", "2023"),
    ]


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("The province granted VND 1.3 billion to the fund.", [("1.3", "billion VND")]),
        ("It has 24 out of 31 major criteria met.", [("24", "/31 criteria")]),
        ("It set up 11 primary tasks, 5 major tasks and 3 breakthroughs.",
         [("11", "tasks"), ("5", "tasks")]),
        ("Revenue was 6,311 billion VND, up 8.0% year on year.",
         [("6311", "billion VND"), ("8.0", "%")]),
        ("Resolution No. 36-NQ/TW and Region 8 in 2018, on October 22.", []),
        ("The 13th congress of 2015 named 3 breakthroughs.", []),
    ],
)  # fmt: skip
def test_english_figure_rules(sentence, figures):
    assert [(f["value"], f["unit"]) for f in find_figures(sentence)] == figures


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_no_text_makes_the_english_rules_raise(text):
    extract_article("The meeting was held in the province and the " + text)


def test_a_province_inside_a_persons_name_is_no_place():
    text = (
        "Permanent Deputy Prime Minister Truong Hoa Binh worked with Phu Yen province on the "
        "mass mobilisation work of the province and its people in the year."
    )
    assert extract_article(text)["places"] == ["Phú Yên"]


@pytest.mark.parametrize(
    ("sentence", "people"),
    [
        ("Chairwoman Siu Hong said the province had done well.", [("Siu Hong", "Chairwoman")]),
        ("Chairman of the Gia Lai Provincial People’s Committee Siu Hong said it was so.",
         [("Siu Hong", "Chairman of the Gia Lai Provincial People’s Committee")]),
        ("The delegation of the Committee of Quy Nhon visited Ha Giang province on the day.", []),
        ("Secretary of the Ha Giang Provincial Party Committee said that it was done.", []),
    ],
)  # fmt: skip
def test_a_name_without_a_known_surname_after_a_title(sentence, people):
    found = extract_article(sentence)["people"]
    assert [(person["name"], person["title"]) for person in found] == people
