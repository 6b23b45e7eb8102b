"""The Ctrl+1 … Ctrl+5 group keys: slots that keep their group for a whole activity.

A key that changed meaning after each use tagged notes with the wrong group without anyone
noticing, so slots fill in the order groups are first used and never reorder while capturing;
they are seeded afresh (from the recently used groups) only when another activity is opened.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

SLOT_COUNT = 5


class GroupSlots(QGroupBox):
    """Emits toggled(key, on) when a slot's box is ticked or cleared. GUI thread only."""

    toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Group keys (Ctrl+1 … Ctrl+5)"))
        self.setAccessibleName(self.tr("Group keys"))
        self._layout = QVBoxLayout(self)
        self.keys: list[str] = []
        self.checks: list[QCheckBox] = []
        self._labels: dict[str, str] = {}
        self._placeholder = QLabel(self.tr("The first five groups you use get a key here."))
        self._placeholder.setWordWrap(True)
        self._layout.addWidget(self._placeholder)
        self._seeded = False

    def set_labels(self, active: dict[str, str]) -> None:
        """Active groups' labels; a slot whose group was retired is emptied."""
        self._labels = dict(active)
        self.keys = [k for k in self.keys if k in active]
        self._rebuild(self.chosen())

    def seed(self, keys: Iterable[str], *, chosen: Iterable[str] = ()) -> None:
        """Start afresh (another activity): the recently used groups, in their order."""
        self.keys = [k for k in dict.fromkeys(keys) if k in self._labels][:SLOT_COUNT]
        self._seeded = True
        self._rebuild(set(chosen))

    def seed_once(self, keys: Iterable[str], *, chosen: Iterable[str] = ()) -> None:
        if not self._seeded:
            self.seed(keys, chosen=chosen)

    def use(self, key: str) -> None:
        """A group was used: it takes the next free slot (none moves, none is displaced)."""
        if key in self.keys or key not in self._labels or len(self.keys) >= SLOT_COUNT:
            return
        self.keys.append(key)
        self._rebuild(self.chosen() | {key})

    def chosen(self) -> set[str]:
        return {c.property("group_key") for c in self.checks if c.isChecked()}

    def show_chosen(self, chosen: Iterable[str]) -> None:
        wanted = set(chosen)
        for check in self.checks:
            on = check.property("group_key") in wanted
            if check.isChecked() != on:
                check.blockSignals(True)
                check.setChecked(on)
                check.blockSignals(False)

    def toggle(self, n: int) -> None:
        if n < len(self.checks):
            self.checks[n].toggle()

    def _rebuild(self, chosen: set[str]) -> None:
        for old in self.checks:
            self._layout.removeWidget(old)
            old.deleteLater()
        self.checks = []
        for n, key in enumerate(self.keys):
            check = QCheckBox(f"Ctrl+{n + 1}: {self._labels.get(key, key)}")
            check.setProperty("group_key", key)
            check.setChecked(key in chosen)
            check.toggled.connect(lambda on, key=key: self.toggled.emit(key, on))
            self._layout.insertWidget(n, check)
            self.checks.append(check)
        self._placeholder.setVisible(len(self.keys) < SLOT_COUNT)
        self._placeholder.setText(
            self.tr("The next groups you use get the free keys.")
            if self.keys
            else self.tr("The first five groups you use get a key here.")
        )
