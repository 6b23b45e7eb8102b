"""App events: the window publishes each write's Changes here once; views refresh only that."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.changes import Changes


class AppEvents(QObject):
    """Signals emitted on the GUI thread only (the task runner delivers results there).

    The change signals are emitted by `publish` alone, which the main window calls with the
    Changes each finished write returned; pages never emit them by hand.
    """

    notes_did_change = Signal(object)  # Changes
    activities_did_change = Signal(object)  # Changes
    taxonomy_did_change = Signal()
    themes_did_change = Signal()  # themes or their actions or note links changed
    sync_state_did_change = Signal()
    settings_did_change = Signal()
    locked_did_change = Signal(bool)
    open_note_requested = Signal(str, str)  # activity id, note id

    def publish(self, changes: Changes) -> None:
        """Tell the views what a write changed; each kind is announced at most once."""
        if changes.activities:
            self.activities_did_change.emit(changes)
        if changes.notes:
            self.notes_did_change.emit(changes)
        if changes.taxonomy:
            self.taxonomy_did_change.emit()
        if changes.themes or changes.actions:
            self.themes_did_change.emit()
        if changes.sync_state:
            self.sync_state_did_change.emit()
        if changes.settings:
            self.settings_did_change.emit()
