"""Importing an article: the command, the admin page, reuse of records, and refusal of bad input."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.models import Indicator, ReportedValue
from meetings import sample
from meetings.models import Meeting, Participation, Photo, Resolution
from meetings.sample import ARTICLE_PATH
from meetings.services import SameMeetingFound, article_text, meeting_import_from_text
from people.models import Organization, Person, Position
from people.numbers import parse_vietnamese_number
from people.periods import parse_period
from tests.admin_forms import import_through_preview
from tests.factories import OrganizationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db

ARTICLE = ARTICLE_PATH.read_text(encoding="utf-8")
CONTRACT_KEYS = {
    "title",
    "date",
    "date_precision",
    "places",
    "organizations",
    "people",
    "resolutions",
    "indicators",
    "photos",
    "site_visits",
    "source",
    "warnings",
    "language",
}


def stored_rows():
    models = (Meeting, Participation, Photo, Resolution, Person, Position, Organization)
    return {m.__name__: m.objects.count() for m in (*models, Indicator, ReportedValue)}


def run(*args, stdin=None):
    out = io.StringIO()
    if stdin is not None:
        import sys

        old = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
        try:
            call_command("import_article", *args, stdout=out)
        finally:
            sys.stdin = old
    else:
        call_command("import_article", *args, stdout=out)
    return out.getvalue()


def test_dry_run_json_prints_one_object_and_saves_nothing():
    before = stored_rows()
    data = json.loads(run(str(ARTICLE_PATH), "--dry-run", "--json"))
    assert set(data) == CONTRACT_KEYS | {"same_meeting"}
    assert data["same_meeting"] == []  # an empty archive holds no meeting it may report
    assert {r["code"] for r in data["resolutions"]} == {"52-NQ/TW", "23-NQ/TW"}
    assert stored_rows() == before


def test_standard_input_is_accepted():
    data = json.loads(run("-", "--dry-run", "--json", stdin=ARTICLE.encode()))
    assert len(data["people"]) == 8


def test_import_creates_a_complete_draft():
    output = run(str(ARTICLE_PATH), "--url", "https://example.org/bai-viet")
    meeting = Meeting.objects.get()
    assert "Draft" in output
    assert meeting.status == Meeting.Status.DRAFT
    assert not Meeting.objects.published().exists()
    report = meeting.reports.get()
    assert report.source_text == ARTICLE
    assert report.url == "https://example.org/bai-viet"
    titles = {
        p.person.full_name: p.title_as_reported
        for p in meeting.participations.select_related("person").filter(person__isnull=False)
    }
    assert titles["Nguyễn Đức Hiển"] == "Phó Trưởng Ban Kinh tế Trung ương"
    assert len(titles) == 8
    assert meeting.delegation.head.full_name == "Nguyễn Đức Hiển"
    assert sorted(meeting.resolutions.values_list("code", flat=True)) == ["23-NQ/TW", "52-NQ/TW"]
    assert meeting.photos.count() == 18
    assert meeting.reported_values.filter(value=954964, unit="tỷ đồng").exists()
    assert meeting.reported_values.count() >= 30
    assert meeting.visited_organizations.count() == 2
    representatives = meeting.participations.filter(person=None)
    assert sorted(p.title_as_reported for p in representatives) == [
        "Đại diện Sở Công thương tỉnh Thái Nguyên",
        "Đại diện Sở Khoa học và Công nghệ tỉnh Thái Nguyên",
    ]


def test_reimport_creates_nothing_and_overwrites_nothing():
    report = meeting_import_from_text(text=ARTICLE)
    participation = report.meeting.participations.get(person__full_name="Nguyễn Đức Hiển")
    participation.title_as_reported = "Phó Trưởng Ban"  # the editor's correction
    participation.save()
    before = stored_rows()
    again = meeting_import_from_text(text=ARTICLE)
    assert not again.created and again.meeting == report.meeting
    assert stored_rows() == before
    participation.refresh_from_db()
    assert participation.title_as_reported == "Phó Trưởng Ban"
    assert any("Nguyễn Đức Hiển" in change for change in again.would_change)
    output = run(str(ARTICLE_PATH))
    assert "Already imported" in output and "Phó Trưởng Ban Kinh tế Trung ương" in output


def test_same_url_is_the_same_article():
    meeting_import_from_text(text=ARTICLE, source_url="https://example.org/a")
    again = meeting_import_from_text(text=ARTICLE + "\n", source_url="https://example.org/a")
    assert not again.created
    assert Meeting.objects.count() == 1


def test_reference_article_matches_the_sample_archive(sample_archive):
    """Imported over the sample, the reference article finds it and has nothing to change."""
    report = meeting_import_from_text(text=ARTICLE)
    assert report.meeting == sample_archive and not report.created
    assert report.would_change == []


def test_reference_draft_differs_from_the_sample_in_nothing_an_editor_fixes():
    """A fresh import of the reference holds the editors' own record, fact by fact."""
    meeting = meeting_import_from_text(text=ARTICLE).meeting
    imported_people = {
        (p.person.full_name, p.title_as_reported, p.organization.name, p.side, *sorted(p.roles))
        for p in meeting.participations.select_related("person", "organization").exclude(
            person=None
        )
    }
    organizations = {key: name for key, name, *_rest in sample.ORGANIZATIONS}
    role_labels = {
        role: str(Participation._meta.get_field(role).verbose_name)
        for role in ("led_delegation", "chaired", "reported", "spoke")
    }
    sample_people = {
        (name, title, organizations[org], side, *sorted(role_labels[r] for r in roles))
        for name, title, org, side, roles, _positions in sample.PEOPLE
    }
    assert imported_people == sample_people
    imported_figures = {
        (v.indicator.name, v.value.normalize(), v.unit, v.qualifier, v.period_display, v.rank)
        for v in meeting.reported_values.select_related("indicator")
    }
    sample_figures = set()
    for name, value, unit, qualifier, period, _area, rank, _res, _sentence in sample.FIGURES:
        start, end, precision = parse_period(period)
        shown = ReportedValue(period_start=start, period_end=end, period_precision=precision)
        number = parse_vietnamese_number(value).normalize()
        sample_figures.add((name, number, unit, qualifier, shown.period_display, rank))
    assert imported_figures == sample_figures
    assert [p.caption for p in meeting.photos.all()] == [c for c, _people in sample.PHOTOS]
    resolutions = {
        (r.code, r.issued_on.isoformat(), r.issuer.name, r.title)
        for r in meeting.resolutions.select_related("issuer")
    }
    assert resolutions == {
        (code, day, organizations[issuer], title) for code, day, issuer, title in sample.RESOLUTIONS
    }
    assert meeting.delegation.head.full_name == "Nguyễn Đức Hiển"


