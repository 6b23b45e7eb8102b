"""Easy Read pictures: simple vector icons drawn with ReportLab graphics (no image files).

Each icon has a fixed alt text naming what it shows, used for its Figure element.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect
from reportlab.lib import colors

from exporters.pdf.fonts import BODY

INK: Final = colors.HexColor("#003087")
FILL: Final = colors.HexColor("#DCE7F5")
GREEN: Final = colors.HexColor("#006747")
AMBER: Final = colors.HexColor("#8A4B00")
RED: Final = colors.HexColor("#A00024")


def _base(size: float) -> tuple[Drawing, float]:
    d = Drawing(size, size, initialFontName=BODY)
    d.add(Rect(0, 0, size, size, rx=size * 0.12, ry=size * 0.12, fillColor=FILL, strokeColor=None))
    return d, size / 100.0


def people(size: float) -> Drawing:
    """Two people side by side."""
    d, u = _base(size)
    for cx in (35, 65):
        d.add(Circle(cx * u, 68 * u, 11 * u, fillColor=INK, strokeColor=None))
        d.add(
            Rect(
                (cx - 14) * u,
                20 * u,
                28 * u,
                34 * u,
                rx=8 * u,
                ry=8 * u,
                fillColor=INK,
                strokeColor=None,
            )
        )
    return d


def speech(size: float) -> Drawing:
    """A speech bubble."""
    d, u = _base(size)
    d.add(
        Rect(
            14 * u,
            38 * u,
            72 * u,
            46 * u,
            rx=12 * u,
            ry=12 * u,
            fillColor=colors.white,
            strokeColor=INK,
            strokeWidth=5 * u,
        )
    )
    d.add(
        Polygon(
            [30 * u, 40 * u, 26 * u, 18 * u, 48 * u, 40 * u],
            fillColor=colors.white,
            strokeColor=INK,
            strokeWidth=5 * u,
        )
    )
    d.add(Rect(31 * u, 39.5 * u, 15 * u, 6 * u, fillColor=colors.white, strokeColor=None))
    for x in (34, 50, 66):
        d.add(Circle(x * u, 61 * u, 5 * u, fillColor=INK, strokeColor=None))
    return d


def tick(size: float) -> Drawing:
    """A green tick: done."""
    d, u = _base(size)
    d.add(
        Line(22 * u, 50 * u, 42 * u, 28 * u, strokeColor=GREEN, strokeWidth=11 * u, strokeLineCap=1)
    )
    d.add(
        Line(42 * u, 28 * u, 78 * u, 74 * u, strokeColor=GREEN, strokeWidth=11 * u, strokeLineCap=1)
    )
    return d


def clock(size: float) -> Drawing:
    """A clock: planned or in progress."""
    d, u = _base(size)
    d.add(
        Circle(50 * u, 50 * u, 33 * u, fillColor=colors.white, strokeColor=AMBER, strokeWidth=7 * u)
    )
    d.add(
        Line(50 * u, 50 * u, 50 * u, 72 * u, strokeColor=AMBER, strokeWidth=6 * u, strokeLineCap=1)
    )
    d.add(
        Line(50 * u, 50 * u, 66 * u, 42 * u, strokeColor=AMBER, strokeWidth=6 * u, strokeLineCap=1)
    )
    return d


def cross(size: float) -> Drawing:
    """A red cross: not possible."""
    d, u = _base(size)
    d.add(
        Line(28 * u, 28 * u, 72 * u, 72 * u, strokeColor=RED, strokeWidth=11 * u, strokeLineCap=1)
    )
    d.add(
        Line(28 * u, 72 * u, 72 * u, 28 * u, strokeColor=RED, strokeWidth=11 * u, strokeLineCap=1)
    )
    return d


def arrow(size: float) -> Drawing:
    """An arrow pointing forward: what happens next."""
    d, u = _base(size)
    d.add(Rect(16 * u, 42 * u, 42 * u, 16 * u, fillColor=INK, strokeColor=None))
    d.add(
        Polygon([56 * u, 26 * u, 86 * u, 50 * u, 56 * u, 74 * u], fillColor=INK, strokeColor=None)
    )
    return d


def document(size: float) -> Drawing:
    """A sheet of paper with lines: this report."""
    d, u = _base(size)
    d.add(
        Rect(
            26 * u,
            14 * u,
            48 * u,
            72 * u,
            fillColor=colors.white,
            strokeColor=INK,
            strokeWidth=5 * u,
        )
    )
    for y in (68, 56, 44, 32):
        d.add(Line(34 * u, y * u, 66 * u, y * u, strokeColor=INK, strokeWidth=4 * u))
    return d


def phone(size: float) -> Drawing:
    """A telephone handset and an envelope: contact us."""
    d, u = _base(size)
    d.add(
        Rect(
            14 * u,
            30 * u,
            40 * u,
            30 * u,
            fillColor=colors.white,
            strokeColor=INK,
            strokeWidth=4 * u,
        )
    )
    d.add(
        Polygon(
            [14 * u, 60 * u, 34 * u, 44 * u, 54 * u, 60 * u],
            fillColor=None,
            strokeColor=INK,
            strokeWidth=4 * u,
        )
    )
    d.add(Rect(62 * u, 18 * u, 24 * u, 64 * u, rx=6 * u, ry=6 * u, fillColor=INK, strokeColor=None))
    d.add(Rect(66 * u, 30 * u, 16 * u, 42 * u, fillColor=colors.white, strokeColor=None))
    return d


#: Icon name -> (drawing function, alt text).
ICONS: Final[dict[str, tuple[Callable[[float], Drawing], str]]] = {
    "people": (people, "Picture of two people"),
    "speech": (speech, "Picture of a speech bubble"),
    "tick": (tick, "Picture of a green tick"),
    "clock": (clock, "Picture of a clock"),
    "cross": (cross, "Picture of a red cross"),
    "arrow": (arrow, "Picture of an arrow pointing forward"),
    "document": (document, "Picture of a report"),
    "phone": (phone, "Picture of a letter and a phone"),
}


def icon(name: str, size: float) -> tuple[Drawing, str]:
    """The drawing and alt text of a named icon."""
    draw, alt = ICONS[name]
    return draw(size), alt
