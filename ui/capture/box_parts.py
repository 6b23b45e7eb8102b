"""Small pieces of the capture box: tag wording, label pairs and combo box steps."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from domain.note_fields import FLAG_FIELDS
from domain.vocabulary import prompt
from ui.capture import shortcuts as keys


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaptureBox", text)


def flag_boxes() -> dict[str, QCheckBox]:
    """One check box per flag of NoteFields, in declared order: asked in the vocabulary's
    words, with the key that toggles it (keys.flag_keys) in its text and so in its name."""
    keyed = keys.flag_keys(FLAG_FIELDS)
    boxes = {}
    for flag in FLAG_FIELDS:
        words = _tr(prompt(flag))
        box = QCheckBox(f"{words} ({keyed[flag]})" if flag in keyed else words)
        box.setAccessibleName(box.text())
        boxes[flag] = box
    return boxes


def tag_words(
    state: dict[str, Any],
    group_label: Callable[[str], str],
    service_label: Callable[[str], str],
    families: Iterable[str] = ("services",),
) -> str:
    """ "principles 2, 5; groups: A, B; services: C" for the tags chosen ("" for none)."""
    parts = []
    if state["principles"]:
        numbers = ", ".join(str(n) for n in state["principles"])
        parts.append(_tr("principles {numbers}").format(numbers=numbers))
    if state["groups"]:
        names = ", ".join(group_label(k) for k in state["groups"])
        parts.append(_tr("groups: {names}").format(names=names))
    if "services" in families and state["services"]:
        names = ", ".join(service_label(k) for k in state["services"])
        parts.append(_tr("services: {names}").format(names=names))
    return "; ".join(parts)


def pair(label: QLabel, field: QWidget) -> QWidget:
    """A label and its field, kept together on one line when the row wraps."""
    widget = QWidget()
    row = QHBoxLayout(widget)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(field)
    return widget


def is_redo(event: QKeyEvent) -> bool:
    pressed = event.keyCombination().toCombined()
    return event.matches(QKeySequence.StandardKey.Redo) or any(
        QKeySequence(text)[0].toCombined() == pressed for text in ("Ctrl+Shift+Z", "Ctrl+Y")
    )


def step(combo: QComboBox, by: int) -> None:
    combo.setCurrentIndex((combo.currentIndex() + by) % combo.count())


def select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)
