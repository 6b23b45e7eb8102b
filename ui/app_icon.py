"""The app's icon, from resources/icons (an SVG, with PNGs where the SVG plugin is missing)."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon


def app_icon() -> QIcon:
    folder = resources.files("resources") / "icons"
    icon = QIcon()
    for size in (48, 256):
        icon.addFile(str(folder / f"listening-post-{size}.png"))
    icon.addFile(str(folder / "listening-post.svg"))
    return icon
