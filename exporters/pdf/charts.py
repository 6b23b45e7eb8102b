"""Simple horizontal bar charts drawn with ReportLab graphics, for tagging as Figures.

Every chart sits next to a data table with the same numbers (its text alternative); the chart's
alt text summarises it in words. Labels use one embedded font per string (fonts.single_font_text).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from exporters.pdf.fonts import BODY, single_font_text, visual_order
from exporters.pdf.styles import CHART_BAR, TEXT


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(
    rows: Sequence[tuple[str, int]],
    *,
    width: float,
    font_size: float,
    bar_color: colors.Color = CHART_BAR,
) -> Drawing:
    """One bar per (label, value), label on the left, value at the bar's end."""
    label_width = width * 0.42
    bar_space = width - label_width - font_size * 3.5
    row_height = font_size * 2.0
    height = row_height * max(len(rows), 1) + font_size * 0.5
    top = max((value for _label, value in rows), default=0) or 1
    drawing = Drawing(width, height, initialFontName=BODY)
    for index, (label, value) in enumerate(rows):
        y = height - (index + 1) * row_height
        font, text = single_font_text(visual_order(" ".join(label.split())))
        text = _fit(text, font, font_size, label_width - font_size * 0.5)
        drawing.add(
            String(0, y + row_height * 0.3, text, fontName=font, fontSize=font_size, fillColor=TEXT)
        )
        bar_w = bar_space * value / top
        drawing.add(
            Rect(
                label_width,
                y + row_height * 0.15,
                bar_w,
                row_height * 0.7,
                fillColor=bar_color,
                strokeColor=None,
            )
        )
        drawing.add(
            String(
                label_width + bar_w + font_size * 0.4,
                y + row_height * 0.3,
                str(value),
                fontName=BODY,
                fontSize=font_size,
                fillColor=TEXT,
            )
        )
    return drawing


def stacked_chart(
    rows: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[tuple[str, colors.Color]],
    *,
    width: float,
    font_size: float,
) -> Drawing:
    """One stacked bar per row (e.g. sentiment counts per theme), with a legend above."""
    label_width = width * 0.42
    bar_space = width - label_width - font_size
    row_height = font_size * 2.0
    legend_height = font_size * 2.2
    height = row_height * max(len(rows), 1) + legend_height
    top = max((sum(values) for _label, values in rows), default=0) or 1
    drawing = Drawing(width, height, initialFontName=BODY)
    x = 0.0
    for name, color in series:
        drawing.add(
            Rect(
                x, height - font_size * 1.2, font_size, font_size, fillColor=color, strokeColor=None
            )
        )
        drawing.add(
            String(
                x + font_size * 1.3,
                height - font_size * 1.05,
                name,
                fontName=BODY,
                fontSize=font_size,
                fillColor=TEXT,
            )
        )
        x += font_size * 1.8 + stringWidth(name, BODY, font_size) + font_size
    for index, (label, values) in enumerate(rows):
        y = height - legend_height - (index + 1) * row_height
        font, text = single_font_text(visual_order(" ".join(label.split())))
        text = _fit(text, font, font_size, label_width - font_size * 0.5)
        drawing.add(
            String(0, y + row_height * 0.3, text, fontName=font, fontSize=font_size, fillColor=TEXT)
        )
        cursor = label_width
        for value, (_name, color) in zip(values, series, strict=True):
            w = bar_space * value / top
            if w > 0:
                drawing.add(
                    Rect(
                        cursor,
                        y + row_height * 0.15,
                        w,
                        row_height * 0.7,
                        fillColor=color,
                        strokeColor=colors.white,
                        strokeWidth=0.5,
                    )
                )
            cursor += w
    return drawing
