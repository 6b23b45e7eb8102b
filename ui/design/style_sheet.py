"""The one application style sheet, generated from the tokens of a theme.

Colours come from the palette, lengths from the 8-px grid; check boxes and radio buttons are
sized in `em`, so they grow with the person's text size. Every focusable kind of widget gets
the same thick focus ring; its border is reserved as padding when unfocused, so nothing moves.
Pages choose a look by dynamic property (`role`, `status`, `primary`), never by colour.
"""

from __future__ import annotations

from functools import lru_cache

from ui.design.marks import Marks, marks
from ui.design.tokens import TYPE, Metrics, Palette, ThemeName, metrics, palette, space

_INPUTS = (
    "QLineEdit",
    "QPlainTextEdit",
    "QTextEdit",
    "QAbstractSpinBox",
    "QComboBox",
)


def _joined(kinds: tuple[str, ...], suffix: str = "") -> str:
    return ", ".join(f"{kind}{suffix}" for kind in kinds)


def _buttons(p: Palette, m: Metrics) -> str:
    reserve = m.focus_width - m.control_border_width
    return f"""
QPushButton, QToolButton {{
  background: {p.surface}; color: {p.text};
  border: {m.control_border_width}px solid {p.control_border}; border-radius: {m.radius}px;
  padding: {space(0.25) + reserve}px {space(2) + reserve}px;
}}
QToolButton {{ padding: {space(0.25) + reserve}px {space(1) + reserve}px; }}
QPushButton:hover, QToolButton:hover {{ background: {p.surface_alt}; }}
QPushButton:pressed, QToolButton:pressed, QToolButton:checked {{ background: {p.hover}; }}
QPushButton[primary="true"], QPushButton:default {{
  background: {p.primary}; color: {p.on_primary}; border-color: {p.primary};
}}
QPushButton[primary="true"]:hover, QPushButton:default:hover {{
  background: {p.primary_hover}; color: {p.on_primary}; border-color: {p.primary_hover};
}}
QPushButton:focus, QToolButton:focus, QPushButton[primary="true"]:focus,
QPushButton:default:focus {{
  background: {p.focus_fill}; color: {p.on_focus_fill};
  border: {m.focus_width}px solid {p.focus_ring};
  padding: {space(0.25)}px {space(2)}px;
}}
QToolButton:focus {{ padding: {space(0.25)}px {space(1)}px; }}
QPushButton:disabled, QToolButton:disabled {{
  background: {p.surface_alt}; color: {p.disabled_text}; border-color: {p.border};
}}
"""


def _inputs(p: Palette, m: Metrics) -> str:
    reserve = m.focus_width - m.control_border_width
    return f"""
{_joined(_INPUTS)} {{
  background: {p.surface}; color: {p.text};
  border: {m.control_border_width}px solid {p.control_border}; border-radius: {m.radius}px;
  padding: {reserve}px {space(1) + reserve}px;
  selection-background-color: {p.selection}; selection-color: {p.on_selection};
}}
{_joined(_INPUTS, ":focus")} {{
  border: {m.focus_width}px solid {p.focus_ring}; padding: 0px {space(1)}px;
}}
{_joined(_INPUTS, ":disabled")} {{
  background: {p.surface_alt}; color: {p.disabled_text}; border-color: {p.border};
}}
QPlainTextEdit, QTextEdit {{ padding: {reserve}px; }}
QPlainTextEdit:focus, QTextEdit:focus {{ padding: 0px; }}
QAbstractItemView {{
  background: {p.surface}; alternate-background-color: {p.surface_alt}; color: {p.text};
  border: {m.control_border_width}px solid {p.border};
  selection-background-color: {p.selection}; selection-color: {p.on_selection};
  padding: {reserve}px;
}}
QAbstractItemView:focus {{ border: {m.focus_width}px solid {p.focus_ring}; padding: 0px; }}
QComboBox QAbstractItemView {{ padding: 0px; }}
"""


def _drop_downs_and_spins(p: Palette, marks: Marks) -> str:
    """Chevrons in the text colour instead of Fusion's small grey triangles."""
    return f"""
QComboBox::drop-down {{
  subcontrol-origin: padding; subcontrol-position: center right; width: 1.6em; border: none;
}}
QComboBox::down-arrow {{ image: url({marks.down}); width: 0.8em; height: 0.8em; }}
QComboBox::down-arrow:disabled {{ image: url({marks.down_disabled}); }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
  subcontrol-origin: padding; width: 1.6em; border: none; background: transparent;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-button:hover, QAbstractSpinBox::down-button:hover {{
  background: {p.surface_alt};
}}
QAbstractSpinBox::up-arrow {{ image: url({marks.up}); width: 0.7em; height: 0.7em; }}
QAbstractSpinBox::down-arrow {{ image: url({marks.down}); width: 0.7em; height: 0.7em; }}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::up-arrow:off {{
  image: url({marks.up_disabled});
}}
QAbstractSpinBox::down-arrow:disabled, QAbstractSpinBox::down-arrow:off {{
  image: url({marks.down_disabled});
}}
"""


