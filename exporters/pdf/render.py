"""Lays the shared report text (exporters.report_text) out as tagged PDF flowables: each block
becomes its structure element and flowable in the text's order."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle

from exporters.pdf.charts import bar_chart, stacked_chart
from exporters.pdf.document import StoryBuilder
from exporters.pdf.fonts import BOLD
from exporters.pdf.icons import AMBER, GREEN, INK, RED
from exporters.pdf.logo import logo_drawing
from exporters.pdf.pictograms import pictogram
from exporters.report_text.blocks import (
    Block,
    Bullets,
    Chart,
    Heading,
    Logo,
    Paragraph,
    Point,
    QuoteBlock,
    ReportText,
    Role,
    Table,
)

#: Colours of a stacked chart's series in order (each also has its own pattern).
SERIES_COLOURS = (GREEN, RED, AMBER, INK)


def _label(builder: StoryBuilder) -> ParagraphStyle:
    body = builder.styles.body
    return ParagraphStyle(
        f"{body.name}-label", parent=body, fontName=BOLD, spaceBefore=4, keepWithNext=1
    )


def render(builder: StoryBuilder, report: ReportText) -> None:
    """Add every section and block of `report` to `builder`, in order."""
    for section in report.sections:
        builder.section()
        for block in section.blocks:
            _block(builder, block)


def _width(builder: StoryBuilder) -> float:
    return float(A4[0] - 2 * builder.styles.margin)


def _paragraph(builder: StoryBuilder, block: Paragraph) -> None:
    s = builder.styles
    if block.role is Role.LEAD:
        builder.paragraph(block.text, s.lead)
    elif block.role is Role.LABEL:
        builder.paragraph(block.text, _label(builder), keep_with_next=True)
    else:
        builder.paragraph(block.text)


def _chart(builder: StoryBuilder, block: Chart) -> None:
    size = builder.styles.chart_font_size
    width = _width(builder)
    if len(block.series) > 1:
        series = list(zip(block.series, SERIES_COLOURS, strict=False))
        rows = [(label, list(values)) for label, values in block.rows]
        drawing = stacked_chart(rows, series, width=width, font_size=size)
    else:
        bars = [(label, values[0]) for label, values in block.rows]
        drawing = bar_chart(bars, width=width, font_size=size)
    builder.figure(drawing, block.alt)


def _table(builder: StoryBuilder, block: Table) -> None:
    # The caption leads into the table and stays on its page (label style keeps with next).
    builder.paragraph(block.caption, _label(builder), keep_with_next=True)
    width = _width(builder)
    builder.table(
        list(block.header),
        [list(row) for row in block.rows],
        col_widths=[width * share for share in block.widths] if block.widths else None,
    )


def _block(builder: StoryBuilder, block: Block) -> None:
    s = builder.styles
    match block:
        case Heading(text=text, level=level):
            builder.heading(text, level, style=s.title if level == 1 else None)
        case Paragraph():
            _paragraph(builder, block)
        case Bullets(items=items):
            builder.bullet_list([str(item) for item in items])
        case QuoteBlock():
            builder.paragraph(block.quoted, s.quote)
            builder.paragraph(block.attribution, s.speaker)
        case Chart():
            _chart(builder, block)
        case Table():
            _table(builder, block)
        case Point(picture=picture, alt=alt, lines=lines):
            drawing, _alt = pictogram(picture, s.icon_size)
            builder.picture_point(drawing, alt, [str(line) for line in lines])
        case Logo(data=data, alt=alt):
            builder.figure(logo_drawing(data), alt)
