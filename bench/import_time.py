"""How long an article takes to import, by size, on the current DATABASE_URL.

Run from the repository whose code you measure (its modules are imported from the current
directory; the article comes from this file's own repository, `tests/long_article.py`), on a
migrated database: `python bench/import_time.py [sizes in KB…]` (default 20 80 300). Each import
runs in a transaction that is rolled back, so the database is left as it was. Prints, for each
size, what the article holds, the seconds to read it and to import it, and the SQL statements
sent; then the amplification case: 19 photos added to the largest meeting one by one, and the
same 19 in one bulk insert.
"""

import importlib.util
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
GENERATOR = Path(__file__).resolve().parent.parent / "tests" / "long_article.py"
spec = importlib.util.spec_from_file_location("long_article", GENERATOR)
long_article_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(long_article_module)
long_article = long_article_module.long_article

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from meetings.importer import extract_article  # noqa: E402
from meetings.models import Photo  # noqa: E402
from meetings.services import meeting_import_from_text  # noqa: E402

PHOTOS = 19


class Rollback(Exception):
    """Leaves the database as the run found it."""


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def photos_one_by_one_and_in_bulk(meeting):
    def one_by_one():
        for order in range(PHOTOS):
            Photo.objects.create(meeting=meeting, caption=f"Ảnh {order}", order=order)

    def in_bulk():
        Photo.objects.bulk_create(
            Photo(meeting=meeting, caption=f"Ảnh {order}", order=order) for order in range(PHOTOS)
        )

    _, single = timed(one_by_one)
    _, bulk = timed(in_bulk)
    print(
        f"{PHOTOS} photos added to that meeting one by one: {single:.2f} s "
        f"({single / PHOTOS:.3f} s each); in one bulk_create: {bulk:.2f} s"
    )


class Statements:
    """Counts the SQL statements sent, however many."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main(sizes):
    print(f"{connection.vendor}, {os.getloadavg()[0]:.2f} load average, code in {os.getcwd()}")
    print("  KB  names  figures  captions  extract s  import s  statements")
    for position, kilobytes in enumerate(sizes):
        text = long_article(kilobytes)
        data, extracting = timed(lambda: extract_article(text))  # noqa: B023
        try:
            statements = Statements()
            with transaction.atomic(), connection.execute_wrapper(statements):
                report, importing = timed(
                    lambda: meeting_import_from_text(text=text)  # noqa: B023
                )
                print(
                    f"{len(text.encode()) // 1024:4d}  {len(data['people']):5d}  "
                    f"{len(data['indicators']):7d}  {len(data['photos']):8d}  "
                    f"{extracting:9.2f}  {importing:8.2f}  {statements.count:10d}",
                    flush=True,
                )
                if position == len(sizes) - 1:
                    photos_one_by_one_and_in_bulk(report.meeting)
                raise Rollback
        except Rollback:
            pass


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [20, 80, 300])