def _tables(p: Palette, m: Metrics, marks: Marks, base_pt: float) -> str:
    """Column headers as a quiet band with a firm rule under it; slim scroll bars without
    arrow buttons (the track pages, the keyboard scrolls), their handle 3:1 on the track."""
    # 14 px at Windows' 9 pt text, growing with the text size like every control (Qt's style
    # sheets do not size scroll bars in ems).
    bar = max(space(1.75), round(space(1.75) * base_pt / 9.0))
    return f"""
QHeaderView {{
  background: {p.surface_alt}; border: none;
  qproperty-defaultAlignment: "AlignLeft|AlignVCenter";  /* over the text it names */
}}
QHeaderView::section {{
  background: {p.surface_alt}; color: {p.text}; font-weight: 600;
  border: none; border-right: 1px solid {p.border};
  border-bottom: {m.control_border_width + 1}px solid {p.control_border};
  padding: {space(0.5)}px {space(1)}px;
}}
QHeaderView::section:vertical {{ border-bottom: 1px solid {p.border}; }}
QHeaderView::section:hover {{ background: {p.hover}; color: {p.text}; }}
QHeaderView::up-arrow {{
  image: url({marks.up}); width: 0.75em; height: 0.75em;
  subcontrol-position: center right; padding-right: {space(0.5)}px;
}}
QHeaderView::down-arrow {{
  image: url({marks.down}); width: 0.75em; height: 0.75em;
  subcontrol-position: center right; padding-right: {space(0.5)}px;
}}
QTableCornerButton::section {{
  background: {p.surface_alt}; border: none;
  border-bottom: {m.control_border_width + 1}px solid {p.control_border};
}}
QScrollBar {{ background: {p.surface_alt}; border: none; margin: 0px; }}
QScrollBar:vertical {{ width: {bar}px; }}
QScrollBar:horizontal {{ height: {bar}px; }}
QScrollBar::handle {{
  background: {p.control_border}; border-radius: {bar // 2 - 2}px; margin: 2px;
}}
QScrollBar::handle:vertical {{ min-height: {space(4)}px; }}
QScrollBar::handle:horizontal {{ min-width: {space(4)}px; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {p.primary}; }}
QScrollBar::add-line, QScrollBar::sub-line {{
  width: 0px; height: 0px; border: none; background: none;
}}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QProgressBar {{
  background: {p.surface}; color: {p.text}; text-align: center; min-height: 1.5em;
  border: {m.control_border_width}px solid {p.control_border}; border-radius: {m.radius}px;
}}
QProgressBar::chunk {{
  background: {p.progress_fill}; border: {m.control_border_width + 1}px solid {p.progress_edge};
  border-radius: {m.radius}px;
}}
"""


def _toast(p: Palette, m: Metrics) -> str:
    return f"""
QFrame#toast {{
  background: {p.toast_background}; border: {m.control_border_width + 1}px solid {p.toast_border};
  border-radius: {space(1)}px;
}}
QFrame#toast QLabel {{ background: {p.toast_background}; color: {p.toast_text}; }}
"""


def _choices(p: Palette, m: Metrics, marks: Marks) -> str:
    return f"""
QCheckBox, QRadioButton {{
  spacing: 0.5em; padding: 0px {space(0.5)}px;
  border: {m.focus_width}px solid transparent; border-radius: {m.radius}px;
}}
QCheckBox:focus, QRadioButton:focus {{
  border-color: {p.focus_ring}; background: {p.focus_fill}; color: {p.on_focus_fill};
}}
QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator,
QAbstractItemView::indicator {{
  width: 1.1em; height: 1.1em; background: {p.surface};
  border: {max(m.control_border_width, 2)}px solid {p.control_border}; border-radius: 3px;
}}
QRadioButton::indicator {{ border-radius: 0.55em; }}
QAbstractItemView::indicator {{ width: 0.8em; height: 0.8em; }}
QCheckBox::indicator:checked, QGroupBox::indicator:checked,
QAbstractItemView::indicator:checked {{
  background: {p.primary}; border-color: {p.primary}; image: url({marks.check});
}}
QRadioButton::indicator:checked {{
  background: {p.surface}; border-color: {p.link}; image: url({marks.dot});
}}
QCheckBox::indicator:indeterminate {{
  background: {p.primary}; border-color: {p.primary}; image: url({marks.dash});
}}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
  background: {p.surface_alt}; border-color: {p.border};
}}
QCheckBox:disabled, QRadioButton:disabled {{ color: {p.disabled_text}; }}
"""


