"""The capture box's identifier check: marks while typing, redaction, and the review question.

Saving a note in which something looks like a name, phone number, email, NHS number or full
postcode first asks: redact now, or keep the note for a reviewer (it is then marked
needs_review, listed for review and left out of reports until cleared).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QWidget

from domain.identifiers import find_identifiers, redact
from ui.capture import shortcuts as keys
from ui.capture.identifier_marks import identifier_marks
from ui.widgets import MessageLine


class IdentifierChecks(QWidget):
    """Base of the capture box; GUI thread only. Subclasses set up `text` before `_build_check`."""

    text: QPlainTextEdit

    def _build_check(self) -> QWidget:
        """The warning row. It keeps its height when empty, so the form never jumps as a
        warning comes and goes while typing."""
        self.review_asked = False
        self.warning = MessageLine(self.tr("Possible personal details"))
        self.redact_button = QPushButton(self.tr("Redact ({key})").format(key=keys.REDACT))
        self.keep_button = QPushButton(self.tr("Keep for review (Ctrl+Enter)"))
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.warning, 1)
        row.addWidget(self.redact_button)
        row.addWidget(self.keep_button)
        for button in (self.redact_button, self.keep_button):
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
            button.hide()
        # Room for two lines of warning: typing never moves the form below it.
        two_lines = self.fontMetrics().lineSpacing() * 2 + 4
        row_widget.setFixedHeight(max(self.redact_button.sizeHint().height(), two_lines))
        self._identifier_timer = QTimer(self)
        self._identifier_timer.setSingleShot(True)
        self._identifier_timer.setInterval(150)
        self._identifier_timer.timeout.connect(self.check_identifiers)
        self.redact_button.clicked.connect(self.redact_identifiers)
        return row_widget

    def _text_changed(self) -> None:
        self.review_asked = False
        self._identifier_timer.start()

    def check_identifiers(self) -> None:
        self._identifier_timer.stop()
        spans = find_identifiers(self.text.toPlainText())
        marks = identifier_marks(self.text.document(), spans, self.palette())
        self.text.setExtraSelections(marks)
        kinds = ", ".join(dict.fromkeys(span.label for span in spans))
        if spans and self.review_asked:
            self.warning.show_message(
                self.tr(
                    "Warning: this note may identify someone ({kinds}). {redact} redacts it now; "
                    "Ctrl+Enter again saves it marked for review (left out of reports until a "
                    "reviewer clears it)."
                ).format(kinds=kinds, redact=keys.REDACT)
            )
        elif spans:
            self.warning.show_message(
                self.tr(
                    "Warning: this may identify someone ({kinds}). "
                    "{key} replaces it with placeholders."
                ).format(kinds=kinds, key=keys.REDACT)
            )
        else:
            self.review_asked = False
            self.warning.clear_message()
        self.redact_button.setText(
            (
                self.tr("Redact now ({key})") if self.review_asked else self.tr("Redact ({key})")
            ).format(key=keys.REDACT)
        )
        self.redact_button.setVisible(bool(spans))
        self.keep_button.setVisible(bool(spans) and self.review_asked)

    def ask_review(self) -> None:
        """Saving with identifiers: ask once; the next Ctrl+Enter keeps the note for review."""
        self.review_asked = True
        self.check_identifiers()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # e.g. high contrast switched on
            self.check_identifiers()

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
        self.text.setFocus()
