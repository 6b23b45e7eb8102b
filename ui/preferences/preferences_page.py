"""Settings people choose: appearance (theme, text size) and privacy (auto-lock time).

Each choice takes effect the moment it is made and is kept at once, as in GNOME's Settings:
there is no Save button to forget.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.design.theme import TEXT_SIZES, ThemeManager, apply_theme, parse_choice
from ui.design.tokens import ThemeChoice, space
from ui.design.widgets import PageTitle
from ui.pages import Navigator
from ui.services import Services
from ui.widgets import MessageLine

CONTENT_WIDTH_EMS = 48  # a calm reading width, like GNOME Settings: fields do not stretch away


def _label(text: str, role: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


class _Section(QFrame):
    """A card with a heading and rows of (label, control, explanation) in two aligned columns."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(space(3), space(2), space(3), space(3))
        self.grid.setHorizontalSpacing(space(3))
        self.grid.setVerticalSpacing(space(1))
        self.grid.setColumnStretch(1, 1)
        self.heading = _label(heading, "heading")
        self.grid.addWidget(self.heading, 0, 0, 1, 2)

    def add_row(self, text: str, control: QWidget, explanation: str) -> QLabel:
        row = self.grid.rowCount()
        label = QLabel(text)
        label.setBuddy(control)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.grid.addWidget(label, row, 0)
        self.grid.addWidget(control, row, 1, Qt.AlignmentFlag.AlignLeft)
        note = _label(explanation, "muted")
        self.grid.addWidget(note, row + 1, 1)
        self.grid.setRowMinimumHeight(row + 2, space(1))
        return note


class PreferencesPage(QWidget):
    """GUI thread only. The main window's idle watcher picks up the new time at once."""

    def __init__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
        self.services = services
        self.navigator = navigator
        preferences = services.preferences
        self.theme = QComboBox()
        for choice, text in (
            (ThemeChoice.SYSTEM, self.tr("Same as this computer")),
            (ThemeChoice.LIGHT, self.tr("Light")),
            (ThemeChoice.DARK, self.tr("Dark")),
            (ThemeChoice.HIGH_CONTRAST, self.tr("High contrast")),
        ):
            self.theme.addItem(text, choice.value)
        self.theme.setCurrentIndex(self.theme.findData(parse_choice(preferences.theme).value))
        self.text_size = QComboBox()
        for percent in TEXT_SIZES:
            self.text_size.addItem(f"{percent}%", percent)
        found = self.text_size.findData(preferences.text_size_percent)
        self.text_size.setCurrentIndex(max(found, 0))
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 240)
        self.auto_lock.setSuffix(self.tr(" minutes"))
        self.auto_lock.setValue(preferences.auto_lock_minutes)
        self.message = MessageLine(self.tr("Settings status"))
        self._build()
        self.theme.currentIndexChanged.connect(self.choose_theme)
        self.text_size.currentIndexChanged.connect(self.choose_text_size)
        self.auto_lock.editingFinished.connect(self.save)
        self.first_focus: QWidget = self.theme  # not a focus proxy: that would reorder Tab

    def _build(self) -> None:
        appearance = _Section(self.tr("Appearance"))
        appearance.add_row(
            self.tr("&Theme:"),
            self.theme,
            self.tr("Light, dark or high contrast; the first follows your computer's setting."),
        )
        appearance.add_row(
            self.tr("Te&xt size:"),
            self.text_size,
            self.tr("Makes all text bigger, and the buttons and boxes with it."),
        )
        privacy = _Section(self.tr("Privacy"))
        privacy.add_row(
            self.tr("&Lock after:"),
            self.auto_lock,
            self.tr(
                "After this long without typing or using the mouse, Listening Post hides "
                "everything until your passphrase is typed again."
            ),
        )
        column = QWidget()
        column.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * CONTENT_WIDTH_EMS)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(space(3))
        inner.addWidget(PageTitle(self.tr("Settings")))
        inner.addWidget(
            _label(self.tr("Changes take effect at once and are kept on this computer."), "muted")
        )
        inner.addWidget(appearance)
        inner.addWidget(privacy)
        inner.addWidget(self.message)
        inner.addStretch(1)
        scroll = QScrollArea()  # at 200% text on a small screen the cards scroll, never clip
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; it follows them
        holder = QWidget()
        row = QHBoxLayout(holder)  # not an alignment: that would size the cards without their
        row.setContentsMargins(space(3), space(3), space(3), space(3))  # wrapped lines' height
        row.addWidget(column, 1)
        row.addStretch(0)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def choose_theme(self) -> None:
        choice = parse_choice(str(self.theme.currentData()))
        self.services.preferences.theme = choice.value
        self.services.preferences.sync()
        apply_theme(QApplication.instance(), choice)
        self.message.show_message(self.tr("Theme: {name}.").format(name=self.theme.currentText()))

    def choose_text_size(self) -> None:
        percent = int(self.text_size.currentData())
        self.services.preferences.text_size_percent = percent
        self.services.preferences.sync()
        ThemeManager.of(QApplication.instance()).set_text_percent(percent)
        self.message.show_message(self.tr("Text size: {n}%.").format(n=percent))

    def save(self) -> None:
        minutes = self.auto_lock.value()
        if minutes == self.services.preferences.auto_lock_minutes:
            return
        self.services.preferences.auto_lock_minutes = minutes
        self.services.preferences.sync()
        idle = getattr(self.navigator, "idle", None)
        if idle is not None:
            idle.set_minutes(minutes)
        self.message.show_message(
            self.tr("Saved: the window locks after {n} minutes idle.").format(n=minutes)
        )
