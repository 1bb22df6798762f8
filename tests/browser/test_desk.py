"""The editors' desk in the browser: the meeting's change page fits the screen, and the pages
we template (the desk's and every public one) pass axe-core and the Nu HTML checker with no
Content Security Policy violation."""

import io
import os
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from indicators.models import Indicator
from meetings.models import Job, JobKind, JobStatus, Meeting, Resolution
from meetings.sample import MEETING_SLUG
from people.models import Area, Organization, Person

from .checks import (
    EVERY_IMPACT,
    SERIOUS,
    axe_violations,
    csp_violations,
    listen_for_csp_violations,
    missing_checkers,
    nu_errors,
)
from .conftest import images_loaded

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def desk(archive, page, django_user_model):
    """The sample archive with a small demo archive beside it, as `make run` shows them, and a
    browser logged in to the admin as an editor."""
    call_command("demo_archive", "--meetings", "60", stdout=io.StringIO(), stderr=io.StringIO())
    user = django_user_model.objects.create_superuser("desk", "desk@example.org", "pw-desk")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": archive.url}]
    )
    return archive


def change_url(base):
    meeting = Meeting.objects.get(slug=MEETING_SLUG)
    return base + reverse("admin:meetings_meeting_change", args=[meeting.pk])


def page_size(page):
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )


def boxes_overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_the_desk_is_usable_without_scrolling_to_the_end(desk, page):
    page.set_viewport_size(DESKTOP)
    page.goto(change_url(desk.url))
    # Saving is in view at the top of the page, and after jumping to the figures.
    save = page.locator("#desk-save").get_by_role("button", name="Lưu lại")
    expect(save).to_be_in_viewport()
    contents = page.get_by_role("navigation", name="Trên trang này")
    contents.get_by_role("link", name="Số liệu báo cáo (33)").click()
    expect(page.locator("#reported_values-heading")).to_be_in_viewport()
    expect(save).to_be_in_viewport()
    # The title does not run under the History / View on site buttons.
    title = page.locator("#content > h2").bounding_box()
    for tool in page.locator(".object-tools a").all():
        assert not boxes_overlap(title, tool.bounding_box())
    # A figure's source sentence opens with the keyboard, and closes again.
    row = page.locator("#reported_values-0")
    sentence = row.get_by_label("Câu gốc")
    expect(sentence).to_be_hidden()
    row.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(sentence).to_be_visible()
    expect(sentence).to_have_value(re.compile(r"\S"))
    page.keyboard.press("Enter")
    expect(sentence).to_be_hidden()


def test_the_change_page_fits_at_1280_and_768(desk, page, screenshot):
    page.set_viewport_size(DESKTOP)
    page.goto(change_url(desk.url))
    width, height = page_size(page)
    print(f"change page at 1280: {width} x {height}")
    screenshot("admin-meeting-change")
    assert width <= 1280 and height <= 6000

    page.set_viewport_size(TABLET)
    page.reload()
    width, height = page_size(page)
    print(f"change page at 768: {width} x {height}")
    screenshot("admin-meeting-change-768")
    assert width <= 768


