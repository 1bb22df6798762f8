"""Issue 15, part 3 with real material: the second outlet's report of a session finds the
meeting the first one made, and attaching it adds exactly the facts the first lacked."""

import io
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from meetings.services import (
    SameMeetingFound,
    SplitRefused,
    meeting_import_from_text,
    meeting_split_report,
)
from people.text import fold
from tests.admin_forms import import_through_preview

pytestmark = pytest.mark.django_db

PAIRS_DIR = Path(__file__).resolve().parent.parent / "articles" / "same-session"
PAIRS = json.loads((PAIRS_DIR / "manifest.json").read_text(encoding="utf-8"))["pairs"]
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# Other sessions in the archive, so that the first meeting must win against real neighbours.
OTHERS = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["articles"][:8]
# "Clearly above": the best candidate leads the next by at least this many points.
MARGIN = 3.0


def text_of(report: dict) -> str:
    return (PAIRS_DIR / report["file"]).read_text(encoding="utf-8")


def imported(report: dict, **options):
    return meeting_import_from_text(text=text_of(report), source_url=report["address"], **options)


@pytest.fixture
def archive():
    """Every pair's first report and eight other real sessions, each its own meeting."""
    for entry in OTHERS:
        text = (CORPUS / entry["file"]).read_text(encoding="utf-8")
        meeting_import_from_text(text=text, source_url=entry["address"], new=True)
    return {pair["slug"]: imported(pair["reports"][0], new=True).meeting for pair in PAIRS}


@pytest.mark.parametrize("pair", PAIRS, ids=[pair["slug"] for pair in PAIRS])
def test_the_second_report_proposes_the_first_meeting_first_clearly_above_any_other(archive, pair):
    dry = imported(pair["reports"][1], dry_run=True)
    scores = [candidate.score for candidate in dry.same_meeting]
    assert dry.same_meeting[0].meeting == archive[pair["slug"]]
    assert scores[0] - (scores[1] if len(scores) > 1 else 0) >= MARGIN, dry.same_meeting
    assert Meeting.objects.count() == len(OTHERS) + len(PAIRS)  # a dry run writes nothing


@pytest.mark.parametrize("pair", PAIRS, ids=[pair["slug"] for pair in PAIRS])
def test_attaching_adds_exactly_the_facts_the_first_report_lacked(archive, pair):
    meeting = archive[pair["slug"]]
    before = {
        "people": set(meeting.participations.values_list("person__name_folded", flat=True)),
        "figures": Counter(
            (value.normalize(), unit)
            for value, unit in meeting.reported_values.values_list("value", "unit")
        ),
        "photos": meeting.photos.count(),
    }
    result = imported(pair["reports"][1], attach_to=meeting)
    added = pair["only_in_second"]
    assert result.meeting == meeting and result.attached
    people = set(meeting.participations.values_list("person__name_folded", flat=True))
    assert people - before["people"] == {fold(name) for name in added["people"]}
    figures = Counter(
        (value.normalize(), unit)
        for value, unit in meeting.reported_values.values_list("value", "unit")
    )
    expected = Counter((Decimal(f["value"]).normalize(), f["unit"]) for f in added["figures"])
    assert figures - before["figures"] == expected
    assert meeting.photos.count() - before["photos"] == len(added["photos"])
    assert meeting.reports.count() == 2


@pytest.mark.parametrize("pair", PAIRS, ids=[pair["slug"] for pair in PAIRS])
def test_each_report_cites_what_it_printed_with_titles_as_it_printed_them(archive, pair):
    meeting = archive[pair["slug"]]
    imported(pair["reports"][1], attach_to=meeting)
    first, second = meeting.reports.order_by("position")
    for name in pair["shared"]["people"]:
        participation = meeting.participations.get(person__name_folded=name)
        assert set(participation.citations.values_list("report", flat=True)) == {
            first.pk,
            second.pk,
        }
    for change in pair["only_in_second"].get("titles", []):
        citation = second.participation_citations.get(
            participation__person__name_folded=change["person"]
        )
        assert citation.title_as_printed == change["title"]
    # Nothing the first report said was overwritten: its citations keep its titles.
    for citation in first.participation_citations.select_related("participation"):
        assert citation.title_as_printed == citation.participation.title_as_reported


def test_a_clear_match_is_not_imported_until_the_editor_chooses(archive):
    pair = next(pair for pair in PAIRS if pair["slug"] == "an-giang-mai-van-chinh")
    with pytest.raises(SameMeetingFound) as found:
        imported(pair["reports"][1])
    assert found.value.candidates[0].meeting == archive[pair["slug"]]
    assert Meeting.objects.count() == len(OTHERS) + len(PAIRS)
    assert imported(pair["reports"][1], new=True).meeting != archive[pair["slug"]]


def call(*args) -> str:
    out = io.StringIO()
    call_command("import_article", *args, stdout=out)
    return out.getvalue()


