"""Says a short message to screen readers without moving the keyboard focus.

Qt's announcement event (Qt 6.8+) reaches AT-SPI, UI Automation and VoiceOver as a live-region
message; an alert event on a label is heard only where the screen reader watches that label.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> QAccessibleAnnouncementEvent:
    """Announce `text` for `widget`: politely (after what is being read) unless urgent."""
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    return event
