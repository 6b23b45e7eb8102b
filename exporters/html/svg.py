"""Inline SVG for the HTML report: bar charts drawn from their numbers, and the OpenMoji
pictograms of Easy Read. Each is an image with a <title> (and a <desc> for charts) that names
it; the numbers are also in the table beside each chart."""

from __future__ import annotations

import textwrap
from functools import lru_cache

from lxml import etree

from domain.pictures import DEFAULT_PICTURE, picture_svg
from exporters.html.markup import Markup, el, text
from exporters.report_text.blocks import Chart

# Vertical sizes are in em (the reader's font size counts), horizontal ones in % of the column,
# so a chart reflows from a phone to a wide screen without scaling its text.
LINE = 1.5  # em per label line
BAR = 1.25  # em, bar height
GAP = 0.9  # em after each bar
WRAP = 28  # characters per label line: fits 320 CSS px at the default size
BAR_SPACE = 85.0  # % of the width the longest bar takes (its number follows it)
PATTERNS = ("solid", "vertical", "horizontal", "dots")

# What OpenMoji pictures may contain: shapes and groups, nothing that runs or loads.
_SHAPES = frozenset(
    {"svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon"}
)


def _label_lines(label: str) -> list[str]:
    return textwrap.wrap(" ".join(label.split()), WRAP, break_long_words=True) or [""]


def _defs(prefix: str) -> str:
    """White stripes and dots over a series colour, so series differ without colour vision."""
    stripe = 'stroke="#fff" stroke-width="1.5"'
    return (
        "<defs>"
        f'<pattern id="{prefix}-vertical" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<line x1="2" y1="0" x2="2" y2="5" {stripe}/></pattern>'
        f'<pattern id="{prefix}-horizontal" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<line x1="0" y1="2" x2="5" y2="2" {stripe}/></pattern>'
        f'<pattern id="{prefix}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<circle cx="2.5" cy="2.5" r="1" fill="#fff"/></pattern>'
        "</defs>"
    )


def _rect(x: float, y: float, width: float, series: int, prefix: str, unit: str = "%") -> str:
    box = f'x="{x:.2f}{unit}" y="{y:.2f}em" width="{width:.2f}{unit}" height="{BAR}em"'
    base = f'<rect class="s{series}" {box}/>'
    pattern = PATTERNS[series % len(PATTERNS)]
    if pattern == "solid":
        return base
    return base + f'<rect {box} fill="url(#{prefix}-{pattern})"/>'


def _legend(series: tuple[str, ...], prefix: str) -> tuple[list[str], float]:
    """Two series a line: a swatch with its pattern, then the name."""
    parts: list[str] = []
    y = 0.25
    for index, name in enumerate(series):
        x = 0.0 if index % 2 == 0 else 50.0
        parts.append(_rect(x, y, 2.0, index, prefix, unit="%"))
        parts.append(f'<text x="{x + 3:.1f}%" y="{y + 1.0:.2f}em">{text(name)}</text>')
        if index % 2 == 1 or index == len(series) - 1:
            y += LINE + 0.25
    return parts, y + 0.5


def chart_svg(chart: Chart, ident: str) -> Markup:
    """The chart as one SVG image: legend (several series), then per row its label above a
    bar (stacked for several series) with the row's total at the bar's end."""
    stacked = len(chart.series) > 1
    parts, y = _legend(chart.series, ident) if stacked else ([], 0.0)
    top = max((sum(values) for _label, values in chart.rows), default=0) or 1
    for label, values in chart.rows:
        for line in _label_lines(label):
            y += LINE
            parts.append(f'<text x="0" y="{y - 0.4:.2f}em">{text(line)}</text>')
        x = 0.0
        for index, value in enumerate(values):
            width = BAR_SPACE * value / top
            if width > 0:
                parts.append(_rect(x, y, width, index, ident))
            x += width
        total = sum(values)
        parts.append(f'<text x="{x:.2f}%" dx="0.3em" y="{y + 1.0:.2f}em">{total}</text>')
        y += BAR + GAP
    return Markup(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="100%" height="{y:.2f}em" '
        f'role="img" aria-labelledby="{ident}-t {ident}-d" focusable="false">'
        + el("title", {"id": f"{ident}-t"}, chart.title)
        + el("desc", {"id": f"{ident}-d"}, chart.alt)
        + (_defs(ident) if stacked else "")
        + "".join(parts)
        + "</svg>"
    )


@lru_cache(maxsize=128)
def _pictogram_inner(code: str) -> tuple[str, str]:
    """(viewBox, shapes) of an OpenMoji picture, stripped to shapes and presentation: no ids
    (they would repeat on the page), no scripts, links or event handlers."""
    data = picture_svg(code) or picture_svg(DEFAULT_PICTURE)
    assert data is not None, "the default picture ships with OpenMoji"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    root = etree.fromstring(data, parser)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name not in _SHAPES:
            element.getparent().remove(element)
            continue
        element.tag = name
        for attribute in list(element.attrib):
            local = etree.QName(attribute).localname
            if local == "id" or local.startswith("on") or "href" in local or local == "style":
                del element.attrib[attribute]
    etree.cleanup_namespaces(root)
    view_box = root.get("viewBox", "0 0 72 72")
    inner = "".join(etree.tostring(child, encoding="unicode") for child in root)
    return view_box, inner


def pictogram_svg(code: str, alt: str, ident: str) -> Markup:
    """The picture as an inline image named by `alt`."""
    view_box, inner = _pictogram_inner(code)
    return Markup(
        f'<svg class="picture" xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" '
        f'role="img" aria-labelledby="{ident}" focusable="false">'
        + el("title", {"id": ident}, alt)
        + inner
        + "</svg>"
    )
