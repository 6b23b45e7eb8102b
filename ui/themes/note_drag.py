"""Dragging notes: the MIME type that carries note ids, and a drag source for any notes table.

The drag starts from an event filter on the view rather than from the item model, so any
existing notes list (find results, an activity's notes) can offer drags without changing it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication

NOTE_IDS_MIME = "application/x-listening-post-note-ids"


def note_ids_mime(note_ids: list[str]) -> QMimeData:
    data = QMimeData()
    data.setData(NOTE_IDS_MIME, QByteArray("\n".join(note_ids).encode("ascii")))
    return data


def note_ids_from(data: QMimeData | None) -> list[str]:
    """The note ids a drop carries, or [] when it carries none (ids are ASCII by construction)."""
    if data is None or not data.hasFormat(NOTE_IDS_MIME):
        return []
    raw = bytes(data.data(NOTE_IDS_MIME).data()).decode("ascii", errors="replace")
    return [line for line in raw.splitlines() if line.strip()]


class NoteDragSource(QObject):
    """Starts a copy-drag of the selected notes when the mouse moves far enough. GUI thread."""

    def __init__(self, view: QAbstractItemView, selected_ids: Callable[[], list[str]]) -> None:
        super().__init__(view)
        self._view = view
        self._selected_ids = selected_ids
        self._pressed_at: QPoint | None = None
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self._pressed_at = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._pressed_at = None
        elif (
            kind == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
            and self._pressed_at is not None
            and event.buttons() & Qt.MouseButton.LeftButton
        ):
            moved = (event.position().toPoint() - self._pressed_at).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._pressed_at = None
                self.start_drag()
                return True
        return False

    def start_drag(self) -> None:
        ids = self._selected_ids()
        if not ids:
            return
        drag = QDrag(self._view)
        drag.setMimeData(note_ids_mime(ids))
        drag.exec(Qt.DropAction.CopyAction)
