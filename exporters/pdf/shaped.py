"""Paragraphs in scripts that need shaping and bidi, laid out line by line."""

# Lines are broken here in logical order, then each line's words are put in visual order and
# drawn as one shaped line. ReportLab shapes each word through HarfBuzz (joined Arabic letters,
# Bengali conjuncts, emoji sequences), but its bidi needs ``rlbidi``, which is not on PyPI, and a
# shaped glyph has no single character for the ToUnicode map. So this flowable breaks lines
# itself, orders each line's words by a word-level Unicode bidi algorithm (rules W/N/L2 on whole
# words: HarfBuzz already orders the glyphs inside each word) and aligns right-to-left paragraphs
# right. Lines without right-to-left letters are wrapped in a span whose ``/ActualText`` is their
# logical text; right-to-left lines rely on glyph_text's ToUnicode map. Not thread-safe.

from __future__ import annotations

import unicodedata
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.platypus import Flowable, Paragraph

from exporters.pdf.fonts import BODY, font_runs, is_rtl_text, register_fonts, runs_markup

_STRONG_RTL = ("R", "AL")
_NUMBER = ("EN", "AN")


def _word_class(word: str) -> str:
    """'R', 'L', 'N' (number) or '' (neutral) for a whole word: its first strong character."""
    number = False
    for ch in word:
        direction = unicodedata.bidirectional(ch)
        if direction in _STRONG_RTL:
            return "R"
        if direction == "L":
            return "L"
        number = number or direction in _NUMBER
    return "N" if number else ""


def _word_levels(words: list[str], rtl: bool) -> list[int]:
    """Embedding level of each word: rules W (numbers), N1/N2 (neutrals) and I on whole words."""
    base = 1 if rtl else 0
    levels: list[int | None] = []
    for word in words:
        kind = _word_class(word)
        if kind == "R":
            levels.append(1)
        elif kind in ("L", "N"):
            levels.append(2 if rtl else 0)
        else:
            levels.append(None)
    resolved: list[int] = []
    for i, level in enumerate(levels):
        if level is None:  # a neutral takes its neighbours' direction when they agree
            before = next((lv for lv in reversed(levels[:i]) if lv is not None), base)
            after = next((lv for lv in levels[i + 1 :] if lv is not None), base)
            level = before if (before % 2) == (after % 2) else base
        resolved.append(level)
    return resolved


