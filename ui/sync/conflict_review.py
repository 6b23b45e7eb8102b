"""Conflict review: every version of a text edited on two laptops at once, side by side, and the
merged text saved as a new edit that settles the conflict everywhere once synced."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes, Outcome, entity_changes
from domain.conflicts import ConflictView, list_conflicts, resolve_conflict
from domain.errors import DomainError
from ui.display import short_date_time
from ui.empty_state import EmptyState
from ui.services import Services
from ui.toast import show_toast
from ui.widgets import MessageLine


class ConflictReview(QWidget):
    """GUI thread only. Emits `resolved(entity, entity_id)` after a merged text is saved."""

    resolved = Signal(str, str)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.conflicts: list[ConflictView] = []
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Conflicts to review"))
        self.list.setAccessibleDescription(
            self.tr("Texts changed on two laptops at once. Pick one to see every version.")
        )
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 5)
        self.empty = EmptyState(
            "check-circle", self.tr("No conflicts: every text agrees on all laptops.")
        )
        self.versions_row = QHBoxLayout()
        self.panes: list[QPlainTextEdit] = []
        self.use_buttons: list[QPushButton] = []
        self.merged = QPlainTextEdit()
        self.merged.setTabChangesFocus(True)
        self.merged.setAccessibleName(self.tr("Merged text"))
        self.merged.setAccessibleDescription(
            self.tr("What the text should say from now on; saved as a new edit.")
        )
        self.merged_label = QLabel(self.tr("&Merged text (starts as the latest version):"))
        self.merged_label.setBuddy(self.merged)
        self.save_button = QPushButton(self.tr("Save merged tex&t"))
        self.message = MessageLine(self.tr("Conflict review status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addLayout(self.versions_row, 2)
        layout.addWidget(self.merged_label)
        layout.addWidget(self.merged, 1)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        self.list.currentRowChanged.connect(self.show_conflict)
        self.save_button.clicked.connect(self.save)

    def reload(self) -> None:
        self.conflicts = self.services.read(list_conflicts)
        current = self.current()
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self.conflicts:
            item = QListWidgetItem(
                self.tr("{label}: {n} versions, last edited {when}").format(
                    label=conflict.label.capitalize(),
                    n=len(conflict.versions),
                    when=short_date_time(conflict.versions[-1].edited_at),
                )
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        keys = [(c.entity, c.entity_id, c.field) for c in self.conflicts]
        key = (current.entity, current.entity_id, current.field) if current else None
        row = keys.index(key) if key in keys else 0
        has_any = bool(self.conflicts)
        for widget in (self.list, self.merged_label, self.merged, self.save_button):
            widget.setVisible(has_any)
        self.empty.setVisible(not has_any)
        if has_any:
            self.list.setCurrentRow(row)
        self.show_conflict(row if has_any else -1)

    def current(self) -> ConflictView | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def show_conflict(self, row: int) -> None:
        while self.versions_row.count():
            item = self.versions_row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.panes, self.use_buttons = [], []
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        if conflict is None:
            self.merged.clear()
            return
        total = len(conflict.versions)
        for number, version in enumerate(conflict.versions, start=1):
            device = version.device_name or self.tr("a laptop not seen before")
            when = short_date_time(version.edited_at)
            box = QGroupBox(
                self.tr("Version {n} of {total}: {device}, {when}").format(
                    n=number, total=total, device=device, when=when
                )
            )
            pane = QPlainTextEdit(version.text)
            pane.setReadOnly(True)
            pane.setTabChangesFocus(True)
            pane.setAccessibleName(
                self.tr("Version {n} of {total}, from {device} at {when}").format(
                    n=number, total=total, device=device, when=when
                )
            )
            use = QPushButton(self.tr("Use version {n} as the merged text").format(n=number))
            use.clicked.connect(lambda _=False, text=version.text: self._use(text))
            column = QVBoxLayout(box)
            column.addWidget(pane)
            column.addWidget(use)
            self.versions_row.addWidget(box, 1)
            self.panes.append(pane)
            self.use_buttons.append(use)
        self.merged.setPlainText(conflict.versions[-1].text)
        self.message.clear_message()
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.list]
        for pane, use in zip(self.panes, self.use_buttons, strict=True):
            chain += [pane, use]
        chain += [self.merged, self.save_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _use(self, text: str) -> None:
        self.merged.setPlainText(text)
        self.merged.setFocus()

    def save(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        text = self.merged.toPlainText()
        self.services.runner.submit(
            lambda session, _progress: Outcome(
                resolve_conflict(
                    session,
                    entity=conflict.entity,
                    entity_id=conflict.entity_id,
                    field=conflict.field,
                    text=text,
                ),
                entity_changes(conflict.entity, conflict.entity_id) | Changes(sync_state=True),
            ),
            label=self.tr("Saving the merged text"),
            on_done=lambda _result: self._saved(conflict),
            on_error=self._failed,
        )

    def _saved(self, conflict: ConflictView) -> None:
        show_toast(self, self.tr("Saved"))
        self.reload()
        self.message.show_message(
            self.tr("Saved: the {label} now has one version; sync to share it.").format(
                label=conflict.label
            )
        )
        self.resolved.emit(conflict.entity, conflict.entity_id)

    def _failed(self, error: BaseException) -> None:
        # Domain errors are worded for people; anything else is still named, never swallowed.
        text = str(error) if isinstance(error, DomainError) else f"{type(error).__name__}: {error}"
        self.message.show_message(self.tr("Error: ") + text)
        self.merged.setFocus()