def test_existing_people_and_resolutions_are_reused(sample_archive):
    before = Person.objects.count(), Resolution.objects.count()
    changed = ARTICLE.replace("Quang cảnh buổi làm việc", "Toàn cảnh buổi làm việc")
    with pytest.raises(SameMeetingFound):  # it reports the sample meeting again
        meeting_import_from_text(text=changed)
    report = meeting_import_from_text(text=changed, new=True)
    assert report.created
    assert (Person.objects.count(), Resolution.objects.count()) == before
    hien = Person.objects.get(full_name="Nguyễn Đức Hiển")
    assert hien.participations.count() == 2


def test_namesakes_are_left_to_the_editor():
    ministry = OrganizationFactory(name="Vụ Công nghiệp")
    PositionFactory(person=PersonFactory(full_name="Nguyễn Văn Bình"), organization=ministry)
    PositionFactory(person=PersonFactory(full_name="Nguyễn Văn Bình"), title="Bí thư Huyện ủy")
    text = "Đồng chí Nguyễn Văn Bình, Chủ tịch Hội nông dân tỉnh phát biểu tại hội nghị."
    report = meeting_import_from_text(text=text)
    assert any("Nguyễn Văn Bình" in note.text for note in report.meeting.notes.open())
    assert Person.objects.filter(full_name="Nguyễn Văn Bình").count() == 2
    assert not report.meeting.participations.filter(person__isnull=False).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Bài viết trống"),
        (b"   \n  ", "Bài viết trống"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "tệp nhị phân"),
        ("Phạm Hoàng Sơn phát biểu".encode("cp1258", errors="replace"), "UTF-8"),
        ("Đồng chí Phạm Hoàng Sơn".encode("utf-16-le"), "tệp nhị phân"),
        (b"\xff\xd8\xff\xe0 JFIF not text \x81\x82", "UTF-8"),
    ],
)
def test_bad_files_get_a_clear_error_and_save_nothing(tmp_path, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    before = stored_rows()
    with pytest.raises(CommandError, match=message):
        run(str(path))
    assert stored_rows() == before


def test_twenty_megabytes_are_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(("Đồng chí Phạm Hoàng Sơn phát biểu. " * 600_000).encode())
    with pytest.raises(CommandError, match="giới hạn là 2 MB"):
        run(str(path))
    assert not Meeting.objects.exists()


def test_html_is_reduced_to_the_article_and_scripts_are_dropped(tmp_path):
    path = tmp_path / "article.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines())
    path.write_text(
        "<html><head><script>alert('x')</script></head><body><nav>Trang chủ | Tin tức</nav>"
        f"<h1>Làm việc với tỉnh Thái Nguyên</h1>{paragraphs}</body></html>",
        encoding="utf-8",
    )
    run(str(path))
    meeting = Meeting.objects.get()
    assert meeting.title == "Làm việc với tỉnh Thái Nguyên"
    assert "alert" not in meeting.body and "<p>" not in meeting.body
    assert meeting.participations.count() >= 8


def test_utf16_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    run(str(path))
    assert Meeting.objects.get().participations.count() >= 8


def test_unknown_file_type_and_missing_file_are_refused(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match=".txt or .html"):
        run(str(path))
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "missing.txt"))


