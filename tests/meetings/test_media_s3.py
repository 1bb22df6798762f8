"""The same promise on S3-compatible storage, against a real S3 server run locally (moto): the
bucket is private, pages link the checked media URL, and the view hands a short-lived signed
URL to whoever may see the photo, and nothing to anyone else."""

import io
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from meetings.archive import archive_export, archive_import
from meetings.models import Job, JobKind, JobStatus, Meeting, Photo
from meetings.renditions import renditions
from tests.factories import MeetingFactory, PhotoFactory
from tests.meetings.test_archive import empty_database

pytestmark = pytest.mark.django_db

BUCKET = "archive-media"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """A moto S3 server on a free local port, for this test session only."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the moto S3 server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_media(s3_endpoint, settings, monkeypatch):
    """Media stored in a fresh private bucket, configured as MEDIA_S3_* would configure it."""
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "people.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "location": "media",
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def photo(s3_media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return PhotoFactory(image__width=1000, image__height=600)


def linked_urls(photo):
    image = renditions(photo)
    srcsets = f"{image['webp_srcset']}, {image['jpg_srcset']}"
    return [photo.image.url, *(part.split()[0] for part in srcsets.split(", "))]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def test_files_and_renditions_go_to_the_bucket_without_a_public_grant(s3_media, photo):
    keys = {item["Key"] for item in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert f"media/{photo.image.name}" in keys
    assert len(keys) == 1 + 3 * 2
    for key in keys:
        grants = s3_media.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
        assert not any("AllUsers" in str(grant["Grantee"]) for grant in grants), key


def test_pages_link_the_checked_media_url_never_the_bucket(photo, s3_endpoint):
    for url in linked_urls(photo):
        assert url.startswith("/media/photos/"), url
        assert s3_endpoint not in url


def test_a_published_photo_redirects_to_a_short_lived_signed_url(client, photo):
    for url in linked_urls(photo):
        response = client.get(url)
        assert response.status_code == 302, url
        signed = response["Location"]
        query = parse_qs(urlsplit(signed).query)
        assert "X-Amz-Signature" in query or "Signature" in query
        expires = int(query.get("X-Amz-Expires", ["0"])[0]) or (
            int(query["Expires"][0]) - int(time.time())
        )
        assert 0 < expires <= default_storage.querystring_expire
        assert fetch(signed)[:4] in {b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb", b"RIFF"}


def test_an_unpublished_meetings_photo_gets_no_url_but_editors_get_one(client, photo, editor_user):
    Meeting.objects.filter(pk=photo.meeting.pk).update(status=Meeting.Status.DRAFT)
    for url in linked_urls(photo):
        assert client.get(url).status_code == 404, url
    client.force_login(editor_user)
    for url in linked_urls(photo):
        response = client.get(url)
        assert response.status_code == 302, url
        assert fetch(response["Location"])


def bucket(client) -> dict[str, bytes]:
    """Every object in the bucket, by key, with its bytes."""
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    return {key: client.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in keys}


def test_an_upload_in_the_admin_goes_to_the_bucket_and_a_job_makes_its_renditions(
    s3_media, editor_client, django_capture_on_commit_callbacks
):
    image = io.BytesIO()
    Image.new("RGB", (1300, 800), (20, 90, 160)).save(image, "JPEG")
    data = {
        "meeting": MeetingFactory().pk,
        "caption": "Quang cảnh buổi làm việc",
        "alt_text": "Quang cảnh buổi làm việc",
        "order": "0",
        "tags-TOTAL_FORMS": "0",
        "tags-INITIAL_FORMS": "0",
        "image": SimpleUploadedFile("IMG_0001.JPG", image.getvalue(), "image/jpeg"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:meetings_photo_add"), data)
    assert response.status_code == 302
    photo = Photo.objects.get()
    job = Job.objects.get(kind=JobKind.RENDITIONS, key=photo.image.name)
    assert job.status == JobStatus.SUCCEEDED, job.error
    stored = bucket(s3_media)
    assert Image.open(io.BytesIO(stored[f"media/{photo.image.name}"])).size == (1300, 800)
    assert len(stored) == 1 + 3 * 2  # 480, 960 and 1200 px wide, in WebP and JPEG


def test_the_archive_exports_from_the_bucket_and_imports_into_an_empty_one(
    s3_media, photo, tmp_path
):
    before = bucket(s3_media)
    path = tmp_path / "archive.zip"
    manifest = archive_export(path=path)
    assert {f"media/{name}" for name in manifest["media"]} == set(before)

    empty_database()
    for key in before:
        s3_media.delete_object(Bucket=BUCKET, Key=key)
    assert bucket(s3_media) == {}

    archive_import(path=path)
    assert bucket(s3_media) == before
    assert Photo.objects.get().image.name == photo.image.name
