"""Build a synthetic archive of realistic shape, to measure search at scale.

`--meetings 100000` gives about 20,000 officials, 1,000,000 participations, 5,000 documents,
300,000 photos (rows only, no files) and 500,000 reported values. Rows are written in batches
of `--batch` meetings, one transaction each, so memory stays bounded whatever the size.
Synthetic rows are no editorial act, so they are written without history records.

Each batch draws from its own random generator (the seed and the batch's first meeting), so an
archive says the same whatever `--jobs` writes it (only the ids come in another order). On
PostgreSQL a batch's rows go in by COPY, `--jobs` processes write batches side by side, and a
run of DEFER_INDEXES_FROM meetings or more drops the filled tables' GIN and many-column
indexes and builds them once at the end instead of row by row. The database's triggers still
write every search text, vector and tally.
"""

import datetime
import multiprocessing
import os
import random
import sys
import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone

from indicators.models import Indicator, ReportedValue
from meetings.models import (
    CommonTerm,
    Meeting,
    MeetingFacetRow,
    Participation,
    Photo,
    PhotoPerson,
    Resolution,
)
from people.codes import parse_code
from people.models import Area, Organization, Person, Position
from people.numbers import format_vietnamese_number
from people.periods import years
from people.text import vietnamese_slug

SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Mai Lương"
)
MIDDLE = (
    "Văn Thị Đức Thanh Hoàng Minh Quốc Hữu Ngọc Thu Anh Xuân Hồng Công Tiến Đình Mạnh Bảo Kim Thế"
)
GIVEN = (
    "Sơn Bình Hiển Tú Trung Tuyên Hùng Dũng Hà Hòa Thủy Lan Hương Long Nam Phong Quang Thắng "
    "Tuấn Việt Vinh Hải Hiếu Khoa Linh Mai Ngân Phúc Tâm Thảo Trang Yến Cường Đạt Giang Hạnh "
    "Khánh Lâm Nghĩa Quân Thành Huy Tùng Hưng Lộc Toàn Chiến Thuận Quyết Tài Ánh Nga Oanh"
)
PROVINCES = [
    "Thái Nguyên",
    "Bắc Ninh",
    "Bắc Giang",
    "Phú Thọ",
    "Vĩnh Phúc",
    "Hải Dương",
    "Hưng Yên",
    "Thái Bình",
    "Nam Định",
    "Ninh Bình",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Gia Lai",
    "Kon Tum",
    "Bình Dương",
    "Đồng Nai",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "An Giang",
    "Kiên Giang",
    "Cà Mau",
    "Sóc Trăng",
    "Lào Cai",
    "Yên Bái",
    "Tuyên Quang",
    "Hà Giang",
    "Cao Bằng",
    "Lạng Sơn",
    "Sơn La",
    "Điện Biên",
    "Hòa Bình",
]
CENTRAL_BODIES = [
    ("Ban Kinh tế Trung ương", "BKTTW", "party_central_commission"),
    ("Ban Tổ chức Trung ương", "BTCTW", "party_central_commission"),
    ("Ban Tuyên giáo Trung ương", "BTGTW", "party_central_commission"),
    ("Ban Nội chính Trung ương", "BNCTW", "party_central_commission"),
    ("Bộ Kế hoạch và Đầu tư", "KH&ĐT", "ministry"),
    ("Bộ Khoa học và Công nghệ", "KH&CN", "ministry"),
    ("Bộ Thông tin và Truyền thông", "TT&TT", "ministry"),
    ("Bộ Công Thương", "BCT", "ministry"),
    ("Bộ Tài chính", "BTC", "ministry"),
    ("Bộ Nông nghiệp và Phát triển nông thôn", "NN&PTNT", "ministry"),
    ("Bộ Giao thông vận tải", "GTVT", "ministry"),
    ("Bộ Xây dựng", "BXD", "ministry"),
]
DEPARTMENTS = [
    "Sở Công Thương",
    "Sở Khoa học và Công nghệ",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
]
CENTRAL_TITLES = [
    "Phó Trưởng Ban",
    "Vụ trưởng Vụ Công nghiệp",
    "Phó Vụ trưởng Vụ Kinh tế công nghiệp",
    "Thứ trưởng",
    "Cục trưởng Cục Công nghiệp",
    "Phó Vụ trưởng Vụ Công nghệ cao",
]
PROVINCE_TITLES = [
    "Bí thư Tỉnh ủy",
    "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh",
    "Chủ tịch Ủy ban nhân dân tỉnh",
    "Ủy viên BTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh",
    "Phó Chủ tịch Hội đồng nhân dân tỉnh",
    "Giám đốc Sở Công Thương",
    "Giám đốc Sở Khoa học và Công nghệ",
]
TOPICS = [
    "chuyển đổi số",
    "phát triển công nghiệp",
    "cải cách thủ tục hành chính",
    "thu hút đầu tư nước ngoài",
    "phát triển nguồn nhân lực",
    "xây dựng nông thôn mới",
    "phát triển hạ tầng giao thông",
    "đổi mới sáng tạo",
    "kinh tế tuần hoàn",
    "nhà ở xã hội",
]
INDICATORS = [
    ("Tỷ trọng công nghiệp trong GRDP", "%"),
    ("Tốc độ tăng trưởng giá trị sản xuất công nghiệp", "%/năm"),
    ("Tỷ lệ lao động trong lĩnh vực công nghiệp và dịch vụ", "%"),
    ("Chỉ số đổi mới sáng tạo cấp địa phương", "điểm"),
    ("Tỷ trọng kinh tế số trong GRDP", "%"),
    ("Số doanh nghiệp công nghệ số", "doanh nghiệp"),
    ("Tỷ lệ lấp đầy cụm công nghiệp", "%"),
    ("Tổng vốn đầu tư đăng ký", "tỷ đồng"),
    ("Tỷ lệ hồ sơ giải quyết trực tuyến", "%"),
    ("Tốc độ tăng năng suất lao động", "%/năm"),
]
# (type as printed, suffix, how many, largest number, with a year)
DOCUMENT_KINDS = [
    ("NQ", "TW", 0.015, 90, False),
    ("CT", "TW", 0.01, 60, False),
    ("KL", "TW", 0.08, 1000, False),
    ("NQ", "CP", 0.06, 400, False),
    ("QĐ", "TTg", 0.39, 2600, False),
    ("NĐ", "CP", 0.45, 200, True),
]
PUBLISHED_AT = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
DEFER_INDEXES_FROM = 50_000
PLAIN_FIELDS = {
    models.BigAutoField,
    models.BooleanField,
    models.CharField,
    models.DateField,
    models.ForeignKey,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SlugField,
    models.TextField,
}
# The tables a batch fills, whose secondary indexes a large run builds once at the end.
FILLED_TABLES = (
    "meetings_meeting",
    "meetings_participation",
    "meetings_meeting_resolutions",
    "meetings_photo",
    "meetings_photoperson",
    "indicators_reportedvalue",
    "meetings_meetingfacetrow",  # written by the database's triggers (meetings 0036, 0037)
)


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total: int, label: str):
        self.total, self.label, self.start = max(total, 1), label, time.monotonic()

    def update(self, done: int):
        share = done / self.total
        bar = "#" * int(share * 30)
        elapsed = time.monotonic() - self.start
        sys.stderr.write(
            f"\r{self.label} [{bar:<30}] {done:>8,}/{self.total:,} {share:4.0%} {elapsed:6.1f}s"
        )
        sys.stderr.flush()

    def finish(self):
        self.update(self.total)
        sys.stderr.write("\n")


