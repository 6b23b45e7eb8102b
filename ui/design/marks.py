"""Small SVG marks the style sheet draws: check, dot and dash in choices, chevrons on headers,
drop-downs and spin boxes. A style sheet takes images only from files, so each theme's set is
written once to a temporary folder removed at exit; Qt scales them to the size the sheet gives.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from ui.design.tokens import ThemeName, palette


@dataclass(frozen=True)
class Marks:
    """Paths of the theme's marks (posix, as url() in a style sheet wants them)."""

    check: str
    dot: str
    dash: str
    up: str  # chevrons in the text colour
    down: str
    up_disabled: str
    down_disabled: str


_CHECK = '<path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="{c}" stroke-width="3"/>'
_DOT = '<circle cx="12" cy="12" r="6" fill="{c}"/>'
_DASH = '<path d="M6 12h12" stroke="{c}" stroke-width="3"/>'
_CHEVRON_UP = (
    '<path d="M5 15.5l7-7 7 7" fill="none" stroke="{c}" stroke-width="2.75"'
    ' stroke-linecap="round" stroke-linejoin="round"/>'
)
_CHEVRON_DOWN = (
    '<path d="M5 8.5l7 7 7-7" fill="none" stroke="{c}" stroke-width="2.75"'
    ' stroke-linecap="round" stroke-linejoin="round"/>'
)


@lru_cache(maxsize=1)
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="listening-post-marks-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@lru_cache(maxsize=4)
def marks(theme: ThemeName) -> Marks:
    """The theme's marks, written on first use."""
    p = palette(theme)
    shapes = {
        "check": (_CHECK, p.on_primary),
        "dot": (_DOT, p.link),
        "dash": (_DASH, p.on_primary),
        "up": (_CHEVRON_UP, p.text),
        "down": (_CHEVRON_DOWN, p.text),
        "up_disabled": (_CHEVRON_UP, p.disabled_text),
        "down_disabled": (_CHEVRON_DOWN, p.disabled_text),
    }
    paths = {}
    for field in fields(Marks):
        shape, colour = shapes[field.name]
        path = _folder() / f"{theme.value}-{field.name}.svg"
        path.write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
            f"{shape.format(c=colour)}</svg>",
            encoding="utf-8",
        )
        paths[field.name] = path.as_posix()
    return Marks(**paths)