def test_the_command_asks_for_attach_to_or_new_and_does_either(archive, tmp_path):
    pair = next(pair for pair in PAIRS if pair["slug"] == "an-giang-mai-van-chinh")
    report = pair["reports"][1]
    path = tmp_path / "second.txt"
    path.write_text(text_of(report), encoding="utf-8")
    meeting = archive[pair["slug"]]
    dry = json.loads(call(str(path), "--url", report["address"], "--dry-run", "--json"))
    assert dry["same_meeting"][0]["id"] == meeting.pk and dry["same_meeting"][0]["attach"]
    assert set(dry["same_meeting"][0]) == {"id", "url", "score", "attach", "reasons"}
    with pytest.raises(CommandError, match=f"--attach-to {meeting.pk}"):
        call(str(path), "--url", report["address"])
    with pytest.raises(CommandError, match="No meeting #999999"):
        call(str(path), "--attach-to", "999999")
    assert "Attached to" in call(
        str(path), "--url", report["address"], "--attach-to", str(meeting.pk)
    )
    assert meeting.reports.count() == 2


def test_the_import_page_offers_the_candidates_and_attaches_the_chosen_one(archive, editor_client):
    pair = next(pair for pair in PAIRS if pair["slug"] == "an-giang-mai-van-chinh")
    report, meeting = pair["reports"][1], archive[pair["slug"]]
    url = reverse("admin:meetings_meeting_import")
    data = {"text": text_of(report), "source_url": report["address"], "publisher": ""}
    offered = editor_client.post(url, data)
    assert offered.status_code == 200
    assert f'value="{meeting.pk}"' in offered.content.decode()
    confirm = {**data, "confirm": "1"}
    bad = editor_client.post(url, {**confirm, "same_meeting": "1; DROP TABLE"})
    assert bad.status_code == 200 and meeting.reports.count() == 1
    gone = editor_client.post(url, {**confirm, "same_meeting": "999999"})
    assert gone.status_code == 200 and meeting.reports.count() == 1
    assert "no longer exists" in gone.content.decode() or "không còn" in gone.content.decode()
    attached = import_through_preview(editor_client, {**data, "same_meeting": str(meeting.pk)})
    assert attached.status_code == 302 and meeting.reports.count() == 2


def facts(meeting) -> dict:
    return {
        "people": sorted(meeting.participations.values_list("person__name_folded", flat=True)),
        "figures": sorted(
            (str(value.normalize()), unit)
            for value, unit in meeting.reported_values.values_list("value", "unit")
        ),
        "photos": sorted(meeting.photos.values_list("caption", flat=True)),
        "codes": sorted(meeting.resolutions.values_list("code", flat=True)),
    }


@pytest.mark.parametrize("pair", PAIRS, ids=[pair["slug"] for pair in PAIRS])
def test_splitting_a_wrongly_attached_report_gives_back_both_meetings(archive, pair):
    meeting = archive[pair["slug"]]
    alone = facts(meeting)
    imported(pair["reports"][1], attach_to=meeting)
    second = meeting.reports.get(position=2)
    new = meeting_split_report(report=second)
    meeting.refresh_from_db()
    assert facts(meeting) == alone
    assert list(meeting.reports.values_list("position", flat=True)) == [1]
    assert new.status == Meeting.Status.DRAFT and list(new.reports.all()) == [second]
    on_its_own = meeting_import_from_text(
        text=text_of(pair["reports"][1]) + "\n", new=True
    ).meeting  # what the report alone makes (the text changed by a newline: not "already")
    assert facts(new) == facts(on_its_own)
    for citation in second.participation_citations.select_related("participation"):
        assert citation.participation.meeting_id == new.pk


def test_the_only_report_of_a_meeting_cannot_be_split_out(archive):
    report = archive[PAIRS[0]["slug"]].reports.get()
    with pytest.raises(SplitRefused):
        meeting_split_report(report=report)


def test_the_report_admin_splits_a_report_out(archive, editor_client):
    pair = next(pair for pair in PAIRS if pair["slug"] == "an-giang-mai-van-chinh")
    meeting = archive[pair["slug"]]
    imported(pair["reports"][1], attach_to=meeting)
    second = meeting.reports.get(position=2)
    response = editor_client.post(
        reverse("admin:meetings_report_changelist"),
        {"action": "split_out", "_selected_action": [second.pk]},
        follow=True,
    )
    assert response.status_code == 200
    second.refresh_from_db()
    assert second.meeting_id != meeting.pk and meeting.reports.count() == 1


def test_the_public_page_cites_each_report_by_number_and_shows_other_titles_on_demand(
    archive, client
):
    pair = next(pair for pair in PAIRS if pair["slug"] == "an-giang-mai-van-chinh")
    meeting = archive[pair["slug"]]
    imported(pair["reports"][1], attach_to=meeting)
    meeting.refresh_from_db()
    meeting.status, meeting.published_at = Meeting.Status.PUBLISHED, timezone.now()
    meeting.save()
    page = client.get(meeting.get_absolute_url()).content.decode()
    first, second = meeting.reports.order_by("position")
    assert f'href="#report-{first.pk}"' in page and f'href="#report-{second.pk}"' in page
    assert f'id="report-{second.pk}"' in page
    assert "<summary>" in page and "Deputy Prime Minister</details>" in page
    assert meeting.get_absolute_url() in page  # the permanent address in "how to cite"
