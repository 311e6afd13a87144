"""A real Chromium for browser tests: fixtures, an axe-core audit and a layout check.

Debian's Chromium is driven by Playwright (no browser downloads): its headless shell
(package chromium-headless-shell, the browser Playwright itself runs headless) where it is
installed, else the whole browser at /usr/bin/chromium. The shell renders with the same
engine at a third of the CPU: the whole browser builds its window and tab strip for every
context, and it had been a third of the suite's CPU time.
tests/conftest.py registers these fixtures (``pytest_plugins``) for every test; ``page`` and
``phone_page`` open the ``live_url`` of tests/support/live_server.py (a module may define
its own ``live_url`` or ``live_app``).

Tests get a fresh browser context per test (no cookies carried over), so every test starts
as a new visitor. (pytest-playwright is not used: its fixtures look for a downloaded browser.)
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.conftest import cannot_run

HEADLESS_SHELL, WHOLE_BROWSER = Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
FAKE_CAMERA_ARGS = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]}
TIMEOUT_MS = 10_000
SHARED_CHROMIUM = pytest.StashKey[Browser]()
SHARED_PLAYWRIGHT = pytest.StashKey[Playwright]()


@contextmanager
def open_page(browser: Browser, base_url: str, viewport: dict = DESKTOP) -> Iterator[Page]:
    """A page in a new browser context: a new visitor with no cookies."""
    context = browser.new_context(base_url=base_url, viewport=viewport, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def chromium(pytestconfig: pytest.Config) -> Browser:
    """One Chromium for the whole run, however many test folders import this fixture."""
    if SHARED_CHROMIUM not in pytestconfig.stash:
        browser = launch_chromium(pytestconfig)
        pytestconfig.add_cleanup(browser.close)
        pytestconfig.stash[SHARED_CHROMIUM] = browser
    return pytestconfig.stash[SHARED_CHROMIUM]


def launch_chromium(pytestconfig: pytest.Config, fake_camera: Path | None = None) -> Browser:
    """A new Chromium; the caller closes it. With ``fake_camera`` (a Y4M video, see
    tests/support/fake_camera.py) the page's camera plays that file, permission granted.
    Playwright's sync API cannot be started a second time while the first one runs: all
    launches share one."""
    if SHARED_PLAYWRIGHT not in pytestconfig.stash:
        if chromium_binary() is None:
            cannot_run(f"{HEADLESS_SHELL} is missing (apt-get install --no-install-recommends "
                       "chromium-headless-shell)")
        playwright = sync_playwright().start()
        pytestconfig.add_cleanup(playwright.stop)
        pytestconfig.stash[SHARED_PLAYWRIGHT] = playwright
    args = LAUNCH_ARGS if fake_camera is None else [*LAUNCH_ARGS, *FAKE_CAMERA_ARGS,
                                                    f"--use-file-for-fake-video-capture={fake_camera}"]
    return pytestconfig.stash[SHARED_PLAYWRIGHT].chromium.launch(executable_path=str(chromium_binary()),
                                                                 args=args)


def chromium_binary() -> Path | None:
    return next((path for path in (HEADLESS_SHELL, WHOLE_BROWSER) if path.exists()), None)


@pytest.fixture
def page(chromium: Browser, live_url: str) -> Iterator[Page]:
    """A desktop-sized page; ``page.goto("/go-cluster-2027/register")`` is relative to the live server."""
    with open_page(chromium, live_url) as new_page:
        yield new_page


@pytest.fixture
def phone_page(chromium: Browser, live_url: str) -> Iterator[Page]:
    """A page 375 CSS pixels wide, like a small phone."""
    with open_page(chromium, live_url, PHONE) as new_page:
        yield new_page


def accessibility_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page, one readable line per element.
    A page still loading has no document for axe yet: after a click that navigates, wait for
    the new URL (``page.wait_for_url``) first; this waits only for the load to finish."""
    page.wait_for_load_state()
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        f"{' '.join(map(str, node['target']))}: {node.get('failureSummary')}".replace("\n", " ")
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def assert_accessible(page: Page) -> None:
    violations = accessibility_violations(page)
    assert not violations, f"axe-core on {page.url}:\n" + "\n".join(violations)


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def keep_screenshot(page: Page, name: str) -> None:
    """With ``SCREENSHOT_DIR`` set, save the whole page there as ``<name>.png`` to look at."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def log_in(page: Page, email: str = "team@example.org", password: str = "richtig-geheim") -> None:
    """Log in on the organiser log-in page as a person would (German labels)."""
    page.goto("/organiser/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Einloggen").click()


@contextmanager
def fake_camera_chromium(pytestconfig: pytest.Config, video: Path) -> Iterator[Browser]:
    """A Chromium of its own whose camera plays ``video`` (the file is read at launch)."""
    browser = launch_chromium(pytestconfig, video)
    try:
        yield browser
    finally:
        browser.close()