def visual_words(words: list[str], rtl: bool) -> list[str]:
    """Words of one line in the order they appear left to right on the page (rule L2)."""
    levels = _word_levels(words, rtl)
    order = list(range(len(words)))
    for level in range(max(levels, default=0), 0, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return [words[i] for i in order]


def text_width(text: str, font: str, size: float) -> float:
    """Width of `text` as ReportLab will set it: each font run shaped by HarfBuzz."""
    total = 0.0
    for run_font, run in font_runs(text, font):
        shaped = shapeStr(run, run_font, size)
        data = getattr(shaped, "__shapeData__", None)
        if data:
            total += sum(d.x_advance for d in data) * size / 1000
        else:
            total += stringWidth(run, run_font, size)
    return total


def _clusters(word: str) -> list[str]:
    """Split a word into pieces that may end a line: never inside a cluster or a conjunct."""
    pieces: list[str] = []
    for ch in word:
        joins = pieces and (
            unicodedata.category(ch) in ("Mn", "Mc", "Me")
            or ch in "\u200c\u200d"
            or pieces[-1][-1] in "\u200d"
            or unicodedata.name(pieces[-1][-1], "").endswith(("VIRAMA", "SIGN HASANTA"))
            or 0x1F3FB <= ord(ch) <= 0x1F3FF
            or 0xFE00 <= ord(ch) <= 0xFE0F
        )
        if joins:
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def break_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking in logical order; words wider than a line break between clusters."""
    lines: list[str] = []
    space = stringWidth(" ", font, size)
    for hard_line in text.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in hard_line.split():
            w = text_width(word, font, size)
            if current and used + space + w <= width:
                current.append(word)
                used += space + w
                continue
            if current:
                lines.append(" ".join(current))
            current, used = [], 0.0
            while w > width:
                head = ""
                for piece in _clusters(word):
                    if head and text_width(head + piece, font, size) > width:
                        break
                    head += piece
                lines.append(head)
                word = word[len(head) :]
                w = text_width(word, font, size)
            if word:
                current, used = [word], w
        lines.append(" ".join(current))
    return lines


class ShapedLines(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """A paragraph laid out line by line (see the module docstring); splits between lines."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        lines: list[str] | None = None,
        rtl: bool | None = None,
        first: bool = True,
        last: bool = True,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.rtl = is_rtl_text(text) if rtl is None else rtl
        self._lines = lines
        self._fixed = lines is not None  # a split part keeps the lines it was given
        self._first, self._last = first, last
        self._width_for = -1.0
        self._line_style = ParagraphStyle(
            f"{style.name}-line",
            parent=style,
            leftIndent=0,
            rightIndent=0,
            firstLineIndent=0,
            spaceBefore=0,
            spaceAfter=0,
            alignment=TA_LEFT,
        )

    def _text_width(self, avail_width: float) -> float:
        return float(avail_width - self.style.leftIndent - self.style.rightIndent)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self._fixed and self._width_for != avail_width:
            width = self._text_width(avail_width)
            self._lines = break_lines(self.text, self.style.fontName, self.style.fontSize, width)
            self._width_for = avail_width
        assert self._lines is not None
        self.width = avail_width
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def minWidth(self) -> float:
        words = self.text.split() or [""]
        return max(text_width(w, self.style.fontName, self.style.fontSize) for w in words)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self._lines is not None
        fit = int(avail_height // self.style.leading)
        if fit < 1:
            return []
        if fit >= len(self._lines):
            return [self]
        kw: dict[str, Any] = {"rtl": self.rtl}
        head = ShapedLines(
            self.text, self.style, lines=self._lines[:fit], first=self._first, last=False, **kw
        )
        tail = ShapedLines(
            self.text, self.style, lines=self._lines[fit:], first=False, last=self._last, **kw
        )
        return [head, tail]

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore) if self._first else 0.0

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter) if self._last else 0.0

    def line_paragraphs(self) -> list[tuple[str, Paragraph]]:
        """(logical text, one-line Paragraph in visual order) for each line."""
        assert self._lines is not None
        out = []
        for line in self._lines:
            base = self.style.fontName
            pieces = []
            for word in visual_words(line.split(" "), self.rtl):
                runs = font_runs(word, base)
                if _word_class(word) == "R":
                    runs.reverse()  # e.g. quote marks from another font: on the word's right
                pieces.append(runs_markup(runs, base))
            para = Paragraph(" ".join(pieces), self._line_style)
            out.append((line, para))
        return out

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        width = self._text_width(self.width)
        top = y + self.height
        for index, (logical, para) in enumerate(self.line_paragraphs()):
            para.wrap(width * 4 + 1000, self.style.leading * 2)
            line_width = float(para.getActualLineWidths0()[0]) if logical else 0.0
            offset = max(width - line_width, 0.0) if self.rtl else 0.0
            # Lines without right-to-left letters (Bengali, emoji) carry their text; the others
            # rely on the ToUnicode map, as extractors reorder right-to-left glyphs themselves.
            # The span opens after the move to the line, so its text is placed where the line is.
            canvas.saveState()
            canvas.translate(
                x + self.style.leftIndent + offset, top - (index + 1) * self.style.leading
            )
            canvas.setFont(self.style.fontName, self.style.fontSize, self.style.leading)
            carry_text = not any(unicodedata.bidirectional(c) in _STRONG_RTL for c in logical)
            if carry_text:
                hexed = ("\ufeff" + logical).encode("utf-16-be").hex().upper()
                canvas.addLiteral(f"/Span <</ActualText <{hexed}>>> BDC")
            para.drawOn(canvas, 0, 0)
            if carry_text:
                canvas.addLiteral("EMC")
            canvas.restoreState()


_PLAIN_STYLES: dict[str, ParagraphStyle] = {}


def _plain(style: ParagraphStyle) -> ParagraphStyle:
    """`style` without shaping, for text whose fonts set one glyph per character (Latin, Greek,
    Cyrillic, CJK): HarfBuzz would only add kerning there, at several times the cost."""
    plain = _PLAIN_STYLES.get(style.name)
    if plain is None or plain.parent is not style:
        plain = ParagraphStyle(f"{style.name}-plain", parent=style, shaping=0)
        _PLAIN_STYLES[style.name] = plain
    return plain


def text_flowable(text: str, style: ParagraphStyle) -> Paragraph | ShapedLines:
    """A paragraph of cleaned `text` (fonts.clean_text): shaped line by line when its scripts
    need it, else a plain ReportLab Paragraph."""
    runs = font_runs(text, BODY)
    if any(font in register_fonts().complex for font, _run in runs):
        return ShapedLines(text, style)
    return Paragraph(runs_markup(runs), _plain(style))
