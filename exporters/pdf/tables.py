"""Tagged data tables: Table/TR/TH/TD elements drawn through ReportLab's ``Table(renderCB=...)``.

Hand-written because open-source ReportLab has no tagging. The render callback (ReportLab's
``TableRenderCB`` protocol: startTable, startBG, endBG, startRow, startCell, endCell, endRow,
startLines, endLines, endTable) wraps each cell in marked content of its TH/TD element and
backgrounds and rules in artifacts. Cells are found by the identity of their Paragraph, so the
parts of a split table (which ReportLab builds as new Table objects sharing the callback) still
reach the right elements; header rows repeated on later pages are drawn as artifacts.

Not thread-safe (one build, one thread).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle
from reportlab.platypus.tables import TableRenderCB

from exporters.pdf.canvas import TaggedCanvas
from exporters.pdf.structure import StructElement

#: rows a table keeps together at a page foot or top (with its header repeated above them)
MIN_ROWS = 2


class CellTagger(TableRenderCB):  # type: ignore[misc]  # ReportLab is untyped
    """Render callback mapping cell Paragraphs to their structure elements."""

    def __init__(self) -> None:
        self.cells: dict[int, StructElement] = {}
        self.header_cells: set[int] = set()
        self.drawn: set[int] = set()
        self._open = False

    def _canvas(self, table: Table) -> TaggedCanvas:
        canvas = table.canv
        if not isinstance(canvas, TaggedCanvas):
            raise TypeError("tagged tables must be drawn on a TaggedCanvas")
        return canvas

    def startTable(self, table: Table) -> None:
        pass

    def startBG(self, table: Table) -> None:
        self._canvas(table).begin_artifact()

    def endBG(self, table: Table) -> None:
        self._canvas(table).end_marked()

    def startRow(self, table: Table, row: int) -> None:
        pass

    def startCell(
        self,
        table: Table,
        row: int,
        col: int,
        cellval: Any,
        cellstyle: Any,
        pos: Any,
        size: Any,
    ) -> None:
        canvas = self._canvas(table)
        key = id(cellval[0] if isinstance(cellval, (list, tuple)) and cellval else cellval)
        element = self.cells.get(key)
        if element is None:
            raise KeyError(f"table cell ({row}, {col}) has no structure element")
        if key in self.drawn:
            if key not in self.header_cells:
                raise RuntimeError("a data cell was drawn twice")
            canvas.begin_artifact("Pagination", "Header")  # repeated header row
        else:
            self.drawn.add(key)
            canvas.begin_tagged(element)
        self._open = True

    def endCell(self, table: Table) -> None:
        self._canvas(table).end_marked()
        self._open = False

    def endRow(self, table: Table) -> None:
        pass

    def startLines(self, table: Table) -> None:
        self._canvas(table).begin_artifact()

    def endLines(self, table: Table) -> None:
        self._canvas(table).end_marked()

    def endTable(self, table: Table) -> None:
        pass


class TaggedTable(Table):  # type: ignore[misc]  # ReportLab is untyped
    """A table that splits between rows, never leaving its header with fewer than two rows at a
    page foot nor a single row alone at the top of the next page."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if len(parts) != 2:
            return parts
        head_rows = len(parts[0]._cellvalues) - self.repeatRows
        tail_rows = len(parts[1]._cellvalues) - self.repeatRows
        if head_rows < MIN_ROWS:
            return []
        if tail_rows < MIN_ROWS and head_rows > MIN_ROWS:
            moved = sum(parts[0]._rowHeights[-(MIN_ROWS - tail_rows) :])
            return list(super().split(avail_width, avail_height - moved - 0.01))
        return parts


def tagged_table(
    parent: StructElement,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    para: Any,
    header_style: ParagraphStyle,
    cell_style: ParagraphStyle,
    col_widths: Sequence[float] | None = None,
    row_headers: bool = True,
    rule_color: colors.Color = colors.black,
    header_background: colors.Color | None = None,
) -> Table:
    """A data table with a header row (TH, Scope Column) and optionally a first column of row
    headers (TH, Scope Row), creating its Table/TR/TH/TD elements under `parent` now.

    `para(text, style)` turns plain cell text into a paragraph flowable (StoryBuilder.para).
    """
    tagger = CellTagger()
    table_el = parent.add("Table")
    data: list[list[Flowable]] = []
    head_tr = table_el.add("TR")
    head_row: list[Flowable] = []
    for text in header:
        cell = para(text, header_style)
        tagger.cells[id(cell)] = head_tr.add("TH", scope="Column")
        tagger.header_cells.add(id(cell))
        head_row.append(cell)
    data.append(head_row)
    for row in rows:
        tr = table_el.add("TR")
        cells: list[Flowable] = []
        for col, text in enumerate(row):
            is_row_header = row_headers and col == 0
            cell = para(text, header_style if is_row_header else cell_style)
            element = tr.add("TH", scope="Row") if is_row_header else tr.add("TD")
            tagger.cells[id(cell)] = element
            cells.append(cell)
        data.append(cells)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # ReportLab's cell style sets Helvetica even for Paragraph cells; never reference it.
        ("FONTNAME", (0, 0), (-1, -1), header_style.fontName),
        ("LINEBELOW", (0, 0), (-1, -1), 0.75, rule_color),
        ("LINEABOVE", (0, 0), (-1, 0), 0.75, rule_color),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if header_background is not None:
        style.append(("BACKGROUND", (0, 0), (-1, 0), header_background))
    return TaggedTable(
        data,
        colWidths=list(col_widths) if col_widths else None,
        repeatRows=1,
        style=TableStyle(style),
        renderCB=tagger,
        hAlign="LEFT",
    )
