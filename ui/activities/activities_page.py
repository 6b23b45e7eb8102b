"""The activities screen: search and filter, sort, open for capture, create, edit, bin, restore."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from domain.vocabulary import ActivityKind, ActivityStatus
from ui.activities.activity_table_model import ActivityFilters, ActivityTableModel
from ui.design.widgets import PageHeader
from ui.display import to_utc, word
from ui.empty_state import EmptyState
from ui.flow_layout import flowing
from ui.pages import Navigator
from ui.services import Services
from ui.widgets import MessageLine

if TYPE_CHECKING:  # the form and the bin's command are imported when first used
    from ui.activities.activity_form import ActivityForm

# "When" choices: (label, start in days from today or None, end in days from today or None).
# Rows measured to size the columns: about a screenful.
FITTED_ROWS = 30
WHEN_CHOICES = (
    ("Any time", None, None),
    ("Today", 0, 1),
    ("Upcoming (from today)", 0, None),
    ("Past 7 days", -7, 1),
    ("Past 30 days", -30, 1),
    ("Past 12 months", -365, 1),
    ("Before this year", None, "year"),
)


class ActivitiesPage(QWidget):
    """GUI thread only."""

    def __init__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
        self.services = services
        self.navigator = navigator
        self.form: ActivityForm | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Title, place or area"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Search activities:"))
        search_label.setBuddy(self.search)
        # Created in the order they appear, which is the Tab order.
        self.open_button = QPushButton(self.tr("&Open for capture"))
        self.edit_button = QPushButton(self.tr("Edi&t details"))
        self.new_button = QPushButton(self.tr("&New activity (Ctrl+N)"))
        # The page's one primary action, in its header: first in Tab order, as it is on screen.
        heading = PageHeader(self.tr("Activities"), self.new_button)
        self.bin_button = QPushButton(self.tr("Move to the bin (Delete)"))
        self.restore_button = QPushButton(self.tr("Restore (Ctrl+R)"))
        self.restore_button.hide()
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("Any kind"), None)
        for kind in ActivityKind:
            self.kind_filter.addItem(word(kind), kind)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("Any status"), None)
        for status in ActivityStatus:
            self.status_filter.addItem(word(status), status)
        self.when_filter = QComboBox()
        for number, (label, _start, _end) in enumerate(WHEN_CHOICES):
            self.when_filter.addItem(self.tr(label), number)
        self.show_bin = QCheckBox(self.tr("Show the &bin (deleted activities)"))
        filters = flowing(
            _labelled(self.tr("&Kind:"), self.kind_filter),
            _labelled(self.tr("Stat&us:"), self.status_filter),
            _labelled(self.tr("&When:"), self.when_filter),
            self.show_bin,
        )
        buttons = flowing(
            self.open_button,
            self.edit_button,
            self.bin_button,
            self.restore_button,
        )
        self.message = MessageLine(self.tr("Activities status"))

        self.model = ActivityTableModel(services)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Activities"))
        self.table.setAccessibleDescription(
            self.tr("Press Enter to capture notes for the selected activity.")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        # Fitted once to the first rows (_fit_columns), not re-measured over every loaded row
        # at each layout pass: that was ~20,000 data() calls before the first paint.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(FITTED_ROWS)
        self._columns_fitted = False
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(filters)
        layout.addWidget(buttons)
        layout.addWidget(self.message)
        self.empty = EmptyState("calendar-plus")
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

        self._search_delay = QTimer(self)
        self._search_delay.setSingleShot(True)
        self._search_delay.setInterval(250)
        self._search_delay.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_delay.start())
        self.search.returnPressed.connect(self._search_now)
        self.table.activated.connect(self._open_index)
        self.open_button.clicked.connect(self.open_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.new_button.clicked.connect(self.new_activity)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_activity)
        for combo in (self.kind_filter, self.status_filter, self.when_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.show_bin.toggled.connect(self._bin_toggled)
        self.bin_button.clicked.connect(self.bin_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        for sequence, slot in (("Delete", self.bin_selected), ("Ctrl+R", self.restore_selected)):
            shortcut = QShortcut(QKeySequence(sequence), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        services.events.activities_did_change.connect(self._activities_changed)
        services.events.notes_did_change.connect(self._notes_changed)
        self.model.modelReset.connect(self._select_first_if_none)
        self.model.modelReset.connect(self._say_what_next)
        self.model.modelReset.connect(self._fit_columns)
        self.first_focus: QWidget = self.table  # not a focus proxy: that would reorder Tab
        # Newest first. Turning sorting on sorts, which loads the first page: the one load.
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)

    def page_shown(self) -> None:
        self._select_first_if_none()

    def _search_now(self) -> None:
        self.apply_filters()
        self.table.setFocus()

    def current_filters(self, *, today: datetime | None = None) -> ActivityFilters:
        """The filters as chosen; dates are whole local days, stored as UTC."""
        midnight = datetime.combine((today or datetime.now()).date(), time())
        _label, start, end = WHEN_CHOICES[self.when_filter.currentData()]
        if end == "year":
            start_at, end_at = None, to_utc(midnight.replace(month=1, day=1))
        else:
            start_at = to_utc(midnight + timedelta(days=start)) if start is not None else None
            end_at = to_utc(midnight + timedelta(days=end)) if isinstance(end, int) else None
        return ActivityFilters(
            text=self.search.text(),
            kind=self.kind_filter.currentData(),
            status=self.status_filter.currentData(),
            starts_from=start_at,
            starts_before=end_at,
            deleted=self.show_bin.isChecked(),
        )

    def apply_filters(self) -> None:
        self._search_delay.stop()
        self.model.set_filters(self.current_filters())
        in_bin = self.show_bin.isChecked()
        self.restore_button.setVisible(in_bin)
        for button in (self.open_button, self.edit_button, self.bin_button):
            button.setVisible(not in_bin)

    def _bin_toggled(self, _on: bool) -> None:
        self.apply_filters()
        self.table.setFocus()

    def bin_selected(self) -> None:
        activity_id = self.selected_activity_id()
        if activity_id is None or self.show_bin.isChecked():
            return
        from ui.activities.activity_commands import BinActivityCommand

        self.services.undo_stack.push(BinActivityCommand(self.services, activity_id=activity_id))
        self.message.show_message(
            self.tr("Moved to the bin with its notes. Ctrl+Z brings it back.")
        )

    def restore_selected(self) -> None:
        activity_id = self.selected_activity_id()
        if activity_id is None or not self.show_bin.isChecked():
            return
        from ui.activities.activity_commands import BinActivityCommand

        self.services.undo_stack.push(
            BinActivityCommand(self.services, activity_id=activity_id, restoring=True)
        )
        self.message.show_message(self.tr("Restored. Ctrl+Z puts it back in the bin."))

    def _say_what_next(self) -> None:
        """An empty list says why, and which key does something about it."""
        if self.model.rowCount():
            self.empty.hide()
            return
        filters = self.current_filters()
        if filters.deleted:
            icon, action = "trash", None
            text = self.tr("The bin is empty: activities moved to the bin appear here.")
        elif filters.text or filters.kind or filters.status or self.when_filter.currentIndex():
            icon, action = "magnifying-glass", None
            text = self.tr(
                "No activity matches the search and filters: clear the search box or choose "
                "other filters."
            )
        else:
            icon, action = "calendar-plus", self.tr("New activity (Ctrl+N)")
            text = self.tr(
                "No activities yet. Press Ctrl+N to add your first one (a focus group, stall, "
                "drop-in or interview); Enter then opens it for capture."
            )
        self.empty.set_icon(icon)
        self.empty.setText(text)
        self.empty.set_action(action, self.new_activity)
        self.empty.show()

    def _nothing_chosen(self) -> None:
        self.message.show_message(
            self.tr(
                "Choose an activity in the list first (arrow keys), or press Ctrl+N to add one."
            )
            if self.model.rowCount()
            else self.tr("There is no activity to open yet: press Ctrl+N to add one.")
        )

    def _fit_columns(self) -> None:
        """Size the columns to the first rows once there are some; later they keep their width
        (people may widen one; the title column takes the rest)."""
        if self._columns_fitted or not self.model.rowCount():
            return
        self._columns_fitted = True
        for column in range(self.model.columnCount()):
            if column != 1:
                self.table.resizeColumnToContents(column)

    def _select_first_if_none(self) -> None:
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def selected_activity_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        return row.id if row else None

    def select_activity(self, activity_id: str) -> None:
        number = self.model.find_row(lambda r: r.id == activity_id)
        if number >= 0:
            self.table.selectRow(number)
            self.table.scrollTo(self.model.index(number, 0))

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.navigator.open_activity(row.id)

    def open_selected(self) -> None:
        activity_id = self.selected_activity_id()
        if activity_id:
            self.navigator.open_activity(activity_id)
        else:
            self._nothing_chosen()

    def new_activity(self) -> None:
        self._show_form(None)

    def edit_selected(self) -> None:
        activity_id = self.selected_activity_id()
        if activity_id:
            self._show_form(activity_id)
        else:
            self._nothing_chosen()

    def _show_form(self, activity_id: str | None) -> None:
        from domain.activities import get_activity
        from ui.activities.activity_form import ActivityForm

        existing = (
            self.services.read(lambda s: get_activity(s, activity_id=activity_id))
            if activity_id
            else None
        )
        if self.form is not None:
            self.form.deleteLater()  # closed by now (it is window-modal): one kept at a time
        self.form = ActivityForm(self.services, existing, parent=self)
        self.form.saved.connect(self._form_saved)
        self.form.open()  # window-modal but never blocks the event loop

    def _form_saved(self, activity_id: str, created: bool) -> None:
        self.select_activity(activity_id)
        if created:
            self.navigator.open_activity(activity_id)

    def _activities_changed(self, _change: Changes) -> None:
        selected = self.selected_activity_id()
        row = self.table.currentIndex().row()
        self.model.reload()
        if selected:
            self.select_activity(selected)
        if not self.table.selectionModel().hasSelection() and self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))

    def _notes_changed(self, change: Changes) -> None:
        self._activities_changed(change)  # note counts changed


def _labelled(text: str, field: QWidget) -> QWidget:
    """A label (with its Alt key) and its field, kept together when the row wraps."""
    pair = QWidget()
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field)
    return pair
