"""Embedded, shapable TrueType fonts for reports, and text-to-markup with per-script font runs.

Atkinson Hyperlegible (OFL, from the fontpkg-atkinson-hyperlegible wheel; its zero redrawn
without the slash, see figures.py) sets all text it can. Characters it lacks are set in the first
fallback font that has them, chosen per run of text, so every glyph is embedded and real (PDF/UA
forbids .notdef). Every font is registered shapable: ReportLab shapes runs through uharfbuzz
(joined Arabic and Urdu, Bengali conjuncts, emoji sequences); shaped.py lays out paragraphs that
need it. Fonts are searched for by `find_font` only: the bundled folder first, then the system's.

Fonts used (the packaged app copies these into resources/fonts):
  AtkinsonHyperlegible-Regular.ttf, -Bold.ttf   (wheel)      Latin incl. Polish, Romanian, Somali
  NotoSans-Regular.ttf                          fonts-noto-core    Greek, Cyrillic, Vietnamese
  NotoNaskhArabic-Regular.ttf                   fonts-noto-core    Arabic, Urdu, Shahmukhi
  NotoSansBengali-Regular.ttf                   fonts-noto-core    Bengali
  NotoSansGurmukhi-Regular.ttf                  fonts-noto-core    Punjabi (Gurmukhi)
  NotoSansGujarati-Regular.ttf                  fonts-noto-core    Gujarati
  NotoSansTamil-Regular.ttf                     fonts-noto-core    Tamil
  NotoSansHebrew-Regular.ttf                    fonts-noto-core    Hebrew
  DroidSansFallbackFull.ttf                     fonts-droid-fallback  Chinese (CJK): TrueType
                                                outlines (Noto CJK is CFF; ReportLab embeds no CFF)
  OpenMoji-Black-LP.ttf                         resources/fonts (emoji_font.py)  emoji sequences
  DejaVuSans.ttf                                fonts-dejavu-core  symbols
  Symbola_hint.ttf                              fonts-symbola      remaining symbols
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph

from exporters.pdf.glyph_text import shape_frag_word, to_unicode_cmap

BODY: Final = "Atkinson"
BOLD: Final = "Atkinson-Bold"
REPLACEMENT: Final = "\ufffd"
BUNDLED_FONTS: Final = Path(__file__).resolve().parents[2] / "resources" / "fonts"

#: (registered name, candidate paths under a font folder, needs shaping beyond one glyph a char)
_FALLBACK_CANDIDATES: Final = (
    ("LP-NotoSans", ("noto/NotoSans-Regular.ttf",), False),
    (
        "LP-NotoNaskhArabic",
        ("noto/NotoNaskhArabic-Regular.ttf", "noto/NotoSansArabic-Regular.ttf"),
        True,
    ),
    ("LP-NotoSansBengali", ("noto/NotoSansBengali-Regular.ttf",), True),
    ("LP-NotoSansGurmukhi", ("noto/NotoSansGurmukhi-Regular.ttf",), True),
    ("LP-NotoSansGujarati", ("noto/NotoSansGujarati-Regular.ttf",), True),
    ("LP-NotoSansTamil", ("noto/NotoSansTamil-Regular.ttf",), True),
    ("LP-NotoSansDevanagari", ("noto/NotoSansDevanagari-Regular.ttf",), True),
    ("LP-NotoSansHebrew", ("noto/NotoSansHebrew-Regular.ttf",), True),
    ("LP-DroidSansFallback", ("droid/DroidSansFallbackFull.ttf",), False),
    ("LP-OpenMoji", ("OpenMoji-Black-LP.ttf",), True),
    ("LP-DejaVuSans", ("dejavu/DejaVuSans.ttf",), False),
    ("LP-Symbola", ("ancient-scripts/Symbola_hint.ttf", "ancient-scripts/Symbola.ttf"), False),
)
_FONT_DIRS: Final = (
    BUNDLED_FONTS,
    Path("/usr/share/fonts/truetype"),
    Path("/usr/local/share/fonts"),
)
#: Default-ignorable code points that change shaping (joiners, variation selectors, emoji tags):
#: kept in the run they belong to. Every other default-ignorable one is dropped (no glyph).
_SHAPING_MARKS: Final = frozenset(
    {0x200C, 0x200D, *range(0xFE00, 0xFE10), *range(0xE0020, 0xE0080)}
)
_IGNORABLE_RANGES: Final = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


@dataclass(frozen=True)
class FontSet:
    """Registered font names: the body pair and the fallbacks in order of preference."""

    body: str
    bold: str
    fallbacks: tuple[str, ...]
    complex: frozenset[str]  # fallbacks whose runs need shaped layout (shaped.py)


def atkinson_dir() -> Path:
    """Folder holding the Atkinson Hyperlegible TTF files inside the installed wheel."""
    return Path(str(resources.files("fontpkg_atkinson_hyperlegible") / "files"))


def find_font(relatives: tuple[str, ...]) -> Path | None:
    """The one font search: each candidate in the bundled folder first, then system folders
    (as given, or flat in the folder, as the packaged app lays them out)."""
    for base in _FONT_DIRS:
        for rel in relatives:
            for candidate in (base / rel, base / Path(rel).name):
                if candidate.is_file():
                    return candidate
    return None


class ShapingTTFont(TTFont):  # type: ignore[misc]  # ReportLab is untyped
    """A TTFont whose shaped glyphs without a character of their own get the width the font
    gives them (ReportLab records the first positioned advance, which kerning or marks may have
    changed, so the PDF's Widths would disagree with the font: PDF/UA 7.21.5)."""

    def hbFont(self, fontSize: float = 10) -> Any:  # ReportLab's names
        font = super().hbFont(fontSize)
        add_private: Any = self.__dict__["hbAddPrivate"]  # set by TTFont.hbFont just now

        def add_with_font_width(name: str, gid: int, _advance: float) -> Any:
            return add_private(name, gid, self.pdfScale(font.get_glyph_h_advance(gid)))

        self.hbAddPrivate = add_with_font_width
        return font


def _body_face(face: str) -> str:
    """The plain-zero face (figures.py) when bundled, else the wheel's own."""
    bundled = find_font((f"ListeningPostSans-{face}.ttf",))
    return str(bundled or atkinson_dir() / f"AtkinsonHyperlegible-{face}.ttf")


@functools.cache
def register_fonts() -> FontSet:
    """Register the body and fallback fonts with ReportLab once per process, all shapable."""
    # Private ReportLab internal, pinned (reportlab==5.1.0) and covered by
    # tests/exporters/pdf/test_reportlab_internals.py.
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
    paragraph.shapeFragWord = shape_frag_word
    pdfmetrics.registerFont(ShapingTTFont(BODY, _body_face("Regular"), shapable=True))
    pdfmetrics.registerFont(ShapingTTFont(BOLD, _body_face("Bold"), shapable=True))
    # Map <b> to the bold face; italic maps to regular on purpose (no italics for emphasis).
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, BOLD)
    addMapping(BODY, 0, 1, BODY)
    addMapping(BODY, 1, 1, BOLD)
    fallbacks: list[str] = []
    complex_fonts: set[str] = set()
    for name, relatives, needs_shaping in _FALLBACK_CANDIDATES:
        path = find_font(relatives)
        if path is None:
            continue
        try:
            pdfmetrics.registerFont(ShapingTTFont(name, str(path), shapable=True))
        except Exception:
            continue
        fallbacks.append(name)
        if needs_shaping:
            complex_fonts.add(name)
    return FontSet(BODY, BOLD, tuple(fallbacks), frozenset(complex_fonts))


