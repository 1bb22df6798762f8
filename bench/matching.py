"""Issue 15's bars for `meetings.matching`: no false merge, and under 100 ms an article.

Run from the repository root on a migrated PostgreSQL database holding a generated archive
(`manage.py generate_archive --meetings N`), with DATABASE_URL set:

    python bench/matching.py false-merges   # on 10,000 meetings
    python bench/matching.py speed          # on 100,000 meetings
    python bench/matching.py explain        # the look-ups' query plans

The real reports are every article of tests/articles and tests/corpus (each of a different
session; the corpus's addresses from its manifest are given as the import gives them).

`false-merges` prints the distribution of each report's best score, twice: against the
generated archive; then with the reports themselves imported first (each with
`meeting_import_from_text`, in a transaction rolled back at the end), each scored against the
archive less its own meeting, and among the real reports' meetings only. Any candidate at or
above the attach threshold is listed.

`speed` times `same_meeting_candidates` (extraction excluded) for every report, `--rounds`
times, and prints p50/p95 with the load average and the archive's size.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from meetings import matching  # noqa: E402
from meetings.importer import extract_article, page_to_text  # noqa: E402
from meetings.models import Meeting, Participation  # noqa: E402
from meetings.services import meeting_import_from_text  # noqa: E402
from people.models import Person  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
CORPUS = ROOT / "tests" / "corpus"


class Rollback(Exception):
    """Leaves the database as the run found it."""


def real_reports() -> list[tuple[str, str, str]]:
    """(name, text, address) of every real report the repository keeps."""
    reports = []
    for path in sorted(ARTICLES.glob("*.txt")) + sorted(ARTICLES.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        reports.append((path.stem, page_to_text(text) if path.suffix == ".html" else text, ""))
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["articles"]:
        text = (CORPUS / entry["file"]).read_text(encoding="utf-8")
        reports.append((entry["slug"], text, entry["address"]))
    return reports


def drafts(reports) -> list[tuple[str, dict, str, str]]:
    return [(name, extract_article(text, source_url=url), text, url) for name, text, url in reports]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def distribution(label: str, best: dict[str, matching.Candidate | None]) -> None:
    scores = [candidate.score if candidate else 0.0 for candidate in best.values()]
    above = {name: c for name, c in best.items() if c and c.score >= matching.ATTACH_THRESHOLD}
    print(f"\n{label}: {len(scores)} reports, best score per report (0: no candidate)")
    print(
        f"  min {min(scores):.1f}  p50 {percentile(scores, 0.5):.1f}  "
        f"p90 {percentile(scores, 0.9):.1f}  max {max(scores):.1f}  "
        f"with no candidate {sum(1 for c in best.values() if c is None)}  "
        f">= threshold {matching.ATTACH_THRESHOLD:g}: {len(above)}"
    )
    top = sorted(((c.score, name, c) for name, c in best.items() if c), reverse=True)[:5]
    for score, name, candidate in top:
        print(f"  {score:5.1f}  {name} → #{candidate.meeting.pk} {candidate.meeting.title[:50]!r}")
        print(f"         {'; '.join(candidate.reasons)}")
    for name, candidate in above.items():
        print(f"  ABOVE THRESHOLD: {name} → #{candidate.meeting.pk}: {candidate.reasons}")


def best_candidate(draft: dict, *, excluding: int | None = None, among=None):
    """The best candidate but the meeting `excluding`, and only of the meetings `among` when
    given."""
    found = matching.same_meeting_candidates(draft, limit=matching.MAX_CANDIDATES)
    found = [
        candidate
        for candidate in found
        if candidate.meeting.pk != excluding and (among is None or candidate.meeting.pk in among)
    ]
    return found[0] if found else None


def false_merges() -> None:
    reports = drafts(real_reports())
    print(f"archive: {Meeting.objects.count():,} meetings; {connection.vendor}")
    distribution(
        "Against the generated archive",
        {name: best_candidate(draft) for name, draft, _text, _url in reports},
    )
    try:
        with transaction.atomic():
            own = {}
            for name, _draft, text, url in reports:
                own[name] = meeting_import_from_text(text=text, source_url=url).meeting.pk
            distribution(
                "With the real reports imported, each against the archive less its own meeting",
                {
                    name: best_candidate(draft, excluding=own[name])
                    for name, draft, _text, _url in reports
                },
            )
            distribution(
                "The same, among the real reports' meetings only",
                {
                    name: best_candidate(draft, excluding=own[name], among=set(own.values()))
                    for name, draft, _text, _url in reports
                },
            )
            raise Rollback
    except Rollback:
        pass


def speed(rounds: int) -> None:
    reports = drafts(real_reports())
    for _name, draft, _text, _url in reports:  # warm the caches and the connection
        matching.same_meeting_candidates(draft)
    times, candidates = [], []
    for _round in range(rounds):
        for _name, draft, _text, _url in reports:
            start = time.perf_counter()
            found = matching.same_meeting_candidates(draft)
            times.append((time.perf_counter() - start) * 1000)
            candidates.append(len(found))
    with CaptureQueriesContext(connection) as queries:
        for _name, draft, _text, _url in reports:
            matching.same_meeting_candidates(draft)
    print(
        f"archive: {Meeting.objects.count():,} meetings, {Participation.objects.count():,} "
        f"participations, {Person.objects.count():,} people; {connection.vendor}; "
        f"{len(reports)} reports x {rounds} rounds"
    )
    print(
        f"matching per article: p50 {percentile(times, 0.5):.1f} ms  "
        f"p95 {percentile(times, 0.95):.1f} ms  max {max(times):.1f} ms  "
        f"mean {statistics.fmean(times):.1f} ms"
    )
    print(
        f"queries per article: {len(queries) / len(reports):.1f}; "
        f"candidates returned: mean {statistics.fmean(candidates):.1f}"
    )
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


def explain() -> None:
    """The plans of the three look-ups for the report that gives all three their work."""
    reports = drafts(real_reports())
    name, draft = next(
        (name, draft)
        for name, draft, _text, _url in reports
        if draft["date"] and len(draft["date"]) == 10 and draft["people"] and draft["resolutions"]
    )
    facts = matching.draft_facts(draft)
    print(f"report: {name}")
    for lookup in (matching._near_in_time, matching._with_officials, matching._with_documents):
        with CaptureQueriesContext(connection) as queries:
            lookup(facts)
        sql = queries[-1]["sql"]
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"\n{lookup.__name__}:\n{plan}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["false-merges", "speed", "explain"])
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    if arguments.mode == "false-merges":
        false_merges()
    elif arguments.mode == "speed":
        speed(arguments.rounds)
    else:
        explain()


if __name__ == "__main__":
    main()
