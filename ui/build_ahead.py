"""Builds the pages not visited yet while the window sits unused, so that a first visit costs
what a later one does. Building a page under the application's style sheet (its widgets
polished, its first data read) is most of a first visit's time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# Most likely next first: Capture opens from Activities. Data held is left out: building it
# starts a count on the store, which waits until someone asks for it.
ORDER = (
    "capture",
    "find",
    "review",
    "themes",
    "reports",
    "dashboard",
    "taxonomy",
    "sync",
    "preferences",
)
QUIET_MS = 500  # since the last key press, click or wheel, with no task running


class BuildAhead(QObject):
    """GUI thread only. Builds one page per quiet spell, so input waits for at most one page."""

    def __init__(self, window: MainWindow, order: tuple[str, ...] = ORDER) -> None:
        super().__init__(window)
        self.window = window
        self.order = order
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUIET_MS)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def next_key(self) -> str | None:
        built = self.window.pages
        return next((k for k in self.order if k in self.window.page_specs and k not in built), None)

    def _quiet(self) -> bool:
        window = self.window
        services = window.services
        if services is None or window.locked or not services.runner.is_idle():
            return False
        return window.idle.since_input_ms() >= QUIET_MS

    def _step(self) -> None:
        window = self.window
        if window.services is None or window.locked:
            return  # unlocking opens the workspace again, which starts a new round
        key = self.next_key()
        if key is None:
            return
        if self._quiet():
            window.page(key)
        self._timer.start()
