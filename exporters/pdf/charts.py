"""Simple horizontal bar charts drawn with ReportLab graphics, for tagging as Figures.

Every chart sits next to a data table with the same numbers (its text alternative); the chart's
alt text summarises it in words. Labels are set like body text (shaped in any script) and wrap
onto as many lines as they need: nothing is cut off. Series of a stacked chart differ by
pattern as well as colour, so they can be told apart without colour vision or in grey print.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from exporters.pdf.fonts import BODY, clean_text
from exporters.pdf.shaped import text_flowable
from exporters.pdf.styles import CHART_BAR, TEXT

PATTERNS = ("solid", "vertical", "horizontal", "dots")


@functools.cache
def _label_style(size: float) -> ParagraphStyle:
    return ParagraphStyle(
        f"chart-label-{size}", fontName=BODY, fontSize=size, leading=size * 1.2, textColor=TEXT
    )


def _label(text: str, size: float, width: float) -> tuple[Flowable, float]:
    """A label set like body text (shaped in any script, wrapped, never cut) and its height."""
    cleaned, _problems = clean_text(" ".join(text.split()))  # the table beside reports them
    label = text_flowable(cleaned, _label_style(size))
    _w, height = label.wrap(width, 10_000)
    return label, float(height)


class Chart(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """A chart as a stack of bands (legend, one band per row) that splits between rows, so a
    chart taller than a page continues on the next one (one Figure across the pages)."""

    def __init__(self, bands: list[Drawing], labels: list[Flowable | None] | None = None) -> None:
        super().__init__()
        self.bands = bands
        self.labels = labels or [None] * len(bands)
        self.width = max((float(b.width) for b in bands), default=0.0)
        self.height = sum(float(b.height) for b in bands)

    @property
    def contents(self) -> list[Any]:
        """Every shape drawn, band by band."""
        return [shape for band in self.bands for shape in band.contents]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        used, count = 0.0, 0
        while count < len(self.bands) and used + self.bands[count].height <= avail_height:
            used += self.bands[count].height
            count += 1
        if count == 0 or count == len(self.bands):
            return []
        return [
            Chart(self.bands[:count], self.labels[:count]),
            Chart(self.bands[count:], self.labels[count:]),
        ]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        for band, label in zip(self.bands, self.labels, strict=True):
            if label is not None:
                label.drawOn(canvas, x, top - label.height - 2)
            top -= band.height
            band.drawOn(canvas, x, top)


def _row_height(label_height: float, size: float) -> float:
    return max(label_height + size * 0.8, size * 2.0)


def bar_chart(
    rows: Sequence[tuple[str, int]],
    *,
    width: float,
    font_size: float,
    bar_color: colors.Color = CHART_BAR,
) -> Chart:
    """One bar per (label, value), label on the left (wrapped), value at the bar's end."""
    label_width = width * 0.42
    bar_space = width - label_width - font_size * 3.5
    top = max((value for _label, value in rows), default=0) or 1
    bands: list[Drawing] = []
    labels: list[Flowable | None] = []
    for label, value in rows:
        flowable, label_height = _label(label, font_size, label_width - font_size * 0.5)
        height = _row_height(label_height, font_size)
        band = Drawing(width, height, initialFontName=BODY)
        labels.append(flowable)
        bar_w = bar_space * value / top
        band.add(
            Rect(
                label_width,
                height - font_size * 1.6,
                bar_w,
                font_size * 1.4,
                fillColor=bar_color,
                strokeColor=None,
            )
        )
        band.add(
            String(
                label_width + bar_w + font_size * 0.4,
                height - font_size * 1.2,
                str(value),
                fontName=BODY,
                fontSize=font_size,
                fillColor=TEXT,
            )
        )
        bands.append(band)
    bands.append(Drawing(width, font_size * 0.5, initialFontName=BODY))
    labels.append(None)
    return Chart(bands, labels)


def patterned_rect(
    x: float, y: float, w: float, h: float, color: colors.Color, pattern: str
) -> Group:
    """A filled rectangle with white stripes or dots over it (`pattern` from PATTERNS)."""
    group = Group(Rect(x, y, w, h, fillColor=color, strokeColor=colors.white, strokeWidth=0.5))
    step = max(h / 4, 3.0)
    white = colors.white
    if pattern == "vertical":
        pos = x + step / 2
        while pos < x + w:
            group.add(Line(pos, y, pos, y + h, strokeColor=white, strokeWidth=1.2))
            pos += step
    elif pattern == "horizontal":
        pos = y + step / 2
        while pos < y + h:
            group.add(Line(x, pos, x + w, pos, strokeColor=white, strokeWidth=1.2))
            pos += step
    elif pattern == "dots":
        cy = y + step / 2
        while cy < y + h:
            cx = x + step / 2
            while cx < x + w:
                group.add(Circle(cx, cy, 1.1, fillColor=white, strokeColor=None))
                cx += step
            cy += step
    return group


def _legend(
    drawing: Drawing, series: Sequence[tuple[str, colors.Color]], size: float, y: float
) -> None:
    x = 0.0
    for (name, color), pattern in zip(series, PATTERNS, strict=False):
        if x + size * 2.3 + stringWidth(name, BODY, size) > drawing.width:
            x = 0.0
            y -= size * 1.8
        drawing.add(patterned_rect(x, y, size * 1.4, size * 1.1, color, pattern))
        drawing.add(
            String(
                x + size * 1.7, y + size * 0.15, name, fontName=BODY, fontSize=size, fillColor=TEXT
            )
        )
        x += size * 2.9 + stringWidth(name, BODY, size)


def _legend_height(series: Sequence[tuple[str, colors.Color]], size: float, width: float) -> float:
    rows, x = 1, 0.0
    for name, _color in series:
        item = size * 2.9 + stringWidth(name, BODY, size)
        if x and x + item - size * 0.6 > width:
            rows, x = rows + 1, 0.0
        x += item
    return rows * size * 1.8 + size * 0.6


def stacked_chart(
    rows: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[tuple[str, colors.Color]],
    *,
    width: float,
    font_size: float,
) -> Chart:
    """One stacked bar per row (e.g. sentiment counts per theme), with a patterned legend above
    and each row's total at the end of its bar."""
    label_width = width * 0.42
    bar_space = width - label_width - font_size * 3.0
    legend_height = _legend_height(series, font_size, width)
    legend = Drawing(width, legend_height, initialFontName=BODY)
    _legend(legend, series, font_size, legend_height - font_size * 1.3)
    bands = [legend]
    labels: list[Flowable | None] = [None]
    top = max((sum(values) for _label, values in rows), default=0) or 1
    for label, values in rows:
        flowable, label_height = _label(label, font_size, label_width - font_size * 0.5)
        height = _row_height(label_height, font_size)
        band = Drawing(width, height, initialFontName=BODY)
        labels.append(flowable)
        cursor = label_width
        for value, (_name, color), pattern in zip(values, series, PATTERNS, strict=False):
            w = bar_space * value / top
            if w > 0:
                band.add(
                    patterned_rect(
                        cursor, height - font_size * 1.6, w, font_size * 1.4, color, pattern
                    )
                )
            cursor += w
        band.add(
            String(
                cursor + font_size * 0.4,
                height - font_size * 1.2,
                str(sum(values)),
                fontName=BODY,
                fontSize=font_size,
                fillColor=TEXT,
            )
        )
        bands.append(band)
    return Chart(bands, labels)
