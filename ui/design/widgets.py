"""Small helpers pages use to take a look from the design system instead of setting colours.

Each sets a dynamic property that the application style sheet styles (see style_sheet.py), so
the look follows the theme and the text size, and changes live.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ui.design.tokens import STATUS_WORDS, Status, space


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


class PageTitle(QLabel):
    """A page's title in the type scale's largest size, as plain text (a title that came from
    data, such as an activity's, is never read as markup), named for screen readers."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.setObjectName("pageTitle")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        set_role(self, "title")
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleName(text)


class PageHeader(QWidget):
    """A page's title with its one primary action, when it has one, at the right (where the
    eye ends the title line, as in GNOME's and Microsoft's apps). First in Tab order."""

    def __init__(self, title: str, action: QPushButton | None = None) -> None:
        super().__init__()
        self.setObjectName("pageHeader")
        self.title = PageTitle(title)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, space(1))
        row.setSpacing(space(2))
        row.addWidget(self.title, 1)
        if action is not None:
            make_primary(action)
            row.addWidget(action, 0, Qt.AlignmentFlag.AlignVCenter)


def ems(widget: QWidget, n: float) -> int:
    """n widths of the letter M in the widget's font: a size that grows with the text size."""
    return round(widget.fontMetrics().horizontalAdvance("M") * n)


def text_lines(widget: QWidget, n: float) -> int:
    """The height of n lines of the widget's text."""
    return round(widget.fontMetrics().lineSpacing() * n)


def aligned_form(parent: QWidget | None = None) -> QFormLayout:
    """Labels and fields in two aligned columns, the same on every form and dialog.

    A row whose label and field do not fit side by side (200% text, a narrow window) puts its
    label above its field rather than cutting either short; fields take the width there is."""
    form = QFormLayout() if parent is None else QFormLayout(parent)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    # Every field takes the width (wrapped explanations too: held to their own width they
    # would be cut short); a short choice that should not stretch is given a Fixed policy.
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setHorizontalSpacing(space(2))
    form.setVerticalSpacing(space(1))
    return form


def align_forms(*forms: QFormLayout) -> None:
    """Forms stacked one above another share one label column, so all their fields line up."""
    labels = [
        item.widget()
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
        and isinstance(item.widget(), QLabel)
    ]
    widest = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(widest)


def lines_tall(box: QPlainTextEdit, lines: int) -> QPlainTextEdit:
    """Make a text box `lines` lines of the person's text tall (its frame and margins added)."""
    margins = box.contentsMargins()
    chrome = 2 * (box.frameWidth() + round(box.document().documentMargin()))
    chrome += margins.top() + margins.bottom()
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + chrome)
    return box


def text_box(lines: int) -> QPlainTextEdit:
    """A several-line text box; Tab moves on to the next field, as in every other field."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    return lines_tall(box, lines)


READING_WIDTH_EMS = 48  # a calm line length for forms and text, as GNOME Settings keeps


def reading_width(content: QWidget) -> QWidget:
    """Hold a form to a comfortable width on a wide window (fields do not stretch away across
    the screen); narrower windows get all of it."""
    content.setMaximumWidth(ems(content, READING_WIDTH_EMS))
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(content, 1)  # not an alignment: that would lose the wrapped lines' height
    row.addStretch(0)
    return holder


def whole_names_when_open(combo: QComboBox) -> None:
    """Open lists show every choice whole, though the closed box is kept short (call after
    filling it): the scroll bar's room is a grid step."""
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + space(3))


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