@functools.cache
def _coverage(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    # Taken before any shaping adds private-use entries for unmapped glyphs.
    return frozenset(code for code in font.face.charToGlyph if not 0xE000 <= code <= 0xF8FF)


@functools.cache
def _chars_of(font_name: str) -> frozenset[str]:
    return frozenset(chr(code) for code in _coverage(font_name))


@functools.cache
def font_for_char(ch: str, base: str) -> str | None:
    """The font that sets `ch`: `base` when it can, else the first fallback, else None."""
    code = ord(ch)
    if code in _coverage(base):
        return base
    for name in register_fonts().fallbacks:
        if code in _coverage(name):
            return name
    return None


@functools.cache
def is_ignorable(ch: str) -> bool:
    """Default-ignorable code points (BOM, bidi controls, zero-width space…): no glyph, no text."""
    code = ord(ch)
    return any(low <= code <= high for low, high in _IGNORABLE_RANGES)


def _extends_run(ch: str) -> bool:
    """Joiners, variation selectors, emoji modifiers and combining marks stay in the run before."""
    code = ord(ch)
    return (
        code in _SHAPING_MARKS
        or 0x1F3FB <= code <= 0x1F3FF
        or unicodedata.category(ch) in ("Mn", "Me", "Mc")
    )


_KEEP, _MARK, _DROP, _UNUSABLE, _NO_FONT = range(5)


@functools.cache
def _disposition(ch: str) -> int:
    if ch in "\n\t":
        return _KEEP
    if ord(ch) in _SHAPING_MARKS:
        return _MARK
    if is_ignorable(ch):
        return _DROP
    if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
        return _UNUSABLE
    return _NO_FONT if font_for_char(ch, BODY) is None else _KEEP


def clean_text(text: str) -> tuple[str, list[str]]:
    """Drop control and default-ignorable characters (they are not text; joiners and variation
    selectors that shape the character before them stay) and replace characters no font can set.

    Returns the cleaned text and a list of problems found, for the report result.
    """
    if all(_disposition(ch) == _KEEP for ch in set(text)):
        return text, []
    out: list[str] = []
    problems: list[str] = []
    for ch in text:
        kind = _disposition(ch)
        if kind == _KEEP or (kind == _MARK and out and not out[-1].isspace()):
            out.append(ch)
        elif kind == _UNUSABLE:
            problems.append(f"removed unusable character U+{ord(ch):04X}")
        elif kind == _NO_FONT:
            problems.append(f"no font has U+{ord(ch):04X}; shown as U+FFFD")
            out.append(REPLACEMENT)
    return "".join(out), problems


def _neutral(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch)[0] in "PS"


def _char_fonts(text: str, base: str) -> list[str]:
    """Each character's font; punctuation inside a word of a complex-script font (Arabic quote
    marks, full stops) takes that font when it has it, so the word is shaped as one."""
    fonts: list[str] = []
    for ch in text:
        font = font_for_char(ch, base)
        if font is None:
            raise KeyError(f"no font for U+{ord(ch):04X}; call clean_text first")
        fonts.append(font)
    complex_fonts = register_fonts().complex
    for i, ch in enumerate(text):
        if not _neutral(ch):
            continue
        j = i - 1
        while j >= 0 and _neutral(text[j]):
            j -= 1
        k = i + 1
        while k < len(text) and _neutral(text[k]):
            k += 1
        for n in (j, k):
            if (
                0 <= n < len(text)
                and not text[n].isspace()
                and fonts[n] in complex_fonts
                and ord(ch) in _coverage(fonts[n])
            ):
                fonts[i] = fonts[n]
                break
    return fonts


def font_runs(text: str, base: str = BODY) -> list[tuple[str, str]]:
    """Split cleaned `text` into (font, text) runs: each character in the first font that has it;
    spaces, joiners and marks stay in the run they are in. Unknown characters raise KeyError."""
    if set(text) <= _chars_of(base):
        return [(base, text)] if text else []
    runs: list[tuple[str, list[str]]] = []
    for ch, font in zip(text, _char_fonts(text, base), strict=True):
        if runs and (ch in "\n\t " or _extends_run(ch)):
            runs[-1][1].append(ch)
            continue
        if runs and runs[-1][0] == font:
            runs[-1][1].append(ch)
        else:
            runs.append((font, [ch]))
    return [(font, "".join(chars)) for font, chars in runs]


def needs_shaped_layout(text: str, base: str = BODY) -> bool:
    """True when some run is in a font whose glyphs are not one per character (shaped.py)."""
    complex_fonts = register_fonts().complex
    return any(font in complex_fonts for font, _run in font_runs(text, base))


def to_markup(text: str, base: str = BODY) -> str:
    """Paragraph markup that shows `text` literally: everything escaped, fallback fonts as runs.

    Nothing in `text` is ever interpreted as markup: `<b>`, `&amp;`, `<font>` show as typed.
    Line breaks become <br/>. Call clean_text first; unknown characters raise KeyError here.
    """
    return runs_markup(font_runs(text, base), base)


def runs_markup(runs: list[tuple[str, str]], base: str = BODY) -> str:
    """Paragraph markup for (font, text) runs, in the order given."""
    parts: list[str] = []
    for font, run in runs:
        chunk = escape(run).replace("\n", "<br/>")
        parts.append(chunk if font == base else f'<font face="{font}">{chunk}</font>')
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
