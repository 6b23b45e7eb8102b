"""Idle auto-lock: any key or mouse input restarts the countdown; at zero the window locks.

It also tells how long since the last input, for work that waits for a quiet moment."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QInputEvent, QInputMethodEvent

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}
# Checked first: the filter sees every event of every widget (thousands while a page is built),
# and asking an event its type costs far more than asking its class.
_INPUT_CLASSES = (QInputEvent, QInputMethodEvent)


class IdleWatcher(QObject):
    """Installed as an application event filter. GUI thread only."""

    timed_out = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.timed_out)
        self.set_minutes(minutes)
        # Timed apart from the countdown: Qt keeps a timer of 20 s or more to the whole second,
        # so its remaining time says nothing about the last half second.
        self._since_input = QElapsedTimer()
        self._since_input.start()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, int(minutes)) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self._timer.setInterval(ms)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_counting(self) -> bool:
        return self._timer.isActive()

    def since_input_ms(self) -> int:
        """Milliseconds since the last key press, click, wheel or touch (or since created)."""
        return self._since_input.elapsed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, _INPUT_CLASSES) and event.type() in _ACTIVITY:
            self._since_input.start()
            if self._timer.isActive():
                self._timer.start()
        return False
