"""App events: after a write the UI emits one event naming what changed; views refresh only that."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class NotesChange:
    """Which notes changed (empty: unknown, refresh all), in which activities."""

    activity_ids: frozenset[str] = frozenset()
    note_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ActivitiesChange:
    activity_ids: frozenset[str] = frozenset()


class AppEvents(QObject):
    """Signals emitted on the GUI thread only (the task runner delivers results there)."""

    notes_did_change = Signal(object)  # NotesChange
    activities_did_change = Signal(object)  # ActivitiesChange
    taxonomy_did_change = Signal()
    themes_did_change = Signal()  # themes or their actions or note links changed
    locked_did_change = Signal(bool)
    open_note_requested = Signal(str, str)  # activity id, note id
