"""The HTML page of `flowlint docs` in a real browser: Debian's headless Chromium, driven by
Playwright for Python through `executable_path` (Playwright's own browsers are never
downloaded), with axe-core loaded into the page from a local file for accessibility.

Needs the `chromium` program (or FLOWLINT_CHROMIUM naming one) and, for the accessibility check,
axe-core installed from the npm registry into .cache/npm (or FLOWLINT_AXE_JS naming axe.min.js):

    apt-get install chromium
    npm install --prefix .cache/npm --no-save --no-package-lock axe-core@4.14.1

.ci/run installs both. Without them the tests are skipped with the reason. One browser runs for
the whole module; each test opens its own page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from flowlint import docpage
from flowlint.engine import lint, select_rules
from flowlint.loading import load_paths, parse_text
from flowlint.model import build_model
from flowlint.rules import BUILTIN_RULES
from tests.conftest import ROOT
from tests.test_docs_page import hostile_spec

CHROMIUM = os.environ.get("FLOWLINT_CHROMIUM") or shutil.which("chromium")
AXE_JS = Path(
    os.environ.get("FLOWLINT_AXE_JS")
    or ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
)
DOT = shutil.which("dot")
# As the issue asks: no sandbox (CI runs as root), no GPU, and nothing that reaches the network
# on its own; a fresh profile for each run.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

NO_CHROMIUM = "Chromium is not installed (apt-get install chromium, or set FLOWLINT_CHROMIUM)"
NO_AXE = (
    f"axe-core is not installed at {AXE_JS} (npm install --prefix .cache/npm --no-save "
    "--no-package-lock axe-core@4.14.1, or set FLOWLINT_AXE_JS)"
)


def missing(reason: str) -> NoReturn:
    """Skip with the reason; in CI (FLOWLINT_REQUIRE=all, tests/needs.py) that is a failure."""
    pytest.skip(reason)


@pytest.fixture
def axe() -> Path:
    if not AXE_JS.is_file():
        missing(NO_AXE)
    return AXE_JS


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module, with a fresh profile."""
    if CHROMIUM is None:
        missing(NO_CHROMIUM)
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright is not installed: pip install -e '.[test]'")
    with tempfile.TemporaryDirectory() as profile, sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


class Visit:
    """A page opened from a file, with what happened while it loaded."""

    def __init__(self, context: Any, path: Path) -> None:
        self.url = path.as_uri()
        self.console: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url, wait_until="load")

    def close(self) -> None:
        self.page.close()


def write_page(folder: Path, spec: Path | str, findings: bool = True) -> tuple[Path, Any]:
    """The HTML page of a spec (a path, or YAML text), with Graphviz's SVG when it is installed,
    as `flowlint docs --format html --findings` writes it; and its model."""
    if isinstance(spec, Path):
        loaded = load_paths([spec])
    else:
        from flowlint.loading import Loaded

        loaded = Loaded((parse_text(spec, "spec.yaml"),))
    model = build_model(loaded.files)
    found = lint(loaded, select_rules(BUILTIN_RULES)).findings if findings else None
    page = docpage.page(model, docpage.line_text(model), found, BUILTIN_RULES)
    svg = None
    if DOT is not None and page.diagram is not None:
        svg = subprocess.run(
            [DOT, "-Tsvg"], input=page.diagram.dot.encode(), capture_output=True, check=True
        ).stdout.decode()
    path = folder / "page.html"
    path.write_text(docpage.to_html(page, svg), encoding="utf-8")
    return path, model


