"""Photos are judged by content, stored clean (upright, no GPS), and served as renditions."""

import io
import struct
import zlib
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from PIL import Image

from meetings.models import Photo
from people.images import MAX_BYTES, check_image_upload
from tests.factories import MeetingFactory, PersonFactory, PhotoFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def jpeg(width=80, height=40, **save_options):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "JPEG", **save_options)
    return out.getvalue()


def jpeg_with_gps_and_rotation():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x013B] = "Nguyen Van A"  # artist
    exif[0xA431] = "SERIAL-123456"  # camera body serial number
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (21.0, 35.0, 42.0)
    gps[3] = "E"
    gps[4] = (105.0, 50.0, 12.0)
    return jpeg(exif=exif.tobytes())


def png_header_only(width, height):
    """A PNG that claims `width` × `height` pixels; its pixel data is not real."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )


def png_bomb(side=10_000):
    """A real 100-megapixel greyscale PNG of about 100 kB: all zeros, compressed."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (side + 1)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()

    def chunk(kind, payload):
        return (
            struct.pack(">I", len(payload))
            + kind
            + payload
            + struct.pack(">I", zlib.crc32(kind + payload))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>'
)
HOSTILE_FILES = {
    "svg renamed jpg": ("anh.jpg", SVG),
    "html renamed jpg": ("anh.jpg", b"<html><script>alert(1)</script></html>"),
    "truncated jpeg": ("anh.jpg", jpeg(400, 300)[:700]),
    "jpeg with php appended": ("anh.jpg", jpeg() + b"<?php system($_GET['c']); ?>"),
    "jpeg with zip appended": ("anh.jpg", jpeg() + b"PK\x03\x04" + b"\x00" * 40),
    "jpeg with script in comment": ("anh.jpg", jpeg(comment=b"<script>alert(1)</script>")),
    "png with html appended": ("anh.png", png_header_only(10, 10) + b"<html>x</html>"),
    "gif": ("anh.jpg", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    "too many pixels": ("anh.png", png_header_only(8000, 6000)),
    "decompression bomb": ("anh.png", png_bomb()),
    "empty": ("anh.jpg", b""),
}


def post_photo(client, name, content):
    meeting = MeetingFactory()
    data = {
        "meeting": meeting.pk,
        "caption": "Quang cảnh buổi làm việc",
        "alt_text": "Quang cảnh",
        "credit": "",
        "order": "0",
        "tags-TOTAL_FORMS": "0",
        "tags-INITIAL_FORMS": "0",
        "image": SimpleUploadedFile(name, content, content_type="image/jpeg"),
    }
    return client.post(reverse("admin:meetings_photo_add"), data)


@pytest.mark.parametrize("case", HOSTILE_FILES, ids=str)
def test_hostile_upload_is_refused_with_a_form_error(editor_client, case):
    name, content = HOSTILE_FILES[case]
    response = post_photo(editor_client, name, content)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "image" in errors, errors
    assert not Photo.objects.exists()


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("svg renamed jpg", "JPEG, PNG or WebP"),
        ("truncated jpeg", "truncated"),
        ("jpeg with php appended", "other content"),
        ("jpeg with script in comment", "other content"),
        ("too many pixels", "40 megapixels"),
        ("decompression bomb", "decompression bomb"),
    ],
)
def test_the_checker_says_what_is_wrong(case, words, settings):
    settings.LANGUAGE_CODE = "en"
    name, content = HOSTILE_FILES[case]
    with pytest.raises(ValidationError) as refused:
        check_image_upload(SimpleUploadedFile(name, content))
    assert words in " ".join(refused.value.messages)


def test_files_over_25_mb_are_refused_before_reading():
    upload = SimpleUploadedFile("anh.jpg", jpeg())
    upload.size = MAX_BYTES + 1
    with pytest.raises(ValidationError, match="25 MB"):
        check_image_upload(upload)


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_good_photos_are_accepted(editor_client, kind):
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (10, 120, 200)).save(out, kind)
    response = post_photo(editor_client, f"anh.{kind.lower()}", out.getvalue())
    assert response.status_code == 302
    assert Photo.objects.get().image.name.endswith({"JPEG": ".jpg"}.get(kind, f".{kind.lower()}"))


def test_stored_master_is_upright_and_has_no_metadata(editor_client):
    original = jpeg_with_gps_and_rotation()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    assert post_photo(editor_client, "IMG_0001.JPG", original).status_code == 302
    photo = Photo.objects.get()
    with photo.image.open("rb") as stored:
        data = stored.read()
    assert b"Exif" not in data
    assert b"SERIAL-123456" not in data
    assert b"Nguyen Van A" not in data
    image = Image.open(io.BytesIO(data))
    assert not image.getexif()
    assert image.size == (40, 80)
    assert (photo.width, photo.height) == (40, 80)
    assert photo.caption == "Quang cảnh buổi làm việc"


def test_renditions_are_made_once_on_save_without_metadata(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = PhotoFactory(image__width=2000, image__height=1000, image__format="JPEG")
    with mock.patch(
        "easy_thumbnails.files.Thumbnailer.generate_thumbnail",
        side_effect=AssertionError("regenerated"),
    ):
        html = Template("{% load photos %}{% photo photo %}").render(Context({"photo": photo}))
    assert 'type="image/webp"' in html
    assert ".webp 480w" in html and ".webp 960w" in html and ".webp 1600w" in html
    assert ".jpg 480w" in html
    assert 'width="960" height="480"' in html
    assert f'alt="{photo.alt_text}"' in html
    webp_name = html.split('srcset="')[1].split(" ")[0].replace("/media/", "", 1)
    with photo.image.storage.open(webp_name) as rendition:
        data = rendition.read()
    assert data[8:12] == b"WEBP"
    assert b"Exif" not in data


def test_a_small_photo_gets_no_upscaled_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = PhotoFactory(image__width=600, image__height=400)
    html = Template("{% load photos %}{% photo photo %}").render(Context({"photo": photo}))
    assert ".jpg 480w" in html and ".jpg 600w" in html
    assert "960w" not in html and "1600w" not in html
    assert 'width="600" height="400"' in html


def test_missing_renditions_are_made_by_the_command():
    photo = PhotoFactory(image__width=700, image__height=500)  # no commit: none made yet
    html = Template("{% load photos %}{% photo photo %}").render(Context({"photo": photo}))
    webp_name = html.split('srcset="')[1].split(" ")[0].replace("/media/", "", 1)
    assert ".webp 700w" in html
    assert not photo.image.storage.exists(webp_name)
    call_command("make_renditions", stdout=io.StringIO())
    assert photo.image.storage.exists(webp_name)


def test_rendering_photos_costs_no_query(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photos = [PhotoFactory(image__width=640, image__height=480) for _ in range(3)]
    template = Template("{% load photos %}{% for p in photos %}{% photo p %}{% endfor %}")
    with django_assert_num_queries(0):
        html = template.render(Context({"photos": photos}))
    assert html.count("<picture>") == 3


def test_sample_archive_photos_have_renditions(sample_archive):
    photo = sample_archive.photos.first()
    html = Template("{% load photos %}{% photo photo %}").render(Context({"photo": photo}))
    assert 'width="960" height="640"' in html


def test_portrait_uploads_are_checked_too(editor_client):
    person = PersonFactory()
    data = {
        "full_name": person.full_name,
        "notes": "",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
        "portrait": SimpleUploadedFile("chan-dung.jpg", SVG),
    }
    url = reverse("admin:people_person_change", args=[person.pk])
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "portrait" in response.context["adminform"].form.errors
