"""Icons from the Phosphor set that qtawesome ships, drawn in the theme's colours.

The font and its name map come from the qtawesome package; the glyphs are drawn here by a small
icon engine instead of through `import qtawesome`, which star-imports all of Qt through qtpy and
costs more than half a second of start-up. Each icon is painted when shown, in the colour of the
theme in force, so a theme switch recolours every icon without rebuilding any widget.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

from ui.design import tokens

FONT_FILE = "phosphor-1.3.0.ttf"
CHARMAP_FILE = "phosphor-charmap-1.3.0.json"

# What each part of the app shows, by meaning: pages and actions ask for these names.
PAGE_ICONS = {
    "activities": "calendar-blank",
    "capture": "note-pencil",
    "find": "magnifying-glass",
    "review": "flag",
    "themes": "lightbulb",
    "reports": "file-text",
    "dashboard": "chart-bar",
    "taxonomy": "tree-structure",
    "sync": "arrows-clockwise",
    "data-held": "database",
    "preferences": "gear-six",
}
STATUS_ICONS = {
    tokens.Status.SUCCESS: "check-circle",
    tokens.Status.WARNING: "warning",
    tokens.Status.ERROR: "x-circle",
    tokens.Status.INFO: "info",
}


def font_folder() -> Path:
    """qtawesome's fonts, found without importing it (see the module docstring)."""
    bundled = getattr(sys, "_MEIPASS", None)  # the built app: appbuild copies the two files
    if bundled is not None:
        return Path(bundled) / "qtawesome" / "fonts"
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the qtawesome package (icon fonts) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _charmap() -> dict[str, str]:
    raw = json.loads((font_folder() / CHARMAP_FILE).read_text(encoding="utf-8"))
    return {name: chr(int(code, 16)) for name, code in raw.items()}


@cache
def _family() -> str:
    font_id = QFontDatabase.addApplicationFont(str(font_folder() / FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise RuntimeError(f"the icon font {FONT_FILE} could not be loaded")
    return str(families[0])


def has_icon(name: str) -> bool:
    return name in _charmap()


class GlyphEngine(QIconEngine):
    """Draws one glyph in a colour taken from the theme at paint time. GUI thread only."""

    def __init__(self, glyph: str, colour_role: str) -> None:
        super().__init__()
        self.glyph = glyph
        self.colour_role = colour_role

    def _colour(self, mode: QIcon.Mode) -> str:
        colours = tokens.palette()
        if mode == QIcon.Mode.Disabled:
            return colours.disabled_text
        if mode == QIcon.Mode.Selected:
            return colours.on_selection
        value: str = getattr(colours, self.colour_role)
        return value

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        font = QFont(_family())
        font.setPixelSize(max(1, round(min(rect.width(), rect.height()) * 0.95)))
        painter.setFont(font)
        painter.setPen(QColor(self._colour(mode)))
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.glyph)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.glyph, self.colour_role)


_engines: list[GlyphEngine] = []  # QIcon does not keep a Python engine alive by itself


def icon(name: str, colour: str = "text") -> QIcon:
    """The Phosphor icon `name` drawn in the palette colour `colour` (a tokens.Palette field)."""
    name = name.removeprefix("ph.")  # qtawesome's spelling of a Phosphor name
    if colour not in tokens.colour_names():
        raise ValueError(f"no colour token called {colour!r}")
    glyph = _charmap().get(name)
    if glyph is None:
        raise ValueError(f"no icon called {name!r} in Phosphor")
    engine = GlyphEngine(glyph, colour)
    _engines.append(engine)
    return QIcon(engine)


def page_icon(key: str) -> QIcon:
    return icon(PAGE_ICONS.get(key, "circle"), "text")


def status_icon(status: tokens.Status) -> QIcon:
    return icon(STATUS_ICONS[status], status.value)
