"""The meeting page on a phone and on a desktop (issue 17, part 6): the summary first, a
contents list, the report's text folded, photos sized for their slot that open large in a
dialog (a link to the image without JavaScript), and nothing wider than the screen."""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting
from meetings.sample import MEETING_SLUG

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def open_meeting(page, archive, viewport):
    page.set_viewport_size(viewport)
    page.goto(archive.url + Meeting.objects.get(slug=MEETING_SLUG).get_absolute_url())


def size(page):
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_the_summary_comes_first_and_the_report_text_is_folded(archive, page, viewport, screenshot):
    open_meeting(page, archive, viewport)
    summary = page.locator("dl.summary")
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("52-NQ/TW")
    expect(summary).to_contain_text("Nguyễn Đức Hiển")
    expect(page.locator("#report-text")).not_to_have_attribute("open", "")
    width, height = size(page)
    print(f"meeting page at {viewport['width']}: {width} x {height}")
    screenshot(f"meeting-{viewport['width']}")
    assert width <= viewport["width"]
    # The contents list leads to the folded report, which opens.
    page.locator("nav.toc").get_by_role("link", name="Bài viết", exact=True).click()
    page.locator("#report-text summary").click()
    expect(page.locator("#report-text")).to_have_attribute("open", "")


def test_photos_load_the_rendition_their_slot_needs(archive, page):
    open_meeting(page, archive, DESKTOP)
    image = page.locator(".gallery img").first
    image.scroll_into_view_if_needed()
    # Polled from here: the CSP forbids the string evaluation `wait_for_function` uses.
    for _ in range(100):
        if image.evaluate("i => i.complete && i.currentSrc !== ''"):
            break
        page.wait_for_timeout(100)
    shown = image.evaluate("i => [i.currentSrc, i.clientWidth]")
    print("first photo at 1280:", shown)
    assert shown[1] < 400 and "480x0" in shown[0], "a 363 px slot loads the 480 px file"


def test_a_photo_opens_large_and_closes_with_escape(archive, page):
    open_meeting(page, archive, PHONE)
    link = page.locator("a.photo-open").first
    large = link.get_attribute("href")
    assert re.search(r"1600x0|\.jpg$", large)
    link.click()
    dialog = page.locator("dialog#photo-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("img")).to_have_attribute("src", re.compile(re.escape(large) + "$"))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_without_javascript_a_photo_is_a_link_to_the_large_image(archive, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(archive.url + Meeting.objects.get(slug=MEETING_SLUG).get_absolute_url())
    href = page.locator("a.photo-open").first.get_attribute("href")
    response = page.goto(archive.url + href if href.startswith("/") else href)
    assert response.status == 200 and response.headers["content-type"] == "image/jpeg"
    context.close()
