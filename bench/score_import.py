"""Score `extract_article` against the hand-checked files in tests/articles.

Run from the repository root: `python bench/score_import.py`. Prints precision and recall per
field and the extraction speed; exits non-zero when a target is missed.
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meetings.extract import extract_article, html_to_text  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
# field → (minimum precision, minimum recall)
TARGETS = {
    "people with exact titles": (0.95, 0.95),
    "resolution codes": (1.0, 1.0),
    "figures (value, unit, period)": (0.90, 0.90),
}


def article_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return html_to_text(text) if path.suffix == ".html" else text


def scored_items(result: dict) -> dict[str, list[tuple]]:
    """What each scored field compares: the facts an editor would otherwise have to fix."""
    return {
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


def main() -> int:
    pairs = articles()
    totals: dict[str, list[int]] = {}
    for path, expected in pairs:
        found = scored_items(extract_article(article_text(path)))
        for field, expected_items in scored_items(expected).items():
            counts = totals.setdefault(field, [0, 0, 0])
            counts[0] += matched(expected_items, found[field])
            counts[1] += len(found[field])
            counts[2] += len(expected_items)

    texts = [article_text(path) for path, _ in pairs]
    rounds = 0
    started = time.perf_counter()
    while time.perf_counter() - started < 2.0:
        for text in texts:
            extract_article(text)
        rounds += 1
    per_second = rounds * len(texts) / (time.perf_counter() - started)

    print(f"{len(pairs)} articles\n")
    print(f"| {'field':<31} | {'found':>5} | {'expected':>8} | {'precision':>9} | {'recall':>6} |")
    print(f"| {'-' * 31} | {'-' * 5}:| {'-' * 8}:| {'-' * 9}:| {'-' * 6}:|")
    failures = []
    for field, (hits, found, expected) in totals.items():
        precision = hits / found if found else 1.0
        recall = hits / expected if expected else 1.0
        print(f"| {field:<31} | {found:>5} | {expected:>8} | {precision:>9.1%} | {recall:>6.1%} |")
        minimum_precision, minimum_recall = TARGETS.get(field, (0, 0))
        if precision < minimum_precision or recall < minimum_recall:
            failures.append(field)
    print(f"\n{per_second:.0f} articles/second (target ≥ 50)")
    if per_second < 50:
        failures.append("speed")
    if failures:
        print("Targets missed: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
