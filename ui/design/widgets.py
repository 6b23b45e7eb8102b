"""Small helpers pages use to take a look from the design system instead of setting colours.

Each sets a dynamic property that the application style sheet styles (see style_sheet.py), so
the look follows the theme and the text size, and changes live.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from ui.design.tokens import STATUS_WORDS, Status


def restyle(widget: QWidget) -> None:
    """Re-read the style sheet after a property change (Qt does not do it by itself)."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def set_role(widget: QWidget, role: str) -> QWidget:
    """role: title, heading, subheading, number, caption or muted (labels); card (frames)."""
    widget.setProperty("role", role)
    restyle(widget)
    return widget


def heading(text: str, role: str = "heading") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_role(label, role)
    return label


def card() -> QFrame:
    """A raised surface for a group of related things (a summary figure, a settings section)."""
    frame = QFrame()
    set_role(frame, "card")
    return frame


def make_primary(button: QPushButton) -> QPushButton:
    """The page's one primary action, in NHS Blue."""
    button.setProperty("primary", True)
    restyle(button)
    return button


def set_status(label: QLabel, status: Status | None, text: str = "") -> None:
    """Colour the label for a status, and start its text with the status's word (never colour
    alone). None clears both."""
    label.setProperty("status", status.value if status is not None else "")
    if status is not None and text:
        label.setText(f"{label.tr(STATUS_WORDS[status])}: {text}")
    elif text or status is None:
        label.setText(text)
    restyle(label)
