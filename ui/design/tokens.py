"""Design tokens: the one place colours, spacing and type sizes are decided.

Plain data (no Qt), so it imports in no time and tests can check every pair. Pages ask for
`palette()` (the theme in force), `space(n)` and `TYPE` rather than writing numbers of their own.
Colours follow the NHS identity: NHS Blue for primary actions and selection, its greys for text
and borders, and its yellow-and-black focus style.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

GRID = 8  # px: every margin, gap and padding is a multiple of half of this


def space(n: float) -> int:
    """n steps of the 8-px grid (space(0.5) == 4, space(1) == 8, space(3) == 24)."""
    return round(GRID * n)


SPACE = space


class ThemeName(StrEnum):
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"


class ThemeChoice(StrEnum):
    """What people choose in Settings: follow the computer, or one theme always."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"


@dataclass(frozen=True)
class TypeScale:
    """Sizes relative to the person's text size (the application font), never fixed points."""

    caption: float = 0.875
    body: float = 1.0
    heading3: float = 1.125
    heading2: float = 1.375
    heading1: float = 1.75
    number: float = 2.0  # the big figure on a summary card


TYPE = TypeScale()


@dataclass(frozen=True)
class Palette:
    """One theme's colours, by what they are for. Pairs used together are in CONTRAST_PAIRS."""

    background: str  # the window behind everything
    surface: str  # cards, inputs, tables
    surface_alt: str  # alternate table rows, the sidebar
    text: str
    text_muted: str  # explanations, captions
    border: str  # card edges, separators (decorative)
    hover: str  # under the mouse, and pressed: text stays readable on it
    control_border: str  # input and check-box edges: must be seen (3:1 at least)
    primary: str  # the one primary action per page; selection
    on_primary: str
    primary_hover: str
    link: str  # links, and icons that carry the accent
    selection: str
    on_selection: str
    focus_ring: str  # the thick ring round whatever has keyboard focus
    focus_fill: str  # focused buttons and check boxes fill with it (NHS style)
    on_focus_fill: str
    success: str  # status colours: always with an icon and a word, never colour alone
    warning: str
    danger: str
    info: str
    disabled_text: str
    progress_fill: str  # the done part of a progress bar: its text stays readable on it
    progress_edge: str  # the done part's edge, which shows it against the track
    toast_background: str  # the brief confirmation, drawn inverse so it stands out of the page
    toast_text: str
    toast_icon: str  # its tick
    toast_border: str


LIGHT = Palette(
    background="#F0F4F5",  # NHS grey 5
    surface="#FFFFFF",
    surface_alt="#E8EDEE",  # NHS pale grey
    text="#212B32",  # NHS black
    text_muted="#4C6272",  # NHS secondary text
    border="#D8DDE0",
    hover="#D8DDE0",
    control_border="#4C6272",
    primary="#005EB8",  # NHS Blue
    on_primary="#FFFFFF",
    primary_hover="#003087",  # NHS Dark Blue
    link="#005EB8",
    selection="#005EB8",
    on_selection="#FFFFFF",
    focus_ring="#212B32",  # NHS: black edge with yellow fill; yellow alone is lost on white
    focus_fill="#FFEB3B",
    on_focus_fill="#212B32",
    success="#007F3B",  # NHS green
    warning="#8A4B00",
    danger="#B3200F",
    info="#005EB8",
    disabled_text="#6B7C87",
    progress_fill="#D6E8F7",
    progress_edge="#005EB8",
    toast_background="#212B32",
    toast_text="#FFFFFF",
    toast_icon="#5BD08B",
    toast_border="#212B32",
)

DARK = Palette(
    background="#161B1F",
    surface="#1F262B",
    surface_alt="#283137",
    text="#F0F4F5",
    text_muted="#B8C4CC",
    border="#3A454D",
    hover="#3A454D",
    control_border="#AEB7BD",
    primary="#005EB8",
    on_primary="#FFFFFF",
    primary_hover="#0072CE",
    link="#6CC4EC",  # NHS light blue, lightened to read on dark
    selection="#005EB8",
    on_selection="#FFFFFF",
    focus_ring="#FFEB3B",
    focus_fill="#FFEB3B",
    on_focus_fill="#212B32",
    success="#5BD08B",
    warning="#FFC857",
    danger="#FF8A80",
    info="#6CC4EC",
    disabled_text="#8C99A3",
    progress_fill="#12385E",
    progress_edge="#6CC4EC",
    toast_background="#F0F4F5",
    toast_text="#212B32",
    toast_icon="#007F3B",
    toast_border="#F0F4F5",
)

