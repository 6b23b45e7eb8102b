"""One self-contained HTML page per report: semantic structure from the shared report text,
inline CSS and SVG, no scripts and no outside requests (the page's own policy forbids both)."""

from __future__ import annotations

import base64
import itertools

from exporters.html.language import passage_attributes
from exporters.html.markup import Markup, el, join
from exporters.html.style import style_sheet
from exporters.html.svg import chart_svg, pictogram_svg
from exporters.report_text.blocks import (
    Block,
    Bullets,
    Chart,
    Heading,
    Line,
    Link,
    Logo,
    Paragraph,
    Point,
    QuoteBlock,
    ReportText,
    Role,
    Section,
    Table,
)

#: Nothing runs and nothing is fetched: styles are inline, images are data.
POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
VARIANT_NAMES = {
    "standard": "",
    "large-print": " (large print)",
    "easy-read": " (Easy Read)",
    "coordinator": "",
}
SKIP_LINK = "Skip to the report"
_CLASSES = {Role.LEAD: "lead", Role.LABEL: "label", Role.NOTE: "note", Role.BODY: None}


class _Ids:
    """Unique ids on the page (headings, captions, pictures)."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def __call__(self, kind: str) -> str:
        return f"{kind}-{next(self._counter)}"


def _passage(tag: str, passage: str, **extra: str | None) -> Markup:
    """An element holding one passage of outside text, with its own dir and lang."""
    return el(tag, {**extra, **passage_attributes(passage)}, passage)


def _line(tag: str, line: Line) -> Markup:
    if isinstance(line, Link):
        link = el("a", {"href": line.href}, line.text)
        return el(tag, passage_attributes(str(line)), line.before, link)
    return _passage(tag, line)


def _is_number(cell: str) -> bool:
    return cell.replace(",", "").isdigit()


def _table(block: Table, ids: _Ids) -> Markup:
    caption = ids("caption")
    # A column of numbers lines up on the right, its header with it.
    numeric = [
        index > 0
        and all(_is_number(row[index]) or row[index] == "not counted" for row in block.rows)
        for index in range(len(block.header))
    ]
    number = {True: "number", False: None}
    head = el(
        "thead",
        {},
        el(
            "tr",
            {},
            *(
                _passage("th", h, scope="col", **{"class": number[numeric[i]]})
                for i, h in enumerate(block.header)
            ),
        ),
    )
    rows = []
    for row in block.rows:
        first, *rest = row
        cells = [_passage("th", first, scope="row")]
        cells += [
            _passage("td", cell, **{"class": number[numeric[i]]})
            for i, cell in enumerate(rest, start=1)
        ]
        rows.append(el("tr", {}, *cells))
    table = el(
        "table", {}, _passage("caption", block.caption, id=caption), head, el("tbody", {}, *rows)
    )
    # A table wider than a phone scrolls inside its own region, not the page (WCAG reflow).
    return el(
        "div",
        {"class": "table-wrap", "role": "region", "aria-labelledby": caption, "tabindex": "0"},
        table,
    )


def _logo(block: Logo) -> Markup:
    kind = "png" if block.data.startswith(b"\x89PNG") else "jpeg"
    source = f"data:image/{kind};base64," + base64.b64encode(block.data).decode("ascii")
    return el("img", {"class": "logo", "src": source, "alt": block.alt})


def _point(block: Point, ids: _Ids) -> Markup:
    picture = pictogram_svg(block.picture, block.alt, ids("picture"))
    lines = el("div", {"class": "lines"}, *(_line("p", line) for line in block.lines))
    return el("div", {"class": "point"}, picture, lines)


def _quote(block: QuoteBlock) -> Markup:
    quote = el("blockquote", {}, _passage("p", block.quoted))
    return el("figure", {"class": "quote"}, quote, _passage("figcaption", block.attribution))


def _block(block: Block, ids: _Ids, heading_id: str | None) -> Markup:
    match block:
        case Heading(text=text, level=level):
            return _passage(f"h{level}", text, id=heading_id)
        case Paragraph(text=text, role=role):
            return _passage("p", text, **{"class": _CLASSES[role]})
        case Bullets(items=items):
            listed = el("ul", {}, *(_line("li", item) for item in items))
            # Contact details are the organisation's address in the page's own terms.
            return el("address", {}, listed) if any(isinstance(i, Link) for i in items) else listed
        case QuoteBlock():
            return _quote(block)
        case Chart():
            return el("figure", {"class": "figure"}, chart_svg(block, ids("chart")))
        case Table():
            return _table(block, ids)
        case Point():
            return _point(block, ids)
        case Logo():
            return _logo(block)
    raise TypeError(f"not a report block: {block!r}")


def _blocks(blocks: tuple[Block, ...], ids: _Ids) -> tuple[list[Markup], str | None]:
    """The blocks' HTML, and the id of the first heading (what names their section)."""
    out, first = [], None
    for block in blocks:
        heading_id = ids("heading") if isinstance(block, Heading) else None
        first = first or heading_id
        out.append(_block(block, ids, heading_id))
    return out, first


def _section(blocks: tuple[Block, ...], ids: _Ids) -> Markup:
    parts, heading_id = _blocks(blocks, ids)
    if heading_id is None:
        return el("div", {}, join(parts))
    return el("section", {"aria-labelledby": heading_id}, join(parts))


def _cover_split(first: Section) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """The cover's logo, title and lead lines (the page's banner), and what follows them."""

    def on_cover(block: Block) -> bool:
        match block:
            case Logo():
                return True
            case Heading(level=level):
                return level == 1
            case Paragraph(role=role):
                return role is Role.LEAD
        return False

    count = 0
    while count < len(first.blocks) and on_cover(first.blocks[count]):
        count += 1
    return first.blocks[:count], first.blocks[count:]


def html_page(report: ReportText) -> str:
    """The whole report as one HTML document."""
    ids = _Ids()
    first, *rest = report.sections
    cover, intro = _cover_split(first)
    body = [el("a", {"class": "skip-link", "href": "#main"}, SKIP_LINK)]
    body.append(el("header", {}, join(_blocks(cover, ids)[0])))
    main = [_section(intro, ids)] if intro else []
    main += [_section(section.blocks, ids) for section in rest]
    body.append(el("main", {"id": "main", "tabindex": "-1"}, join(main)))
    head = join(
        [
            el("meta", {"charset": "utf-8"}),
            el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            el("meta", {"http-equiv": "Content-Security-Policy", "content": POLICY}),
            el("meta", {"name": "color-scheme", "content": "light dark"}),
            el("title", {}, report.title + VARIANT_NAMES.get(report.variant, "")),
            el("style", {}, Markup(style_sheet(report.variant))),
        ]
    )
    page = el(
        "html",
        {"lang": report.language},
        el("head", {}, head),
        el("body", {"class": f"report {report.variant}"}, join(body)),
    )
    return "<!DOCTYPE html>\n" + page + "\n"