def test_import_is_all_or_nothing(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Photo.objects, "bulk_create", fail)
    before = stored_rows()
    with pytest.raises(RuntimeError):
        meeting_import_from_text(text=ARTICLE)
    assert stored_rows() == before


def test_admin_import_page_creates_a_draft_and_opens_it(editor_client):
    url = reverse("admin:meetings_meeting_import")
    assert editor_client.get(url).status_code == 200
    changelist = editor_client.get(reverse("admin:meetings_meeting_changelist"))
    assert url in changelist.content.decode()
    response = import_through_preview(editor_client, {"text": ARTICLE})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:meetings_meeting_review", args=[meeting.pk])
    page = editor_client.get(response.url).content.decode()
    assert "fact-unsure" in page and "Nguyễn Thanh Tuyên" in page


def test_admin_import_accepts_a_file_and_reports_bad_input(editor_client):
    url = reverse("admin:meetings_meeting_import")
    upload = SimpleUploadedFile("bai.txt", ARTICLE.encode(), content_type="text/plain")
    assert import_through_preview(editor_client, {"file": upload}).status_code == 302
    for data in (
        {"text": ""},
        {"file": SimpleUploadedFile("bai.txt", b"\x00\x01\x02", content_type="text/plain")},
        {"file": SimpleUploadedFile("bai.txt", b"S\xe1n", content_type="text/plain")},
        {"file": SimpleUploadedFile("bai.exe", b"MZ", content_type="application/octet-stream")},
    ):
        response = editor_client.post(url, data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert Meeting.objects.count() == 1


def test_part_year_periods_are_stored_by_month():
    text = (
        "Sáng 16/7/2024, đoàn công tác làm việc với tỉnh Bình Định. 6 tháng đầu năm 2024, kim "
        "ngạch xuất khẩu đạt hơn 1,05 tỷ USD; tính đến tháng 6/2024, toàn tỉnh có 9 khu công "
        "nghiệp."
    )
    meeting = meeting_import_from_text(text=text).meeting
    exports, parks = meeting.reported_values.order_by("order")
    assert (exports.period_start.isoformat(), exports.period_end.isoformat()) == (
        "2024-01-01",
        "2024-06-30",
    )
    assert exports.period_display == "01–06/2024"
    assert (parks.period_start.isoformat(), parks.period_end.isoformat()) == (
        "2024-06-01",
        "2024-06-30",
    )
    assert parks.period_display == "06/2024"


ARTICLES = sorted(
    path
    for path in (Path(__file__).resolve().parent.parent / "articles").iterdir()
    if path.suffix in (".txt", ".html")
)
# A real report's way of citing a plan, a programme, a scheme and a law without type letters.
TYPES_THE_CONSTRAINT_REJECTED = (
    "Sáng 12/3/2024, đoàn công tác làm việc với tỉnh Hà Giang về Kế hoạch số 03-KH/TW, "
    "Chương trình hành động số 12-CTr/TU, Đề án số 06/ĐA-UBND, Báo cáo số 45-BC/TU, "
    "Tờ trình số 7/TTr-UBND và Nghị quyết số 35/2023/UBTVQH15."
)
CODES_THE_CONSTRAINT_REJECTED = {
    "03-KH/TW",
    "12-CTr/TU",
    "06/ĐA-UBND",
    "45-BC/TU",
    "7/TTr-UBND",
    "35/2023/UBTVQH15",
}


def test_the_command_stores_every_document_type_the_parser_reads(tmp_path):
    article = tmp_path / "bai.txt"
    article.write_text(TYPES_THE_CONSTRAINT_REJECTED, encoding="utf-8")
    run(str(article))
    meeting = Meeting.objects.get()
    assert set(meeting.resolutions.values_list("code", flat=True)) == CODES_THE_CONSTRAINT_REJECTED


def test_the_admin_page_stores_every_document_type_the_parser_reads(editor_client):
    response = import_through_preview(editor_client, {"text": TYPES_THE_CONSTRAINT_REJECTED})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert set(meeting.resolutions.values_list("code", flat=True)) == CODES_THE_CONSTRAINT_REJECTED
    plan = Resolution.objects.get(code="03-KH/TW")
    assert plan.full_name == "Kế hoạch 03-KH/TW"
    assert Resolution.objects.get(code="35/2023/UBTVQH15").full_name == "35/2023/UBTVQH15"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_every_test_article_imports_for_real_through_the_service(path):
    text = article_text(path.read_text(encoding="utf-8"), filename=path.name)
    report = meeting_import_from_text(text=text)
    assert report.created
    assert report.meeting.status == Meeting.Status.DRAFT
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    stored = set(report.meeting.resolutions.values_list("code", flat=True))
    assert stored == {resolution["code"] for resolution in expected["resolutions"]}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_every_test_article_imports_for_real_through_the_admin_page(editor_client, path):
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")
    response = import_through_preview(editor_client, {"file": upload})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:meetings_meeting_review", args=[meeting.pk])
    assert meeting.status == Meeting.Status.DRAFT


def test_impossible_dates_and_periods_are_left_to_the_editor_not_a_crash(editor_client):
    text = (
        "Sáng 31/2/2024, đoàn công tác làm việc với tỉnh Bình Định. Tại thời điểm 31/02/2023, "
        "toàn tỉnh có 9 khu công nghiệp; tháng 13/2024, kim ngạch xuất khẩu đạt 1,05 tỷ USD; "
        "giai đoạn 2023-2018, tỷ lệ hộ nghèo giảm 2%."
    )
    response = import_through_preview(editor_client, {"text": text})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.date is None
    assert any("31/2/2024" in note.text for note in meeting.notes.all())
    figures = meeting.reported_values.all()
    assert len(figures) == 3
    assert all(figure.period_start is None and figure.needs_review for figure in figures)
