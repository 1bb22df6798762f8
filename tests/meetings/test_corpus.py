"""The real corpus (tests/corpus): published reports, their manifest, and the extractor on them."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from bench import score_import
from meetings.importer import extract_article
from meetings.models import Meeting

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
ENTRIES = MANIFEST["articles"]
# Corpus files that make the extractor raise today: file name → the exception's class.
# None on the first try (2 Dec 2026).
RAISES: dict[str, type[Exception]] = {}


def corpus_case(entry: dict):
    raises = RAISES.get(entry["file"])
    marks = [pytest.mark.xfail(raises=raises, strict=True)] if raises else []
    return pytest.param(entry, id=entry["file"], marks=marks)


@pytest.mark.parametrize("entry", [corpus_case(entry) for entry in ENTRIES])
def test_every_corpus_file_is_extracted_without_raising(entry):
    result = extract_article((CORPUS / entry["file"]).read_text(encoding="utf-8"))
    assert isinstance(result["people"], list) and isinstance(result["photos"], list)


def test_the_manifest_lists_every_corpus_file_once_with_its_expected_file():
    texts = sorted(path.name for path in CORPUS.glob("*.txt"))
    assert sorted(entry["file"] for entry in ENTRIES) == texts
    for entry in ENTRIES:
        assert (CORPUS / entry["file"]).with_suffix(".expected.json").exists(), entry["file"]
        assert entry["address"].startswith(("http://", "https://")), entry["file"]
        assert entry["subset"] in ("dev", "held-out") and entry["language"] in ("vi", "en")


def test_the_corpus_is_as_issue_14_asks():
    """At least 30 reports, 6 in English, 8 with page chrome; a third held out, of which at
    least 2 in English and 3 with chrome."""
    held_out = [entry for entry in ENTRIES if entry["subset"] == "held-out"]
    assert len(ENTRIES) >= 30
    assert sum(entry["language"] == "en" for entry in ENTRIES) >= 6
    assert sum(entry["has_chrome"] for entry in ENTRIES) >= 8
    assert len(held_out) >= max(10, len(ENTRIES) // 3)
    assert sum(entry["language"] == "en" for entry in held_out) >= 2
    assert sum(entry["has_chrome"] for entry in held_out) >= 3


def test_expected_files_state_what_issue_14_scores():
    for path, expected, entry in score_import.corpus_articles():
        assert expected["language"] == entry["language"], path.name
        assert expected["title"] and expected["title"] in path.read_text(encoding="utf-8")
        assert (expected["date"] is None) == (expected["date_precision"] is None), path.name
        for photo in expected["photos"]:
            assert set(photo) >= {"caption", "credit", "people"}, path.name


def test_the_corpus_is_scored_by_subset():
    subsets = score_import.corpus_subsets(score_import.corpus_articles())
    held_out = [entry for entry in ENTRIES if entry["subset"] == "held-out"]
    assert len(subsets["development"]) + len(subsets["held-out"]) == len(ENTRIES)
    assert all(entry["language"] == "en" for _, _, entry in subsets["English"])
    totals, raised = score_import.corpus_score(subsets["held-out"])
    assert set(totals) == set(score_import.CORPUS_TARGETS)
    assert totals["caption count exactly right"][2] == len(held_out)
    assert {name for name, _ in raised} <= set(RAISES)


@pytest.mark.django_db(transaction=True)
def test_every_corpus_file_imports_into_the_archive_as_a_draft(tmp_path):
    """Issue 14: no corpus file makes the import raise, on either engine; each is one draft."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for entry in ENTRIES:
        shutil.copy(CORPUS / entry["file"], folder / entry["file"])
    out = io.StringIO()
    call_command("import_article", str(folder), stdout=out)
    assert " refused: " not in out.getvalue()
    assert Meeting.objects.count() == len(ENTRIES)
    assert not Meeting.objects.published().exists()
