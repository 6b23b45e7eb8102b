"""Undoable activity changes (QUndoStack): move to the bin and restore, run by the task runner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from app.activities import bin_activity, restore_activity_from_bin
from ui.services import Services


def _tr(text: str) -> str:
    return QCoreApplication.translate("activity_commands", text)


class BinActivityCommand(QUndoCommand):
    """Redo moves the activity to the bin (its notes stay with it); undo restores it.

    `restoring=True` is the same pair the other way round (Restore from the bin view).
    """

    def __init__(self, services: Services, *, activity_id: str, restoring: bool = False) -> None:
        super().__init__(
            _tr("restore activity from the bin") if restoring else _tr("move activity to the bin")
        )
        self.services = services
        self.activity_id = activity_id
        self.restoring = restoring

    def _run(self, to_bin: bool) -> None:
        activity_id = self.activity_id
        write = bin_activity if to_bin else restore_activity_from_bin
        self.services.runner.submit(
            lambda session, _progress: write(session, activity_id=activity_id), label=self.text()
        )

    def redo(self) -> None:
        self._run(to_bin=not self.restoring)

    def undo(self) -> None:
        self._run(to_bin=self.restoring)
