"""Browser tests: Playwright drives Debian's Chromium against the live server with the sample
archive loaded. Skipped cleanly, with the reason, where /usr/bin/chromium is absent, unless
REQUIRE_BROWSER is set (CI sets it after installing Chromium)."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API leaves an event loop running in the test thread for the whole session;
# the tests' own database work is still synchronous, so Django's async-safety check must stand
# aside. (tests/test_security.py runs `check --deploy` without it.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists() and not os.environ.get("REQUIRE_BROWSER"):
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's Chromium, never a downloaded browser."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Vietnamese reader's browser (the site is Vietnamese whatever the browser asks for) that
    asks for less motion: Playwright waits for a smooth scroll to end before each click, a second
    on every reload of the review screen."""
    return {**browser_context_args, "locale": "vi-VN", "reduced_motion": "reduce"}


@pytest.fixture
def archive(transactional_db, live_server):
    """The sample archive behind a live server (which serves its photos through the media view)."""
    call_command("load_sample", stdout=io.StringIO())
    return live_server


# Resolves once every image not left lazy has loaded (or failed) and the fonts are ready. The
# page's own scripts have run by its load event; waiting for the network to be idle costs half a
# second a page more.
IMAGES_LOADED = """() => Promise.all([
  document.fonts.ready,
  ...Array.from(document.images).filter(img => !img.complete && img.loading !== 'lazy').map(
    img => new Promise(done => {
      img.addEventListener('load', done);
      img.addEventListener('error', done);
    })
  ),
]).then(() => true)"""


def images_loaded(page):
    """Wait for the page's images and fonts (evaluated through the DevTools protocol, which the
    page's CSP does not govern, unlike `wait_for_function`)."""
    page.evaluate(IMAGES_LOADED)


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name):
        # Lazy images below the fold would show as empty boxes in a full-page shot.
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
        )
        images_loaded(page)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take
