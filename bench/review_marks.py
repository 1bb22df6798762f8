"""How many of the facts the importer reads are marked in the report's text on the review
screen, by kind, over the real corpus (tests/corpus) and the reference report.

    python bench/review_marks.py

A fact left unmarked is one the editor must find by hand; the figure is the share found, and
for figures the share whose printed value (not only its sentence) is marked."""

import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from meetings.importer import extract_article  # noqa: E402
from meetings.review import facts_of_draft, highlighted  # noqa: E402
from meetings.sample import ARTICLE_PATH  # noqa: E402

# A figure's mark whose value follows its report number (the line's limit moved it here).
VALUE_MARK = r'<mark id="src-figure-[^"]+"[^>]*><a [^>]*>\d+</a>\d'


def main():
    texts = sorted((ROOT / "tests" / "corpus").glob("*.txt")) + [ARTICLE_PATH]
    total, found, value_marked, seconds = Counter(), Counter(), 0, 0.0
    for path in texts:
        text = path.read_text(encoding="utf-8")
        facts, _general = facts_of_draft(extract_article(text))
        start = time.perf_counter()
        html = str(highlighted(text, facts))
        seconds += time.perf_counter() - start
        for fact in facts:
            if not fact.quotes and fact.kind in {"title", "date", "place"}:
                continue  # nothing read to mark (no headline, no date, no province)
            total[fact.kind] += 1
            found[fact.kind] += fact.found
        value_marked += len(re.findall(VALUE_MARK, html))
    print(f"{len(texts)} reports; highlighting took {seconds * 1000:.0f} ms in all")
    for kind in total:
        share = found[kind] / total[kind]
        print(f"{kind:9} {found[kind]:4}/{total[kind]:<4} marked  {share:6.1%}")
    print(f"figures whose printed value is marked: {value_marked}/{total['figure']}")


if __name__ == "__main__":
    main()
