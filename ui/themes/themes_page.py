"""The Themes page: themes ("you said") with the counts behind each, and for the chosen theme
its summaries and notes, its actions ("we did"), and a search to add more notes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import themes as theme_use_cases
from app.changes import Changes
from domain.loop import actions_needing_attention, theme_summaries
from domain.note_rows import note_views
from domain.theme_detail import ThemeDetail, theme_detail
from ui.design.widgets import PageTitle
from ui.pages import Navigator
from ui.remembered import remember_columns, remember_splitter
from ui.services import Services
from ui.themes.actions_panel import ActionsPanel
from ui.themes.add_notes_panel import AddNotesPanel
from ui.themes.theme_editor import ThemeEditor
from ui.themes.theme_table_model import SUMMARY_ROLE, ThemeTableModel
from ui.toast import show_toast
from ui.widgets import MessageLine


class ThemesPage(QWidget):
    """GUI thread only. Every change is one queued write, then a themes_did_change event."""

    def __init__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
        self.services = services
        self.navigator = navigator
        self.today: Callable[[], date] = date.today
        self.detail: ThemeDetail | None = None
        self._stale = False
        self._details_read = 0  # how often a theme's detail was read (reload reads it once)
        heading = PageTitle(self.tr("Themes: you said, we did"))
        self.message = MessageLine(self.tr("Themes status"))

        self.model = ThemeTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Themes"))
        self.table.setAccessibleDescription(
            self.tr("Notes, groups, activities and actions behind each theme. Drop notes on one.")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # creation order until asked
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setAcceptDrops(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.table.setDropIndicatorShown(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # the rows in view, not every row loaded
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setWordWrap(False)
        self.new_title = QLineEdit()
        self.new_title.setPlaceholderText(self.tr("e.g. Getting to appointments"))
        new_label = QLabel(self.tr("New theme &title:"))
        new_label.setBuddy(self.new_title)
        self.new_button = QPushButton(self.tr("Start theme"))
        self.delete_button = QPushButton(self.tr("De&lete theme"))
        new_row = QHBoxLayout()
        new_row.addWidget(new_label)
        new_row.addWidget(self.new_title, 2)
        new_row.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        new_row.addStretch(1)
        new_row.addWidget(self.delete_button)
        left_layout.addLayout(new_row)

        self.editor = ThemeEditor()
        self.editor.notes_model.load_views = lambda ids: services.read(
            lambda session: note_views(session, ids)
        )
        # The Actions and Add notes tabs are built when first opened (a quicker first visit).
        self._actions: ActionsPanel | None = None
        self._add_notes: AddNotesPanel | None = None
        self._attention: dict[str, str] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self.editor, self.tr("Su&mmary and notes"))
        self.tabs.addTab(QWidget(), self.tr("A&ctions"))
        self.tabs.addTab(QWidget(), self.tr("Add &notes"))
        self.tabs.currentChanged.connect(self._tab_opened)
        # The list above the theme: full width, so the counts sit beside whole titles.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([200, 500])
        splitter.setChildrenCollapsible(False)
        state = services.window_state
        remember_splitter(splitter, state, "themes.list")
        remember_splitter(self.editor.splitter, state, "themes.editor")
        remember_columns(self.editor.notes, state, "themes.notes")
        remember_splitter(self.editor.notes_split, state, "themes.notes")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._theme_chosen())
        self.model.notes_dropped.connect(self.add_notes_to)
        self.new_title.returnPressed.connect(self.start_theme)
        self.new_button.clicked.connect(self.start_theme)
        self.delete_button.clicked.connect(self.delete_theme)
        self.editor.save_requested.connect(self.save_theme)
        self.editor.remove_requested.connect(self.remove_notes)
        services.events.themes_did_change.connect(self.reload)
        services.events.notes_did_change.connect(self._notes_changed)
        self.first_focus: QWidget = self.table  # not a focus proxy: that would reorder Tab
        self.reload()

    # ----- the tabs built when first opened --------------------------------------------------

    @property
    def actions(self) -> ActionsPanel:
        if self._actions is None:
            self._actions = ActionsPanel()
            self._actions.editor.save_requested.connect(self.save_action)
            self._put_tab(1, self._actions)
            self._show_actions(None)
        return self._actions

    @property
    def add_notes(self) -> AddNotesPanel:
        if self._add_notes is None:
            self._add_notes = AddNotesPanel(self.services)
            self._add_notes.add_requested.connect(
                lambda ids: self.add_notes_to(self.current_theme_id() or "", ids)
            )
            self._add_notes.add_button.setEnabled(self.detail is not None)
            self._put_tab(2, self._add_notes)
        return self._add_notes

    def _put_tab(self, index: int, panel: QWidget) -> None:
        placeholder, text = self.tabs.widget(index), self.tabs.tabText(index)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)  # the swap is not the person changing tabs
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, panel, text)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()

    def _tab_opened(self, index: int) -> None:
        if index == 1:
            _ = self.actions
        elif index == 2:
            _ = self.add_notes

    def _show_actions(self, selected_action: str | None) -> None:
        panel = self._actions
        if panel is not None:
            panel.setEnabled(self.detail is not None)
            actions = self.detail.actions if self.detail else ()
            panel.show_actions(actions, self._attention, selected_action)

    # ----- the list -----------------------------------------------------------------------

    def current_theme_id(self) -> str | None:
        index = self.table.currentIndex()
        summary = index.siblingAtColumn(0).data(SUMMARY_ROLE) if index.isValid() else None
        return summary.id if summary is not None else None

    def reload(self, select: str | None = None) -> None:
        """Read the themes again, keeping (or moving to) the chosen one."""
        keep = select or self.current_theme_id()
        self.model.set_rows(self.services.read(theme_summaries))
        self._stale = False
        shown = self._details_read
        if not self.select_theme(keep or "") and self.proxy.rowCount():
            self.table.selectRow(0)
        if self._details_read == shown:  # a new current row has read its theme already
            self._theme_chosen()

    def select_theme(self, theme_id: str) -> bool:
        row = self.model.row_of(theme_id)
        if row < 0:
            return False
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def _theme_chosen(self) -> None:
        self._details_read += 1
        theme_id = self.current_theme_id()
        selected_action = self._actions.editor.action_id if self._actions else None
        flags: list[Any] = []
        if theme_id is None:
            self.detail = None
        else:
            today = self.today()
            self.detail, flags = self.services.read(
                lambda s: (
                    theme_detail(s, theme_id=theme_id),
                    actions_needing_attention(s, today=today),
                )
            )
        self.editor.show_detail(self.detail)
        self._attention = {f.action_id: f.reason for f in flags}
        if self._add_notes is not None:
            self._add_notes.add_button.setEnabled(self.detail is not None)
        self.delete_button.setEnabled(self.detail is not None)
        self._show_actions(selected_action)

    def page_shown(self) -> None:
        if self._stale:
            self.reload()

    def _notes_changed(self, _change: Changes) -> None:
        # Deleting or restoring notes changes the counts behind themes.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    # ----- writes -------------------------------------------------------------------------

    def _write(
        self,
        label: str,
        job: Callable[[Session], Any],
        done: Callable[[Any], None] | None = None,
        *,
        report: Callable[[str], None] | None = None,
    ) -> None:
        tell = report or self.message.show_message
        self.services.runner.submit(
            lambda session, _progress: job(session),
            label=label,
            on_done=done,
            on_error=lambda error: tell(self.tr("Error: ") + str(error)),
        )

    def start_theme(self) -> None:
        title = self.new_title.text().strip()
        if not title:
            self.message.show_message(self.tr("Error: type a title for the new theme."))
            self.new_title.setFocus()
            return

        def started(theme: Any) -> None:
            self.new_title.clear()
            self.message.show_message(self.tr("Started the theme “{t}”.").format(t=theme.title))
            self.reload(select=theme.id)
            self.tabs.setCurrentWidget(self.add_notes)
            self.add_notes.query.setFocus()

        self._write(
            self.tr("Starting a theme"),
            lambda s: theme_use_cases.start_theme(s, title=title),
            started,
        )

    def save_theme(self, values: dict[str, Any]) -> None:
        theme_id = self.current_theme_id()
        if theme_id is None:
            return
        self._write(
            self.tr("Saving the theme"),
            lambda s: theme_use_cases.save_theme(s, theme_id=theme_id, **values),
            lambda _t: self._confirm(self.editor.message, self.tr("Theme saved")),
            report=self.editor.message.show_message,
        )

    def _confirm(self, line: Any, text: str) -> None:
        line.show_message(text + ".")
        show_toast(self, text)

    def delete_theme(self) -> None:
        theme_id = self.current_theme_id()
        if theme_id is not None:
            self.services.undo_stack.push(DeleteThemeCommand(self, theme_id))
            self.message.show_message(self.tr("Theme deleted. Ctrl+Z brings it back."))

    def add_notes_to(self, theme_id: str, note_ids: list[str]) -> None:
        if not theme_id:
            self.message.show_message(self.tr("Error: choose a theme first."))
            return

        def added(theme: Any) -> None:
            self.select_theme(theme.id)
            self.message.show_message(
                self.tr("Added {n} notes to “{t}”.").format(n=len(note_ids), t=theme.title)
            )

        self._write(
            self.tr("Adding notes to a theme"),
            lambda s: theme_use_cases.add_notes_to_theme(s, theme_id=theme_id, note_ids=note_ids),
            added,
        )

    def remove_notes(self, note_ids: list[str]) -> None:
        theme_id = self.current_theme_id()
        if theme_id is None:
            return
        self._write(
            self.tr("Removing notes from a theme"),
            lambda s: theme_use_cases.remove_notes_from_theme(
                s, theme_id=theme_id, note_ids=note_ids
            ),
            lambda _t: self.editor.message.show_message(
                self.tr("Removed {n} notes from the theme.").format(n=len(note_ids))
            ),
        )

    def save_action(self, action_id: str, values: dict[str, Any]) -> None:
        theme_id = self.current_theme_id()
        if theme_id is None:
            return
        editor = self.actions.editor

        def job(session: Session) -> Any:
            return theme_use_cases.save_action(
                session, theme_id=theme_id, action_id=action_id or None, values=values
            )

        def saved(action: Any) -> None:
            if not action_id:
                editor.action_id = action.id
                self._theme_chosen()  # the views already reloaded: select the new action
            self._confirm(editor.message, self.tr("Action saved"))

        self._write(self.tr("Saving the action"), job, saved, report=editor.show_error)


class DeleteThemeCommand(QUndoCommand):
    """Moves a theme to the bin (restorable); undo brings it back."""

    def __init__(self, page: ThemesPage, theme_id: str) -> None:
        super().__init__(page.tr("delete theme"))
        self.page, self.theme_id = page, theme_id

    def redo(self) -> None:
        theme_id = self.theme_id
        self.page._write(self.text(), lambda s: theme_use_cases.bin_theme(s, theme_id=theme_id))

    def undo(self) -> None:
        theme_id = self.theme_id
        self.page._write(
            self.text(),
            lambda s: theme_use_cases.restore_theme(s, theme_id=theme_id),
            lambda _r: self.page.reload(select=theme_id),
        )
