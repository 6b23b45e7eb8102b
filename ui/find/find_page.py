"""Find: full-text search over every note with filters; results open in their activity."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.errors import DomainError
from domain.selection import Selection
from ui.design.widgets import PageTitle
from ui.find.search_table_model import SearchTableModel, size_search_columns
from ui.pages import Navigator
from ui.remembered import remember_columns, remember_splitter
from ui.row_detail import RowDetail
from ui.selection_picker import SelectionPicker, read_choices
from ui.services import Services
from ui.themes.add_to_theme import AddToTheme
from ui.widgets import MessageLine, scrolling


class FindPage(QWidget):
    """GUI thread only."""

    def __init__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
        self.services = services
        self.navigator = navigator
        heading = PageTitle(self.tr("Find notes"))
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("words to find, in any order"))
        self.query.setClearButtonEnabled(True)
        query_label = QLabel(self.tr("&Words:"))
        query_label.setBuddy(self.query)
        self.picker = SelectionPicker()
        # The picker's controls, by the names the rest of the app and its tests use.
        self.group, self.principle = self.picker.group, self.picker.principle
        self.sentiment, self.kind = self.picker.sentiment, self.picker.kind
        self.date_from, self.date_to = self.picker.date_from, self.picker.date_to
        self.include_bin = QCheckBox(self.tr("Include the &bin"))
        self.search_button = QPushButton(self.tr("&Search"))
        self.search_button.setProperty("primary", True)  # the page's one primary action
        self.open_button = QPushButton(self.tr("&Open in its activity"))
        self.model = SearchTableModel(services)
        self._fill_filters()

        top = QHBoxLayout()
        top.addWidget(query_label)
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
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

        filters = QWidget()
        filters_layout = QVBoxLayout(filters)
        filters_layout.setContentsMargins(0, 0, 0, 0)
        filters_layout.addWidget(self.picker)
        filters_layout.addWidget(self.include_bin)
        self.filters = scrolling(filters)
        self.filters.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.message)
        layout.addLayout(results_bar)
        # The whole of the note chosen, under the list: cells show one line of each.
        self.detail = RowDetail(self.table, self.tr("Chosen note in full"))
        self.results = QSplitter(Qt.Orientation.Vertical)
        self.results.addWidget(self.table)
        self.results.addWidget(self.detail)
        self.results.setChildrenCollapsible(False)
        self.results.setStretchFactor(0, 4)
        self.results.setStretchFactor(1, 1)
        lines = self.fontMetrics().lineSpacing()
        self.results.setSizes([lines * 24, lines * 5])
        layout.addWidget(self.results, 1)
        remember_columns(self.table, services.window_state, "find.results")
        remember_splitter(self.results, services.window_state, "find.results")

        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(300)
        self._delay.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._delay.start())
        self.query.returnPressed.connect(self._search_and_focus_results)
        self.search_button.clicked.connect(self.run_search)
        self.picker.changed.connect(self.run_search)
        self.include_bin.toggled.connect(lambda _on: self.run_search())
        self.table.activated.connect(self._open_index)
        self.open_button.clicked.connect(self.open_selected)
        services.events.notes_did_change.connect(lambda _c: self._refresh_if_shown())
        services.events.taxonomy_did_change.connect(self._fill_filters)
        services.events.themes_did_change.connect(self._fill_filters)
        self.first_focus: QWidget = self.query  # not a focus proxy: that would reorder Tab
        self._searched = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_filters()

    def _fit_filters(self) -> None:
        """The filters take what they need up to a third of the page (at large text sizes they
        would push the results out of sight); beyond that they scroll."""
        # The width the filters will have, from the page's own (the scroll area's is not yet
        # updated while the page is being resized).
        if self.layout() is None:
            return  # still being built
        margins = self.layout().contentsMargins()
        width = self.width() - margins.left() - margins.right()
        wanted = self.filters.widget().heightForWidth(width)
        wanted = max(wanted, self.filters.widget().minimumSizeHint().height())
        self.filters.setFixedHeight(min(wanted, self.height() // 3))

    def _fill_filters(self) -> None:
        choices = self.services.read(read_choices)
        self.model.set_group_labels({g.key: g.label for g in choices.groups})
        self.picker.set_choices(choices)
        self._fit_filters()  # longer names can wrap the filters onto another line

    def page_shown(self) -> None:
        if not self._searched:
            self.run_search()

    def _refresh_if_shown(self) -> None:
        if self._searched and self.isVisible():
            self.model.reload()

    def selection(self) -> Selection:
        """The notes chosen, words aside (they rank the results); raises InvalidInput."""
        return self.picker.selection()

    def run_search(self) -> None:
        self._delay.stop()
        try:
            self.model.search(self.query.text(), self.selection(), self.include_bin.isChecked())
        except DomainError as error:
            self.message.show_message(self.tr("Error: ") + str(error))
            return
        self.message.clear_message()
        self._searched = True
        count = self.model.rowCount()
        more = self.tr(" or more") if self.model.canFetchMore() else ""
        self.summary.setText(
            self.tr("{n}{more} notes found").format(n=count, more=more)
            if count
            else self.tr("No notes match: try fewer or shorter words, or set a filter back to any.")
        )
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
