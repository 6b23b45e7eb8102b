"""The report as an ordered sequence of text blocks: what every format (PDF, HTML, plain text)
writes, in the order it writes it, so the formats never disagree.

Frozen plain data. Texts are plain text as people wrote them (never markup): each writer escapes
them its own way. Control characters that could reorder or hide text (bidi overrides, isolates)
are removed here once, so every format shows the same characters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from exporters.report_text.result import LeftOutQuote

# Joiners and variation selectors shape the character before them: they are part of the text.
_KEEP_FORMAT = frozenset("\u200c\u200d\ufe0e\ufe0f")


def clean(text: str) -> str:
    """`text` without control or format characters (bidi overrides, isolates, zero-width
    spaces), keeping line breaks, joiners and variation selectors."""
    if text.isascii() and text.isprintable():
        return text
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\n\t" or ch in _KEEP_FORMAT or category not in ("Cc", "Cf", "Cs", "Co"):
            kept.append(ch)
    return "".join(kept)


@dataclass(frozen=True, slots=True)
class Link:
    """A line ending in a link: `before` ("Phone: ") then `text` that opens `href`."""

    before: str
    text: str
    href: str

    def __str__(self) -> str:
        return self.before + self.text


Line = str | Link


class Role(StrEnum):
    """How a paragraph reads: body text, a cover line, a label that introduces what follows,
    or a small print note (credits)."""

    BODY = "body"
    LEAD = "lead"
    LABEL = "label"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Heading:
    """H1-H3. Levels never skip; the one level-1 heading is the report's title."""

    text: str
    level: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    role: Role = Role.BODY


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class QuoteBlock:
    """Words someone said, and who said it (a non-identifying descriptor)."""

    text: str
    speaker: str

    @property
    def quoted(self) -> str:
        return f"\u201c{self.text}\u201d"

    @property
    def attribution(self) -> str:
        return f"\u2014 {self.speaker}"


@dataclass(frozen=True, slots=True)
class Chart:
    """Horizontal bars, one row per label: one series is a bar chart, several a stacked one.

    `title` names the chart; `alt` says everything it shows in words. A Table with the same
    numbers always follows it.
    """

    title: str
    alt: str
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    series: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """A data table: caption, column headers, rows whose first cell heads the row."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # share of the line each column takes (PDF); empty: even


@dataclass(frozen=True, slots=True)
class Point:
    """Easy Read: one picture (an OpenMoji code) on the left of a few short lines."""

    picture: str
    alt: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Logo:
    """The organisation's logo (PNG or JPEG bytes)."""

    data: bytes
    alt: str


Block = Heading | Paragraph | Bullets | QuoteBlock | Chart | Table | Point | Logo


@dataclass(frozen=True, slots=True)
class Section:
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> Heading | None:
        """The section's first heading (what a landmark is named by)."""
        return next((b for b in self.blocks if isinstance(b, Heading)), None)


@dataclass(frozen=True, slots=True)
class ReportText:
    """One report in one variant, in reading order."""

    title: str
    language: str
    variant: str
    sections: tuple[Section, ...]
    left_out: tuple[LeftOutQuote, ...] = field(default=())

    def __post_init__(self) -> None:
        # The title is also the PDF's metadata and the page's <title>: cleaned like the rest.
        object.__setattr__(self, "title", clean(self.title))

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks


def block_texts(block: Block) -> list[str]:
    """The texts a reader meets in `block`, in order (a picture or chart: its alt text)."""
    match block:
        case Heading(text=text) | Paragraph(text=text):
            return [text]
        case Bullets(items=items):
            return [str(item) for item in items]
        case QuoteBlock():
            return [block.quoted, block.attribution]
        case Chart(alt=alt) | Logo(alt=alt):
            return [alt]
        case Table(caption=caption, header=header, rows=rows):
            return [caption, *header, *(cell for row in rows for cell in row)]
        case Point(alt=alt, lines=lines):
            return [alt, *(str(line) for line in lines)]
    raise TypeError(f"not a report block: {block!r}")


def report_texts(report: ReportText) -> list[str]:
    """Every text of the report in reading order."""
    return [text for block in report.blocks() for text in block_texts(block)]


class SectionsBuilder:
    """Collects blocks into sections as a report is composed; every text goes through clean()."""

    def __init__(self) -> None:
        self._sections: list[list[Block]] = []

    def section(self) -> None:
        self._sections.append([])

    def add(self, block: Block) -> None:
        if not self._sections:
            self.section()
        self._sections[-1].append(_cleaned(block))

    def heading(self, text: str, level: int) -> None:
        self.add(Heading(text, level))

    def paragraph(self, text: str, role: Role = Role.BODY) -> None:
        self.add(Paragraph(text, role))

    def bullets(self, items: list[Line] | list[str]) -> None:
        if items:
            self.add(Bullets(tuple(items)))

    def sections(self) -> tuple[Section, ...]:
        return tuple(Section(tuple(blocks)) for blocks in self._sections if blocks)


def _line(line: Line) -> Line:
    if isinstance(line, Link):
        return Link(clean(line.before), clean(line.text), line.href)
    return clean(line)


def _cleaned(block: Block) -> Block:
    match block:
        case Heading(text=text, level=level):
            return Heading(clean(text), level)
        case Paragraph(text=text, role=role):
            return Paragraph(clean(text), role)
        case Bullets(items=items):
            return Bullets(tuple(_line(i) for i in items))
        case QuoteBlock(text=text, speaker=speaker):
            return QuoteBlock(clean(text), clean(speaker))
        case Point(picture=picture, alt=alt, lines=lines):
            return Point(picture, clean(alt), tuple(_line(i) for i in lines))
        case Logo(data=data, alt=alt):
            return Logo(data, clean(alt))
    return _cleaned_data(block)


def _cleaned_data(block: Block) -> Block:
    match block:
        case Chart(title=title, alt=alt, rows=rows, series=series):
            rows = tuple((clean(label), values) for label, values in rows)
            return Chart(clean(title), clean(alt), rows, tuple(clean(s) for s in series))
        case Table(caption=caption, header=header, rows=rows, widths=widths):
            cells = tuple(tuple(clean(c) for c in row) for row in rows)
            return Table(clean(caption), tuple(clean(h) for h in header), cells, widths)
    raise TypeError(f"not a report block: {block!r}")
