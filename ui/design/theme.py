"""Applies a theme to the whole application, in one place: Fusion, a palette and the style sheet.

Follows the computer's colour scheme (and its high-contrast setting where Qt reports one) unless
the person chose a theme in Settings; either way the change applies live, without a restart.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ui.design import tokens
from ui.design.style_sheet import style_sheet
from ui.design.tokens import Palette, ThemeChoice, ThemeName

_ROLES = QPalette.ColorRole


def qt_palette(colours: Palette) -> QPalette:
    """The QPalette of a theme, so widgets the style sheet leaves alone still match it."""
    result = QPalette()
    roles = {
        _ROLES.Window: colours.background,
        _ROLES.WindowText: colours.text,
        _ROLES.Base: colours.surface,
        _ROLES.AlternateBase: colours.surface_alt,
        _ROLES.Text: colours.text,
        _ROLES.Button: colours.surface,
        _ROLES.ButtonText: colours.text,
        _ROLES.BrightText: colours.text,
        _ROLES.Highlight: colours.selection,
        _ROLES.HighlightedText: colours.on_selection,
        _ROLES.ToolTipBase: colours.surface,
        _ROLES.ToolTipText: colours.text,
        _ROLES.PlaceholderText: colours.text_muted,
        _ROLES.Link: colours.link,
        _ROLES.LinkVisited: colours.link,
        _ROLES.Light: colours.surface,
        _ROLES.Midlight: colours.border,
        _ROLES.Mid: colours.control_border,
        _ROLES.Dark: colours.control_border,
        _ROLES.Shadow: colours.text,
        _ROLES.Accent: colours.primary,
    }
    for role, value in roles.items():
        result.setColor(role, QColor(value))
    for role in (_ROLES.Text, _ROLES.WindowText, _ROLES.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(colours.disabled_text))
    return result


def system_theme(app: QGuiApplication) -> ThemeName:
    """The computer's own setting: high contrast where Qt can tell (6.10+), else dark or light."""
    hints = app.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is not None:
        preference = accessibility().contrastPreference()
        if preference == Qt.ContrastPreference.HighContrast:
            return ThemeName.HIGH_CONTRAST
    if hints.colorScheme() == Qt.ColorScheme.Dark:
        return ThemeName.DARK
    return ThemeName.LIGHT


def resolve(choice: ThemeChoice, app: QGuiApplication) -> ThemeName:
    if choice is ThemeChoice.SYSTEM:
        return system_theme(app)
    return ThemeName(choice.value)


def parse_choice(value: str) -> ThemeChoice:
    """A stored choice; anything unknown (hand-edited, from a later version) means System."""
    try:
        return ThemeChoice(value)
    except ValueError:
        return ThemeChoice.SYSTEM


class ThemeManager(QObject):
    """The application's one theme keeper, a child of the QApplication. GUI thread only.

    Re-applies when the person's choice changes, when the computer's colour scheme or contrast
    setting changes (choice System), and when the text size changes (headings are sized from it).
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("theme-manager")
        self.app = app
        self.choice = ThemeChoice.SYSTEM
        self.applied: tuple[ThemeName, float] | None = None
        self.system_point_size = app.font().pointSizeF()  # "100%": the computer's own size
        self.text_percent = 100
        app.styleHints().colorSchemeChanged.connect(self._system_changed)
        accessibility = getattr(app.styleHints(), "accessibility", None)
        if accessibility is not None:
            accessibility().contrastPreferenceChanged.connect(self._system_changed)
        # A never-shown widget hears text-size changes (an application-wide event filter would
        # see every event of every widget and slow the whole app down).
        self._font_watch = _FontWatch(self.apply_if_applied)

    @staticmethod
    def of(app: QApplication) -> ThemeManager:
        found = app.findChild(ThemeManager, "theme-manager")
        return found if found is not None else ThemeManager(app)

    def set_choice(self, choice: ThemeChoice) -> ThemeName:
        self.choice = choice
        return self.apply()

    def set_text_percent(self, percent: int) -> None:
        """Text (and every control sized from it) at percent of the computer's own size."""
        if percent == self.text_percent:
            return
        self.text_percent = percent
        font = QFont(self.app.font())
        font.setPointSizeF(self.system_point_size * percent / 100)
        self.app.setFont(font)  # the style sheet follows (see _FontWatch)

    def theme(self) -> ThemeName:
        return resolve(self.choice, self.app)

    def apply(self) -> ThemeName:
        theme = self.theme()
        base_pt = self.app.font().pointSizeF()
        if self.applied == (theme, base_pt):
            return theme  # nothing to do: re-polishing every widget is the costly part
        tokens.set_current_theme(theme)
        if self.app.style().name().lower() != "fusion":
            self.app.setStyle("Fusion")  # the one style that draws the palette the same everywhere
        self.app.setPalette(qt_palette(tokens.palette(theme)))
        self.app.setStyleSheet(style_sheet(theme, base_pt))
        self.applied = (theme, base_pt)
        return theme

    def _system_changed(self, *_args: object) -> None:
        if self.choice is ThemeChoice.SYSTEM:
            self.apply()

    def apply_if_applied(self) -> None:
        if self.applied is not None:
            self.apply()


class _FontWatch(QWidget):
    def __init__(self, changed: Callable[[], None]) -> None:
        super().__init__()
        self._changed = changed

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            # Later, not inside Qt's walk over every widget (re-styling there crashes it).
            QTimer.singleShot(0, self._changed)
        super().changeEvent(event)


TEXT_SIZES = (100, 125, 150, 175, 200)


def apply_theme(
    app: QApplication, choice: ThemeChoice | str, text_percent: int | None = None
) -> ThemeName:
    """Apply the person's choices to the whole application (idempotent; cheap when unchanged).

    text_percent None leaves the text size as it is (tests and the screenshot script set it).
    """
    manager = ThemeManager.of(app)
    if text_percent is not None and text_percent in TEXT_SIZES:
        manager.set_text_percent(text_percent)
    chosen = choice if isinstance(choice, ThemeChoice) else parse_choice(choice)
    return manager.set_choice(chosen)
