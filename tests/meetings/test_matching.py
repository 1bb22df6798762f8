"""Finding the meeting an imported article describes (meetings.matching)."""

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.importer import extract_article
from meetings.matching import ATTACH_THRESHOLD, same_meeting_candidates, same_meeting_json
from meetings.models import Delegation, Meeting, Participation
from meetings.services import meeting_import_from_text
from tests.factories import (
    AreaFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    ResolutionFactory,
    draft_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_interface():
    """The reasons are compared as written in the code (English); the Vietnamese interface's
    translation of them is checked once, below."""
    with translation.override("en"):
        yield


DAY = datetime.date(2024, 5, 10)
VISITORS = ["Nguyễn Hồng Diên", "Trần Lưu Quang", "Lê Thị Hồng Vân"]
HOSTS = ["Phạm Hoàng Sơn", "Nguyễn Thanh Bình"]
ARTICLES = Path(__file__).resolve().parent.parent / "articles"


@pytest.fixture
def archive():
    """Provinces, officials and documents shared by the meetings of a test."""
    people = {name: PersonFactory(full_name=name) for name in VISITORS + HOSTS + ["Hà Văn Tư"]}
    return {
        "thai_nguyen": AreaFactory(name="Thái Nguyên"),
        "bac_ninh": AreaFactory(name="Bắc Ninh"),
        "people": people,
        "52": ResolutionFactory(code="52-NQ/TW"),
        "23": ResolutionFactory(code="23-NQ/TW"),
    }


def a_meeting(archive, *, date=DAY, area="thai_nguyen", visitors=(), hosts=(), codes=(), **kw):
    meeting = MeetingFactory(date=date, date_precision="day" if date else "unknown",
                             area=archive[area], **kw)  # fmt: skip
    for order, name in enumerate([*visitors, *hosts]):
        side = Participation.Side.DELEGATION if name in visitors else Participation.Side.HOST
        ParticipationFactory(meeting=meeting, person=archive["people"][name], side=side,
                             order=order)  # fmt: skip
    meeting.resolutions.set([archive[code] for code in codes])
    return meeting


def a_draft(*, date="2024-05-11", places=("Thái Nguyên",), visitors=(), hosts=(), codes=()):
    people = [{"name": name, "title": "", "organization": None, "side": "delegation",
               "roles": []} for name in visitors]  # fmt: skip
    people += [{"name": name, "title": "", "organization": None, "side": "host", "roles": []}
               for name in hosts]  # fmt: skip
    return {
        "title": "Đoàn công tác làm việc với tỉnh",
        "date": date,
        "date_precision": "day" if date else None,
        "places": list(places),
        "organizations": [],
        "people": people,
        "resolutions": [
            {"code": code, "date": None, "issuer": None, "title": None} for code in codes
        ],  # fmt: skip
        "site_visits": [],
        "language": "vi",
    }


def test_the_same_session_reported_again_comes_first_and_attaches_clearly(archive):
    session = a_meeting(archive, visitors=VISITORS[:2], hosts=HOSTS, codes=["52"])
    # The same province the next day, with another delegation: the same hosts, the same document.
    a_meeting(archive, date=DAY + datetime.timedelta(days=1), visitors=["Hà Văn Tư"],
              hosts=HOSTS, codes=["52"])  # fmt: skip
    # The same delegation a week later in another province.
    a_meeting(archive, date=DAY + datetime.timedelta(days=7), area="bac_ninh",
              visitors=VISITORS[:2], codes=["52"])  # fmt: skip
    draft = a_draft(visitors=VISITORS[:2], hosts=HOSTS[:1], codes=["52/NQ-TW"])

    best, second, *_others = same_meeting_candidates(draft)

    assert best.meeting == session
    assert best.attach and not second.attach
    assert best.score - second.score >= 4
    assert best.reasons == [
        "1 day apart",
        "3 officials in common: Nguyễn Hồng Diên, Trần Lưu Quang, Phạm Hoàng Sơn",
        "document 52-NQ/TW",
        "same province Thái Nguyên",
    ]


def test_the_same_official_a_week_later_in_another_province_stays_below_the_threshold(archive):
    later = a_meeting(archive, date=DAY + datetime.timedelta(days=7), area="bac_ninh",
                      visitors=VISITORS, codes=["52", "23"])  # fmt: skip
    draft = a_draft(date="2024-05-10", visitors=VISITORS, codes=["52-NQ/TW", "23-NQ/TW"])

    found = {candidate.meeting: candidate for candidate in same_meeting_candidates(draft)}

    assert later not in found or not found[later].attach


def test_another_session_in_the_same_province_the_same_day_is_not_attached(archive):
    a_meeting(archive, visitors=["Hà Văn Tư"], hosts=HOSTS, codes=["52"])
    draft = a_draft(date="2024-05-10", visitors=VISITORS, hosts=HOSTS, codes=["52-NQ/TW"])

    (candidate,) = same_meeting_candidates(draft)

    assert candidate.score < ATTACH_THRESHOLD and not candidate.attach


def test_an_english_report_finds_the_officials_printed_without_diacritics(archive):
    session = a_meeting(archive, visitors=VISITORS[:2], hosts=HOSTS)
    draft = a_draft(places=["Thai Nguyen"], visitors=["Nguyen Hong Dien", "Tran Luu Quang"],
                    hosts=["Pham Hoang Son"])  # fmt: skip
    for person in draft["people"]:
        person["side"] = None  # the English reader gives no side

    (candidate,) = same_meeting_candidates(draft)

    assert candidate.meeting == session and candidate.attach
    assert "3 officials in common: Nguyễn Hồng Diên, Trần Lưu Quang, Phạm Hoàng Sơn" in (
        candidate.reasons
    )
    assert "same province Thái Nguyên" in candidate.reasons


def test_an_undated_report_finds_by_officials_but_attaches_only_on_strong_overlap(archive):
    session = a_meeting(archive, visitors=VISITORS, hosts=HOSTS)

    (weak,) = same_meeting_candidates(a_draft(date=None, visitors=VISITORS[:2]))
    (strong,) = same_meeting_candidates(a_draft(date=None, visitors=VISITORS, hosts=HOSTS))

    assert weak.meeting == session and not weak.attach
    assert strong.meeting == session and strong.attach
    assert not any("date" in reason or "apart" in reason for reason in strong.reasons)


def test_an_undated_meeting_is_found_by_a_dated_report(archive):
    session = a_meeting(archive, date=None, visitors=VISITORS[:2])

    (candidate,) = same_meeting_candidates(a_draft(visitors=VISITORS[:2]))

    assert candidate.meeting == session and not candidate.attach


def test_a_date_printed_in_part_contradicts_another_year(archive):
    a_meeting(archive, visitors=VISITORS, codes=["52"])

    (same_year,) = same_meeting_candidates(a_draft(date="2024-05", visitors=VISITORS))
    (other_year,) = same_meeting_candidates(a_draft(date="2023", visitors=VISITORS))

    assert same_year.attach
    assert "another month or year" in other_year.reasons and not other_year.attach


def test_organizations_visited_and_the_delegation_s_organization_count(archive):
    session = a_meeting(archive, visitors=VISITORS[:1])
    company = OrganizationFactory(name="Công ty cổ phần TNG", kind="enterprise")
    commission = OrganizationFactory(name="Ban Kinh tế Trung ương", kind="other")
    session.visited_organizations.set([company])
    Delegation.objects.create(meeting=session, lead_organization=commission)
    draft = a_draft(visitors=VISITORS[:1])
    draft["site_visits"] = ["Công ty Cổ phần TNG"]
    draft["people"][0]["organization"] = "Ban Kinh tế Trung ương"

    (candidate,) = same_meeting_candidates(draft)

    assert (
        "organizations in common: Công ty cổ phần TNG, Ban Kinh tế Trung ương" in candidate.reasons
    )


def test_drafts_are_candidates_too_and_the_json_gives_the_editors_address(archive):
    session = draft_meeting(date=DAY, date_precision="day", area=archive["thai_nguyen"])
    ParticipationFactory(meeting=session, person=archive["people"][VISITORS[0]],
                         side=Participation.Side.DELEGATION)  # fmt: skip

    (found,) = same_meeting_json(a_draft(visitors=VISITORS[:1]))

    assert found == {
        "id": session.pk,
        "url": f"/admin/meetings/meeting/{session.pk}/change/",
        "score": 8.5,
        "attach": False,
        "reasons": [
            "1 day apart",
            "1 official in common: Nguyễn Hồng Diên",
            "same province Thái Nguyên",
        ],
    }


def test_nothing_in_common_finds_nothing(archive):
    a_meeting(archive, visitors=VISITORS)

    assert same_meeting_candidates({}) == []
    assert same_meeting_candidates(extract_article("")) == []
    assert same_meeting_candidates(a_draft(date="2020-01-01", visitors=["Đỗ Văn Chiến"])) == []


def test_a_meeting_that_shares_only_the_date_is_no_candidate(archive):
    a_meeting(archive, area="bac_ninh", visitors=["Hà Văn Tư"], codes=["23"])
    draft = a_draft(places=(), visitors=VISITORS, codes=["52-NQ/TW"])

    assert same_meeting_candidates(draft) == []


def test_the_limit_is_kept_best_first(archive):
    for days in range(-2, 3):
        a_meeting(archive, date=DAY + datetime.timedelta(days=days), visitors=VISITORS[:1])

    found = same_meeting_candidates(a_draft(visitors=VISITORS[:1]), limit=3)

    assert len(found) == 3
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def queries_for(draft) -> int:
    with CaptureQueriesContext(connection) as queries:
        same_meeting_candidates(draft, limit=50)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_candidates(archive):
    draft = a_draft(visitors=VISITORS, hosts=HOSTS, codes=["52-NQ/TW"])
    a_meeting(archive, visitors=VISITORS, hosts=HOSTS, codes=["52"])
    few = queries_for(draft)
    for days in range(-2, 3):
        for area in ("thai_nguyen", "bac_ninh"):
            meeting = a_meeting(
                archive,
                date=DAY + datetime.timedelta(days=days),
                area=area,
                visitors=VISITORS[:2],
                hosts=HOSTS[:1],
                codes=["52", "23"],
            )
            meeting.visited_organizations.add(OrganizationFactory())
            Delegation.objects.create(meeting=meeting, lead_organization=OrganizationFactory())

    # The first, and the eight others dated near enough to have something in their favour.
    assert len(same_meeting_candidates(draft, limit=50)) == 9
    assert queries_for(draft) == few


def test_a_second_import_of_a_real_report_proposes_its_meeting(archive):
    path = ARTICLES / "thai-nguyen-working-session.txt"
    text = path.read_text(encoding="utf-8")
    first = meeting_import_from_text(text=text).meeting
    # The same report with its date printed, as another outlet would give it.
    draft = extract_article(text)
    draft["date"] = "2024-05-10"
    first.date, first.date_precision = datetime.date(2024, 5, 9), "day"
    first.save()

    best, *others = same_meeting_candidates(draft)

    assert best.meeting == first and best.attach
    assert all(other.score < ATTACH_THRESHOLD for other in others)


NAMES = st.one_of(st.none(), st.integers(), st.text(max_size=30), st.sampled_from(VISITORS))
PERSON = st.fixed_dictionaries(
    {"name": NAMES, "side": st.sampled_from([None, "host", "delegation", 3]),
     "organization": NAMES, "roles": st.one_of(st.none(), st.lists(st.text(max_size=15)))}
)  # fmt: skip
DRAFT = st.fixed_dictionaries(
    {},
    optional={
        "date": st.one_of(st.none(), st.integers(), st.text(max_size=12),
                          st.dates().map(str), st.sampled_from(["2024-13", "2024-02-30", "2024"])),
        "people": st.one_of(st.none(), st.text(max_size=5), st.lists(st.one_of(PERSON, NAMES))),
        "resolutions": st.one_of(st.none(), st.lists(st.fixed_dictionaries({"code": NAMES}))),
        "places": st.one_of(st.none(), st.lists(NAMES)),
        "site_visits": st.one_of(st.none(), st.lists(NAMES)),
    },
)  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(draft=DRAFT)
def test_no_draft_makes_the_matching_raise(archive, draft):
    if not Meeting.objects.exists():
        a_meeting(archive, visitors=VISITORS[:1], codes=["52"])

    for candidate in same_meeting_candidates(draft):
        assert candidate.score > 0 and candidate.attach == (candidate.score >= ATTACH_THRESHOLD)


def test_a_draft_with_nul_characters_is_matched_without_a_database_error(archive):
    a_meeting(archive, visitors=VISITORS[:1], codes=["52"])
    draft = {
        "places": ["\x00"],
        "people": [{"name": "Phạm\x00 Hoàng Sơn"}],
        "site_visits": ["\x00"],
    }
    assert same_meeting_candidates(draft) == same_meeting_candidates({})


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-02", "9999-12-31"])
def test_a_draft_dated_at_the_calendars_ends_is_matched_without_overflow(archive, day):
    a_meeting(archive, visitors=VISITORS[:1], codes=["52"])
    assert same_meeting_candidates({"date": day, "people": []}) == []


def test_the_real_english_pair_of_one_session_is_proposed_without_attaching(archive):
    """Two outlets' reports of the General Secretary's session with the Central Economic
    Commission on 11 February 2017: one prints no year, neither a province, and one names only
    the General Secretary, so one official in common is all the matching sees."""
    corpus = ARTICLES.parent / "corpus"
    first = corpus / "baonghean-en-general-secretary-central-economic-committee.txt"
    meeting = meeting_import_from_text(text=first.read_text(encoding="utf-8")).meeting
    second = corpus / "vietnamplus-en-party-chief-economic-commission.txt"

    (candidate,) = same_meeting_candidates(extract_article(second.read_text(encoding="utf-8")))

    assert candidate.meeting == meeting and not candidate.attach
    assert candidate.reasons == ["1 official in common: Nguyen Phu Trong"]


def test_the_reasons_read_in_the_interfaces_language():
    meeting = MeetingFactory(date=datetime.date(2024, 6, 5))
    ParticipationFactory(meeting=meeting, person=PersonFactory(full_name="Phạm Hoàng Sơn"))
    draft = {"date": "2024-06-06", "people": [{"name": "Phạm Hoàng Sơn", "title": ""}]}
    with translation.override("vi"):
        reasons = same_meeting_candidates(draft)[0].reasons
    assert reasons[:2] == ["cách nhau 1 ngày", "1 người cùng có mặt: Phạm Hoàng Sơn"]
