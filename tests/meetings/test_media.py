"""Stored files have unguessable names and go only to whoever may see what they show: a photo
of an unpublished meeting (original or rendition) is 404 to the public, shown to editors."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from meetings.models import Meeting, Photo
from meetings.renditions import renditions, source_name
from people.images import RandomName
from tests.factories import MeetingFactory, PersonFactory, PhotoFactory

pytestmark = pytest.mark.django_db

RANDOM_NAME = re.compile(r"^photos/\d{4}/\d{2}/[A-Za-z0-9_-]{22}\.jpg$")


def jpeg(width=1200, height=800):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def media_urls(photo):
    """The original's URL and every rendition's, as pages and the admin link them."""
    image = renditions(photo)
    srcsets = f"{image['webp_srcset']}, {image['jpg_srcset']}"
    return [photo.image.url, *(part.split()[0] for part in srcsets.split(", "))]


@pytest.fixture
def photo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return PhotoFactory(image__width=1200, image__height=800)


def unpublish(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)


def test_an_upload_is_stored_under_a_random_name(editor_client):
    meeting = MeetingFactory()
    for _ in range(2):
        data = {
            "meeting": meeting.pk,
            "caption": "Quang cảnh",
            "alt_text": "Quang cảnh",
            "order": "0",
            "tags-TOTAL_FORMS": "0",
            "tags-INITIAL_FORMS": "0",
            "image": SimpleUploadedFile("Bi-thu-Tinh-uy-IMG_0001.JPG", jpeg(), "image/jpeg"),
        }
        assert editor_client.post(reverse("admin:meetings_photo_add"), data).status_code == 302
    names = list(Photo.objects.values_list("image", flat=True))
    assert all(RANDOM_NAME.match(name) for name in names), names
    assert len(set(names)) == 2
    assert not any("IMG_0001" in name or "Bi-thu" in name for name in names)


def test_portraits_are_stored_under_random_names_too():
    name = RandomName("portraits")(None, "Chan-dung-ong-A.PNG")
    assert re.match(r"^portraits/\d{4}/\d{2}/[A-Za-z0-9_-]{22}\.png$", name)


def test_every_rendition_leads_back_to_its_photo(photo):
    urls = media_urls(photo)
    assert len(urls) == 1 + 3 * 2  # the original; 480, 960 and 1200 px wide, in two formats
    for url in urls[1:]:
        assert source_name(url.removeprefix("/media/")) == photo.image.name
    assert source_name(photo.image.name) is None
    assert source_name("renditions/x.jpg.480x0_q82.jpg") == "x.jpg"


def test_a_published_photo_and_its_renditions_are_served(client, photo):
    for url in media_urls(photo):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8" or url.endswith(".webp")
        assert "public" in response["Cache-Control"]
        assert client.head(url).status_code == 200


def test_an_unpublished_meetings_photo_is_served_to_no_reader(client, photo):
    unpublish(photo.meeting)
    for url in media_urls(photo):
        assert client.get(url).status_code == 404, url


def test_a_scheduled_meetings_photo_is_not_served_before_its_time(client, photo):
    Meeting.objects.filter(pk=photo.meeting.pk).update(published_at="2999-01-01T00:00Z")
    assert client.get(photo.image.url).status_code == 404


def test_editors_still_see_it_with_its_thumbnail_in_the_admin(client, editor_user, photo):
    unpublish(photo.meeting)
    client.force_login(editor_user)
    change = reverse("admin:meetings_meeting_change", args=[photo.meeting.pk])
    html = client.get(change).content.decode()
    assert f'src="{photo.image.url}"' in html
    for url in media_urls(photo):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_staff_without_the_view_permission_do_not(client, django_user_model, photo):
    unpublish(photo.meeting)
    client.force_login(django_user_model.objects.create_user("khach", is_staff=True))
    assert client.get(photo.image.url).status_code == 404


def test_a_portrait_is_served_only_when_its_person_is_public(client, editor_user):
    person = PersonFactory(portrait=SimpleUploadedFile("a.jpg", jpeg(60, 80), "image/jpeg"))
    assert client.get(person.portrait.url).status_code == 404
    client.force_login(editor_user)
    assert client.get(person.portrait.url).status_code == 200


@pytest.mark.parametrize(
    "name",
    ["photos/2024/05/anh.jpg", "../../etc/passwd", "photos/../../config/settings.py", "%00", ""],
)
def test_guessed_or_hostile_names_are_404(client, photo, name):
    assert client.get(f"/media/{name}").status_code == 404


def test_a_file_no_photo_holds_is_not_served_even_if_stored(client, photo):
    stray = photo.image.storage.save("photos/2024/05/stray.jpg", io.BytesIO(jpeg(10, 10)))
    assert client.get(f"/media/{stray}").status_code == 404


def test_serving_a_photo_costs_one_query(client, photo, django_assert_num_queries):
    for url in media_urls(photo)[:2]:
        with django_assert_num_queries(1):
            assert client.get(url).status_code == 200
