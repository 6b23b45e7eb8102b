"""Keeps the capture box's draft in the store, at most DRAFT_DELAY_MS behind the typing.

Each activity has its own draft slot, so switching activity with text in the box keeps that
text for when the activity is opened again, and a crash loses none of them. A save that meets
another writer's lock (a second window, an import, a sync) is tried again until it goes in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session

from domain.drafts import save_draft
from models.storage_errors import is_busy
from ui.tasks import TaskRunner

CAPTURE_SLOT = "capture"  # the one shared slot of earlier versions: still offered back
SLOT_PREFIX = "capture:"
# The timer is started by the first change and not restarted by later ones, so steady typing
# is still saved every DRAFT_DELAY_MS (plus one small write), never only after a pause.
DRAFT_DELAY_MS = 600
# After a save that found the store locked (past the busy timeout), wait this long and retry.
RETRY_DELAY_MS = 1000
# On closing, how many times a locked save is tried before asking what to do.
CLOSE_ATTEMPTS = 2


def capture_slot(activity_id: str) -> str:
    """The draft slot of one activity's capture box (ids are 36 characters, slots up to 64)."""
    return SLOT_PREFIX + activity_id


def is_capture_slot(slot: str) -> bool:
    return slot == CAPTURE_SLOT or slot.startswith(SLOT_PREFIX)


class DraftKeeper(QObject):
    """GUI thread only; the writes go through the task runner (synchronous=FULL commits).

    Every change bumps a generation; a save records the generation it snapshotted, so
    `unsaved()` is exact even when typing goes on while a save is on its way.
    """

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
        # Asks whether to close with typing the store would not take (replaced in tests).
        self.ask_close_unsaved: Callable[[QWidget], bool] = ask_close_unsaved
        self._generation = self._saved_generation = 0
        self._in_flight = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_DELAY_MS)
        self._retry.timeout.connect(self.save_now)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def changed(self) -> None:
        if self.paused:
            return
        self._generation += 1
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive() or self._retry.isActive()

    def unsaved(self) -> bool:
        """True while typed text has not yet reached the store."""
        return self._saved_generation < self._generation

    def cancel_pending(self) -> None:
        self._timer.stop()
        self._retry.stop()
        self._saved_generation = self._generation  # what was pending is no longer wanted

    def save_now(self) -> None:
        self._timer.stop()
        self._retry.stop()
        activity_id, body, fields = self.snapshot()
        if activity_id is None:
            self._saved_generation = self._generation
            return
        slot = capture_slot(activity_id)
        generation = self._generation

        def job(session: Session, _progress: object) -> None:
            save_draft(session, slot=slot, activity_id=activity_id, body=body, fields=fields)

        self._in_flight += 1
        self.runner.submit(
            job,
            label=self.tr("Keeping your draft"),
            on_done=lambda _r: self._done(generation),
            on_error=self._failed,
        )

    def _done(self, generation: int) -> None:
        self._in_flight -= 1
        self._saved_generation = max(self._saved_generation, generation)
        self.saved.emit()

    def _failed(self, error: BaseException) -> None:
        self._in_flight -= 1
        if is_busy(error):
            self._retry.start()  # the text stays unsaved until a retry goes in
            return
        self.runner.report_failure(self.tr("Keeping your draft"), error)

    def save_before_close(self) -> bool:
        """Save any unsaved typing and wait for it; False when the store would not take it."""
        for _attempt in range(CLOSE_ATTEMPTS):
            if not self.unsaved():
                return True
            self.save_now()
            self._wait_for_saves()
            self._retry.stop()  # closing: no retry later, the caller asks instead
        if not self.unsaved():
            return True
        _activity, body, _fields = self.snapshot()
        return not body.strip()  # nothing typed: nothing to lose

    def _wait_for_saves(self) -> None:
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(20)
        poll.timeout.connect(lambda: self._in_flight == 0 and loop.quit())
        poll.start()
        if self._in_flight:
            loop.exec()
        poll.stop()


def ask_close_unsaved(parent: QWidget) -> bool:
    """Ask whether to close although the typed note could not be saved; True to close."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("DraftKeeper", text)

    box = QMessageBox(QMessageBox.Icon.Warning, tr("Your note is not saved yet"), "", parent=parent)
    box.setText(
        tr(
            "The note you are typing could not be saved: another Listening Post (or an import "
            "or a sync) is still writing to the store. Keep this window open and try closing "
            "again in a moment, or close and lose the note?"
        )
    )
    keep = box.addButton(tr("&Keep the window open"), QMessageBox.ButtonRole.RejectRole)
    lose = box.addButton(tr("Close and &lose the note"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setAccessibleName(box.windowTitle())
    box.exec()
    return box.clickedButton() is lose
