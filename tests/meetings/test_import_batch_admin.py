"""The admin's batch import: a zip of articles (or several files) becomes one job importing
each as a draft, whose page lists every article, with its draft or the reason it was refused.
An upload that cannot be a batch is a 400 with the reason; nothing is queued or written."""

import io
import zipfile
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from meetings import batches, tasks
from meetings.models import Job, JobKind, JobStatus, Meeting
from tests.conftest import client_for
from tests.meetings.test_import_batch import BAD, FIRST, SECOND

pytestmark = pytest.mark.django_db

URL = reverse("admin:meetings_meeting_import_batch")
# "á" as Windows-1252 writes it: not UTF-8.
NOT_UTF8 = "Sáng 5/6/2024, đồng chí Nguyễn Văn An làm việc với tỉnh.".encode().replace(
    "á".encode(), b"\xe1"
)
# A saved error page: markup, an image, no article.
NO_TEXT = (
    "<!DOCTYPE html><html><head><title>Lỗi 404</title></head><body><img src=x.png></body></html>"
)


def a_zip(members, name="reports.zip") -> SimpleUploadedFile:
    """An uploaded zip of `members`: (name, text or bytes) pairs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, content in members:
            archive.writestr(member, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def a_batch():
    return a_zip([
        ("a-thai-nguyen.txt", FIRST),
        ("b-windows-1252.txt", NOT_UTF8),
        ("english/c-binh-dinh.html", SECOND),
        ("d-copy-of-a.txt", FIRST),
        ("e-error-page.html", NO_TEXT),
        ("photo.jpg", BAD),  # not an article: not listed
        ("__MACOSX/._a-thai-nguyen.txt", BAD),
    ])  # fmt: skip


def upload(client, *files, **fields):
    return client.post(URL, {"files": list(files), "publisher": "", **fields})


def outcomes(job):
    return {item["name"]: item for item in job.result["articles"]}


def test_a_zip_becomes_one_job_listing_each_article(editor_client, editor):
    response = upload(editor_client, a_batch())
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.kind == JobKind.IMPORT_BATCH and job.status == JobStatus.SUCCEEDED
    assert job.created_by == editor and (job.done, job.total) == (5, 5)
    found = outcomes(job)
    assert list(found) == [  # by name, as `import_article` reads a zip
        "a-thai-nguyen.txt",
        "b-windows-1252.txt",
        "d-copy-of-a.txt",
        "e-error-page.html",
        "english/c-binh-dinh.html",
    ]
    assert found["a-thai-nguyen.txt"]["outcome"] == "created"
    assert found["english/c-binh-dinh.html"]["outcome"] == "created"
    assert "UTF-8" in found["b-windows-1252.txt"]["reason"]
    assert "a-thai-nguyen.txt" in found["d-copy-of-a.txt"]["reason"]
    assert found["e-error-page.html"]["reason"] == "Bài viết không có chữ."
    assert job.result["counts"] == {"created": 2, "refused": 3}
    meetings = Meeting.objects.order_by("pk")
    assert [m.status for m in meetings] == [Meeting.Status.DRAFT] * 2
    assert meetings[1].language == Meeting.Language.ENGLISH

    page = editor_client.get(job.get_absolute_url()).content.decode()
    for meeting in meetings:
        assert reverse("admin:meetings_meeting_review", args=[meeting.pk]) in page
    assert found["b-windows-1252.txt"]["reason"] in page and "photo.jpg" not in page
    assert "Traceback" not in page


def test_the_same_zip_again_creates_nothing(editor_client):
    upload(editor_client, a_batch())
    first = Job.objects.get()
    response = upload(editor_client, a_batch())
    again = Job.objects.get()
    assert response.url == first.get_absolute_url() and again.pk == first.pk
    assert again.status == JobStatus.SUCCEEDED and again.attempts == 1
    found = outcomes(again)
    assert found["a-thai-nguyen.txt"]["outcome"] == "imported_before"
    assert found["english/c-binh-dinh.html"]["outcome"] == "imported_before"
    assert found["a-thai-nguyen.txt"]["meeting"] == outcomes(first)["a-thai-nguyen.txt"]["meeting"]
    assert Meeting.objects.count() == 2
    # An article imported before is found in any other upload too.
    upload(editor_client, SimpleUploadedFile("renamed.txt", FIRST.encode()))
    assert Meeting.objects.count() == 2
    assert outcomes(Job.objects.latest("pk"))["renamed.txt"]["outcome"] == "imported_before"


def test_several_files_are_one_batch(editor_client):
    response = upload(
        editor_client,
        SimpleUploadedFile("thai-nguyen.txt", FIRST.encode("utf-16")),  # Notepad's "Unicode"
        SimpleUploadedFile("binh-dinh.html", SECOND.encode()),
    )
    job = Job.objects.get()
    assert response.status_code == 302 and job.result["counts"] == {"created": 2}
    assert Meeting.objects.count() == 2


def test_a_taken_over_batch_goes_on_where_it_stopped(editor_client):
    upload(editor_client, a_batch())
    job = Job.objects.get()
    # A worker died after the first article: its message, handed out again, takes over.
    first = job.result["articles"][0]
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, result={"articles": [first]})
    Meeting.objects.exclude(pk=first["meeting"]).delete()
    taken = Job.objects.claim(job.pk, redelivered=True)
    with mock.patch.object(
        tasks, "meeting_import_from_text", wraps=tasks.meeting_import_from_text
    ) as imported:
        result = tasks.import_batch(taken)
    assert imported.call_count == 1  # the other article; the first was done, the rest refused
    assert [item["outcome"] for item in result["articles"]] == [
        "created", "refused", "refused", "refused", "created"
    ]  # fmt: skip
    assert Meeting.objects.count() == 2


def test_a_passing_failure_retries_the_batch_from_the_article_it_stopped_at(editor_client):
    real = tasks.meeting_import_from_text
    calls = []

    def fail_once_on_the_second(**kwargs):
        calls.append(kwargs["text"][:20])
        if len(calls) == 2:
            raise OperationalError("the database went away")
        return real(**kwargs)

    with mock.patch.object(tasks, "meeting_import_from_text", fail_once_on_the_second):
        upload(editor_client, a_batch())
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2
    assert len(calls) == 3 and calls[1] == calls[2]  # the second article, tried again
    assert job.result["counts"] == {"created": 2, "refused": 3}
    assert Meeting.objects.count() == 2


def test_an_unexpected_error_refuses_one_article_not_the_batch(editor_client):
    real = tasks.meeting_import_from_text

    def fail_on_english(**kwargs):
        if "Deputy Prime Minister" in kwargs["text"]:
            raise KeyError("secret")
        return real(**kwargs)

    with mock.patch.object(tasks, "meeting_import_from_text", fail_on_english):
        upload(editor_client, a_batch())
    job = Job.objects.get()
    reason = outcomes(job)["english/c-binh-dinh.html"]["reason"]
    assert job.status == JobStatus.SUCCEEDED and "KeyError" in reason and "secret" not in reason
    assert Meeting.objects.count() == 1


def zip_of_one(content) -> SimpleUploadedFile:
    return a_zip([("only.txt", content)])


def two_members_named_alike():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", FIRST)
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("a.txt", SECOND)
    return SimpleUploadedFile("twice.zip", buffer.getvalue())


def a_damaged_member():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("damaged.txt", FIRST)
    data = buffer.getvalue().replace("Thái Nguyên".encode(), b"Thai Nguyen!!", 1)
    return SimpleUploadedFile("damaged.zip", data)


BAD_UPLOADS = {
    "nothing": ([], "bắt buộc"),
    "an empty file": ([SimpleUploadedFile("empty.zip", b"")], "rỗng"),
    "not a zip": ([SimpleUploadedFile("reports.zip", b"PK not really")], "không phải tệp zip"),
    "a web page called .zip": (
        [SimpleUploadedFile("reports.zip", SECOND.encode())],
        "không phải tệp zip",
    ),
    "an empty zip": ([a_zip([])], "không có bài viết nào"),
    "a zip without articles": ([a_zip([("photo.jpg", BAD)])], "không có bài viết nào"),
    "a word document": ([SimpleUploadedFile("report.docx", b"PK\x03\x04")], ".zip"),
    "a name climbing out": ([a_zip([("a.txt", FIRST), ("../evil.txt", SECOND)])], "../evil.txt"),
    "an absolute name": ([a_zip([("/etc/cron.d/evil.txt", SECOND)])], "/etc/cron.d/evil.txt"),
    "a Windows name climbing out": ([a_zip([("..\\..\\evil.txt", SECOND)])], "evil.txt"),
    "a drive letter": ([a_zip([("C:/evil.txt", SECOND)])], "C:/evil.txt"),
    "only a non-UTF-8 article": ([zip_of_one(NOT_UTF8)], "UTF-8"),
    "only a binary article": ([zip_of_one(BAD)], "nhị phân"),
    "only an empty article": ([zip_of_one("  \n")], "trống"),
    "only a broken UTF-16 article": ([zip_of_one(b"\xff\xfeA")], "UTF-8"),
    "only a huge article": ([zip_of_one("a" * (2 * 1024 * 1024 + 10))], "2 MB"),
    "only a damaged member": ([a_damaged_member()], "BadZipFile"),
}


@pytest.mark.parametrize("files,message", BAD_UPLOADS.values(), ids=BAD_UPLOADS.keys())
def test_an_upload_that_cannot_be_a_batch_is_refused_whole(editor_client, files, message):
    response = upload(editor_client, *files)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page, page[page.find("errorlist") : page.find("errorlist") + 400]
    assert not Job.objects.exists() and not Meeting.objects.exists()


def test_two_members_of_one_name_are_refused(editor_client):
    response = upload(editor_client, two_members_named_alike())
    assert response.status_code == 400 and "a.txt" in response.content.decode()
    assert not Job.objects.exists()


def test_a_huge_or_damaged_member_is_refused_alone(editor_client):
    huge = "a" * (2 * 1024 * 1024 + 10)
    response = upload(
        editor_client, a_zip([("a.txt", FIRST), ("huge.txt", huge)]), a_damaged_member()
    )
    assert response.status_code == 302
    found = outcomes(Job.objects.get())
    assert found["a.txt"]["outcome"] == "created"
    assert "2 MB" in found["huge.txt"]["reason"]
    assert "BadZipFile" in found["damaged.txt"]["reason"]


def test_too_many_articles_or_too_much_text_are_refused(editor_client, settings, monkeypatch):
    monkeypatch.setattr(batches, "MAX_BATCH_ARTICLES", 2)
    three = a_zip([("a.txt", FIRST), ("b.html", SECOND), ("c.txt", "Ba")])
    response = upload(editor_client, three)
    assert response.status_code == 400 and "3" in response.content.decode()
    monkeypatch.setattr(batches, "MAX_BATCH_ARTICLES", 500)
    settings.ARTICLE_BATCH_MAX_MB = 1
    half = "Sáng 5/6/2024. " * 40_000  # 0.6 MB each
    response = upload(editor_client, a_zip([("a.txt", half), ("b.txt", half + "!")]))
    assert response.status_code == 400 and "1 MB" in response.content.decode()
    # An upload larger than that is refused before it is opened.
    response = upload(editor_client, SimpleUploadedFile("a.txt", (half * 2).encode()))
    assert response.status_code == 400 and "1 MB" in response.content.decode()
    # What is read counts, refused or not: no upload makes the server decompress without end.
    refused = half.encode().replace("á".encode(), b"\xe1")
    response = upload(editor_client, a_zip([("a.txt", refused), ("b.txt", refused + b"!")]))
    assert response.status_code == 400 and "1 MB" in response.content.decode()
    assert not Job.objects.exists() and not Meeting.objects.exists()


def test_the_reasons_are_recorded_in_the_archives_language(editor_client, settings):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = editor_client.get(URL).content.decode()
    assert "Import several articles" in page
    upload(editor_client, a_batch())
    reason = outcomes(Job.objects.get())["b-windows-1252.txt"]["reason"]
    assert reason.startswith("Bài viết không phải văn bản UTF-8")


def test_the_page_is_for_those_who_may_add_meetings(editor_client, editor_user, django_user_model):
    page = editor_client.get(URL)
    assert page.status_code == 200 and 'type="file"' in page.content.decode()
    assert "multiple" in page.content.decode()
    listing = editor_client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert URL in listing
    assert client_for(editor_user).get(URL).status_code == 200
    staff = django_user_model.objects.create_user("staff", password="pw-staff", is_staff=True)
    assert client_for(staff).post(URL, {"files": [a_batch()]}).status_code == 403
    assert not Job.objects.exists()


def test_a_broken_utf16_article_is_refused_on_the_single_import_page(editor_client):
    response = editor_client.post(
        reverse("admin:meetings_meeting_import"),
        {"file": SimpleUploadedFile("broken.txt", b"\xff\xfeA"), "text": ""},
    )
    assert response.status_code == 200 and "UTF-8" in response.content.decode()
    assert not Job.objects.exists()
