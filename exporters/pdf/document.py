"""Page layout and build for tagged reports, plus the story builder that creates each structure
element together with its flowable (so reading order comes from the data).

Hand-written because open-source ReportLab has no tagging. Not thread-safe: one builder and one
document per build, on one thread (the task runner's worker).
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer
from reportlab.platypus.doctemplate import LayoutError

from domain.progress import Progress
from exporters.pdf.canvas import TaggedCanvas
from exporters.pdf.flowables import ListItem, PictureRow, RoomFor, Tagged
from exporters.pdf.fonts import (
    BODY,
    clean_text,
    register_fonts,
    single_font_text,
    to_markup,
)
from exporters.pdf.shaped import ShapedLines, text_flowable
from exporters.pdf.structure import StructElement, StructTree
from exporters.pdf.styles import MUTED, StyleSet
from exporters.pdf.tables import MIN_ROWS, tagged_table


class ReportCancelled(Exception):
    """The person cancelled the build; no file was written."""


class ReportLayoutError(Exception):
    """Some content could not be laid out (e.g. a table cell taller than a page)."""


class StoryBuilder:
    """Collects flowables and their structure elements in reading order."""

    def __init__(self, styles: StyleSet) -> None:
        register_fonts()
        self.styles = styles
        self.tree = StructTree()
        self.story: list[Flowable] = []
        self.problems: list[str] = []
        self._section: StructElement = self.tree.root
        self._last_level = 0

    # text ---------------------------------------------------------------------------------
    def markup(self, text: str) -> str:
        """Escaped Paragraph markup for plain `text`; problems go to self.problems."""
        cleaned, problems = clean_text(text)
        self.problems.extend(problems)
        return to_markup(cleaned)

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph | ShapedLines:
        """An untagged paragraph of plain text (tag it by placing it through this builder):
        shaped line by line when its scripts need it (shaped.py), else a ReportLab Paragraph."""
        cleaned, problems = clean_text(text)
        self.problems.extend(problems)
        return text_flowable(cleaned, style or self.styles.body)

    # structure ----------------------------------------------------------------------------
    def section(self) -> StructElement:
        """Start a Sect under the document; following content goes into it."""
        self._section = self.tree.root.add("Sect")
        return self._section

    def heading(self, text: str, level: int, *, style: ParagraphStyle | None = None) -> None:
        """H1-H3; levels may go down one at a time only (never skip), and bookmark themselves."""
        if level not in (1, 2, 3):
            raise ValueError("heading level must be 1, 2 or 3")
        if level > self._last_level + 1:
            raise ValueError(f"heading level {level} would skip a level after {self._last_level}")
        self._last_level = level
        element = self._section.add(f"H{level}")
        chosen = style or {1: self.styles.h1, 2: self.styles.h2, 3: self.styles.h3}[level]
        outline_title, _ = clean_text(text)
        self.story.append(
            Tagged(
                self.para(text, chosen),
                element,
                outline=(" ".join(outline_title.split())[:200], level - 1),
                keep_with_next=True,
            )
        )

    def paragraph(
        self, text: str, style: ParagraphStyle | None = None, *, keep_with_next: bool = False
    ) -> None:
        """A P element with its paragraph (kept on the page of what follows when asked)."""
        element = self._section.add("P")
        chosen = style or self.styles.body
        # a label style (keepWithNext) never ends a page without what it introduces
        keep = keep_with_next or bool(getattr(chosen, "keepWithNext", 0))
        self.story.append(Tagged(self.para(text, chosen), element, keep_with_next=keep))

    def bullet_list(self, items: Sequence[str], *, style: ParagraphStyle | None = None) -> None:
        """An L of LI (Lbl bullet + LBody text)."""
        if not items:
            return
        list_el = self._section.add("L")
        for text in items:
            item = list_el.add("LI")
            lbl = item.add("Lbl")
            lbody = item.add("LBody")
            self.story.append(
                ListItem(
                    Paragraph("\u2022", self.styles.label),
                    self.para(text, style),
                    item=item,
                    lbl=lbl,
                    lbody=lbody,
                    indent=self.styles.list_indent,
                )
            )

    def figure(self, drawing: Flowable, alt: str) -> None:
        """A Figure element with alternative text around a drawing or chart."""
        alt_clean, _ = clean_text(alt)
        element = self._section.add("Figure", alt=alt_clean)
        self.story.append(Tagged(drawing, element))
        self.spacer(self.styles.body_size * 0.6)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        col_widths: Sequence[float] | None = None,
        row_headers: bool = True,
    ) -> None:
        """A data table with TH (Scope) and TD cells."""
        from exporters.pdf.styles import RULE, TABLE_HEAD_BG

        table = tagged_table(
            self._section,
            header,
            rows,
            para=self.para,
            header_style=self.styles.table_header,
            cell_style=self.styles.table_cell,
            col_widths=col_widths,
            row_headers=row_headers,
            rule_color=RULE,
            header_background=TABLE_HEAD_BG,
        )
        start = len(self.story)
        while start and getattr(self.story[start - 1], "keepWithNext", False):
            start -= 1  # the headings that lead into the table
        headings = self.story[start:]
        for heading in headings:
            heading.keepWithNext = False
        self.story.insert(start, RoomFor(headings, table, MIN_ROWS))
        self.story.append(table)
        self.spacer(self.styles.body_size)

    def picture_point(self, picture: Drawing, alt: str, lines: Sequence[str]) -> None:
        """Easy Read: a picture (Figure) beside short lines, each its own P."""
        figure = self._section.add("Figure", alt=alt)
        paras = [(self.para(line), self._section.add("P")) for line in lines]
        self.story.append(
            PictureRow(
                picture,
                figure,
                paras,
                gap=self.styles.body_size,
                space_after=self.styles.body_size,
            )
        )

    def spacer(self, height: float) -> None:
        """Blank space (draws nothing, so needs no tag)."""
        self.story.append(Spacer(1, height))


class TaggedDocTemplate(BaseDocTemplate):  # type: ignore[misc]  # ReportLab is untyped
    """A4 single-column layout with a pagination artifact header and footer."""

    def __init__(
        self,
        filename: str,
        *,
        styles: StyleSet,
        title: str,
        running_head: str,
        progress: Progress | None,
        total: int,
    ) -> None:
        margin = styles.margin
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=margin + styles.footer_size * 1.5,
            bottomMargin=margin + styles.footer_size * 2,
            title=title,
            author="Listening Post",
            lang=None,
        )
        self.styles = styles
        self.running_head = running_head
        self.progress = progress
        self.total = total
        self.done = 0
        self.remaining: list[Flowable] = []
        self._reported = -1
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._furniture)])

    def _furniture(self, canvas: TaggedCanvas, doc: Any) -> None:
        size = self.styles.footer_size
        width, _height = A4
        margin = self.styles.margin
        canvas.saveState()
        canvas.begin_artifact("Pagination", "Footer")
        canvas.setFillColor(MUTED)
        canvas.setFont(BODY, size)
        canvas.drawString(margin, margin, f"Page {canvas.getPageNumber()}")
        canvas.end_marked()
        if canvas.getPageNumber() > 1:
            canvas.begin_artifact("Pagination", "Header")
            head, _ = clean_text(" ".join(self.running_head.split())[:80])
            font, head = single_font_text(head)
            canvas.setFont(font, size)
            canvas.drawString(margin, A4[1] - margin, head)
            canvas.end_marked()
        canvas.restoreState()
        del width, doc

    def afterFlowable(self, flowable: Flowable) -> None:
        # BaseDocTemplate.build pops from the story list we passed (split parts go back in),
        # so what is left of it measures progress; never let the count go backwards.
        self.done = max(self.done, min(self.total - len(self.remaining), self.total))
        if self.progress is not None:
            if self.progress.cancelled:
                raise ReportCancelled("report cancelled")
            if self.done != self._reported and (self.done % 10 == 0 or self.done == self.total):
                self._reported = self.done
                self.progress.report(self.done, self.total, "Laying out pages")


def build_pdf(
    builder: StoryBuilder,
    out_path: Path,
    *,
    title: str,
    language: str,
    progress: Progress | None,
) -> int:
    """Lay out `builder.story` into `out_path` atomically; returns the page count."""
    out_path = Path(out_path)
    story = list(builder.story)
    while story and isinstance(story[-1], Spacer):
        story.pop()  # space after the last table must not start a page of its own
    total = len(story)
    fd, tmp_name = tempfile.mkstemp(prefix=".report-", suffix=".pdf.part", dir=out_path.parent)
    os.close(fd)
    clean_title, _ = clean_text(title)
    doc = TaggedDocTemplate(
        tmp_name,
        styles=builder.styles,
        title=clean_title,
        running_head=clean_title,
        progress=progress,
        total=total,
    )
    maker = functools.partial(
        TaggedCanvas, tree=builder.tree, title=clean_title, language=language, font_name=BODY
    )
    doc.remaining = story
    try:
        try:
            doc.build(story, canvasmaker=maker)
        except LayoutError as exc:
            raise ReportLayoutError(f"content does not fit on a page: {exc}") from exc
        os.replace(tmp_name, out_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if progress is not None:
        progress.report(total, total, "Done")
    return int(doc.page)
