"""Search results over every note as a paged table model (the domain's full-text search)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTableView

from domain.search import search_notes
from domain.selection import Selection
from domain.views import NoteHit
from ui.display import one_line, short_date_time, word
from ui.paged_table_model import Column, PagedTableModel
from ui.services import Services


def _tr(text: str) -> str:
    return QCoreApplication.translate("SearchTableModel", text)


def _marks(hit: NoteHit) -> str:
    """Needs review first: it keeps the note out of reports until a reviewer clears it."""
    marks = [_tr("Needs review")] if hit.needs_review else []
    return ", ".join([*marks, _tr("Deleted")] if hit.deleted else marks)


def search_columns(group_labels: dict[str, str]) -> list[Column[Any]]:
    """Columns over NoteHit rows (or NoteViews, which have the same fields and more)."""

    def groups(hit: NoteHit) -> str:
        return ", ".join(group_labels.get(key, key) for key in hit.group_keys)

    return [
        Column(_tr("Note"), lambda n: one_line(n.body, 120), tooltip=lambda n: n.body),
        Column(_tr("Activity"), lambda n: n.activity_title, tooltip=lambda n: n.activity_title),
        Column(_tr("Groups"), lambda n: one_line(groups(n), 60), tooltip=groups),
        Column(_tr("Captured"), lambda n: short_date_time(n.created_at)),
        Column(_tr("Kind"), lambda n: word(n.kind)),
        Column(_tr("Sentiment"), lambda n: word(n.sentiment)),
        Column(_tr("Marks"), _marks),
    ]


def size_search_columns(table: QTableView) -> None:
    """The note text keeps most of the width; activity titles and group names, often long, get
    a set share (wider by dragging, the whole text in the tooltip); the rest fit their text."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    # Fit to the rows in view, not to every row loaded: measuring a theme's 500 notes in every
    # column took most of the Themes page's first showing.
    header.setResizeContentsPrecision(0)
    letter = table.fontMetrics().horizontalAdvance("M")
    # At large text sizes a set number of letters would leave the note itself no room: each
    # takes at most a sixth of the screen's width (of 1280 px at least, the smallest laptop).
    screen = table.screen()
    wide = max(screen.availableGeometry().width() if screen is not None else 0, 1280)
    most = wide // 6
    for column, letters in ((1, 16), (2, 14)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, min(letter * letters, most))


class SearchTableModel(PagedTableModel[NoteHit]):
    """GUI thread only; a new query replaces the rows, scrolling fetches further pages."""

    def __init__(self, services: Services, *, page_size: int = 100) -> None:
        self.services = services
        self.text = ""
        self.selection = Selection()
        self.include_deleted = False
        self.group_labels: dict[str, str] = {}
        super().__init__(search_columns(self.group_labels), self._fetch_page, page_size=page_size)

    def set_group_labels(self, labels: dict[str, str]) -> None:
        """Show groups by these names (after the taxonomy was edited, say)."""
        self.group_labels.clear()
        self.group_labels.update(labels)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 2), self.index(self.rowCount() - 1, 2))

    def _fetch_page(
        self, offset: int, limit: int, _sort: str | None, _descending: bool
    ) -> tuple[Sequence[Any], bool]:
        page = self.services.read(
            lambda s: search_notes(
                s,
                text=self.text,
                selection=self.selection,
                include_deleted=self.include_deleted,
                offset=offset,
                limit=limit,
            )
        )
        return page.notes, page.has_more

    def search(self, text: str, selection: Selection, include_deleted: bool = False) -> None:
        """Raises the domain's InvalidInput (e.g. an unknown group); rows kept then."""
        old = (self.text, self.selection, self.include_deleted)
        self.text, self.selection, self.include_deleted = text, selection, include_deleted
        try:
            self.reload(keep_loaded=False)
        except Exception:
            self.text, self.selection, self.include_deleted = old
            raise
