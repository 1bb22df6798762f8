"""Refreshing the search data: the "refresh search data" job finds the rows whose folded names,
sort keys and search text were left stale by writes that bypass `save()`, writes them, and
nothing else; on SQLite and on PostgreSQL, whose triggers rewrite search text themselves."""

import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from meetings.models import Job, JobKind, JobStatus, Meeting, Photo
from meetings.tasks import queue_search_refresh
from people import derived
from people.models import Organization, Person
from people.search.query import analyse
from tests.conftest import client_for
from tests.factories import (
    IndicatorFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    PhotoFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

DERIVED = {
    "indicators.indicator",
    "meetings.meeting",
    "meetings.photo",
    "meetings.resolution",
    "people.area",
    "people.organization",
    "people.person",
}


@contextmanager
def triggers_off():
    """Writes that leave derived columns as they are, as bulk writes do on SQLite: on
    PostgreSQL no trigger fires meanwhile (as with `pg_restore --disable-triggers`)."""
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    yield
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


@pytest.fixture
def archive():
    """A row of every model with derived columns."""
    meeting = MeetingFactory(
        title="Ủy ban nhân dân tỉnh làm việc về chuyển đổi số", place="Thái Nguyên"
    )
    PhotoFactory(meeting=meeting, caption="Đồng chí Phạm Hoàng Sơn phát biểu")
    OrganizationFactory(name="Sở Khoa học và Công nghệ", abbreviation="KH&CN")
    PersonFactory(full_name="Phạm Hoàng Sơn")
    ResolutionFactory(code="52-NQ/TW", title="Về chủ động tham gia cách mạng công nghiệp")
    IndicatorFactory(name="Tỷ trọng công nghiệp trong GRDP")
    return meeting


def stored_rows():
    """Every row of every model with derived columns, as stored."""
    return {
        model._meta.label_lower: list(
            model._base_manager.order_by("pk").values_list("pk", *model().derived_values())
        )
        for model in derived.derived_models()
    }


def all_right():
    """Whether every stored row holds what its model's rule derives."""
    return all(
        row.derived_values() == {name: getattr(row, name) for name in row.derived_values()}
        for model in derived.derived_models()
        for row in model._base_manager.all()
    )


def make_stale():
    """Every derived column of every row overwritten behind `save()`'s back."""
    models = derived.derived_models()
    with triggers_off():
        for model in models:
            model._base_manager.update(**dict.fromkeys(model().derived_values(), " stale "))


def test_every_model_with_derived_columns_is_refreshed():
    assert {model._meta.label_lower for model in derived.derived_models()} == DERIVED


def test_the_job_writes_the_stale_rows_then_nothing(archive, editor):
    rows = sum(len(stored) for stored in stored_rows().values())
    versions = list(Meeting.objects.values_list("version", "updated_at"))
    history = Meeting.history.count() + Person.history.count()
    make_stale()
    assert not all_right()

    job = queue_search_refresh(user=editor)
    assert job.kind == JobKind.REFRESH_SEARCH and job.status == JobStatus.SUCCEEDED
    assert all_right()
    assert job.result["rows"] == rows and job.result["written"] == rows
    assert job.result["unsettled"] == 0
    assert (job.done, job.total) == (rows, rows)
    by_model = {counts["model"]: counts for counts in job.result["models"]}
    assert by_model["meetings.meeting"] == {
        "model": "meetings.meeting", "rows": 1, "written": 1, "unsettled": 0
    }  # fmt: skip
    # A derived column is no editorial change: no new version, no history, no new date.
    assert list(Meeting.objects.values_list("version", "updated_at")) == versions
    assert Meeting.history.count() + Person.history.count() == history

    before = stored_rows()
    again = queue_search_refresh(user=editor)
    assert again.pk == job.pk and again.status == JobStatus.SUCCEEDED
    assert again.result["rows"] == rows and again.result["written"] == 0
    assert stored_rows() == before


def test_search_finds_a_meeting_retitled_in_bulk_once_refreshed(archive):
    """A bulk `update()` of a title: SQLite's search text is stale (PostgreSQL's trigger
    rewrites it), and an organization's folded name is stale on both engines."""
    Meeting._base_manager.filter(pk=archive.pk).update(title="Hội nghị sơ kết Nghị quyết")
    Organization._base_manager.update(name="Sở Thông tin và Truyền thông")
    query = analyse("hội nghị sơ kết")
    stale_on_sqlite = connection.vendor == "sqlite"
    assert Meeting.objects.published().search(query).exists() is not stale_on_sqlite
    assert not Organization.objects.filter(name_folded="so thong tin va truyen thong").exists()

    job = queue_search_refresh()
    by_model = {counts["model"]: counts["written"] for counts in job.result["models"]}
    assert by_model["meetings.meeting"] == (1 if stale_on_sqlite else 0)
    assert by_model["people.organization"] == 1
    assert by_model["meetings.photo"] == 0 and by_model["people.person"] == 0
    assert list(Meeting.objects.published().search(query)) == [archive]
    assert Organization.objects.filter(name_folded="so thong tin va truyen thong").exists()
    organization = Organization.objects.search(analyse("TT&TT")).get()
    assert " thong tin va truyen thong tttt " in organization.search_text


def test_a_recorded_bulk_update_derives_as_save_does(archive):
    """`RecordedQuerySet.update()`, which bulk edits go through, leaves nothing stale."""
    Organization.objects.update(name="Sở Thông tin và Truyền thông")
    Meeting.objects.filter(pk=archive.pk).update(title="Hội nghị sơ kết")
    assert all_right()
    assert Organization.history.latest().name_folded == "so thong tin va truyen thong"
    assert list(Meeting.objects.published().search(analyse("hội nghị sơ kết"))) == [archive]
    assert queue_search_refresh().result["written"] == 0


def test_a_stale_photo_caption_brings_its_meeting_back_into_search(archive):
    photo = archive.photos.get()
    with triggers_off():
        Photo._base_manager.filter(pk=photo.pk).update(search_text=" ")
        if connection.vendor == "postgresql":
            Meeting._base_manager.filter(pk=archive.pk).update(search_vector=None)
    query = analyse("Phạm Hoàng Sơn phát biểu")
    assert not Meeting.objects.published().search(query).exists()
    queue_search_refresh()
    assert list(Meeting.objects.published().search(query)) == [archive]


def test_the_job_reports_its_progress_batch_by_batch(archive, monkeypatch):
    PersonFactory.create_batch(4)
    make_stale()
    monkeypatch.setattr(derived, "BATCH_SIZE", 2)
    seen = []
    original = Job.progress

    def progress(job, done, total, **kwargs):
        seen.append((done, total))
        return original(job, done, total, **kwargs)

    monkeypatch.setattr(Job, "progress", progress)
    job = queue_search_refresh()
    rows = job.result["rows"]
    assert seen[0] == (0, rows) and seen[-1] == (rows, rows)
    done = [done for done, _total in seen[1:]]
    assert done == sorted(done) and len(done) == len(set(done))
    assert len(done) == 6 + 3  # a batch of each model's one row, the five people in three
    assert job.result["written"] == rows and all_right()


def test_only_superusers_start_it_from_the_list_of_jobs(editor_client, editor_user, archive):
    url = reverse("admin:meetings_job_refresh_search")
    listing = editor_client.get(reverse("admin:meetings_job_changelist")).content.decode()
    assert url in listing
    other = client_for(editor_user)
    assert url not in other.get(reverse("admin:meetings_job_changelist")).content.decode()
    assert other.post(url).status_code == 403
    assert not Job.objects.exists()
    assert editor_client.get(url).status_code == 302 and not Job.objects.exists()

    make_stale()
    response = editor_client.post(url)
    job = Job.objects.get(kind=JobKind.REFRESH_SEARCH)
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert all_right()
    page = other.get(job.get_absolute_url()).content.decode()  # jobs are seen by all editors
    assert "Cán bộ" in page and f"{job.result['rows']} " in page


def test_the_command_counts_then_refreshes(archive):
    make_stale()
    out = io.StringIO()
    call_command("refresh_search", "--dry-run", stdout=out)
    assert "meetings.Meeting: 1 of 1 rows stale." in out.getvalue()
    assert not all_right() and not Job.objects.exists()
    out = io.StringIO()
    call_command("refresh_search", stdout=out)
    assert "meetings.Meeting: 1 of 1 rows written." in out.getvalue()
    assert all_right()


def test_a_generated_archive_needs_no_refresh():
    """`generate_archive` writes in bulk; `bulk_create()` derives the columns by the same
    rule, so nothing is stale, on either engine (PostgreSQL folding as Python does)."""
    call_command("generate_archive", "--meetings", "6", stdout=io.StringIO())
    for model in derived.derived_models():
        tally = derived.refresh(model, write=False)
        assert tally.stale == 0, model
