"""Find: full-text search over every note with filters; results open in their activity."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.errors import DomainError
from domain.search import SearchFilters
from domain.taxonomy import list_groups, list_principles
from domain.vocabulary import NoteKind, Sentiment
from ui.display import word
from ui.find.search_table_model import SearchTableModel, size_search_columns
from ui.pages import Navigator
from ui.services import Services
from ui.themes.add_to_theme import AddToTheme
from ui.widgets import MessageLine


class FindPage(QWidget):
    """GUI thread only."""

    def __init__(self, services: Services, navigator: Navigator) -> None:
        super().__init__()
        self.services = services
        self.navigator = navigator
        heading = QLabel(self.tr("<h2>Find notes</h2>"))
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("words to find, in any order"))
        self.query.setClearButtonEnabled(True)
        query_label = QLabel(self.tr("&Words:"))
        query_label.setBuddy(self.query)
        self.group = QComboBox()
        self.principle = QComboBox()
        self.sentiment = QComboBox()
        self.kind = QComboBox()
        self.date_from = QLineEdit()
        self.date_to = QLineEdit()
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
            edit.setMaxLength(10)
        self.include_bin = QCheckBox(self.tr("Include the &bin"))
        self.search_button = QPushButton(self.tr("&Search"))
        self.open_button = QPushButton(self.tr("&Open in its activity"))
        self.model = SearchTableModel(services)
        self._fill_filters()

        top = QHBoxLayout()
        top.addWidget(query_label)
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
        filters = QGridLayout()
        for column, (text, widget) in enumerate(
            (
                (self.tr("&Group:"), self.group),
                (self.tr("P&rinciple:"), self.principle),
                (self.tr("Se&ntiment:"), self.sentiment),
                (self.tr("&Kind:"), self.kind),
            )
        ):
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.addRow(text, widget)
            filters.addLayout(form, 0, column)
        dates = QFormLayout()
        dates.addRow(self.tr("Activity fro&m:"), self.date_from)
        to_form = QFormLayout()
        to_form.addRow(self.tr("&to:"), self.date_to)
        filters.addLayout(dates, 1, 0)
        filters.addLayout(to_form, 1, 1)
        filters.addWidget(self.include_bin, 1, 2)
        self.summary = QLabel()
        self.message = MessageLine(self.tr("Search problem"))

        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Matching notes"))
        self.table.setAccessibleDescription(
            self.tr("Enter opens the note in its activity; Ctrl+T adds the selection to a theme.")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows at once (Shift/Ctrl+arrows): they can be added to a theme together.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.add_to_theme = AddToTheme(self.table, services, navigator.show_status)
        size_search_columns(self.table)
        results_bar = QHBoxLayout()
        results_bar.addWidget(self.summary, 1)
        results_bar.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addLayout(results_bar)
        layout.addWidget(self.table, 1)

        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(300)
        self._delay.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._delay.start())
        self.query.returnPressed.connect(self._search_and_focus_results)
        self.search_button.clicked.connect(self.run_search)
        for combo in (self.group, self.principle, self.sentiment, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.run_search())
        for edit in (self.date_from, self.date_to):
            edit.returnPressed.connect(self.run_search)
        self.include_bin.toggled.connect(lambda _on: self.run_search())
        self.table.activated.connect(self._open_index)
        self.open_button.clicked.connect(self.open_selected)
        services.events.notes_did_change.connect(lambda _c: self._refresh_if_shown())
        services.events.taxonomy_did_change.connect(self._fill_filters)
        self.first_focus: QWidget = self.query  # not a focus proxy: that would reorder Tab
        self._searched = False

    def _fill_filters(self) -> None:
        groups, principles = self.services.read(lambda s: (list_groups(s), list_principles(s)))
        self.model.set_group_labels({g.key: g.label for g in groups})
        for combo in (self.group, self.principle, self.sentiment, self.kind):
            combo.blockSignals(True)
            combo.clear()
        self.group.addItem(self.tr("Any group"), None)
        depth: dict[str, int] = {}
        for g in groups:
            depth[g.key] = depth.get(g.parent_key, -1) + 1 if g.parent_key else 0
            retired = "" if g.active else self.tr(" (retired)")
            self.group.addItem("  " * depth[g.key] + g.label + retired, g.key)
        self.principle.addItem(self.tr("Any principle"), None)
        for p in principles:
            self.principle.addItem(f"{p.number} {p.short}", p.number)
            self.principle.setItemData(
                self.principle.count() - 1, p.text, Qt.ItemDataRole.ToolTipRole
            )
        self.sentiment.addItem(self.tr("Any sentiment"), None)
        for s in Sentiment:
            self.sentiment.addItem(word(s), s)
        self.kind.addItem(self.tr("Any kind"), None)
        for k in NoteKind:
            self.kind.addItem(word(k), k)
        for combo in (self.group, self.principle, self.sentiment, self.kind):
            combo.blockSignals(False)

    def page_shown(self) -> None:
        if not self._searched:
            self.run_search()

    def _refresh_if_shown(self) -> None:
        if self._searched and self.isVisible():
            self.model.reload()

    def filters(self) -> SearchFilters:
        return SearchFilters(
            group_key=self.group.currentData(),
            principle=self.principle.currentData(),
            sentiment=self.sentiment.currentData(),
            kind=self.kind.currentData(),
            date_from=self._date(self.date_from, self.tr("from")),
            date_to=self._date(self.date_to, self.tr("to")),
            include_deleted=self.include_bin.isChecked(),
        )

    def _date(self, edit: QLineEdit, name: str) -> date | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            edit.setFocus()
            raise DomainError(
                self.tr("the {name} date {text!r} is not a date: use YYYY-MM-DD").format(
                    name=name, text=text
                )
            ) from None

    def run_search(self) -> None:
        self._delay.stop()
        try:
            self.model.search(self.query.text(), self.filters())
        except DomainError as error:
            self.message.show_message(self.tr("Error: ") + str(error))
            return
        self.message.clear_message()
        self._searched = True
        count = self.model.rowCount()
        more = self.tr(" or more") if self.model.canFetchMore() else ""
        self.summary.setText(self.tr("{n}{more} notes found").format(n=count, more=more))
        if count:
            self.table.selectRow(0)

    def _search_and_focus_results(self) -> None:
        self.run_search()
        if self.model.rowCount():
            self.table.setFocus()

    def _open_index(self, index: QModelIndex) -> None:
        note = self.model.row_at(index.row())
        if note is not None:
            self.navigator.open_activity(note.activity_id, note.id)

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._open_index(rows[0])
