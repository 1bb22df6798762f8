"""Score `extract_article` against hand-checked expected files.

Run from the repository root: `python bench/score_import.py`. Prints precision and recall per
field twice, for all articles of tests/articles and for the held-out ones only (`*-held-out.*`:
their expected files were written by hand before the extractor ever read them), then the
extraction speed. Exits non-zero when a target is missed on all of tests/articles; a held-out
miss is printed, not fatal.

Then it scores the real corpus, tests/corpus (published reports saved as an editor pastes them;
`manifest.json` gives each one's address, language and subset), on issue 14's fields and targets,
for the development, held-out and English subsets; a corpus miss is printed, not fatal.
`python bench/score_import.py corpus` prints only the corpus tables; `… corpus dev` only the
development subset's (it reads no held-out file).
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meetings.importer import extract_article, page_to_text  # noqa: E402
from people.text import fold  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
CORPUS = ROOT / "tests" / "corpus"
# field → (minimum precision, minimum recall)
TARGETS = {
    "people with exact titles": (0.95, 0.95),
    "resolution codes": (1.0, 1.0),
    "figures (value, unit, period)": (0.90, 0.90),
}
MINIMUM_SPEED = 50  # articles a second
# Files whose indicator names an editor wrote (the reference follows the sample archive's names);
# the other development files hold the extractor's names as a regression check, not as truth.
EDITOR_NAMED = {"thai-nguyen-working-session"}


def article_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return page_to_text(text) if path.suffix == ".html" else text


def is_held_out(path: Path) -> bool:
    return path.stem.endswith("-held-out")


def scored_items(result: dict) -> dict[str, list[tuple]]:
    """What each scored field compares: the facts an editor would otherwise have to fix.

    Indicator names are compared folded, with the figure's value and unit; a file that states
    no names is not scored on them.
    """
    items = {
        "people with exact titles": [(p["name"], p["title"]) for p in result["people"]],
        "resolution codes": [(r["code"],) for r in result["resolutions"]],
        "resolutions with dates": [(r["code"], r["date"]) for r in result["resolutions"]],
        "figures (value, unit, period)": [
            (f["value"], f["unit"], f["period"]) for f in result["indicators"]
        ],
        "captions": [(photo["caption"],) for photo in result["photos"]],
        "captions with people": [
            (photo["caption"], tuple(photo["people"])) for photo in result["photos"]
        ],
    }
    if all("name" in f for f in result["indicators"]):
        items["indicator names (folded)"] = [
            (fold(f["name"]), f["value"], f["unit"]) for f in result["indicators"]
        ]
    return items


def matched(expected: list[tuple], found: list[tuple]) -> int:
    """Matches as a multiset: the same figure printed twice must be found twice."""
    remaining = list(expected)
    hits = 0
    for item in found:
        if item in remaining:
            remaining.remove(item)
            hits += 1
    return hits


def articles() -> list[tuple[Path, dict]]:
    pairs = []
    for path in sorted(ARTICLES.iterdir()):
        if path.suffix in (".txt", ".html"):
            expected = path.with_name(path.stem + ".expected.json")
            if expected.exists():
                pairs.append((path, json.loads(expected.read_text(encoding="utf-8"))))
    return pairs


def score(pairs: list[tuple[Path, dict]]) -> dict[str, list[int]]:
    """field → [hits, found, expected] summed over `pairs`."""
    totals: dict[str, list[int]] = {}
    for path, expected in pairs:
        found = scored_items(extract_article(article_text(path)))
        expected_items_by_field = scored_items(expected)
        if not (is_held_out(path) or path.stem in EDITOR_NAMED):
            expected_items_by_field.pop("indicator names (folded)", None)
        for field, expected_items in expected_items_by_field.items():
            counts = totals.setdefault(field, [0, 0, 0])
            counts[0] += matched(expected_items, found[field])
            counts[1] += len(found[field])
            counts[2] += len(expected_items)
    return totals


def table(heading: str, totals: dict[str, list[int]]) -> list[str]:
    """Print one table; return the fields that miss their target."""
    print(f"{heading}\n")
    print(f"| {'field':<31} | {'found':>5} | {'expected':>8} | {'precision':>9} | {'recall':>6} |")
    print(f"| {'-' * 31} | {'-' * 5}:| {'-' * 8}:| {'-' * 9}:| {'-' * 6}:|")
    misses = []
    for field, (hits, found, expected) in totals.items():
        precision = hits / found if found else 1.0
        recall = hits / expected if expected else 1.0
        minimum_precision, minimum_recall = TARGETS.get(field, (0, 0))
        missed = precision < minimum_precision or recall < minimum_recall
        mark = " ✗" if missed else ""
        print(
            f"| {field:<31} | {found:>5} | {expected:>8} | {precision:>9.1%} "
            f"| {recall:>6.1%} |{mark}"
        )
        if missed:
            misses.append(field)
    print()
    return misses


def speed(pairs: list[tuple[Path, dict]]) -> float:
    texts = [article_text(path) for path, _ in pairs]
    rounds = 0
    started = time.perf_counter()
    while time.perf_counter() - started < 2.0:
        for text in texts:
            extract_article(text)
        rounds += 1
    return rounds * len(texts) / (time.perf_counter() - started)


# The real corpus (issue 14). Each field is (minimum precision, minimum recall); a field that is a
# share of articles (caption count, meeting date) has its target as the recall and no precision.
CORPUS_TARGETS = {
    "people": (0.95, 0.95),
    "people with exact titles": (0, 0.90),
    "codes": (0.95, 1.0),
    "codes with dates": (0, 0.90),
    "figures (value, unit)": (0.95, 0.90),
    "caption count exactly right": (0, 0.80),
    "meeting dates (where printed)": (0, 0.90),
}
ARTICLE_SHARES = {"caption count exactly right", "meeting dates (where printed)"}


def corpus_articles() -> list[tuple[Path, dict, dict]]:
    """(text file, expected dict, manifest entry) for every article of tests/corpus."""
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    triples = []
    for entry in manifest["articles"]:
        path = CORPUS / entry["file"]
        expected = path.with_name(path.stem + ".expected.json")
        triples.append((path, json.loads(expected.read_text(encoding="utf-8")), entry))
    return triples


def corpus_items(result: dict) -> dict[str, list[tuple]]:
    """What issue 14 compares. Names and titles exactly as printed; a person without a title
    counts for people but not for titles; a document without a date not for dates."""
    people = result.get("people") or []
    resolutions = result.get("resolutions") or []
    return {
        "people": [(p["name"],) for p in people],
        "people with exact titles": [(p["name"], p["title"]) for p in people if p.get("title")],
        "codes": [(r["code"],) for r in resolutions],
        "codes with dates": [(r["code"], r["date"]) for r in resolutions if r.get("date")],
        "figures (value, unit)": [(f["value"], f["unit"]) for f in result.get("indicators") or []],
    }


def corpus_extract(path: Path, address: str = "") -> tuple[dict, str | None]:
    """The extractor's result, or an empty one and the exception's name when it raises. The
    address is given apart, as an editor gives it to the import."""
    try:
        return extract_article(article_text(path), source_url=address), None
    except Exception as error:  # noqa: BLE001 - a corpus file that raises is scored as empty
        return {}, f"{type(error).__name__}: {error}"


def corpus_score(triples: list[tuple[Path, dict, dict]]) -> tuple[dict[str, list[int]], list]:
    """field → [hits, found, expected] summed over `triples`, and the files that raised.

    For the two shares of articles, `found` counts the articles scored and `expected` too: the
    caption count is right when the extractor finds as many photos as the file states; the
    meeting date is scored only where the expected file states one."""
    totals: dict[str, list[int]] = {field: [0, 0, 0] for field in CORPUS_TARGETS}
    raised = []
    for path, expected, entry in triples:
        result, error = corpus_extract(path, entry.get("address", ""))
        if error:
            raised.append((path.name, error))
        found = corpus_items(result)
        for field, expected_items in corpus_items(expected).items():
            totals[field][0] += matched(expected_items, found[field])
            totals[field][1] += len(found[field])
            totals[field][2] += len(expected_items)
        captions = totals["caption count exactly right"]
        captions[0] += len(result.get("photos") or []) == len(expected["photos"])
        captions[1] += 1
        captions[2] += 1
        if expected.get("date"):
            dates = totals["meeting dates (where printed)"]
            dates[0] += result.get("date") == expected["date"]
            dates[1] += 1
            dates[2] += 1
    return totals, raised


def corpus_table(heading: str, totals: dict[str, list[int]]) -> list[str]:
    """Print one corpus table; return the fields that miss issue 14's targets."""
    print(f"{heading}\n")
    print(f"| {'field':<31} | {'hits':>4} | {'found':>5} | {'expected':>8} | {'precision':>9} "
          f"| {'recall':>6} |")  # fmt: skip
    print(f"| {'-' * 31} | {'-' * 4}:| {'-' * 5}:| {'-' * 8}:| {'-' * 9}:| {'-' * 6}:|")
    misses = []
    for field, (hits, found, expected) in totals.items():
        minimum_precision, minimum_recall = CORPUS_TARGETS[field]
        recall = hits / expected if expected else 1.0
        if field in ARTICLE_SHARES:
            precision_cell, missed = "", recall < minimum_recall
        else:
            precision = hits / found if found else 1.0
            precision_cell = f"{precision:.1%}"
            missed = precision < minimum_precision or recall < minimum_recall
        print(
            f"| {field:<31} | {hits:>4} | {found:>5} | {expected:>8} | {precision_cell:>9} "
            f"| {recall:>6.1%} |{' ✗' if missed else ''}"
        )
        if missed:
            misses.append(field)
    print()
    return misses


