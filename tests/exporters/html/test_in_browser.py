"""The HTML reports in a real browser: 0 axe-core violations at WCAG 2.2 AA (light and dark),
no horizontal scrolling at 320 and 1280 CSS px, the keyboard reaches every link, and the page
asks for nothing from outside."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exporters.html import write_html
from exporters.html.pack_index import PackVersion, write_index
from exporters.pdf.sample_content import community_sample, coordinator_sample
from exporters.report_text import community_report_text, coordinator_text
from tests.exporters.html.hostile import hostile_community

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = ("standard", "large-print", "easy-read", "coordinator", "hostile-easy-read", "index")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    out: dict[str, Path] = {}
    for variant in ("standard", "large-print", "easy-read"):
        report = community_report_text(community_sample(), variant)
        out[variant] = write_html(report, folder / f"{variant}.html")
    out["coordinator"] = write_html(
        coordinator_text(coordinator_sample()), folder / "coordinator.html"
    )
    hostile = community_report_text(hostile_community(), "easy-read")
    out["hostile-easy-read"] = write_html(hostile, folder / "hostile-easy-read.html")
    versions = [
        PackVersion(label, out[name].name, pdf=f"{name}.pdf", text=f"{name}.txt")
        for name, label in (("standard", "Standard"), ("large-print", "Large print"))
    ]
    out["index"] = write_index(folder / "index.html", community_sample().title, "en-GB", versions)
    return out


def _open(browser: Any, path: Path, width: int, scheme: str = "light") -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(path.as_uri())
    return page, [url for url in requested if url != path.as_uri()]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations_at_wcag_22_aa(
    browser: Any, pages: dict[str, Path], name: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, requested = _open(browser, pages[name], 1280, scheme)
    try:
        options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}}
        results = Axe().run(page, options=options)
        assert results.violations_count == 0, results.generate_report()
        assert results.response["passes"], "axe-core really ran"
        assert requested == []  # the axe script is injected, never fetched
    finally:
        page.close()


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scrolling(
    browser: Any, pages: dict[str, Path], name: str, width: int, tmp_path: Path
) -> None:
    page, _requested = _open(browser, pages[name], width)
    try:
        document_width = page.evaluate("document.documentElement.scrollWidth")
        assert document_width <= width
        shot = tmp_path / f"{name}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
    finally:
        page.close()


@pytest.mark.parametrize("name", PAGES)
def test_tab_reaches_every_link_in_order(browser: Any, pages: dict[str, Path], name: str) -> None:
    page, _requested = _open(browser, pages[name], 1280)
    try:
        links = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
        stops = page.evaluate(
            "document.querySelectorAll('a[href], [tabindex]:not([tabindex=\"-1\"])').length"
        )
        reached: list[str] = []
        for _ in range(stops):
            page.keyboard.press("Tab")
            href = page.evaluate("document.activeElement.href || ''")
            if href:
                reached.append(href)
        assert reached == links
        assert links, "every page has at least the skip link"
    finally:
        page.close()


def test_skip_link_moves_focus_to_the_report(browser: Any, pages: dict[str, Path]) -> None:
    page, _requested = _open(browser, pages["standard"], 1280)
    try:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
    finally:
        page.close()


@pytest.mark.parametrize("name", ["standard", "easy-read"])
def test_printout_fits_the_page_without_the_skip_link(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    page, _requested = _open(browser, pages[name], 700)
    try:
        page.emulate_media(media="print")
        assert page.evaluate("document.documentElement.scrollWidth") <= 700
        shown = page.evaluate("getComputedStyle(document.querySelector('.skip-link')).display")
        assert shown == "none"
        assert page.pdf(format="A4")[:4] == b"%PDF"  # chromium prints it
    finally:
        page.close()
