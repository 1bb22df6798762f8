"""An editor's journey in the browser (issue 16, part 6): import the reference report, read the
preview, save it, correct a title and a figure on the review screen, attach a photo, send it
for publishing; a publisher publishes; the public page shows the corrections. Each step's
screenshot goes to test-artifacts/screenshots/journey-*.png. The preview and the review screen
are also checked with axe-core and the Nu HTML checker."""

import io
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from indicators.models import ReportedValue
from meetings.models import Meeting, Participation
from meetings.sample import ARTICLE_PATH

from .checks import axe_violations, missing_checkers, nu_errors
from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
NEW_TITLE = "Phó Trưởng Ban Thường trực Ban Kinh tế Trung ương (đã sửa)"


def log_in(page, base, user):
    """Point the browser's session at `user`."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )


def check_page(page, name, documents):
    """The page has no serious axe-core violation; its HTML joins `documents`, which the Nu
    checker reads at the end in one run (each run starts Java, seconds of CPU)."""
    if reason := missing_checkers():
        (pytest.fail if os.environ.get("REQUIRE_BROWSER") else pytest.skip)(reason)
    assert axe_violations(page) == {}, name
    documents[name] = page.content()


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"journey-{name}.png", full_page=False)


@pytest.fixture
def newsroom(transactional_db, live_server, django_user_model):
    """An editor (view, add and change, never publish) and a publisher (everything), given
    their permissions directly: a live-server test's database is emptied between tests, which
    takes the groups the data migration made with it (the permissions come back)."""
    ours = Permission.objects.filter(
        content_type__app_label__in=["people", "meetings", "indicators"]
    )
    editing = ours.filter(codename__regex=r"^(view|add|change)_")
    users = []
    for name, permissions in [("editor", editing), ("publisher", ours)]:
        user = django_user_model.objects.create_user(name, password="pw", is_staff=True)
        user.user_permissions.set(permissions)
        users.append(user)
    assert not users[0].has_perm("meetings.publish_meeting")
    return live_server, *users


def preview_and_save(page, base, documents):
    page.goto(base + reverse("admin:meetings_meeting_import"))
    page.locator("#id_text").fill(ARTICLE_PATH.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Đọc bài viết").click()
    expect(page.locator("#confirm-import")).to_be_visible()
    assert page.locator("article.fact[id^=fact-figure-]").count() == 33
    assert not Meeting.objects.exists(), "the preview saves nothing"
    shot(page, "1-preview")
    check_page(page, "import-preview", documents)
    page.get_by_role("button", name="Lưu thành bản nháp").click()
    expect(page).to_have_url(re.compile(r"/review/"))
    return Meeting.objects.get()


def correct_a_title_with_the_keyboard(page, meeting):
    person = meeting.participations.filter(person__full_name="Nguyễn Đức Hiển").get()
    card = page.locator(f"#fact-person-{person.pk}")
    card.locator("summary").focus()
    page.keyboard.press("Enter")  # opens the correction
    field = card.locator(f"#id_person-{person.pk}-title_as_reported")
    field.fill(NEW_TITLE)
    field.press("Enter")  # submits the correction, not an acceptance
    expect(page.locator(".messagelist")).to_contain_text("Đã sửa")
    return person


def correct_a_figure(page, meeting):
    figure = meeting.reported_values.filter(needs_review=True).order_by("order").first()
    card = page.locator(f"#fact-figure-{figure.pk}")
    # The fact leads to its words in the article, and they come into view.
    card.get_by_role("link", name="Xem trong bài").click()
    expect(page.locator(f"#src-figure-{figure.pk}")).to_be_in_viewport()
    expect(page.locator(f"#src-figure-{figure.pk}")).to_have_class(re.compile("is-current"))
    card.locator("summary").click()
    card.get_by_label("Kỳ số liệu").fill("2023")
    card.get_by_role("button", name="Lưu sửa đổi").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã sửa")
    return figure


def settle_the_rest(page):
    """Accept each fact still marked, one after another, as an editor working down the list."""
    for _ in range(60):
        unsure = page.locator(".fact-unsure .fact-decide button[value=accept]")
        note = page.locator("#general-notes button[value=settle]")
        button = unsure.first if unsure.count() else note.first if note.count() else None
        if button is None:
            return
        with page.expect_navigation():  # counted again only on the page that comes back
            button.click()
    raise AssertionError("notes kept coming back")


def attach_a_photo(page, base, meeting, tmp_path: Path):
    image = tmp_path / "quang-canh.jpg"
    buffer = io.BytesIO()
    # No wider than the smallest rendition: one size to make, in each format.
    Image.new("RGB", (480, 320), (40, 90, 160)).save(buffer, "JPEG")
    image.write_bytes(buffer.getvalue())
    page.goto(base + reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    row = page.locator("#photos-0")
    row.locator("summary").click()
    row.locator("input[type=file]").set_input_files(image)
    shot(page, "4-photo")
    page.locator("#desk-save").get_by_role("button", name="Lưu lại").click()
    expect(page.locator(".messagelist")).to_be_visible()
    return meeting.photos.order_by("order", "pk").first()


def test_an_editor_imports_corrects_and_a_publisher_publishes(newsroom, page, tmp_path):
    live_server, editor, publisher = newsroom
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    log_in(page, base, editor)
    documents = {}
    meeting = preview_and_save(page, base, documents)
    shot(page, "2-review")
    check_page(page, "review-screen", documents)
    assert nu_errors(documents) == {}
    assert page_width(page) <= 1280
    page.set_viewport_size(TABLET)
    assert page_width(page) <= 768, "the review screen does not scroll sideways at 768 px"
    shot(page, "2-review-768")
    page.set_viewport_size(DESKTOP)

    person = correct_a_title_with_the_keyboard(page, meeting)
    figure = correct_a_figure(page, meeting)
    shot(page, "3-corrected")
    photo = attach_a_photo(page, base, meeting, tmp_path)
    assert photo.image, "the photo was attached"

    page.goto(base + reverse("admin:meetings_meeting_review", args=[meeting.pk]))
    settle_the_rest(page)
    page.get_by_role("button", name="Gửi chờ xuất bản").click()
    expect(page.locator(".review-status")).to_contain_text("chờ xuất bản")
    assert not page.get_by_role("button", name="Xuất bản", exact=True).count()

    log_in(page, base, publisher)
    page.goto(base + reverse("admin:meetings_meeting_review", args=[meeting.pk]))
    page.get_by_role("button", name="Xuất bản", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Đã xuất bản")
    shot(page, "5-published")

    meeting.refresh_from_db()
    page.context.clear_cookies()  # the public, not signed in
    page.goto(base + meeting.get_absolute_url())
    main = page.locator("main")
    expect(main).to_contain_text(NEW_TITLE)
    expect(main).to_contain_text(ReportedValue.objects.get(pk=figure.pk).period_display)
    expect(page.locator(f"img[src*='{Path(photo.image.name).stem[:8]}']").first).to_be_visible()
    assert Participation.objects.get(pk=person.pk).title_as_reported == NEW_TITLE
    shot(page, "6-public")
