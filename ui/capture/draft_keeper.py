"""Keeps the capture box's draft in the store, at most DRAFT_DELAY_MS behind the typing.

Each activity has its own draft slot, so switching activity with text in the box keeps that
text for when the activity is opened again, and a crash loses none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session

from app.changes import Changes
from app.notes import keep_draft
from ui.tasks import TaskRunner

CAPTURE_SLOT = "capture"  # the one shared slot of earlier versions: still offered back
SLOT_PREFIX = "capture:"
# The timer is started by the first change and not restarted by later ones, so steady typing
# is still saved every DRAFT_DELAY_MS (plus one small write), never only after a pause.
DRAFT_DELAY_MS = 600


def capture_slot(activity_id: str) -> str:
    """The draft slot of one activity's capture box (ids are 36 characters, slots up to 64)."""
    return SLOT_PREFIX + activity_id


def is_capture_slot(slot: str) -> bool:
    return slot == CAPTURE_SLOT or slot.startswith(SLOT_PREFIX)


class DraftKeeper(QObject):
    """GUI thread only; the writes go through the task runner (synchronous=FULL commits)."""

    saved = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        snapshot: Callable[[], tuple[str | None, str, dict[str, Any]]],
    ) -> None:
        super().__init__()
        self.runner = runner
        self.snapshot = snapshot
        self.paused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.save_now)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def changed(self) -> None:
        if not self.paused and not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def cancel_pending(self) -> None:
        self._timer.stop()

    def save_now(self) -> None:
        self._timer.stop()
        activity_id, body, fields = self.snapshot()
        if activity_id is None:
            return
        slot = capture_slot(activity_id)

        def job(session: Session, _progress: object) -> Changes:
            return keep_draft(session, slot=slot, activity_id=activity_id, body=body, fields=fields)

        self.runner.submit(
            job, label=self.tr("Keeping your draft"), on_done=lambda _r: self.saved.emit()
        )
