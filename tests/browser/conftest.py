"""Browser tests: Playwright drives Debian's Chromium against a live server, and axe-core
checks every page a journey visits for WCAG 2.2 A and AA failures.

Browser tests run against a live server, so they need real transactions, and the database is
flushed after each one: rows made by data migrations (the decision reasons) may be gone, so a
test that needs one makes sure it is there.

Without Chromium the tests are skipped, and say so; CI sets STEPUP_REQUIRE_BROWSER=1 so
that a missing browser fails instead.
"""

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from tests.support.browser import give_code

# Playwright's sync API runs an event loop in this thread; Django's ORM is safe to use here
# because the live server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def _browser_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser tests"
    if not AXE_JS.exists():
        return "axe-core is not installed: run make setup"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if os.environ.get("STEPUP_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# What sticks out past the right edge of a 320 px window, outermost first, if the page scrolls.
REFLOW_JS = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const edge = root.clientWidth + 1;
  const inScroller = (e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  const out = [...document.body.querySelectorAll('*')].filter(
    (e) => e.getBoundingClientRect().right > edge && !inScroller(e)
  );
  const outer = out.filter((e) => !out.includes(e.parentElement));
  const text = (e) => (e.textContent || '').trim().slice(0, 40);
  return outer.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} "${text(e)}"`);
}"""


# The page's structure, without its words or numbers: every element's tag, its attributes
# (digits as #; of a value, only whether there is one) and whether it holds any text. Two
# pages with the same structure get the same answer from axe-core, whose rules read markup,
# attributes, styles (by class) and whether text is there, so the second is not run through
# axe-core again; the reflow check, which depends on the words' widths, runs on every page
# (docs/adr/0020-tests-built-once-and-run-where-they-add-something.md).
STRUCTURE_JS = """() => {
  const plain = (v) => v.replace(/[0-9]+/g, '#');
  const skip = new Set(['nonce', 'integrity']);
  const shown = (a) => (a.name === 'value' ? (a.value.trim() ? 'V' : '') : plain(a.value));
  return [...document.querySelectorAll('*')].map((e) => {
    const attrs = [...e.attributes]
      .filter((a) => !skip.has(a.name))
      .map((a) => `${a.name}=${shown(a)}`)
      .join(' ');
    const text = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    return `${e.tagName}[${attrs}]${text ? 'T' : ''}`;
  }).join('\\n');
}"""

# Structures axe-core has passed in this process, shared by every test it runs.
_PASSED: set[str] = set()


class Axe:
    """Runs axe-core on the page; remembers which pages were checked."""

    def __init__(self, page):
        self.page = page
        self.source = AXE_JS.read_text()
        self.checked: set[str] = set()
        self.visited: list[str] = []
        self.runs = 0  # how many times axe-core itself ran
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.visited.append(frame.url)

    def check(self):
        page = self.page
        page.wait_for_load_state("load")
        structure = hashlib.sha256(page.evaluate(STRUCTURE_JS).encode()).hexdigest()
        if structure not in _PASSED:
            self._axe(page)
            _PASSED.add(structure)
        self._reflows(page)
        self.checked.add(page.url)

    def _axe(self, page):
        self.runs += 1
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=self.source)
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
        problems = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["html"][:200] for n in v["nodes"][:3]],
            }
            for v in result["violations"]
        ]
        assert not problems, f"Accessibility failures on {page.url}:\n" + json.dumps(
            problems, indent=2
        )

    def _reflows(self, page):
        """WCAG 2.2 reflow (1.4.10): at 320 px wide nothing makes the page scroll sideways. A
        wide table may scroll inside its own region, not the page."""
        size = page.viewport_size
        page.set_viewport_size({"width": 320, "height": size["height"]})
        try:
            wide = page.evaluate(REFLOW_JS)
        finally:
            page.set_viewport_size(size)
        assert wide is None, f"At 320px wide, {page.url} scrolls sideways. Too wide: {wide}"

    def assert_every_page_checked(self):
        unchecked = [url for url in self.visited if url not in self.checked]
        assert not unchecked, f"Pages visited without an accessibility check: {unchecked}"


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def axe(page):
    checker = Axe(page)
    yield checker
    checker.assert_every_page_checked()


@pytest.fixture
def browser_sign_in(page, axe):
    from tests.factories import PASSWORD

    def _sign_in(user):
        page.goto("/sign-in/")
        axe.check()
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        give_code(page, axe, user)
        page.wait_for_url(lambda url: "/sign-in/" not in url)
        axe.check()

    return _sign_in
