"""Type-ahead tag choosers (groups, services): type part of a name, Enter adds it to the note."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCompleter,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class TagOption(Protocol):
    """GroupView and ServiceView both fit."""

    key: str
    label: str
    active: bool


class TagPicker(QLineEdit):
    """Emits picked(key). GUI thread only."""

    picked = Signal(str)
    left = Signal()  # Escape: back to the note text

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self._by_label: dict[str, str] = {}
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(self.completer_)
        self.completer_.activated.connect(self._choose)
        self.returnPressed.connect(lambda: self._choose(self.text()))

    def set_options(self, options: Iterable[TagOption]) -> None:
        """Active options only: retired ones stay on old notes but are not offered."""
        self._by_label = {o.label: o.key for o in options if o.active}
        self._model.setStringList(list(self._by_label))

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
            self.setAccessibleDescription(self.tr("Nothing matches."))
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


class TagChooser(QWidget):
    """A labelled picker above the list of tags chosen so far (Delete removes one).

    Emits toggled(key, on) whenever the chosen set changes. GUI thread only.
    """

    toggled = Signal(str, bool)

    def __init__(
        self, *, label: str, name: str, placeholder: str, chosen_name: str, parent=None
    ) -> None:
        super().__init__(parent)
        self.picker = TagPicker(name, placeholder)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.picker)
        self.chosen = QListWidget()
        self.chosen.setAccessibleName(chosen_name)
        self.chosen.setAccessibleDescription(self.tr("Delete removes the selected one."))
        self.chosen.setMaximumHeight(self.fontMetrics().height() * 4)
        self._labels: dict[str, str] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.label)
        column.addWidget(self.picker)
        column.addWidget(self.chosen)
        self.picker.picked.connect(lambda key: self.set_key(key, True))
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.chosen)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_current)

    def set_options(self, options: Iterable[TagOption]) -> None:
        options = list(options)
        self._labels = {o.key: o.label for o in options}  # retired too: old notes show them
        self.picker.set_options(options)
        for i in range(self.chosen.count()):
            item = self.chosen.item(i)
            item.setText(self.label_for(item.data(Qt.ItemDataRole.UserRole)))

    def label_for(self, key: str) -> str:
        return self._labels.get(key, key)

    def keys(self) -> list[str]:
        return [
            self.chosen.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.chosen.count())
        ]

    def set_key(self, key: str, on: bool) -> bool:
        """Add or remove one tag; True when that changed anything."""
        present = key in self.keys()
        if on and not present:
            item = QListWidgetItem(self.label_for(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.chosen.addItem(item)
        elif not on and present:
            self.chosen.takeItem(self.keys().index(key))
        if on != present:
            self.toggled.emit(key, on)
            return True
        return False

    def set_keys(self, keys: Iterable[str]) -> None:
        wanted = [str(k) for k in keys]
        for key in self.keys():
            if key not in wanted:
                self.set_key(key, False)
        for key in wanted:
            self.set_key(key, True)

    def _remove_current(self) -> None:
        item = self.chosen.currentItem()
        if item is not None:
            self.set_key(item.data(Qt.ItemDataRole.UserRole), False)
