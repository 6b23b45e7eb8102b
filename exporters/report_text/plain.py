"""The report as plain text (UTF-8): for screen readers, braille displays and email bodies.
The same texts as the other formats, laid out with blank lines and simple markers."""

from __future__ import annotations

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
    Table,
)

_UNDERLINE = {1: "=", 2: "-"}


def _table(block: Table) -> list[str]:
    """Row by row, each value named by its column, so nothing depends on lining up."""
    lines = [block.caption]
    for row in block.rows:
        first, *rest = row
        named = "; ".join(f"{h}: {v}" for h, v in zip(block.header[1:], rest, strict=False))
        lines.append(f"- {block.header[0]}: {first}; {named}" if named else f"- {first}")
    return ["\n".join(lines)]


def _block(block: Block) -> list[str]:
    match block:
        case Heading(text=text, level=level):
            mark = _UNDERLINE.get(level)
            return [f"{text}\n{mark * min(len(text), 70)}" if mark else text]
        case Paragraph(text=text):
            return [text]
        case Bullets(items=items):
            return ["\n".join(f"- {item}" for item in items)]
        case QuoteBlock():
            return [f"{block.quoted}\n{block.attribution}"]
        case Table():
            return _table(block)
        case Point(lines=lines):
            return ["\n".join(str(line) for line in lines)]
        case Chart() | Logo():
            return []  # the table beside a chart has its numbers; a logo says nothing
    raise TypeError(f"not a report block: {block!r}")


def plain_text(report: ReportText) -> str:
    """The whole report as plain text."""
    parts = [part for block in report.blocks() for part in _block(block)]
    return "\n\n".join(parts) + "\n"
