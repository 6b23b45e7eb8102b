"""The quick-capture box: note text that keeps the focus, and every tag settable from the keyboard.

Shortcuts act without moving the focus out of the text, so people can type, tag and save
(Ctrl+Enter) one note after another. Possible identifiers are flagged while typing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from domain.identifiers import find_identifiers, redact
from domain.views import GroupView, PrincipleView
from models.entities import NOTE_KINDS, SENTIMENTS
from ui.capture import shortcuts as keys
from ui.capture.group_picker import GroupPicker
from ui.display import word
from ui.widgets import MessageLine

FLAG_FIELDS = ("consent_to_quote", "consent_to_share", "safeguarding")


class CaptureBox(QWidget):
    """GUI thread only. Emits save_requested (Ctrl+Enter) and changed (anything edited)."""

    save_requested = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Note text"))
        self.text.setAccessibleDescription(
            self.tr("Ctrl+Enter saves the note. F1 lists the tagging shortcuts.")
        )
        self.text.setPlaceholderText(
            self.tr("What did people say? Ctrl+Enter saves and starts the next note.")
        )
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().height() * 4)
        self.text.setMaximumHeight(self.fontMetrics().height() * 8)

        self.kind = QComboBox()
        for kind in NOTE_KINDS:
            self.kind.addItem(word(kind), kind)
        self.kind.setCurrentIndex(NOTE_KINDS.index("observation"))
        self.sentiment = QComboBox()
        for sentiment in SENTIMENTS:
            self.sentiment.addItem(word(sentiment), sentiment)
        self.sentiment.setCurrentIndex(SENTIMENTS.index("neutral"))
        kind_label = QLabel(self.tr("Kind ({key}):").format(key=keys.NEXT_KIND))
        kind_label.setBuddy(self.kind)
        sentiment_label = QLabel(self.tr("Se&ntiment ({key}):").format(key=keys.NEXT_SENTIMENT))
        sentiment_label.setBuddy(self.sentiment)
        self.flags = {
            "consent_to_quote": QCheckBox(
                self.tr("Consent to quote anonymously ({key})").format(key=keys.CONSENT_TO_QUOTE)
            ),
            "consent_to_share": QCheckBox(
                self.tr("Consent to share ({key})").format(key=keys.CONSENT_TO_SHARE)
            ),
            "safeguarding": QCheckBox(
                self.tr("Safeguarding concern ({key})").format(key=keys.SAFEGUARDING)
            ),
        }

        self.principle_boxes: list[QCheckBox] = []
        principles = QGroupBox(self.tr("Principles (Alt+1 … Alt+0)"))
        principle_grid = QGridLayout(principles)
        for n in range(10):
            box = QCheckBox(f"{n + 1}")
            box.setProperty("number", n + 1)
            self.principle_boxes.append(box)
            principle_grid.addWidget(box, n // 4, n % 4)

        self.picker = GroupPicker()
        picker_label = QLabel(self.tr("Add group ({key}):").format(key=keys.GROUP_PICKER))
        picker_label.setBuddy(self.picker)
        self.chosen = QListWidget()
        self.chosen.setAccessibleName(self.tr("Groups for this note"))
        self.chosen.setAccessibleDescription(self.tr("Delete removes the selected group."))
        self.chosen.setMaximumHeight(self.fontMetrics().height() * 4)
        self.recent_box = QGroupBox(self.tr("Recent groups (Ctrl+1 … Ctrl+5)"))
        self.recent_layout = QVBoxLayout(self.recent_box)
        self.recent_checks: list[QCheckBox] = []
        self._recent_placeholder: list[QLabel] = []

        self.warning = MessageLine(self.tr("Possible personal details"))
        self.redact_button = QPushButton(self.tr("Redact ({key})").format(key=keys.REDACT))
        self.redact_button.hide()
        self.save_button = QPushButton(self.tr("Save note (Ctrl+Enter)"))

        top = QHBoxLayout()
        top.addWidget(kind_label)
        top.addWidget(self.kind)
        top.addWidget(sentiment_label)
        top.addWidget(self.sentiment)
        top.addStretch(1)
        flags_row = QHBoxLayout()
        for box in self.flags.values():
            flags_row.addWidget(box)
        flags_row.addStretch(1)
        groups_column = QVBoxLayout()
        picker_row = QHBoxLayout()
        picker_row.addWidget(picker_label)
        picker_row.addWidget(self.picker, 1)
        groups_column.addLayout(picker_row)
        groups_column.addWidget(self.chosen)
        groups_row = QHBoxLayout()
        groups_row.addLayout(groups_column, 3)
        groups_row.addWidget(self.recent_box, 2)
        warning_row = QHBoxLayout()
        warning_row.addWidget(self.warning, 1)
        warning_row.addWidget(self.redact_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addLayout(warning_row)
        layout.addLayout(top)
        layout.addLayout(flags_row)
        layout.addWidget(principles)
        layout.addLayout(groups_row)
        layout.addWidget(self.save_button, alignment=Qt.AlignmentFlag.AlignRight)

        self._identifier_timer = QTimer(self)
        self._identifier_timer.setSingleShot(True)
        self._identifier_timer.setInterval(150)
        self._identifier_timer.timeout.connect(self.check_identifiers)
        self._wire_shortcuts()
        self.text.textChanged.connect(self._text_changed)
        self.kind.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.sentiment.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in [*self.flags.values(), *self.principle_boxes]:
            box.toggled.connect(lambda _on: self.changed.emit())
        self.picker.picked.connect(self._group_picked)
        self.picker.left.connect(self.focus_text)
        self.redact_button.clicked.connect(self.redact_identifiers)
        self.save_button.clicked.connect(self.save_requested)
        self.setFocusProxy(self.text)

    # ----- keyboard -----------------------------------------------------------------------

    def _shortcut(self, sequence: str, slot: Any) -> QShortcut:
        shortcut = QShortcut(QKeySequence(sequence), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def _wire_shortcuts(self) -> None:
        for sequence in keys.SAVE:
            self._shortcut(sequence, self.save_requested.emit)
        self._shortcut(keys.NEXT_KIND, lambda: _step(self.kind, 1))
        self._shortcut(keys.PREVIOUS_KIND, lambda: _step(self.kind, -1))
        self._shortcut(keys.NEXT_SENTIMENT, lambda: _step(self.sentiment, 1))
        self._shortcut(keys.PREVIOUS_SENTIMENT, lambda: _step(self.sentiment, -1))
        self._shortcut(keys.CONSENT_TO_QUOTE, self.flags["consent_to_quote"].toggle)
        self._shortcut(keys.CONSENT_TO_SHARE, self.flags["consent_to_share"].toggle)
        self._shortcut(keys.SAFEGUARDING, self.flags["safeguarding"].toggle)
        for box, sequence in zip(self.principle_boxes, keys.PRINCIPLES, strict=True):
            self._shortcut(sequence, box.toggle)
        for n, sequence in enumerate(keys.RECENT_GROUPS):
            self._shortcut(sequence, lambda n=n: self.toggle_recent(n))
        self._shortcut(keys.GROUP_PICKER, self.picker.setFocus)
        self._shortcut(keys.REDACT, self.redact_identifiers)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.chosen)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_chosen_group)

    def focus_text(self) -> None:
        self.text.setFocus()

    # ----- reference data -----------------------------------------------------------------

    def set_principles(self, principles: list[PrincipleView]) -> None:
        for box, principle in zip(self.principle_boxes, principles, strict=False):
            box.setText(f"{principle.number} {principle.short}")
            box.setToolTip(principle.text)
            box.setAccessibleDescription(principle.text)

    def set_groups(self, groups: list[GroupView], recent_keys: list[str]) -> None:
        self.picker.set_groups(groups)
        active = {g.key: g.label for g in groups if g.active}
        for old in [*self.recent_checks, *self._recent_placeholder]:
            self.recent_layout.removeWidget(old)
            old.deleteLater()
        self.recent_checks, self._recent_placeholder = [], []
        for n, key in enumerate(k for k in recent_keys if k in active):
            check = QCheckBox(f"Ctrl+{n + 1}: {active[key]}")
            check.setProperty("group_key", key)
            check.setChecked(key in self.group_keys())
            check.toggled.connect(lambda on, key=key: self._set_group(key, on))
            self.recent_layout.addWidget(check)
            self.recent_checks.append(check)
        if not self.recent_checks:
            none = QLabel(self.tr("Groups you use appear here."))
            none.setWordWrap(True)
            self.recent_layout.addWidget(none)
            self._recent_placeholder = [none]

    # ----- groups -------------------------------------------------------------------------

    def group_keys(self) -> list[str]:
        return [
            self.chosen.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.chosen.count())
        ]

    def _group_picked(self, key: str) -> None:
        self._set_group(key, True)
        self.focus_text()

    def _set_group(self, key: str, on: bool) -> None:
        present = key in self.group_keys()
        if on and not present:
            item = QListWidgetItem(self.picker.label_for(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.chosen.addItem(item)
        elif not on and present:
            self.chosen.takeItem(self.group_keys().index(key))
        for check in self.recent_checks:
            if check.property("group_key") == key and check.isChecked() != on:
                check.blockSignals(True)
                check.setChecked(on)
                check.blockSignals(False)
        if on != present:
            self.changed.emit()

    def toggle_recent(self, n: int) -> None:
        if n < len(self.recent_checks):
            self.recent_checks[n].toggle()

    def _remove_chosen_group(self) -> None:
        item = self.chosen.currentItem()
        if item is not None:
            self._set_group(item.data(Qt.ItemDataRole.UserRole), False)

    # ----- identifiers --------------------------------------------------------------------

    def _text_changed(self) -> None:
        self._identifier_timer.start()
        self.changed.emit()

    def check_identifiers(self) -> None:
        self._identifier_timer.stop()
        spans = find_identifiers(self.text.toPlainText())
        marks = []
        for span in spans:
            mark = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            mark.cursor = cursor
            fmt = QTextCharFormat()
            # Underlined as well as highlighted: the warning never relies on colour alone.
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setFontUnderline(True)
            fmt.setBackground(self.palette().highlight())
            fmt.setForeground(self.palette().highlightedText())
            mark.format = fmt
            marks.append(mark)
        self.text.setExtraSelections(marks)
        if spans:
            kinds = ", ".join(dict.fromkeys(span.label for span in spans))
            self.warning.show_message(
                self.tr(
                    "Warning: this may identify someone ({kinds}). Notes must not name people. "
                    "Press {key} to replace with placeholders."
                ).format(kinds=kinds, key=keys.REDACT)
            )
        else:
            self.warning.clear_message()
        self.redact_button.setVisible(bool(spans))

    def identifiers_present(self) -> bool:
        return bool(find_identifiers(self.text.toPlainText()))

    def redact_identifiers(self) -> None:
        original = self.text.toPlainText()
        cleaned = redact(original)
        if cleaned == original:
            return
        cursor = QTextCursor(self.text.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(cleaned)  # one edit: Ctrl+Z in the box brings the text back
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.text.setTextCursor(cursor)
        self.check_identifiers()
        self.focus_text()

    # ----- state --------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        return {
            "body": self.text.toPlainText(),
            "kind": self.kind.currentData(),
            "sentiment": self.sentiment.currentData(),
            **{name: box.isChecked() for name, box in self.flags.items()},
            "principles": [b.property("number") for b in self.principle_boxes if b.isChecked()],
            "groups": self.group_keys(),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        self.text.setPlainText(str(state.get("body", "")))
        self.text.moveCursor(QTextCursor.MoveOperation.End)
        _select(self.kind, state.get("kind", "observation"))
        _select(self.sentiment, state.get("sentiment", "neutral"))
        for name, box in self.flags.items():
            box.setChecked(bool(state.get(name, False)))
        wanted = {int(n) for n in state.get("principles", [])}
        for box in self.principle_boxes:
            box.setChecked(box.property("number") in wanted)
        for key in self.group_keys():
            self._set_group(key, False)
        for key in state.get("groups", []):
            self._set_group(str(key), True)
        self.check_identifiers()

    def clear(self) -> None:
        self.set_state({})


def _step(combo: QComboBox, by: int) -> None:
    combo.setCurrentIndex((combo.currentIndex() + by) % combo.count())


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)