@pytest.fixture(scope="module")
def bundled(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder = tmp_path_factory.mktemp("page")
    path, model = write_page(folder, ROOT / "specs")
    visit = Visit(browser, path)
    visit.model = model  # type: ignore[attr-defined]
    visit.folder = folder  # type: ignore[attr-defined]
    yield visit
    visit.close()


def test_it_loads_with_no_console_errors_and_no_network_requests(bundled: Any) -> None:
    assert bundled.console == []
    assert bundled.errors == []
    assert bundled.requests == [bundled.url]  # the file itself, nothing else
    assert bundled.page.locator("script").count() == 0


def test_every_service_entity_and_api_is_on_the_page(bundled: Any) -> None:
    text = bundled.page.inner_text("main")
    model = bundled.model
    for service in model.services.values():
        assert service.name in text, service.id
        assert service.id in text
    for entity in model.entities.values():
        assert (entity.name or entity.id) in text
    for api in model.apis.values():
        assert (api.name or api.id) in text


def test_the_ownership_table_rows_are_the_specs_owners(bundled: Any) -> None:
    model = bundled.model
    table = bundled.page.locator(
        "table", has=bundled.page.locator("caption", has_text="Data entity ownership")
    )
    heads = table.locator("thead th").all_inner_texts()
    assert heads == ["Data entity", "Service"]
    rows = table.locator("tbody tr")
    found = [(row.locator("th").inner_text(), row.locator("td").inner_text()) for row in rows.all()]
    names = {s.id: s.name for s in model.services.values()}
    expected = []
    for entity in model.entities.values():
        owners = [names[ref.id] for ref in entity.owners]
        expected.append((entity.name or entity.id, " and ".join(owners)))
    assert found == expected


@pytest.mark.skipif(
    DOT is None, reason="Graphviz's dot is not installed (apt-get install graphviz)"
)
def test_the_diagram_is_an_svg_with_a_title_and_one_node_per_service(bundled: Any) -> None:
    svg = bundled.page.locator("figure svg")
    assert svg.count() == 1
    assert svg.get_attribute("role") == "img"
    label = svg.get_attribute("aria-label")
    assert label == "Diagram: how data flows through the Becoming a teacher service line"
    first_child = svg.evaluate(
        "e => e.firstElementChild.tagName + ':' + e.firstElementChild.textContent"
    )
    assert first_child == f"title:{label}"
    nodes = svg.locator("g.node > title").all_text_contents()
    assert sorted(nodes) == sorted(bundled.model.services)
    box = svg.bounding_box()
    assert box is not None and 0 < box["width"] <= 1280  # scales to the page, no sideways scroll


def test_screenshots_of_the_screen_and_the_printed_page(bundled: Any) -> None:
    screen = bundled.folder / "page.png"
    bundled.page.screenshot(path=str(screen), full_page=True)
    assert screen.stat().st_size > 10_000
    bundled.page.emulate_media(media="print")
    try:
        assert bundled.page.locator("nav").is_hidden()  # the contents are not printed
        printed = bundled.folder / "print.png"
        bundled.page.screenshot(path=str(printed))
        assert printed.stat().st_size > 10_000
    finally:
        bundled.page.emulate_media(media="screen")


def test_keyboard_focus_is_visible(bundled: Any) -> None:
    page = bundled.page
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return [e.tagName, s.outlineStyle, s.outlineWidth]; }"
    )
    assert focused[0] == "A"
    assert focused[1] == "solid" and focused[2] == "3px"


def test_it_reads_the_same_without_javascript(browser: Any, bundled: Any) -> None:
    page = browser.new_page()
    try:
        session = browser.new_cdp_session(page)
        session.send("Emulation.setScriptExecutionDisabled", {"value": True})
        page.goto(bundled.url, wait_until="load")
        assert page.evaluate("1 + 1") == 2  # (the protocol still evaluates; the page does not)
        assert page.inner_text("main") == bundled.page.inner_text("main")
    finally:
        page.close()


def test_axe_finds_no_serious_or_critical_violations(bundled: Any, axe: Path) -> None:
    violations = run_axe(bundled.page, axe)
    assert violations == [], violations


def run_axe(page: Any, axe: Path) -> list[tuple[str, str, int, list[str]]]:
    """axe-core's serious and critical violations on the page: (rule, impact, count, where)."""
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy (no
    # script at all) does not apply to.
    page.evaluate(axe.read_text(encoding="utf-8") + "\n;0")
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => [v.id, v.impact, v.nodes.length, v.nodes.slice(0, 3).map(n => n.html)])"
    )
    return [tuple(v) for v in found if v[1] in ("serious", "critical")]


@pytest.fixture(scope="module")
def hostile(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path, model = write_page(tmp_path_factory.mktemp("hostile"), hostile_spec())
    visit = Visit(browser, path)
    visit.model = model  # type: ignore[attr-defined]
    yield visit
    visit.close()


def test_a_hostile_spec_runs_nothing_and_fetches_nothing(hostile: Any) -> None:
    assert hostile.errors == [] and hostile.console == []
    assert hostile.requests == [hostile.url]
    page = hostile.page
    assert page.locator("script, img, iframe, object, embed").count() == 0
    assert page.locator("main h1").count() == 1
    text = " ".join(page.inner_text("main").split())
    assert "<script>alert(1)</script>" in text  # shown as text
    for service in hostile.model.services.values():
        assert " ".join(docpage.visible(service.name).split()) in text
    hrefs = page.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    # Fragments, https and relative links only: no other scheme (javascript:, data:...).
    assert not [h for h in hrefs if re.match(r"(?i)(?!https:)[a-z][a-z0-9+.-]*:", h)], hrefs


def test_axe_finds_no_serious_or_critical_violations_on_the_hostile_page(
    hostile: Any, axe: Path
) -> None:
    assert run_axe(hostile.page, axe) == []
