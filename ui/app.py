"""Starts the Qt application: builds the object graph (settings, events, window) and runs it."""

from __future__ import annotations

import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from models.keys import KeyringCache
from models.location import store_path
from ui.about_dialog import install_about
from ui.app_icon import app_icon
from ui.build_ahead import BuildAhead
from ui.design.theme import apply_theme
from ui.events import AppEvents
from ui.exchange.excel_actions import ExcelActions, WorkbookDialogs
from ui.going_live import go_live
from ui.main_window import MainWindow
from ui.pages import PageSpec, default_pages
from ui.privacy.backup_actions import BackupActions
from ui.privacy.restore_actions import RestoreActions
from ui.settings import Preferences, WindowState, app_settings
from ui.unexpected_errors import UnexpectedErrors
from ui.unlock.store_access import StoreAccess

if TYPE_CHECKING:
    from domain.first_look import FirstLook
    from models.database import Store

# How long opening work waits for a first paint that may never come (a minimised start).
UNPAINTED_WAIT_MS = 1500


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass(frozen=True)
class DemoStore:
    """A throwaway store of sample data in its own temporary folder."""

    store: Store
    passphrase: str  # shown on the lock screen: the demo must never lock people out
    folder: Path

    def remove(self) -> None:
        """Close the store and delete its folder (at exit: nothing is left behind)."""
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)


# Twelve activities of six notes use every scenario once: the demo repeats no sentence at all.
def make_demo_store(
    *, activities: int = 12, notes_per_activity: int = 6, parent: Path | None = None
) -> DemoStore:
    folder = Path(tempfile.mkdtemp(prefix="listening-post-demo-", dir=parent))
    passphrase = f"demo-{secrets.token_hex(3)}"  # short enough to read off the lock screen
    return DemoStore(
        _fill_demo_store(folder, passphrase, activities, notes_per_activity), passphrase, folder
    )


def open_demo_store(
    *, activities: int = 12, notes_per_activity: int = 6, parent: Path | None = None
) -> Store:
    """A throwaway store of sample data (inside `parent` when given, for the caller to remove)."""
    demo = make_demo_store(
        activities=activities, notes_per_activity=notes_per_activity, parent=parent
    )
    return demo.store


def _fill_demo_store(
    folder: Path, passphrase: str, activities: int, notes_per_activity: int
) -> Store:
    from models.database import create_store

    store = create_store(
        folder / "demo.lpstore",
        passphrase,
        device_name="Demo laptop",
        keyring=KeyringCache(enabled=False),
    )
    from domain.sample_data import generate_sample_data  # only the demo needs it

    with store.session() as session:
        generate_sample_data(
            session, activities=activities, notes_per_activity=notes_per_activity, seed=7
        )
    return store


def ensure_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Listening Post")
    app.setOrganizationName("Listening Post")
    app.setDesktopFileName("listening-post")  # matches the Linux desktop entry's icon
    if app.windowIcon().isNull():
        app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def build_main_window(
    *,
    access: StoreAccess | None,
    qsettings: QSettings | None = None,
    pages: list[PageSpec] | None = None,
    message_box: Callable[[QWidget, str, str], None] | None = None,
    workbook_dialogs: WorkbookDialogs | None = None,
) -> MainWindow:
    """The composition root of the GUI: every object a window needs, passed in, no globals."""
    settings = qsettings or app_settings()
    preferences = Preferences(settings)
    # Before any widget is made, so nothing has to be re-styled; 100% leaves the size alone.
    text = preferences.text_size_percent
    apply_theme(QApplication.instance(), preferences.theme, text if text != 100 else None)
    window = MainWindow(
        access=access,
        events=AppEvents(),
        preferences=preferences,
        window_state=WindowState(settings),
        pages=pages if pages is not None else default_pages(),
        message_box=message_box,
    )
    window.excel = ExcelActions(window, workbook_dialogs)
    window.backup = BackupActions(window)
    window.restore = RestoreActions(window)
    install_about(window, window.help_menu)
    window.setWindowIcon(app_icon())
    return window


class _FirstPaint(QObject):
    """Calls back once, after the first paint of a widget (start-up measurement)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            QApplication.instance().postEvent(self, QEvent(QEvent.Type.User))
            self._pending = callback
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User:  # delivered once the paint has finished
            self._pending()
            return True
        return super().event(event)


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    _FirstPaint(widget, callback)


def opens_on_the_list(window: MainWindow) -> bool:
    """Whether the workspace opens on the activities list (the page the first look paints)."""
    first = window.window_state.last_page
    return (first if first in window.page_specs else next(iter(window.page_specs))) == "activities"


def run_app(
    *,
    store: str | None,
    demo: bool,
    on_workspace_painted: Callable[[MainWindow], None] | None = None,
    unlocked: tuple[StoreAccess, Store | None] | None = None,
    after_start: Callable[[], None] | None = None,
    after_paint: Callable[[], None] | None = None,
    first_look: FirstLook | None = None,
    open_live: Callable[[], Store | None] | None = None,
) -> int:
    """Run the window; `unlocked` is the store's access, and the store when main.py could open
    it before Qt loaded; `after_start` is called once the window is built, before it runs;
    `after_paint` once the workspace has painted and its opening work is done. With
    `first_look`, the list's first page read before the store opened, the workspace paints from
    it and `open_live` opens the store once it has painted."""
    app = ensure_application()
    demo_store = make_demo_store() if demo else None
    access, opened = unlocked or (None, None)
    if demo_store is not None:
        access, opened = None, demo_store.store
    elif access is None:
        access = StoreAccess(store_path(store, _warn))
    window = build_main_window(access=access)
    # A failure nothing caught is told in words rather than lost with no console to print to.
    UnexpectedErrors(lambda title, text: window._message_box(window, title, text)).install()
    window.demo_passphrase = demo_store.passphrase if demo_store else None
    # Pages not visited yet are built while the window sits unused (after the first paint).
    window.workspace_opened.connect(BuildAhead(window).start)

    def when_painted(work: Callable[[], None]) -> None:
        # The workspace shows first; what paints nothing follows at once, before any input.
        queued = [job for job in (after_paint, work) if job is not None]

        def run_queued() -> None:
            while queued:
                queued.pop()()

        def painted() -> None:
            if on_workspace_painted is not None:
                on_workspace_painted(window)
            run_queued()

        after_first_paint(window.page_stack.currentWidget(), painted)
        # A window that does not paint (started minimised) still does its opening work.
        QTimer.singleShot(UNPAINTED_WAIT_MS, run_queued)

    window.after_paint = when_painted
    window.show()
    if first_look is not None and open_live is not None and opens_on_the_list(window):
        live = open_live

        def store_then(work: Callable[[], None]) -> None:
            window.after_paint = when_painted  # only this opening waits for the store

            def live_then_work() -> None:  # the store opens first, then the opening work
                if go_live(window, live):
                    work()

            when_painted(live_then_work)

        window.after_paint = store_then
        window.open_workspace(None, first_look)
    else:
        window.start(open_live() if open_live is not None else opened)
    if after_start is not None:
        after_start()
    try:
        return int(app.exec())
    finally:
        window.shutdown()
        if demo_store is not None:
            demo_store.remove()