def corpus_subsets(triples: list[tuple[Path, dict, dict]]) -> dict[str, list]:
    """The subsets issue 14 reports: development, held-out (all, then each batch, since a batch
    committed later is scored first-try by a later importer), English (of either subset)."""
    held_out = [t for t in triples if t[2]["subset"] == "held-out"]
    batches = sorted({t[2].get("batch", 1) for t in held_out})
    return {
        "development": [t for t in triples if t[2]["subset"] == "dev"],
        "held-out": held_out,
        **{
            f"held-out, batch {batch}": [t for t in held_out if t[2].get("batch", 1) == batch]
            for batch in batches
            if len(batches) > 1
        },
        "English": [t for t in triples if t[2]["language"] == "en"],
    }


def corpus_report(only: str = "") -> None:
    """Print the corpus tables; `only` names one subset (`dev` reads no held-out file)."""
    triples = corpus_articles()
    if only:
        triples = [t for t in triples if t[2]["subset"] == only]
    all_raised = []
    for name, subset in corpus_subsets(triples).items():
        if not subset:
            continue
        totals, raised = corpus_score(subset)
        all_raised += [item for item in raised if item not in all_raised]
        misses = corpus_table(f"Real corpus, {name}: {len(subset)} articles", totals)
        if misses:
            print(f"Issue 14 targets missed ({name}): " + ", ".join(misses) + "\n")
    for name, error in all_raised:
        print(f"Raised on {name}: {error}")
    per_second = speed([(path, expected) for path, expected, _ in triples])
    print(f"Real corpus: {per_second:.0f} articles/second (target ≥ {MINIMUM_SPEED})")


def main() -> int:
    if sys.argv[1:2] == ["corpus"]:
        # `corpus dev`: the development subset only, so that no held-out file is read early.
        corpus_report(only=sys.argv[2] if len(sys.argv) > 2 else "")
        return 0
    pairs = articles()
    held_out = [pair for pair in pairs if is_held_out(pair[0])]
    failures = table(f"All {len(pairs)} articles", score(pairs))
    held_out_misses = table(f"Held-out {len(held_out)} articles", score(held_out))
    per_second = speed(pairs)
    print(f"{per_second:.0f} articles/second (target ≥ {MINIMUM_SPEED})")
    if per_second < MINIMUM_SPEED:
        failures.append("speed")
    if held_out_misses:
        print("Held-out targets missed: " + ", ".join(held_out_misses))
    if failures:
        print("Targets missed: " + ", ".join(failures))
    print()
    corpus_report()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