class Command(BaseCommand):
    help = "Generate a synthetic archive (officials, documents, meetings, photos, figures)."

    # What a subclass (the demo archive) narrows: the provinces and indicators drawn from,
    # the photo rows per meeting, and whether the rows it creates are marked illustrative.
    provinces = PROVINCES
    indicator_variants = ("", " cấp tỉnh", " bình quân")
    indicators_drawn = INDICATORS
    photos_per_meeting = 3
    illustrative = False

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=1000)
        parser.add_argument("--batch", type=int, default=1000, help="Meetings per transaction.")
        parser.add_argument("--seed", type=int, default=4)
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="Processes writing batches side by side (PostgreSQL only; default: one per "
            "CPU for 10,000 meetings or more).",
        )

    def handle(self, *args, meetings, batch, seed, jobs=None, **options):
        started = time.monotonic()
        self.random = random.Random(seed)
        self.seed = seed
        self.postgres = connection.vendor == "postgresql"
        self.tag = self.slug_tag(seed)
        with transaction.atomic():
            self.make_shared(meetings)
        self.name_of(self.person_ids[0])  # the names' table, built once before any fork
        if not self.postgres:
            jobs = 1
        elif jobs is None:
            jobs = os.cpu_count() if meetings >= 10_000 else 1
        deferred = self.secondary_indexes() if meetings >= DEFER_INDEXES_FROM else []
        try:
            self.drop_indexes(deferred)
            self.write_batches(meetings, batch, max(1, jobs))
        finally:
            self.build_indexes(deferred)
        if self.postgres:
            with connection.cursor() as cursor:
                # Each facet row was written three times, its meeting's links and participants
                # written after it (migration meetings 0037's triggers): 524 MB of heap at a
                # million instead of 185, and a text's count read every page of it. VACUUM
                # cannot run in a transaction: a caller's (a test's) leaves the rows as written.
                if not connection.in_atomic_block:
                    cursor.execute(f"VACUUM FULL {MeetingFacetRow._meta.db_table}")
                cursor.execute("ANALYZE")
        terms = CommonTerm.objects.refresh()  # after the writes, which then pay nothing for them
        self.stdout.write(
            f"Generated {meetings:,} meetings, {len(self.people):,} officials, "
            f"{len(self.resolutions):,} documents in {time.monotonic() - started:.0f}s "
            f"({jobs} job{'s' if jobs > 1 else ''}"
            f"{', indexes built at the end' if deferred else ''}; "
            f"{len(terms)} common terms)."
        )

    def write_batches(self, meetings: int, batch: int, jobs: int):
        """Every batch, in this process or in `jobs` forked ones (each with its own
        connection), with a progress bar."""
        progress = Progress(meetings, "meetings")
        batches = [(first, min(batch, meetings - first)) for first in range(0, meetings, batch)]
        if jobs == 1:
            done = (self.write_batch(batch) for batch in batches)
        else:
            global _WRITER
            _WRITER = self
            connections.close_all()  # a forked child must open its own
            pool = multiprocessing.get_context("fork").Pool(jobs)
            done = pool.imap_unordered(_write_batch_in_child, batches)
        written = 0
        try:
            for count in done:
                written += count
                progress.update(written)
        finally:
            if jobs > 1:
                if written < meetings:  # a batch failed: the others are not waited for
                    pool.terminate()
                else:
                    pool.close()
                pool.join()
        progress.finish()

    def write_batch(self, batch: tuple[int, int]) -> int:
        first, count = batch
        self.random = random.Random(self.seed * 1_000_003 + first)
        with transaction.atomic():
            self.make_meetings(first, count)
        return count

    def secondary_indexes(self) -> list[tuple[str, str]]:
        """(name, definition) of each index of the filled tables that neither a primary key
        nor a unique or other constraint needs (PostgreSQL), except the one-column btrees
        (the foreign keys' own), which the triggers and cascades look rows up by."""
        if not self.postgres:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                WHERE t.relname = ANY(%s) AND NOT i.indisunique AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                  AND (i.indnatts > 1 OR pg_get_indexdef(i.indexrelid) NOT LIKE '%%USING btree%%')
                ORDER BY 1
                """,
                [list(FILLED_TABLES)],
            )
            return cursor.fetchall()

    def drop_indexes(self, indexes):
        with connection.cursor() as cursor:
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")

    def build_indexes(self, indexes):
        """Build the dropped indexes again, with memory enough to sort each in one go."""
        if not indexes:
            return
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for _name, definition in indexes:
                cursor.execute(definition)
        self.stderr.write(
            f"Built {len(indexes)} indexes again in {time.monotonic() - started:.0f}s."
        )

    def slug_tag(self, seed: int) -> str:
        """What every generated slug ends with, unique to this run."""
        return f"g{seed}-{Meeting.objects.count()}"

    # Shared records

    def make_shared(self, meetings: int):
        self.make_organizations(meetings)
        self.make_people(meetings)
        self.make_documents(meetings)
        self.make_indicators()

    def make_organizations(self, meetings: int):
        """The provinces, the central bodies, each province's bodies and some companies."""
        r = self.random
        country, _ = Area.objects.get_or_create(
            slug="viet-nam", defaults={"name": "Việt Nam", "kind": "country"}
        )
        self.areas = self.stored_or_created(
            Area,
            [
                self.named(Area(name=name, kind="province", parent=country), f"{name}-{self.tag}")
                for name in self.provinces
            ],
        )
        orgs = [
            self.named(Organization(name=name, abbreviation=abbr, kind=kind), name)
            for name, abbr, kind in CENTRAL_BODIES
        ]
        for area in self.areas:
            for name, kind in [
                (f"Tỉnh ủy {area.name}", "party_committee"),
                (f"Ủy ban nhân dân tỉnh {area.name}", "people_committee"),
                (f"Hội đồng nhân dân tỉnh {area.name}", "people_council"),
            ] + [(f"{d} tỉnh {area.name}", "provincial_department") for d in DEPARTMENTS]:
                orgs.append(self.named(Organization(name=name, kind=kind, area=area), name))
        for n in range(max(10, meetings // 500)):
            given = r.choice(GIVEN.split())
            name = f"Công ty cổ phần {r.choice(TOPICS).split()[0].title()} {given} {n}"
            orgs.append(self.named(Organization(name=name, kind="enterprise"), name))
        for org in orgs:
            org.slug = f"{org.slug}-{self.tag}"
        self.orgs = self.stored_or_created(Organization, orgs)
        self.central = self.orgs[: len(CENTRAL_BODIES)]
        self.provincial = {area.pk: [] for area in self.areas}
        for org in self.orgs:
            if org.area_id:
                self.provincial[org.area_id].append(org)

    def make_people(self, meetings: int):
        """One official per five meetings, each with a title at a central or provincial body."""
        r = self.random
        surnames, middles, givens = SURNAMES.split(), MIDDLE.split(), GIVEN.split()
        stored_names = set(Person.objects.values_list("full_name", flat=True))
        people, positions = [], []
        while len(people) < self.officials_for(meetings):
            middle = r.choice(middles)
            if r.random() < 0.4:
                middle = f"{middle} {r.choice(middles)}"
            name = f"{r.choice(surnames)} {middle} {r.choice(givens)}"
            if name in stored_names:  # a real official's namesake would mislead a reader
                continue
            people.append(
                Person(
                    full_name=name,
                    slug=f"{vietnamese_slug(name)}-{self.tag}-{len(people)}",
                    illustrative=self.illustrative,
                )
            )
        self.people = Person.objects.bulk_create(people, batch_size=5000, record_history=False)
        self.titles = {}
        for person in self.people:
            if r.random() < 0.3:
                org, title = r.choice(self.central), r.choice(CENTRAL_TITLES)
            else:
                area = r.choice(self.areas)
                org = r.choice(self.provincial[area.pk])
                title = f"{r.choice(PROVINCE_TITLES)} {area.name}"
            self.titles[person.pk] = (title, org)
            positions.append(Position(person=person, title=title, organization=org))
        Position.objects.bulk_create(positions, batch_size=5000, record_history=False)
        self.person_ids = [p.pk for p in self.people]

    def officials_for(self, meetings: int) -> int:
        return max(20, meetings // 5)

    def make_documents(self, meetings: int):
        """One document per twenty meetings, of each kind in its share."""
        r = self.random
        taken = set(Resolution.objects.values_list("code_key", flat=True))
        resolutions = []
        wanted = max(10, meetings // 20)
        for doc_type, suffix, share, largest, with_year in DOCUMENT_KINDS:
            count = max(2, int(wanted * share))
            for _attempt in range(count * 20):
                if count == 0:
                    break
                number = r.randint(1, largest)
                year = r.randint(2010, 2025)
                if with_year:
                    code = f"{number}/{year}/{doc_type}-{suffix}"
                elif suffix in {"TW", "TU"}:
                    code = f"{number}-{doc_type}/{suffix}"
                else:
                    code = f"{number}/{doc_type}-{suffix}"
                parsed = parse_code(code)
                if parsed.key in taken:
                    continue
                taken.add(parsed.key)
                count -= 1
                resolution = Resolution(
                    code=code,
                    issued_on=datetime.date(year, r.randint(1, 12), r.randint(1, 28)),
                    title=f"Về {r.choice(TOPICS)} đến năm {year + 10}",
                    issuer=r.choice(self.central),
                    illustrative=self.illustrative,
                )
                resolution._apply_code(parsed)
                resolution.slug = f"{vietnamese_slug(code.replace('/', '-'))}-{self.tag}"
                resolutions.append(resolution)
        self.resolutions = Resolution.objects.bulk_create(
            resolutions, batch_size=2000, record_history=False
        )

    def make_indicators(self):
        indicators = []
        for name, unit in self.indicators_drawn:
            for area_word in self.indicator_variants:
                full = f"{name}{area_word}"
                indicator = Indicator(name=full, default_unit=unit)
                indicator.slug = f"{vietnamese_slug(full)}-{self.tag}"
                indicators.append(indicator)
        self.indicators = self.stored_or_created(Indicator, indicators)

    def stored_or_created(self, model, rows: list) -> list:
        """`rows`, each replaced by the stored row of the same name when there is one: the
        generated archive joins the provinces, bodies and indicators already recorded rather
        than doubling them. The rows it creates carry the run's illustrative mark."""
        stored = {row.name: row for row in model.objects.filter(name__in=[r.name for r in rows])}
        new = [row for row in rows if row.name not in stored]
        for row in new:
            row.illustrative = self.illustrative
        created = model.objects.bulk_create(new, batch_size=2000, record_history=False)
        by_name = stored | {row.name: row for row in created}
        return [by_name[row.name] for row in rows]

    def named(self, row, slug_text):
        row.slug = vietnamese_slug(slug_text)
        return row

    # Meetings, a batch at a time

    def make_meetings(self, first: int, count: int):
        rows, extras = self.meeting_rows(first, count)
        if self.postgres:
            # A meeting's trigger folds its photos' captions into its search vector: written
            # first (foreign keys are checked at commit), they are read once, as the meeting
            # is, rather than rewriting every meeting row again when they come.
            self.allocate_ids(Meeting, rows)
            self.make_photos(rows, extras)
            self.write(Meeting, rows, with_ids=True)
        else:
            self.write(Meeting, rows, with_ids=True)
            self.make_photos(rows, extras)
        self.make_children(rows, extras)

    def allocate_ids(self, model, rows: list):
        """Give `rows` ids from their table's sequence (PostgreSQL), as an insert would."""
        meta = model._meta
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
                row.pk = pk

    def write(self, model, rows: list, *, with_ids: bool = False):
        """Store `rows` (unsaved, without history). On PostgreSQL by COPY, with their ids when
        `with_ids` (rows others refer to; drawn from the table's sequence unless given), the
        database's triggers writing the derived columns. Elsewhere by `bulk_create()`."""
        if not rows:
            return
        if not self.postgres:
            unrecorded = {} if model._meta.auto_created else {"record_history": False}
            model.objects.bulk_create(rows, batch_size=5000, **unrecorded)
            return
        if with_ids and rows[0].pk is None:
            self.allocate_ids(model, rows)
        meta = model._meta
        database = connections[DEFAULT_DB_ALIAS]  # not the proxy, looked up per value
        quote = connection.ops.quote_name
        fields = [f for f in meta.concrete_fields if with_ids or not f.primary_key]
        # Values psycopg writes as they are need no preparing: most of them, row after row.
        prepared = [None if type(f) in PLAIN_FIELDS and not f.choices else f for f in fields]
        columns = ", ".join(quote(f.column) for f in fields)
        copying = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(copying) as copy:
            for row in rows:
                copy.write_row(
                    [
                        field.pre_save(row, True)
                        if prepare is None
                        else prepare.get_db_prep_save(field.pre_save(row, True), database)
                        for field, prepare in zip(fields, prepared, strict=True)
                    ]
                )

    def meeting_rows(self, first: int, count: int):
        """The meetings `first` to `first + count`, unsaved, and what each one's rows need."""
        r = self.random
        rows, extras = [], []
        now = timezone.now()
        for n in range(first, first + count):
            area = r.choice(self.areas)
            lead = r.choice(self.central)
            topic = r.choice(TOPICS)
            documents = r.sample(self.resolutions, r.choice([1, 1, 2]))
            attendees = self.attendees_for(area)
            date = datetime.date(2015, 1, 1) + datetime.timedelta(days=r.randint(0, 3900))
            title, summary, body = self.meeting_text(area, lead, topic, documents, attendees, date)
            published = r.random() < 0.95
            meeting = Meeting(
                title=title,
                slug=f"{vietnamese_slug(title)[:150]}-{self.tag}-{n}",
                date=date,
                date_precision="day",
                area=area,
                place=f"tỉnh {area.name}",
                summary=summary,
                body=body,
                status=Meeting.Status.PUBLISHED if published else Meeting.Status.DRAFT,
                illustrative=self.illustrative,
                published_at=PUBLISHED_AT if published else None,
                created_at=now,
                updated_at=now,
            )
            rows.append(meeting)
            extras.append((attendees, documents, area, lead))
        return rows, extras

    def attendees_for(self, area) -> list[int]:
        """Ten officials drawn from the whole archive; the first leads, the first six speak."""
        return [self.person_ids[i] for i in self.random.sample(range(len(self.person_ids)), 10)]

    def meeting_text(self, area, lead, topic, documents, attendees, date):
        """A report's title, summary and body, naming six of the attendees."""
        r = self.random
        codes = " và ".join(d.full_name for d in documents)
        title = r.choice(
            [
                f"{lead.name} làm việc với tỉnh {area.name} về {topic}",
                f"Đoàn công tác {lead.name} khảo sát tại {area.name}",
                f"Sơ kết {codes} tại tỉnh {area.name}",
                f"Tỉnh {area.name} tiếp và làm việc với đoàn {lead.name} về {topic}",
            ]
        )
        people_text = []
        for pk in attendees[:6]:
            title_of, org = self.titles[pk]
            people_text.append(f"đồng chí {self.name_of(pk)}, {title_of}")
        summary = (
            f"Đoàn công tác {lead.name} do {people_text[0]} làm trưởng đoàn làm việc với "
            f"lãnh đạo tỉnh {area.name} về kết quả thực hiện {codes}."
        )
        body = " ".join(
            [
                f"Tiếp và làm việc với đoàn có {people_text[1]}; {people_text[2]}.",
                f"Mở đầu buổi làm việc, {people_text[0]} cho biết {lead.name} đang chủ trì sơ "
                f"kết {codes} về {topic}.",
                f"Báo cáo đoàn công tác, {people_text[3]} cho biết tỷ trọng công nghiệp trong "
                f"GRDP năm {date.year - 1} chiếm {r.randint(20, 70)},{r.randint(0, 9)}%; "
                f"tốc độ tăng trưởng bình quân đạt {r.randint(3, 12)},{r.randint(0, 9)}%/năm.",
                f"Tham gia ý kiến, {people_text[4]} và {people_text[5]} đề nghị tỉnh tiếp tục "
                f"đẩy mạnh {r.choice(TOPICS)}, {r.choice(TOPICS)} và {r.choice(TOPICS)}.",
                f"Phát biểu kết luận, đồng chí trưởng đoàn đánh giá cao sự chuẩn bị của tỉnh "
                f"{area.name} và đề nghị tổng hợp ý kiến phục vụ xây dựng Đề án sơ kết.",
            ]
        )
        return title, summary, body

    def make_children(self, rows, extras):
        """Each meeting's participations, documents and figures (its photos come first)."""
        through = Meeting.resolutions.through
        participations, links, values = [], [], []
        for meeting, (attendees, documents, area, _lead) in zip(rows, extras, strict=True):
            for order, pk in enumerate(attendees):
                title_of, org = self.titles[pk]
                participations.append(
                    Participation(
                        meeting=meeting,
                        person_id=pk,
                        title_as_reported=title_of,
                        organization=org,
                        side="delegation" if org.area_id is None else "host",
                        led_delegation=order == 0,
                        spoke=order < 6,
                        order=order,
                    )
                )
            links += [through(meeting=meeting, resolution=d) for d in documents]
            values += self.figures_of(meeting, area)
        self.write(Participation, participations)
        self.write(through, links)
        self.write(ReportedValue, values)

    def make_photos(self, rows, extras):
        """Each meeting's photo rows, the first two showing an attendee, and whom they show."""
        photos, shown = [], []
        for meeting, (attendees, _documents, area, lead) in zip(rows, extras, strict=True):
            for order, pk in enumerate(attendees[: self.photos_per_meeting]):
                caption = (
                    f"Đồng chí {self.name_of(pk)}, {self.titles[pk][0]} phát biểu tại buổi làm việc"
                    if order < 2
                    else f"Đoàn công tác {lead.name} khảo sát tại tỉnh {area.name}"
                )
                photo = Photo(meeting=meeting, caption=caption, alt_text=caption[:200], order=order)
                photos.append(photo)
                if order < 2:
                    shown.append((photo, pk))
        self.write(Photo, photos, with_ids=True)
        self.write(PhotoPerson, [PhotoPerson(photo=photo, person_id=pk) for photo, pk in shown])

    def figures_of(self, meeting, area) -> list:
        """Five figures of the year before the meeting, about its province."""
        r = self.random
        values = []
        for order in range(5):
            indicator = r.choice(self.indicators)
            year = meeting.date.year - 1
            value = Decimal(r.randint(10, 9999)) / 10
            start, end, _precision = years(year)
            unit = indicator.default_unit or "%"
            printed = format_vietnamese_number(value) + ("" if unit.startswith("%") else " ") + unit
            values.append(
                ReportedValue(
                    indicator=indicator,
                    area=area,
                    period_start=start,
                    period_end=end,
                    value=value,
                    unit=unit,
                    value_as_printed=printed,
                    meeting=meeting,
                    source_sentence=f"{indicator.name} năm {year} đạt {printed}.",
                    order=order,
                )
            )
        return values

    def name_of(self, pk: int) -> str:
        if not hasattr(self, "_names"):
            self._names = {p.pk: p.full_name for p in self.people}
        return self._names[pk]


_WRITER: Command | None = None  # the command whose batches forked children write


def _write_batch_in_child(batch: tuple[int, int]) -> int:
    return _WRITER.write_batch(batch)
