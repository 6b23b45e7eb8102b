"""The HTML page: self-contained, semantic, and nothing a note says becomes markup."""

from __future__ import annotations

import dataclasses
import itertools
import re

import pytest
from lxml import html as lxml_html

from exporters.html import html_page
from exporters.pdf.sample_content import community_sample, coordinator_sample
from exporters.report_text import community_report_text, coordinator_text
from exporters.report_text.blocks import ReportText
from tests.exporters.html.hostile import HOSTILE, hostile_community, hostile_coordinator

VARIANTS = ("standard", "large-print", "easy-read")


def _page(content_kind: str, variant: str) -> str:
    if variant == "coordinator":
        content = hostile_coordinator() if content_kind == "hostile" else coordinator_sample()
        return html_page(coordinator_text(content))
    community = hostile_community() if content_kind == "hostile" else community_sample()
    return html_page(community_report_text(community, variant))


PAGES = {
    f"{kind}-{variant}": _page(kind, variant)
    for kind in ("sample", "hostile")
    for variant in (*VARIANTS, "coordinator")
}
# Every element the writer makes; anything else would have come from text.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "main", "section", "div",
    "h1", "h2", "h3", "p", "ul", "li", "address", "figure", "blockquote", "figcaption", "img",
    "table", "caption", "thead", "tbody", "tr", "th", "td", "svg", "desc", "defs", "pattern",
    "line", "circle", "rect", "text", "g", "path", "ellipse", "polyline", "polygon",
}  # fmt: skip


def _tree(key: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(PAGES[key])


@pytest.mark.parametrize("key", list(PAGES))
def test_only_the_writers_own_elements_and_safe_links(key: str) -> None:
    tree = _tree(key)
    tags = {element.tag for element in tree.iter() if isinstance(element.tag, str)}
    assert tags <= ALLOWED_TAGS
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        for name in ("href", "src"):
            value = element.get(name)
            if value is not None:
                assert re.match(r"^(#main|tel:\+?\d+|mailto:[^\s<>\"]+|data:image/)", value)
    assert "\u202e" not in PAGES[key] and "\u202c" not in PAGES[key]


@pytest.mark.parametrize("variant", [*VARIANTS, "coordinator"])
def test_hostile_text_is_shown_as_text(variant: str) -> None:
    page = PAGES[f"hostile-{variant}"]
    visible = HOSTILE.replace("\u202e", "").replace("\u202c", "")
    body = _tree(f"hostile-{variant}").body
    assert visible in body.text_content()
    assert "<script" not in page.lower() and "<img src=x" not in page.lower()
    assert 'href="javascript' not in page.lower()


def test_contact_details_are_links() -> None:
    tree = _tree("sample-standard")
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert "tel:01134960000" in hrefs
    assert "mailto:voices@example.org" in hrefs
    assert tree.find(".//address") is not None
    hostile = _tree("hostile-standard")
    mail = [a.get("href") for a in hostile.iter("a") if a.get("href", "").startswith("mailto:")]
    assert mail == ["mailto:javascript%3Aalert%281%29%22%3Cb%3E@evil.example"]


@pytest.mark.parametrize("key", [k for k in PAGES if k.startswith("sample")])
def test_semantic_structure(key: str) -> None:
    tree = _tree(key)
    assert tree.get("lang") == "en-GB"
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3")]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    assert tree.find(".//header") is not None and tree.find(".//main") is not None
    skip = tree.body[0]
    assert skip.tag == "a" and skip.get("href") == "#main"
    for section in tree.iter("section"):
        assert tree.get_element_by_id(section.get("aria-labelledby")).tag in ("h2", "h3")
    for table in tree.iter("table"):
        assert table[0].tag == "caption" and table[0].text_content().strip()
        assert all(th.get("scope") in ("col", "row") for th in table.iter("th"))
    for svg in tree.iter("svg"):
        assert svg.get("role") == "img"
        assert all(
            tree.get_element_by_id(i) is not None for i in svg.get("aria-labelledby").split()
        )
        assert svg.find("title") is not None
    ids = [e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")]
    assert len(ids) == len(set(ids))
    assert "<script" not in PAGES[key] and "http://" not in PAGES[key].replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_quotes_are_blockquotes_with_attribution() -> None:
    tree = _tree("sample-standard")
    quotes = tree.findall(".//figure[@class='quote']")
    assert quotes
    for figure in quotes:
        assert figure[0].tag == "blockquote"
        assert figure[1].tag == "figcaption" and figure[1].text_content().startswith("\u2014 ")


def test_each_chart_has_a_table_beside_it() -> None:
    for key in ("sample-standard", "sample-coordinator"):
        tree = _tree(key)
        for svg in tree.iter("svg"):
            if "chart" in svg.get("class", ""):
                following = svg.getparent().getnext()
                assert following is not None and following.find(".//table") is not None


def test_easy_read_puts_a_picture_left_of_each_point() -> None:
    tree = _tree("sample-easy-read")
    points = tree.findall(".//div[@class='point']")
    assert len(points) > 10
    for point in points:
        assert point[0].tag == "svg" and point[1].get("class") == "lines"
    assert "grid-template-columns" in PAGES["sample-easy-read"]


def test_reading_comfort_rules_are_in_every_page() -> None:
    for key in PAGES:
        page = PAGES[key]
        assert "@media (prefers-color-scheme: dark)" in page and "@media print" in page
        assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
        policy = _tree(key).find(".//meta[@http-equiv='Content-Security-Policy']")
        assert policy is not None and "default-src 'none'" in policy.get("content")
        styles = page.split("<style>", 1)[1].split("</style>", 1)[0]
        # Type follows the reader's own size: no pixel or point font sizes on screen.
        screen = styles.split("@media print", 1)[0]
        assert not re.search(r"font-size:\s*[\d.]+(px|pt)", screen)


def test_large_print_is_150_percent() -> None:
    assert "html { font-size: 150%; }" in PAGES["sample-large-print"]
    assert "150%" not in PAGES["sample-standard"]


def test_right_to_left_passages_carry_dir_and_lang() -> None:
    from tests.exporters.pdf.hostile import ARABIC, BENGALI, URDU

    sample = community_sample()
    theme = sample.themes[0]
    quotes = tuple(
        dataclasses.replace(theme.quotes[0], note_id=f"q{i}", text=text)
        for i, text in enumerate((ARABIC, URDU, BENGALI))
    )
    content = dataclasses.replace(
        sample, themes=(dataclasses.replace(theme, quotes=quotes), *sample.themes[1:])
    )
    report: ReportText = community_report_text(content, "standard")
    tree = lxml_html.document_fromstring(html_page(report))
    found = {p.text_content(): p for p in tree.iter("p")}
    arabic, urdu, bengali = (found[f"\u201c{t}\u201d"] for t in (ARABIC, URDU, BENGALI))
    assert (arabic.get("dir"), arabic.get("lang")) == ("auto", "ar")
    assert (urdu.get("dir"), urdu.get("lang")) == ("auto", "ur")
    assert (bengali.get("dir"), bengali.get("lang")) == (None, "bn")
