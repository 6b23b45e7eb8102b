"""Type-ahead group picker: type part of a group's name, Enter adds it to the note."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from domain.views import GroupView


class GroupPicker(QLineEdit):
    """Emits picked(group key). GUI thread only."""

    picked = Signal(str)
    left = Signal()  # Escape: back to the note text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Add a group"))
        self.setPlaceholderText(self.tr("type part of a group's name, then Enter"))
        self._by_label: dict[str, str] = {}
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(self.completer_)
        self.completer_.activated.connect(self._choose)
        self.returnPressed.connect(lambda: self._choose(self.text()))

    def set_groups(self, groups: list[GroupView]) -> None:
        """Active groups only: retired ones stay on old notes but are not offered."""
        self._by_label = {g.label: g.key for g in groups if g.active}
        self._model.setStringList(list(self._by_label))

    def label_for(self, key: str) -> str:
        for label, known in self._by_label.items():
            if known == key:
                return label
        return key

    def _choose(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        key = self._by_label.get(text)
        if key is None:
            lowered = text.lower()
            matches = [label for label in self._by_label if lowered in label.lower()]
            key = self._by_label[matches[0]] if matches else None
        if key is None:
            self.setAccessibleDescription(self.tr("No group matches."))
            return
        self.completer_.popup().hide()
        self.clear()
        self.picked.emit(key)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape and not self.completer_.popup().isVisible():
            self.clear()
            self.left.emit()
            return
        super().keyPressEvent(event)
