"""Before an Excel export: which notes and activities to export, chosen with the SelectionPicker."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from domain.errors import DomainError
from domain.selection import Selection
from ui.selection_picker import (
    AREA,
    DATES,
    GROUPS,
    PRINCIPLES,
    SERVICES,
    THEMES,
    PickerChoices,
    SelectionPicker,
)
from ui.widgets import MessageLine, answered


class ExportChoiceDialog(QDialog):
    """GUI thread only. After accept(), `selection` holds what was chosen; a date typed wrongly
    keeps the dialog open and says why."""

    def __init__(self, choices: PickerChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export to Excel"))
        self.selection: Selection | None = None
        intro = QLabel(self.tr("Leave everything open to export the whole store."))
        intro.setWordWrap(True)
        self.picker = SelectionPicker((DATES, AREA, GROUPS, THEMES, SERVICES, PRINCIPLES))
        self.picker.set_choices(choices)
        self.message = MessageLine(self.tr("Export choice problem"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Choose where to &save…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.picker.date_from.setFocus()
        self.resize(self.fontMetrics().horizontalAdvance("x") * 110, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A window's minimum size ignores height-for-width, so the picker's wrapped rows would
        # be cut off: keep the dialog as tall as its rows need at this width.
        super().resizeEvent(event)
        layout = self.layout()
        needed = layout.heightForWidth(self.width()) if layout is not None else -1
        if needed > self.minimumHeight():
            self.setMinimumHeight(needed)

    def accept(self) -> None:
        try:
            self.selection = self.picker.selection()
        except DomainError as error:
            self.message.show_message(self.tr("Error: ") + str(error))
            return
        super().accept()


def choose_export_selection(parent: QWidget, choices: PickerChoices) -> Selection | None:
    """Ask which notes to export; None when the person cancels."""
    dialog = ExportChoiceDialog(choices, parent)
    return dialog.selection if answered(dialog) else None