def owned_pages(base):
    """Every page we template or extend: the desk's, one of each public template, and the
    demo archive's marks (a demo meeting, a chart over time that draws demo figures)."""
    meeting = Meeting.objects.get(slug=MEETING_SLUG)
    person = Person.objects.public().first()
    demo_meeting = Meeting.objects.published().filter(illustrative=True).first()
    demo_figure = demo_meeting.reported_values.first()
    job = Job.objects.create(
        kind=JobKind.IMPORT_ARTICLE,
        key="desk",
        status=JobStatus.SUCCEEDED,
        done=1,
        total=1,
        result={"meeting": meeting.pk, "created": True, "attached": False, "would_change": []},
    )
    return {
        "admin-meeting-change": change_url(base),
        "admin-meeting-import": base + reverse("admin:meetings_meeting_import"),
        "admin-person-change": base + reverse("admin:people_person_change", args=[person.pk]),
        "admin-job": base + job.get_absolute_url(),
        "admin-jobs": base + reverse("admin:meetings_job_changelist"),
        "home": base + reverse("meetings:home"),
        "archive": base + reverse("meetings:list"),
        "search": base + reverse("meetings:search") + "?q=th%C3%A1i+nguy%C3%AAn",
        "meeting": base + meeting.get_absolute_url(),
        "resolution": base + Resolution.objects.public().first().get_absolute_url(),
        "officials": base + reverse("meetings:officials"),
        "official": base + person.get_absolute_url(),
        "organization": base + Organization.objects.public().first().get_absolute_url(),
        "area": base + Area.objects.public().first().get_absolute_url(),
        "indicator": base + Indicator.objects.public().first().get_absolute_url(),
        "documents": base + reverse("meetings:resolutions"),
        "organizations": base + reverse("meetings:organizations"),
        "areas": base + reverse("meetings:areas"),
        "indicators": base + reverse("indicators:list"),
        "demo-meeting": base + demo_meeting.get_absolute_url(),
        "demo-indicator-over-time": base
        + demo_figure.indicator.get_absolute_url()
        + f"?area={demo_figure.area.slug}",
    }


def test_owned_pages_pass_axe_and_the_nu_checker_without_csp_violations(desk, page):
    if reason := missing_checkers():
        # Like Chromium: skipped where absent, unless CI requires the browser tests.
        (pytest.fail if os.environ.get("REQUIRE_BROWSER") else pytest.skip)(reason)
    page.set_viewport_size(DESKTOP)
    csp_reports = listen_for_csp_violations(page)
    documents, axe, csp = {}, {}, {}
    for name, url in owned_pages(desk.url).items():
        response = page.goto(url)
        assert response.status == 200, name
        documents[name] = response.text()
        images_loaded(page)
        # Before axe runs: its own probes of the page trip the CSP.
        if found := csp_violations(page, csp_reports):
            csp[name] = found
        # A public page may have no violation at all; the desk's keep Django's own markup in
        # places (docs/accessibility.md) and may have no critical or serious one.
        impacts = SERIOUS if name.startswith("admin-") else EVERY_IMPACT
        if found := axe_violations(page, impacts):
            axe[name] = found
        csp_reports.clear()
    nu = nu_errors(documents)
    for name in documents:
        print(
            name,
            "axe:",
            {k: len(v) for k, v in axe.get(name, {}).items()},
            "nu:",
            len(nu.get(name, [])),
            "csp:",
            len(csp.get(name, [])),
        )
    for name, errors in nu.items():
        print(name, errors[:8])
    assert axe == {}
    assert nu == {}
    assert csp == {}


def test_the_indicator_chart_fits_a_phone_without_sideways_scrolling(desk, page, screenshot):
    """The chart scales with its viewBox; the tables stack their rows at 375 px."""
    indicator = Indicator.objects.public().first()
    page.set_viewport_size(DESKTOP)
    page.goto(desk.url + indicator.get_absolute_url())
    expect(page.locator("svg[role=img]")).to_be_visible()
    screenshot("indicator-1280")
    page.set_viewport_size({"width": 375, "height": 812})
    page.reload()
    page.locator("details.figure-source summary").first.click()
    width, _height = page_size(page)
    screenshot("indicator-375")
    assert width <= 375
    assert page.locator("svg[role=img]").bounding_box()["width"] <= 375


def test_every_public_page_fits_a_phone_and_is_photographed_at_both_widths(desk, page, screenshot):
    """Every public template: nothing wider than 375 px, and its screenshot at 1280 and 375
    once its images have loaded (issue 17's bar for every public page)."""
    public = {name: url for name, url in owned_pages(desk.url).items() if "admin" not in name}
    too_wide = {}
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for name, url in public.items():
            assert page.goto(url).status == 200, name
            screenshot(f"page-{name}-{viewport['width']}")  # loads lazy images first
            width = page.evaluate("document.documentElement.scrollWidth")
            if viewport is PHONE and width > PHONE["width"]:
                too_wide[name] = width
    assert too_wide == {}
