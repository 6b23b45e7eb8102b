"""The review page: notes kept with possible personal details, for a reviewer to redact or clear.

The sidebar shows how many wait ("To review (3)"); each one can be redacted (Alt+R), cleared
for reporting (Alt+V) or opened in its activity (Enter). Every answer is undoable and audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.review import notes_to_review
from domain.views import NoteView
from ui.capture import shortcuts as keys
from ui.capture.note_commands import ReviewNoteCommand
from ui.capture.note_table_model import BODY_COLUMN, NoteTableModel
from ui.design.widgets import PageTitle
from ui.display import short_date_time
from ui.empty_state import EmptyState
from ui.flow_layout import flowing
from ui.paged_table_model import Column
from ui.pages import Navigator
from ui.remembered import remember_columns, remember_splitter
from ui.row_detail import RowDetail
from ui.services import Services
from ui.widgets import MessageLine

ACTIVITY_COLUMN, GROUPS_COLUMN, SERVICES_COLUMN = 2, 6, 7  # with the Activity column put in


class ReviewTableModel(NoteTableModel):
    """Every activity's waiting notes, oldest first, with the activity named. GUI thread only."""

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.columns.insert(
            2,
            Column(
                self.tr("Activity"), lambda n: n.activity_title, tooltip=lambda n: n.activity_title
            ),
        )
        self.columns[0] = Column(self.tr("Captured"), lambda n: short_date_time(n.created_at))

    def _fetch_page(
        self, offset: int, limit: int, _sort: str | None, _descending: bool
    ) -> tuple[Sequence[Any], bool]:
        page = self.services.read(lambda s: notes_to_review(s, offset=offset, limit=limit))
        return page.notes, page.has_more

    def flags(self, index):  # type: ignore[no-untyped-def]
        return super(NoteTableModel, self).flags(index)  # read-only here


class ReviewPage(QWidget):
    """GUI thread only."""

    def __init__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
        self.services = services
        self.navigator = navigator
        heading = PageTitle(self.tr("Notes to review"))
        self.explanation = QLabel(
            self.tr(
                "These notes were kept with something that may identify a person. They stay "
                "out of reports until you redact them ({redact}) or clear them ({clear})."
            ).format(redact=keys.REDACT, clear=keys.CLEAR_REVIEW)
        )
        self.explanation.setWordWrap(True)
        self.empty = EmptyState(
            "check-circle",
            self.tr(
                "No notes wait for review. When a note may identify someone, Capture asks "
                "before saving: Ctrl+Enter a second time keeps it here for review."
            ),
        )
        self.redact_button = QPushButton(self.tr("Redact ({key})").format(key=keys.REDACT))
        self.redact_button.setProperty("primary", True)  # the page's one primary action
        self.clear_button = QPushButton(
            self.tr("Nothing identifying: clear it ({key})").format(key=keys.CLEAR_REVIEW)
        )
        self.open_button = QPushButton(self.tr("Open in its activity (Enter)"))
        self.status = MessageLine(self.tr("Review status"))
        self.model = ReviewTableModel(services)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Notes waiting for review"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BODY_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(0)  # the rows in view, not every row loaded
        # Activity titles and group names are often long: a set share each (the note keeps the
        # rest), the whole text on hover and in the pane below.
        em = self.fontMetrics().horizontalAdvance("M")
        for column, letters in ((ACTIVITY_COLUMN, 16), (GROUPS_COLUMN, 14), (SERVICES_COLUMN, 8)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, em * letters)
        self.detail = RowDetail(self.table, self.tr("Chosen note in full"))
        self.results = QSplitter(Qt.Orientation.Vertical)
        self.results.addWidget(self.table)
        self.results.addWidget(self.detail)
        self.results.setChildrenCollapsible(False)
        lines = self.fontMetrics().lineSpacing()
        self.results.setSizes([lines * 24, lines * 6])
        remember_columns(self.table, services.window_state, "review.notes")
        remember_splitter(self.results, services.window_state, "review.notes")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.explanation)
        layout.addWidget(flowing(self.redact_button, self.clear_button, self.open_button))
        layout.addWidget(self.status)
        layout.addWidget(self.empty)
        layout.addWidget(self.results, 1)
        self.redact_button.clicked.connect(lambda: self.answer(redact=True))
        self.clear_button.clicked.connect(lambda: self.answer(redact=False))
        self.open_button.clicked.connect(self.open_selected)
        self.table.activated.connect(lambda _i: self.open_selected())
        for sequence, slot in (
            (keys.REDACT, lambda: self.answer(redact=True)),
            (keys.CLEAR_REVIEW, lambda: self.answer(redact=False)),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        services.events.notes_did_change.connect(lambda _c: self.refresh())
        self.first_focus: QWidget = self.table
        self.refresh()

    def page_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        row = max(self.table.currentIndex().row(), 0)
        self.model.show(None)  # group and service names afresh, then the first page
        empty = self.model.rowCount() == 0
        self.empty.setVisible(empty)
        self.results.setVisible(not empty)
        self.explanation.setVisible(not empty)
        for button in (self.redact_button, self.clear_button, self.open_button):
            button.setEnabled(not empty)
        if not empty:
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def selected(self) -> NoteView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def answer(self, *, redact: bool) -> None:
        note = self.selected()
        if note is None:
            self.status.show_message(self.tr("Choose a note in the list first."))
            return
        self.services.undo_stack.push(
            ReviewNoteCommand(
                self.services,
                activity_id=note.activity_id,
                note_id=note.id,
                body=note.body,
                redact=redact,
            )
        )
        self.status.show_message(
            self.tr("Redacted and cleared for reports. Ctrl+Z puts it back.")
            if redact
            else self.tr("Cleared for reports. Ctrl+Z puts it back.")
        )
        self.table.setFocus()

    def open_selected(self) -> None:
        note = self.selected()
        if note is not None:
            self.navigator.open_activity(note.activity_id, note.id)
