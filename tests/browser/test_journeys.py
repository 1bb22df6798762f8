"""A visitor's journeys through the sample archive, by clicking alone."""

import re

import pytest
from django.db.models import Count
from playwright.sync_api import expect

from people.models import Person

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def filter_by_official_and_reach_the_resolution(page, base_url, screenshot, suffix):
    page.goto(base_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    screenshot(f"home{suffix}")

    page.get_by_role("navigation", name="Chính").get_by_role("link", name="Cuộc họp").click()
    # Typed as readers type it, without diacritics; the box then shows the name as written.
    page.get_by_label("Cán bộ").fill("nguyen duc hien")
    page.get_by_role("button", name="Áp dụng bộ lọc").click()
    expect(page.get_by_role("status")).to_contain_text("1 cuộc họp")
    expect(page).to_have_url(re.compile(r"person=nguyen\+duc\+hien"))
    expect(page.get_by_label("Cán bộ", exact=True)).to_have_value("Nguyễn Đức Hiển")
    expect(page.get_by_role("list", name="Bộ lọc đang dùng")).to_contain_text("Nguyễn Đức Hiển")
    screenshot(f"archive{suffix}")
    assert no_horizontal_scroll(page)

    page.get_by_role("heading", level=3).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ban Kinh tế Trung ương")
    expect(page.locator("figcaption").filter(has_text="Quang cảnh buổi làm việc")).to_be_visible()
    screenshot(f"meeting{suffix}")
    assert no_horizontal_scroll(page)

    page.locator("#resolutions-heading + ul").get_by_role(
        "link", name="Nghị quyết 23-NQ/TW"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nghị quyết 23-NQ/TW")
    expect(page.locator("table.figures")).to_contain_text("58,4%")
    screenshot(f"resolution{suffix}")
    assert no_horizontal_scroll(page)


def test_filter_the_archive_by_an_official_and_follow_the_resolution(archive, page, screenshot):
    page.set_viewport_size(DESKTOP)
    filter_by_official_and_reach_the_resolution(page, archive.url, screenshot, "")


def test_the_same_journey_at_phone_width(archive, page, screenshot):
    page.set_viewport_size(PHONE)
    filter_by_official_and_reach_the_resolution(page, archive.url, screenshot, "-375")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_home_to_official_to_meeting_to_resolution_figures(archive, page, screenshot, viewport):
    """The issue's "done when": home → Nguyễn Đức Hiển → the meeting → 23-NQ/TW's figures."""
    suffix = "" if viewport is DESKTOP else "-375"
    page.set_viewport_size(viewport)
    page.goto(archive.url + "/")

    page.get_by_role("link", name="Nguyễn Đức Hiển").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Đức Hiển")
    expect(page.locator("main")).to_contain_text("Phó Trưởng Ban Kinh tế Trung ương")
    screenshot(f"official{suffix}")
    assert no_horizontal_scroll(page)

    page.locator(".attended").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nghị quyết 23-NQ/TW")

    page.locator("#resolutions-heading + ul").get_by_role(
        "link", name="Nghị quyết 23-NQ/TW"
    ).click()
    figures = page.locator("table.figures")
    expect(figures).to_contain_text("Tỷ trọng công nghiệp trong GRDP")
    expect(figures).to_contain_text("58,4%")
    expect(figures).to_contain_text("bình quân trên 4,5%/năm")
    screenshot(f"resolution-figures{suffix}")

    figures.get_by_role("link", name="Tỷ trọng công nghiệp trong GRDP", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tỷ trọng công nghiệp trong GRDP")
    expect(page.locator("svg[role=img] .chart__bar")).to_have_count(2)  # not the legend's
    expect(page.get_by_role("table", name="Số liệu báo cáo")).to_contain_text("trên 52%")
    screenshot(f"indicator{suffix}")
    assert no_horizontal_scroll(page)


def test_photos_load_and_every_image_has_alt_text(archive, page):
    page.goto(archive.url + "/")
    page.get_by_role("link", name="Nguyễn Đức Hiển").first.click()
    page.locator(".attended").get_by_role("link").first.click()
    images = page.locator(".gallery img")
    expect(images).to_have_count(18)
    images.first.scroll_into_view_if_needed()
    expect(images.first).to_have_js_property("complete", True)
    assert page.evaluate(
        "Array.from(document.images).every(img => img.alt && img.alt.trim().length > 0)"
    )
    assert images.first.evaluate("img => img.complete && img.naturalWidth > 0")


def test_every_index_from_the_header_at_phone_width(archive, page, screenshot):
    """The header's menu wraps at 375 px and reaches each index; the language select keeps its
    natural width."""
    page.set_viewport_size(PHONE)
    page.goto(archive.url + "/")
    menu = page.get_by_role("navigation", name="Chính")
    for name, link, heading in [
        ("documents", "Văn bản", "Văn bản"),
        ("organizations", "Cơ quan, đơn vị", "Cơ quan, đơn vị"),
        ("areas", "Tỉnh, thành", "Tỉnh, thành và địa bàn"),
        ("indicators", "Chỉ tiêu", "Chỉ tiêu"),
    ]:
        menu.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.locator(".records li").first).to_be_visible()
        screenshot(f"index-{name}-375")
        assert no_horizontal_scroll(page)
    width = page.evaluate("document.getElementById('language').getBoundingClientRect().width")
    assert width < PHONE["width"] / 2


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_officials_profile_fits_the_screen(archive, page, screenshot, viewport):
    """The profile of the sample's busiest official: every block, no horizontal scroll."""
    person = (
        Person.objects.public()
        .annotate(n=Count("participations"))
        .order_by("-n", "sort_key")
        .first()
    )
    page.set_viewport_size(viewport)
    page.goto(archive.url + person.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
    contents = page.get_by_role("navigation", name="Trên trang này")
    contents.get_by_role("link", name="Tóm tắt").click()
    expect(page.locator("#summary")).to_contain_text("Lần xuất hiện đầu tiên")
    screenshot("official-profile" + ("" if viewport is DESKTOP else "-375"))
    assert no_horizontal_scroll(page)
