"""Flowables that draw inside marked content belonging to a structure element.

Hand-written because open-source ReportLab has no tagging. Each wrapper holds the element it
was created with, so when ReportLab splits a flowable across pages every part keeps the same
element and the element collects one marked-content reference per page.

ReportLab internals used: ``Flowable.drawOn(canvas, x, y, _sW)`` (the ``_sW`` alignment
argument), ``Flowable.split``/``wrap`` contracts. Not thread-safe (one build, one thread).
"""

from __future__ import annotations

import itertools
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from exporters.pdf.canvas import TaggedCanvas
from exporters.pdf.structure import StructElement

_bookmark_keys = itertools.count(1)


class Tagged(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Draws `inner` as marked content of `element`; optionally adds an outline entry."""

    def __init__(
        self,
        inner: Any,
        element: StructElement,
        *,
        outline: tuple[str, int] | None = None,
        keep_with_next: bool = False,
    ) -> None:
        super().__init__()
        self.inner = inner
        self.element = element
        self.outline = outline  # (title, level) for headings
        self.keepWithNext = keep_with_next
        self._outline_done = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = self.inner.wrap(avail_width, avail_height)
        self.width, self.height = w, h
        return w, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.inner.split(avail_width, avail_height)
        out: list[Flowable] = []
        for index, part in enumerate(parts):
            tagged = Tagged(part, self.element, outline=self.outline if index == 0 else None)
            out.append(tagged)
        return out

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

    def drawOn(self, canvas: TaggedCanvas, x: float, y: float, _sW: float = 0) -> None:
        if self.outline is not None and not self._outline_done:
            title, level = self.outline
            key = f"h{next(_bookmark_keys)}"
            canvas.bookmarkHorizontal(key, x, y + self.height)
            canvas.addOutlineEntry(title, key, level=level, closed=False)
            self._outline_done = True
        canvas.begin_tagged(self.element)
        self.inner.drawOn(canvas, x, y, _sW)
        canvas.end_marked()


class Artifact(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Draws `inner` as an artifact (decoration with no meaning, e.g. a rule)."""

    def __init__(self, inner: Any) -> None:
        super().__init__()
        self.inner = inner

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = self.inner.wrap(avail_width, avail_height)
        self.width, self.height = w, h
        return w, h

    def drawOn(self, canvas: TaggedCanvas, x: float, y: float, _sW: float = 0) -> None:
        canvas.begin_artifact()
        self.inner.drawOn(canvas, x, y, _sW)
        canvas.end_marked()


class ListItem(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """One LI: a label (Lbl) hanging left of a body paragraph (LBody); splits keep both elements."""

    def __init__(
        self,
        label: Paragraph | None,
        body: Paragraph,
        *,
        item: StructElement,
        lbl: StructElement,
        lbody: StructElement,
        indent: float,
    ) -> None:
        super().__init__()
        self.label = label
        self.body = body
        self.item = item
        self.lbl = lbl
        self.lbody = lbody
        self.indent = indent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        _w, h = self.body.wrap(avail_width - self.indent, avail_height)
        if self.label is not None:
            self.label.wrap(self.indent, avail_height)
        self.width, self.height = avail_width, h
        return avail_width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.body.split(avail_width - self.indent, avail_height)
        if not parts:
            return []
        out: list[Flowable] = []
        for index, part in enumerate(parts):
            out.append(
                ListItem(
                    self.label if index == 0 else None,
                    part,
                    item=self.item,
                    lbl=self.lbl,
                    lbody=self.lbody,
                    indent=self.indent,
                )
            )
        return out

    def getSpaceBefore(self) -> float:
        return float(self.body.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.body.getSpaceAfter())

    def drawOn(self, canvas: TaggedCanvas, x: float, y: float, _sW: float = 0) -> None:
        # A right-to-left item hangs its bullet on the right, where its lines start.
        rtl = bool(getattr(self.body, "rtl", False))
        if self.label is not None:
            _lw, lh = self.label.wrap(self.indent, self.height)
            label_x = x + self.width - self.indent * 0.6 if rtl else x
            canvas.begin_tagged(self.lbl)
            self.label.drawOn(canvas, label_x, y + self.height - lh)
            canvas.end_marked()
        canvas.begin_tagged(self.lbody)
        self.body.drawOn(canvas, x if rtl else x + self.indent, y)
        canvas.end_marked()


class PictureRow(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Easy Read point: a picture (Figure with Alt) on the left, short lines of text on the right.

    Rows are short by construction (Easy Read sentences are checked), so a row never splits; it
    moves to the next page whole, keeping the picture beside its words.
    """

    def __init__(
        self,
        picture: Drawing,
        figure: StructElement,
        lines: list[tuple[Paragraph, StructElement]],
        *,
        gap: float,
        space_after: float,
    ) -> None:
        super().__init__()
        self.picture = picture
        self.figure = figure
        self.lines = lines
        self.gap = gap
        self.spaceAfter = space_after

    def _text_x(self) -> float:
        return float(self.picture.width) + self.gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        text_width = avail_width - self._text_x()
        total = 0.0
        self._heights: list[float] = []
        for para, _element in self.lines:
            _w, h = para.wrap(text_width, avail_height)
            self._heights.append(h)
            total += h + para.getSpaceAfter()
        self.width = avail_width
        self.height = max(total, float(self.picture.height))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def drawOn(self, canvas: TaggedCanvas, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        canvas.begin_tagged(self.figure)
        self.picture.drawOn(canvas, x, top - self.picture.height)
        canvas.end_marked()
        cursor = top
        for (para, element), h in zip(self.lines, self._heights, strict=True):
            cursor -= h
            canvas.begin_tagged(element)
            para.drawOn(canvas, x + self._text_x(), cursor)
            canvas.end_marked()
            cursor -= para.getSpaceAfter()


class RoomFor(CondPageBreak):  # type: ignore[misc]  # ReportLab is untyped
    """Starts a new page unless the headings before a table and the table's header and first
    rows fit here. Used instead of keep-with-next, which would move a whole long table (leaving
    most of a page empty) when only its start needs to stay with its heading."""

    def __init__(self, headings: list[Flowable], table: Any, rows: int) -> None:
        super().__init__(0)
        self.headings = headings
        self.table = table
        self.rows = rows

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        needed = 0.0
        for heading in self.headings:
            needed += heading.wrap(avail_width, avail_height)[1] + heading.getSpaceAfter()
        self.table.wrap(avail_width, avail_height)
        needed += sum(self.table._rowHeights[: 1 + self.rows])
        self.height = needed
        return tuple(super().wrap(avail_width, avail_height))
