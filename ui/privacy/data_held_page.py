"""The "Data held" page: what personal data the store holds, how old, and where copies are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.retention import RetentionView, read_retention
from domain.data_held import DataHeld, data_held
from domain.retention import HELD_KINDS
from ui.design.widgets import PageTitle, heading
from ui.pages import Navigator
from ui.privacy.retention_section import RetentionSection
from ui.services import Services


def _date(value: object) -> str:
    return f"{value:%-d %B %Y}" if value is not None else ""


def _scrolling(widget: QWidget, name: str) -> QScrollArea:
    """A tab's content that scrolls when 200% text needs more room than the screen has."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setAccessibleName(name)
    area.setWidget(widget)
    return area


class DataHeldPage(QWidget):
    """GUI thread only. The page shows at once with "Counting…"; the figures (kept tallies and
    indexed ends, cheap at any size) are read on the task runner and filled in when they come."""

    COLUMNS = ("Kind of record", "How many", "Oldest", "Newest", "Kept for", "What it holds")

    def __init__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
        self.services = services
        title = PageTitle(self.tr("Data held"))
        intro = QLabel(
            self.tr(
                "What this store holds about people, how much and how old, and where copies "
                "are: for your data protection impact assessment and record of processing."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(name) for name in self.COLUMNS])
        self.table.setAccessibleName(self.tr("Records held"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(len(self.COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.facts = QLabel()
        self.facts.setAccessibleName(self.tr("About the notes"))
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copies = QLabel()
        self.copies.setAccessibleName(self.tr("Where copies are"))
        self.copies.setWordWrap(True)
        self.copies.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Counting status"))
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.retention = RetentionSection(services, self.refresh)
        about = QWidget()
        about_layout = QVBoxLayout(about)
        about_layout.addWidget(heading(self.tr("Of the notes"), "subheading"))
        about_layout.addWidget(self.facts)
        about_layout.addWidget(heading(self.tr("Where copies are"), "subheading"))
        about_layout.addWidget(self.copies)
        about_layout.addStretch(1)
        # Tabs, so each part has the page's height: at 200% text on a 720-line screen the
        # three together would not fit.
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Data held and how long it is kept"))
        self.tabs.addTab(self.table, self.tr("What is &held"))
        self.tabs.addTab(
            _scrolling(about, self.tr("Notes and copies")), self.tr("&Notes and copies")
        )
        kept = _scrolling(self.retention, self.tr("How long it is kept"))
        self.tabs.addTab(kept, self.tr("How long it is &kept"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.kept_for: dict[str, str] = {}
        self._counting = self._count_again = False
        self.first_focus: QWidget = self.table

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def refresh(self) -> None:
        # Refresh stays enabled while counting (disabling it would throw keyboard focus off it);
        # a change made while a count runs (new rules, say) is counted again once it ends.
        if self._counting:
            self._count_again = True
            return
        self._counting = True
        self.status.setText(self.tr("Counting…"))
        self.status.show()

        def count(session: Session, _progress: object) -> tuple[DataHeld, RetentionView]:
            return data_held(session), read_retention(session)

        self.services.runner.submit(
            count,
            label=self.tr("Counting the data held"),
            on_done=self._counted,
            on_error=self._failed,
        )

    def _counted(self, result: tuple[DataHeld, RetentionView]) -> None:
        if self._count_again:
            self._counting = self._count_again = False
            self.refresh()
            return
        held, retention = result
        rules = {rule.kind: rule for rule in retention.rules}
        self.kept_for = {held: rules[kind].in_words for held, kind in HELD_KINDS.items()}
        self.retention.show_view(retention)
        self.show_held(held)

    def _failed(self, error: BaseException) -> None:
        self._counting = self._count_again = False
        self.status.setText(self.tr("Error: ") + str(error))

    def show_held(self, held: DataHeld) -> None:
        self._counting = False
        self.status.clear()
        self.status.hide()
        self.table.setRowCount(len(held.records))
        for row, record in enumerate(held.records):
            cells = (
                record.kind,
                f"{record.count:,}",
                _date(record.oldest),
                _date(record.newest),
                self.kept_for.get(record.kind, ""),
                record.holds,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.facts.setText("\n".join(f"• {fact}" for fact in held.facts))
        self.copies.setText("\n".join(f"• {copy}" for copy in held.copies))
