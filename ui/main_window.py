"""The main window: the unlock gate, then the workspace (navigation list + pages), menus, lock."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.changes import Changes
from ui.design.sidebar import build_sidebar, set_item_title
from ui.events import AppEvents
from ui.going_live import attach_store
from ui.idle import IdleWatcher
from ui.pages import PageSpec
from ui.services import Services
from ui.settings import Preferences, WindowState
from ui.tasks import TaskRunner
from ui.unlock.store_access import StoreAccess
from ui.widgets import non_blocking_message

if TYPE_CHECKING:  # the gate pages are imported when shown: an opened store never needs them
    from domain.first_look import FirstLook
    from models.database import Store
    from ui.unlock.unlock_page import UnlockPage

APP_TITLE = "Listening Post"


class MainWindow(QMainWindow):
    """One window per store. GUI thread only.

    Other features extend it through PageSpecs (navigation and View menu) and `file_menu`
    (e.g. File → Export), never by editing this class.
    """

    workspace_opened = Signal()
    lock_changed = Signal(bool)

    def __init__(
        self,
        *,
        access: StoreAccess | None,
        events: AppEvents,
        preferences: Preferences,
        window_state: WindowState,
        pages: list[PageSpec],
        message_box: Callable[[QWidget, str, str], None] | None = None,
    ) -> None:
        super().__init__()
        self.access = access
        self.events = events
        self.preferences = preferences
        self.window_state = window_state
        self.page_specs = {spec.key: spec for spec in pages}
        self._page_order = [spec.key for spec in pages]
        self._message_box = message_box or non_blocking_message
        self.services: Services | None = None
        self.pages: dict[str, QWidget] = {}
        self.locked = False
        self._hidden_windows: list[QWidget] = []
        self.demo_passphrase: str | None = None  # the demo's, shown when locked
        # Opening work that paints nothing (hooks, workspace_opened); run_app runs it after the
        # workspace's first paint, so the window shows first.
        self.after_paint: Callable[[Callable[[], None]], None] = lambda work: work()

        self.setWindowTitle(APP_TITLE)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.idle = IdleWatcher(preferences.auto_lock_minutes, self)
        self.idle.timed_out.connect(self.lock)
        self._build_menus()
        self._restore_geometry()

    # ----- start: first run, unlock, or straight in ---------------------------------------

    def start(self, store: Store | None = None) -> None:
        """Open the workspace on `store`, or ask for what is needed to get one."""
        if store is None and self.access is not None and self.access.exists():
            store = self.access.open_without_asking()
        if store is not None:
            self.open_workspace(store)
        elif self.access is not None and self.access.exists():
            self._show_gate(self._unlock_page())
        elif self.access is not None:
            from ui.unlock.first_run_page import FirstRunPage

            page = FirstRunPage(self.access)
            page.store_ready.connect(self.open_workspace)
            self._show_gate(page)

    def _unlock_page(self) -> UnlockPage:
        from ui.unlock.unlock_page import UnlockPage

        assert self.access is not None
        access = self.access
        page = UnlockPage(
            heading=self.tr("Unlock Listening Post"),
            explanation=self.tr("Type the passphrase for the store at {path}.").format(
                path=access.path
            ),
            attempt=access.open,
        )
        page.unlocked.connect(self.open_workspace)
        return page

    def _show_gate(self, page: QWidget) -> None:
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        page.setFocus()

    def _drop_gate_pages(self, keep: QWidget | None) -> None:
        for index in reversed(range(self.stack.count())):
            widget = self.stack.widget(index)
            if widget is not keep and widget is not getattr(self, "workspace", None):
                self.stack.removeWidget(widget)
                widget.deleteLater()

    # ----- the workspace ------------------------------------------------------------------

    def open_workspace(self, store: Store | None, first_look: FirstLook | None = None) -> None:
        """The workspace on `store`; or, before the store has opened, painted from `first_look`
        (start-up: run_app hands the store over once painted, see ui/going_live.py)."""
        undo_stack = QUndoStack(self)
        runner = TaskRunner(
            store,
            dialog_parent=lambda: self,
            report_error=self.report_error,
            on_changes=self.apply_changes,
        )
        live = cast("Store", store)  # None only until the store is handed over
        self.services = Services(
            live, runner, self.events, self.preferences, self.window_state, undo_stack
        )
        self.services.first_look = first_look
        if store is not None:
            attach_store(self, store)
        self.workspace = QWidget()
        row = QHBoxLayout(self.workspace)
        row.setContentsMargins(0, 0, 0, 0)
        sections = [(key, self._title(key)) for key in self._page_order]
        self.navigation = build_sidebar(sections, self.tr("Sections"))
        self.page_stack = QStackedWidget()
        row.addWidget(self.navigation)
        row.addWidget(self.page_stack, 1)
        self.navigation.currentItemChanged.connect(self._navigation_moved)
        self.stack.addWidget(self.workspace)
        self._drop_gate_pages(keep=None)
        self.stack.setCurrentWidget(self.workspace)
        self._connect_undo(undo_stack)
        self._set_workspace_actions_enabled(True)
        path = store.path if store is not None else self.access.path  # type: ignore[union-attr]
        self.setWindowTitle(f"{APP_TITLE} — {path.name}")
        first = self.window_state.last_page
        self.show_page(first if first in self.page_specs else self._page_order[0])
        QApplication.instance().installEventFilter(self.idle)
        self.idle.start()
        self.after_paint(self._workspace_ready)

    def _workspace_ready(self) -> None:
        if self.services is None:
            return  # closed before it painted
        for spec in self.page_specs.values():
            if spec.on_workspace_open is not None:
                spec.on_workspace_open(self.services, self)
        self.workspace_opened.emit()

    def _title(self, key: str) -> str:
        return QCoreApplication.translate("pages", self.page_specs[key].title)

    def page(self, key: str) -> QWidget:
        """The page for key, built the first time it is needed (keeps start-up quick)."""
        if key not in self.pages:
            assert self.services is not None
            widget = self.page_specs[key].factory(self.services, self, parent=self.page_stack)
            self.pages[key] = widget
            self.page_stack.addWidget(widget)
        return self.pages[key]

    def set_section_count(self, key: str, count: int) -> None:
        """A number after a section's name in the navigation ("To review (3)"); 0 shows none."""
        title = self._title(key)
        set_item_title(
            self.navigation, self._page_order.index(key), f"{title} ({count})" if count else title
        )

    def show_page(self, key: str) -> QWidget | None:
        if self.services is None or key not in self.page_specs:
            return None
        widget = self.page(key)
        self.page_stack.setCurrentWidget(widget)
        row = self._page_order.index(key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        self.window_state.last_page = key
        shown = getattr(widget, "page_shown", None)
        if callable(shown):
            shown()
        getattr(widget, "first_focus", widget).setFocus()
        return widget

    def _navigation_moved(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.show_page(current.data(Qt.ItemDataRole.UserRole))
            self.navigation.setFocus()  # arrowing through sections keeps focus in the list

    def open_activity(self, activity_id: str, note_id: str | None = None) -> None:
        page = self.show_page("capture")
        opener = getattr(page, "open_activity", None)
        if callable(opener):
            opener(activity_id, note_id)

    def apply_changes(self, changes: Changes) -> None:
        """The one place views hear about writes: every finished job's Changes come here."""
        if self.services is not None:
            self.events.publish(changes)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def report_error(self, what: str, error: BaseException) -> None:
        # The domain's and store's messages are worded for people and hold no note text;
        # storage errors (damaged pages, a full disk, a locked store) are put into words here.
        from models.storage_errors import storage_failure

        store = self.services.store.path if self.services and self.services.store else None
        failure = storage_failure(error, store)
        self.show_status(self.tr("Could not finish: {what}").format(what=what))
        self._message_box(
            self,
            self.tr("Could not finish: {what}").format(what=what),
            str(failure) if failure is not None else str(error),
        )

    # ----- menus --------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.help_menu = bar.addMenu(self.tr("Hel&p"))
        self.lock_action = QAction(self.tr("&Lock now"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)
        self._workspace_actions: list[QAction] = [self.lock_action]
        for key in self._page_order:
            spec = self.page_specs[key]
            action = QAction(self._title(key), self)
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.triggered.connect(lambda _=False, k=key: self.show_page(k))
            self.view_menu.addAction(action)
            self._workspace_actions.append(action)
        keys = QAction(self.tr("&Keyboard shortcuts"), self)
        keys.setShortcut(QKeySequence("F1"))
        keys.triggered.connect(self.show_keyboard_help)
        self.help_menu.addAction(keys)
        self._set_workspace_actions_enabled(False)

    def _connect_undo(self, undo_stack: QUndoStack) -> None:
        undo = undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        redo = undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (undo, redo):
            # Window-wide, but a focused text box keeps Ctrl+Z for its own typing.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.edit_menu.addAction(action)
            self.addAction(action)
        self.undo_action, self.redo_action = undo, redo
        self._workspace_actions += [undo, redo]

    def _set_workspace_actions_enabled(self, enabled: bool) -> None:
        for action in self._workspace_actions:
            action.setEnabled(enabled)
        if enabled and self.services is not None:
            self.undo_action.setEnabled(self.services.undo_stack.canUndo())
            self.redo_action.setEnabled(self.services.undo_stack.canRedo())

    def add_file_action(self, action: QAction) -> None:
        """For other features (Export, Import, Sync): added above Lock, disabled while locked."""
        self.file_menu.insertAction(self.lock_action, action)
        self._workspace_actions.append(action)
        action.setEnabled(self.services is not None and not self.locked)

    def show_keyboard_help(self) -> None:
        from ui.capture.shortcuts import keyboard_help_text

        self._message_box(self, self.tr("Keyboard shortcuts"), keyboard_help_text())

    # ----- idle lock ----------------------------------------------------------------------

    def lock(self) -> None:
        """Hide every piece of content until the passphrase is typed again."""
        if self.services is None or self.locked:
            return
        self.locked = True
        self.idle.stop()
        self._hidden_windows = [
            w for w in QApplication.topLevelWidgets() if w is not self and w.isVisible()
        ]
        for window in self._hidden_windows:
            window.hide()
        store = self.services.store
        explanation = self.tr(
            "Listening Post locked itself to keep the notes private. "
            "Type your passphrase to carry on where you left off."
        )
        if self.demo_passphrase:
            explanation += " " + self.tr(
                "This is the demo, on sample data: its passphrase is {passphrase}"
            ).format(passphrase=self.demo_passphrase)
        from ui.unlock.unlock_page import UnlockPage

        page = UnlockPage(
            heading=self.tr("Locked"),
            explanation=explanation,
            attempt=lambda passphrase: StoreAccess.passphrase_unlocks(store, passphrase),
        )
        page.unlocked.connect(lambda _ok: self.unlock())
        self._set_workspace_actions_enabled(False)
        self.setWindowTitle(f"{APP_TITLE} — {self.tr('locked')}")
        self._show_gate(page)
        self.events.locked_did_change.emit(True)
        self.lock_changed.emit(True)

    def unlock(self) -> None:
        assert self.services is not None
        self.locked = False
        self._drop_gate_pages(keep=None)
        self.stack.setCurrentWidget(self.workspace)
        for window in self._hidden_windows:
            window.show()
        self._hidden_windows = []
        self._set_workspace_actions_enabled(True)
        self.setWindowTitle(f"{APP_TITLE} — {self.services.store.path.name}")
        current = self.page_stack.currentWidget()
        getattr(current, "first_focus", current).setFocus()
        self.idle.start()
        self.events.locked_did_change.emit(False)
        self.lock_changed.emit(False)

    # ----- closing ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.window_state.geometry
        if not geometry or not self.restoreGeometry(geometry):
            self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.services is not None and not self._pages_may_close():
            event.ignore()  # unsaved typing the store would not take: the person chose to stay
            return
        self.window_state.geometry = bytes(self.saveGeometry().data())
        self.shutdown()
        super().closeEvent(event)

    def _pages_may_close(self) -> bool:
        for page in self.pages.values():
            may_close = getattr(page, "page_may_close", None)
            if callable(may_close) and not may_close():
                return False
        return True

    def shutdown(self) -> None:
        """Finish queued saves, then close the store. Safe to call twice."""
        QApplication.instance().removeEventFilter(self.idle)
        self.idle.stop()
        if self.services is not None:
            for page in self.pages.values():
                closing = getattr(page, "page_closing", None)
                if callable(closing):
                    closing()
            self.services.runner.shutdown()
            if self.services.store is not None:  # None: closed before the store was handed over
                self.services.store.close()
            self.services = None
