"""Limits at the door: oversized or length-less bodies are refused unread; logins are throttled
per address, whatever usernames it tries."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from meetings.models import Photo
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise AssertionError("the request body was read")


def post_unread(client, **meta):
    return client.generic(
        "POST",
        reverse("admin:meetings_photo_add"),
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        **{"wsgi.input": Unreadable()},
        **meta,
    )


def test_an_oversized_body_is_refused_before_it_is_read(client, settings):
    response = post_unread(client, CONTENT_LENGTH=str(300 * 1024 * 1024))
    assert response.status_code == 413
    text = response.content.decode()
    assert "300 MB" in text and f"{settings.MAX_REQUEST_BYTES // 1024 // 1024} MB" in text


def test_a_body_of_undeclared_length_is_refused_unread(client):
    response = post_unread(client, HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411
    assert "Content-Length" in response.content.decode()


def test_a_nonsense_content_length_is_a_bad_request(client):
    assert post_unread(client, CONTENT_LENGTH="-5").status_code == 400
    assert post_unread(client, CONTENT_LENGTH="12abc").status_code == 400


def photo_post(size_hint):
    out = io.BytesIO()
    side = size_hint
    Image.effect_noise((side, side), 80).convert("RGB").save(out, "JPEG", quality=95)
    return {
        "meeting": MeetingFactory().pk,
        "caption": "Quang cảnh",
        "alt_text": "Quang cảnh",
        "order": "0",
        "tags-TOTAL_FORMS": "0",
        "tags-INITIAL_FORMS": "0",
        "image": SimpleUploadedFile("anh.jpg", out.getvalue(), content_type="image/jpeg"),
    }


def test_an_upload_under_the_limit_is_saved_and_one_over_it_is_not(editor_client, settings):
    settings.MAX_REQUEST_BYTES = 200 * 1024
    url = reverse("admin:meetings_photo_add")
    assert editor_client.post(url, photo_post(200)).status_code == 302
    response = editor_client.post(url, photo_post(600))
    assert response.status_code == 413
    assert Photo.objects.count() == 1


def test_the_message_is_vietnamese(client):
    response = post_unread(client, CONTENT_LENGTH=str(300 * 1024 * 1024))
    assert "giới hạn" in response.content.decode()


def login(client, username, address):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": "sai", "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_one_address_trying_many_usernames_is_locked_out(client, settings, django_user_model):
    django_user_model.objects.create_user("bientap", password="mat-khau-dung", is_staff=True)
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, f"nguoi-{number}", "203.0.113.7").status_code == 200
    assert login(client, "nguoi-cuoi", "203.0.113.7").status_code == 429
    right = {"username": "bientap", "password": "mat-khau-dung", "next": "/admin/"}
    url = reverse("admin:login")
    assert client.post(url, right, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.post(url, right, REMOTE_ADDR="198.51.100.4").status_code == 302