HIGH_CONTRAST = Palette(
    background="#000000",
    surface="#000000",
    surface_alt="#000000",
    text="#FFFFFF",
    text_muted="#FFFFFF",
    border="#FFFFFF",
    hover="#3D3D3D",  # not the white of the borders: white text must stay readable on it
    control_border="#FFFFFF",
    primary="#1AEBFF",  # cyan, as the Windows high-contrast themes use for selection
    on_primary="#000000",
    primary_hover="#FFFFFF",
    link="#FFEB3B",
    selection="#1AEBFF",
    on_selection="#000000",
    focus_ring="#FFEB3B",
    focus_fill="#FFEB3B",
    on_focus_fill="#000000",
    success="#7CFF9E",
    warning="#FFEB3B",
    danger="#FF9C9C",
    info="#1AEBFF",
    disabled_text="#C0C0C0",
    progress_fill="#000000",  # an outlined bar: white text keeps 21:1 wherever it falls
    progress_edge="#1AEBFF",
    toast_background="#000000",
    toast_text="#FFFFFF",
    toast_icon="#7CFF9E",
    toast_border="#FFEB3B",
)

PALETTES: dict[ThemeName, Palette] = {
    ThemeName.LIGHT: LIGHT,
    ThemeName.DARK: DARK,
    ThemeName.HIGH_CONTRAST: HIGH_CONTRAST,
}


@dataclass(frozen=True)
class Metrics:
    """Sizes that differ by theme: high contrast draws thicker lines."""

    focus_width: int  # px
    control_border_width: int
    radius: int


METRICS: dict[ThemeName, Metrics] = {
    ThemeName.LIGHT: Metrics(focus_width=3, control_border_width=1, radius=4),
    ThemeName.DARK: Metrics(focus_width=3, control_border_width=1, radius=4),
    ThemeName.HIGH_CONTRAST: Metrics(focus_width=4, control_border_width=2, radius=0),
}

# Every (text, background) pair the style sheet and pages draw: the contrast test checks each.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("text", "surface_alt"),
    ("text_muted", "background"),
    ("text_muted", "surface"),
    ("text_muted", "surface_alt"),
    ("text", "hover"),
    ("on_primary", "primary"),
    ("on_primary", "primary_hover"),
    ("on_selection", "selection"),
    ("on_focus_fill", "focus_fill"),
    ("link", "background"),
    ("link", "surface"),
    ("success", "surface"),
    ("success", "background"),
    ("warning", "surface"),
    ("warning", "background"),
    ("danger", "surface"),
    ("danger", "background"),
    ("info", "surface"),
    ("info", "background"),
    ("text", "progress_fill"),  # a progress bar's percentage, over the done part
    ("toast_text", "toast_background"),
    ("toast_icon", "toast_background"),
)
# Disabled controls: WCAG asks nothing of them, but they should still be legible (3:1).
DISABLED_PAIRS: tuple[tuple[str, str], ...] = (
    ("disabled_text", "surface"),
    ("disabled_text", "surface_alt"),
)
# Edges that must be seen but are not text: WCAG non-text contrast (3:1).
EDGE_PAIRS: tuple[tuple[str, str], ...] = (
    ("control_border", "surface"),
    ("control_border", "background"),
    ("focus_ring", "background"),
    ("focus_ring", "surface"),
    ("control_border", "surface_alt"),  # scroll bar handles on their track; table header rules
    ("progress_edge", "surface"),
    ("progress_edge", "progress_fill"),
    ("toast_border", "background"),
    ("toast_border", "surface"),
)


def minimum_text_contrast(theme: ThemeName) -> float:
    return 7.0 if theme is ThemeName.HIGH_CONTRAST else 4.5


def colour_names() -> list[str]:
    return [f.name for f in fields(Palette)]


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#RRGGBB'."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class Status(StrEnum):
    """Kinds of message: each has its colour, icon and word, so colour never carries it alone."""

    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "danger"
    INFO = "info"


STATUS_WORDS: dict[Status, str] = {
    Status.SUCCESS: "Done",
    Status.WARNING: "Warning",
    Status.ERROR: "Error",
    Status.INFO: "Note",
}

_current = ThemeName.LIGHT


def current_theme() -> ThemeName:
    """The theme in force (set by ui.design.theme.apply_theme)."""
    return _current


def set_current_theme(theme: ThemeName) -> None:
    global _current
    _current = theme


def palette(theme: ThemeName | None = None) -> Palette:
    return PALETTES[theme or _current]


def metrics(theme: ThemeName | None = None) -> Metrics:
    return METRICS[theme or _current]


def status_colour(status: Status, theme: ThemeName | None = None) -> str:
    value: str = getattr(palette(theme), status.value)
    return value