def _containers(p: Palette, m: Metrics) -> str:
    reserve = m.focus_width - 1
    return f"""
QGroupBox {{
  background: {p.surface}; border: 1px solid {p.border}; border-radius: {space(1)}px;
  margin-top: 1.8em; padding: {space(1)}px {space(2)}px {space(2)}px {space(2)}px;
}}
QGroupBox::title {{
  subcontrol-origin: margin; subcontrol-position: top left;
  left: 0px; padding: 0px {space(0.5)}px; color: {p.text};
}}
QTabWidget::pane {{ border: 1px solid {p.border}; background: {p.surface}; top: -1px; }}
QTabBar::tab {{
  background: {p.surface_alt}; color: {p.text}; border: 1px solid {p.border};
  padding: {space(0.5) + reserve}px {space(2) + reserve}px; margin-right: {space(0.5)}px;
  border-top-left-radius: {m.radius}px; border-top-right-radius: {m.radius}px;
}}
QTabBar::tab:selected {{
  background: {p.surface}; border-top: {m.focus_width}px solid {p.primary};
  padding-top: {space(0.5) + reserve + 1 - m.focus_width}px;
}}
QTabBar::tab:selected:focus {{
  background: {p.focus_fill}; color: {p.on_focus_fill};
  border: {m.focus_width}px solid {p.focus_ring}; padding: {space(0.5)}px {space(2)}px;
}}
QFrame[role="card"] {{
  background: {p.surface}; border: 1px solid {p.border}; border-radius: {space(1)}px;
}}
QToolTip {{
  background: {p.surface}; color: {p.text}; border: 1px solid {p.control_border};
  padding: {space(0.5)}px;
}}
"""


def _sidebar(p: Palette, m: Metrics) -> str:
    return f"""
QListWidget#sidebar {{
  background: {p.surface_alt}; border: none; border-right: 1px solid {p.border};
  padding: {space(1)}px {space(1) + m.focus_width}px; outline: 0;
}}
QListWidget#sidebar:focus {{
  border: {m.focus_width}px solid {p.focus_ring};
  padding: {space(1) - m.focus_width}px {space(1)}px;
}}
QListWidget#sidebar::item {{
  color: {p.text}; padding: {space(1)}px {space(1)}px; border-radius: {m.radius}px;
  margin: 1px 0px;
}}
QListWidget#sidebar::item:hover {{ background: {p.hover}; color: {p.text}; }}
QListWidget#sidebar::item:selected {{ background: {p.selection}; color: {p.on_selection}; }}
"""


def _text(p: Palette, base_pt: float) -> str:
    def pt(scale: float) -> str:
        return f"{base_pt * scale:.2f}pt"

    return f"""
QLabel[role="title"] {{ font-size: {pt(TYPE.heading1)}; font-weight: 600; }}
QLabel[role="heading"] {{ font-size: {pt(TYPE.heading2)}; font-weight: 600; }}
QLabel[role="subheading"] {{ font-size: {pt(TYPE.heading3)}; font-weight: 600; }}
QLabel[role="number"] {{ font-size: {pt(TYPE.number)}; font-weight: 600; }}
QLabel[role="caption"] {{ font-size: {pt(TYPE.caption)}; color: {p.text_muted}; }}
QLabel[role="muted"] {{ color: {p.text_muted}; }}
QLabel[status="success"] {{ color: {p.success}; }}
QLabel[status="warning"] {{ color: {p.warning}; }}
QLabel[status="danger"] {{ color: {p.danger}; }}
QLabel[status="info"] {{ color: {p.info}; }}
"""


@lru_cache(maxsize=8)
def style_sheet(theme: ThemeName, base_pt: float) -> str:
    """The whole sheet for a theme at a base text size (cached: it is rebuilt only on change)."""
    return sheet(palette(theme), metrics(theme), marks(theme), base_pt)


def sheet(p: Palette, m: Metrics, marks: Marks, base_pt: float) -> str:
    """The sheet from its parts (the contrast test reads it with token names for colours)."""
    return "".join(
        (
            _buttons(p, m),
            _inputs(p, m),
            _drop_downs_and_spins(p, marks),
            _choices(p, m, marks),
            _containers(p, m),
            _tables(p, m, marks, base_pt),
            _toast(p, m),
            _sidebar(p, m),
            _text(p, base_pt),
        )
    )
