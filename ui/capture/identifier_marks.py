"""Marks over possible personal identifiers in a text box: highlighted and underlined."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from domain.identifiers import IdentifierSpan


def identifier_marks(
    document: QTextDocument, spans: Iterable[IdentifierSpan], palette: QPalette
) -> list[QTextEdit.ExtraSelection]:
    """One mark per span, in the palette's highlight colours (so high contrast themes hold)."""
    marks = []
    for span in spans:
        mark = QTextEdit.ExtraSelection()
        cursor = QTextCursor(document)
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        mark.cursor = cursor
        fmt = QTextCharFormat()
        # Underlined as well as highlighted: the warning never relies on colour alone.
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setFontUnderline(True)
        fmt.setBackground(palette.highlight())
        fmt.setForeground(palette.highlightedText())
        mark.format = fmt
        marks.append(mark)
    return marks
