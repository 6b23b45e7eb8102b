"""Embedded TrueType fonts for reports, and text-to-markup with per-character font fallback.

Atkinson Hyperlegible (OFL, from the fontpkg-atkinson-hyperlegible wheel) sets all text it can.
Characters it lacks (Arabic, Urdu, Bengali, emoji, rare symbols) are set in the first fallback
font that has them, so every glyph is embedded and real (PDF/UA forbids .notdef), and the text
extracts exactly. Fallbacks are system fonts (Debian: fonts-noto-core, fonts-dejavu-core,
fonts-symbola); a character no font has is shown as U+FFFD and reported.

ReportLab does no complex shaping or bidi reordering: Arabic and Bengali are drawn in logical
order with unjoined letter forms. The text is complete and extracts exactly; it is not typeset as
a native reader expects. Reports say so by offering other formats.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

BODY: Final = "Atkinson"
BOLD: Final = "Atkinson-Bold"
REPLACEMENT: Final = "\ufffd"

_FALLBACK_CANDIDATES: Final = (
    ("LP-NotoSans", ("noto/NotoSans-Regular.ttf",)),
    ("LP-NotoNaskhArabic", ("noto/NotoNaskhArabic-Regular.ttf", "noto/NotoSansArabic-Regular.ttf")),
    ("LP-NotoSansBengali", ("noto/NotoSansBengali-Regular.ttf",)),
    ("LP-DejaVuSans", ("dejavu/DejaVuSans.ttf",)),
    ("LP-Symbola", ("ancient-scripts/Symbola_hint.ttf", "ancient-scripts/Symbola.ttf")),
)
_FONT_DIRS: Final = (
    Path(__file__).resolve().parents[2] / "resources" / "fonts",
    Path("/usr/share/fonts/truetype"),
    Path("/usr/local/share/fonts"),
)


@dataclass(frozen=True)
class FontSet:
    """Registered font names: the body pair and the fallbacks in order of preference."""

    body: str
    bold: str
    fallbacks: tuple[str, ...]


def atkinson_dir() -> Path:
    """Folder holding the Atkinson Hyperlegible TTF files inside the installed wheel."""
    return Path(str(resources.files("fontpkg_atkinson_hyperlegible") / "files"))


def _find(relatives: tuple[str, ...]) -> Path | None:
    for base in _FONT_DIRS:
        for rel in relatives:
            candidate = base / rel
            if candidate.is_file():
                return candidate
            flat = base / Path(rel).name
            if flat.is_file():
                return flat
    return None


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ToUnicode CMap for a ReportLab TTF subset, with characters beyond the BMP (emoji) written
    as UTF-16 surrogate pairs. ReportLab's own ``ttfonts.makeToUnicodeCMap`` writes them as five
    hex digits, which is invalid and extracts as the wrong character; this replaces it.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


@functools.cache
def register_fonts() -> FontSet:
    """Register the body and fallback fonts with ReportLab once per process."""
    # Private ReportLab internal, pinned (reportlab==5.1.0) and covered by
    # tests/exporters/pdf/test_reportlab_internals.py.
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
    folder = atkinson_dir()
    pdfmetrics.registerFont(TTFont(BODY, str(folder / "AtkinsonHyperlegible-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "AtkinsonHyperlegible-Bold.ttf")))
    # Map <b> to the bold face; italic maps to regular on purpose (no italics for emphasis).
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, BOLD)
    addMapping(BODY, 0, 1, BODY)
    addMapping(BODY, 1, 1, BOLD)
    fallbacks: list[str] = []
    for name, relatives in _FALLBACK_CANDIDATES:
        path = _find(relatives)
        if path is None:
            continue
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception:
            continue
        fallbacks.append(name)
    return FontSet(BODY, BOLD, tuple(fallbacks))


@functools.cache
def _coverage(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def font_for_char(ch: str, base: str) -> str | None:
    """The font that sets `ch`: `base` when it can, else the first fallback, else None."""
    code = ord(ch)
    if code in _coverage(base):
        return base
    for name in register_fonts().fallbacks:
        if code in _coverage(name):
            return name
    return None


def clean_text(text: str) -> tuple[str, list[str]]:
    """Drop control characters (they are not text) and replace characters no font can set.

    Returns the cleaned text and a list of problems found, for the report result.
    """
    out: list[str] = []
    problems: list[str] = []
    for ch in text:
        if ch in "\n\t":
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Co", "Cn"):
            problems.append(f"removed unusable character U+{ord(ch):04X}")
            continue
        if font_for_char(ch, BODY) is None:
            problems.append(f"no font has U+{ord(ch):04X}; shown as U+FFFD")
            out.append(REPLACEMENT)
            continue
        out.append(ch)
    return "".join(out), problems


def to_markup(text: str, base: str = BODY) -> str:
    """Paragraph markup that shows `text` literally: everything escaped, fallback fonts as runs.

    Nothing in `text` is ever interpreted as markup: `<b>`, `&amp;`, `<font>` show as typed.
    Line breaks become <br/>. Call clean_text first; unknown characters raise KeyError here.
    """
    parts: list[str] = []
    run: list[str] = []
    run_font = base

    def flush() -> None:
        if not run:
            return
        chunk = escape("".join(run)).replace("\n", "<br/>")
        if run_font == base:
            parts.append(chunk)
        else:
            parts.append(f'<font face="{run_font}">{chunk}</font>')
        run.clear()

    for ch in text:
        if ch in "\n\t ":
            font = run_font  # whitespace joins whatever run it is in
        else:
            found = font_for_char(ch, base)
            if found is None:
                raise KeyError(f"no font for U+{ord(ch):04X}; call clean_text first")
            font = found
        if font != run_font:
            flush()
            run_font = font
        run.append(ch)
    flush()
    return "".join(parts)


def _rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def is_rtl_text(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Arabic, Urdu)."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def visual_order(text: str) -> str:
    """Reverse each run of right-to-left text so it reads right to left on the page.

    A run is RTL characters plus the spaces and neutrals between them, up to a left-to-right
    letter or a line break. Text extractors (pdftotext, screen readers using the ToUnicode map)
    read such runs back in logical order. A run that wraps onto a second line comes back with its
    lines in page order, which is the known limit of doing without a bidi library.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if not _rtl(text[i]):
            out.append(text[i])
            i += 1
            continue
        last = i
        j = i
        while j < n and text[j] != "\n" and unicodedata.bidirectional(text[j]) != "L":
            if _rtl(text[j]):
                last = j
            j += 1
        out.append(text[i : last + 1][::-1])
        i = last + 1
    return "".join(out)


def single_font_text(text: str, base: str = BODY) -> tuple[str, str]:
    """For graphics strings (chart labels), which take one font: the font and the text to draw.

    Picks `base` or the first fallback covering the whole string; otherwise keeps `base` and
    replaces what it lacks with "?" (the chart's data table beside it carries the exact text).
    """
    codes = {ord(c) for c in text}
    for name in (base, *register_fonts().fallbacks):
        if codes <= _coverage(name):
            return name, text
    covered = _coverage(base)
    return base, "".join(c if ord(c) in covered else "?" for c in text)
