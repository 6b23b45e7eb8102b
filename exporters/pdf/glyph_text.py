"""What text each embedded glyph stands for: the ToUnicode map and a shaping hook."""

# The hook records the text behind glyphs HarfBuzz chose that have no character of their own.
#
# Private ReportLab internals replaced here (pinned, reportlab==5.1.0, and covered by
# tests/exporters/pdf/test_reportlab_internals.py): ``ttfonts.makeToUnicodeCMap`` and
# ``paragraph.shapeFragWord``. Not thread-safe (one build, one thread).

from __future__ import annotations

import unicodedata
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts

#: Text of shaped glyphs that have no character of their own (contextual Arabic forms,
#: ligatures, emoji sequences), keyed by (font face name, the private-use code ReportLab gave
#: the glyph): the ToUnicode map gives them back their text.
_SHAPED_TEXT: dict[tuple[str, int], str] = {}


def _name(name: str | bytes) -> str:
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def _utf16_hex(code: int, face: str = "") -> str:
    text = _SHAPED_TEXT.get((face, code), chr(code))
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE:
        # Arabic contextual forms the shaper chose: their text is the plain letters.
        text = unicodedata.normalize("NFKC", text)
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ToUnicode CMap for a ReportLab TTF subset, with characters beyond the BMP (emoji) written
    as UTF-16 surrogate pairs. ReportLab's own ``ttfonts.makeToUnicodeCMap`` writes them as five
    hex digits, which is invalid and extracts as the wrong character; this replaces it.
    """
    face = _name(fontname).split("+", 1)[-1]
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
        *(f"<{i:02X}> <{_utf16_hex(code, face)}>" for i, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


_shape_one_font: Any = ttfonts.shapeFragWord


def _record_shaped_text(text: str, items: list[Any]) -> None:
    """Remember the text behind each private-use glyph code of a shaped word (_SHAPED_TEXT)."""
    clusters = sorted(
        {d.cluster for _f, s in items for d in getattr(s, "__shapeData__", None) or ()}
    )
    if not clusters:
        return
    ends = dict(zip(clusters, [*clusters[1:], len(text)], strict=True))
    for frag, shaped in items:
        data = getattr(shaped, "__shapeData__", None)
        if not data:
            continue
        face = _name(pdfmetrics.getFont(frag.fontName).face.name)
        for ch, d in zip(shaped, data, strict=False):
            key = (face, ord(ch))
            if (
                0xE000 <= key[1] <= 0xF8FF
                and key not in _SHAPED_TEXT
                and 0 <= d.cluster < len(text)
            ):
                _SHAPED_TEXT[key] = text[d.cluster : ends[d.cluster]] or text[d.cluster]


def shape_frag_word(word: Any, *args: Any, **kwargs: Any) -> Any:
    """ReportLab's shapeFragWord, one font at a time: its own shapes a word of several fonts with
    the first font's glyphs (e.g. "thanks😀"), so each same-font stretch is shaped on its own."""
    items = word[1:]
    if any(hasattr(f, "cbDefn") for f, _s in items):
        return _shape_one_font(word, *args, **kwargs)
    if len({f.fontName for f, _s in items}) <= 1:
        shaped = _shape_one_font(word, *args, **kwargs)
        if shaped is not word:
            _record_shaped_text("".join(str(t) for _f, t in items), shaped[1:])
        return shaped
    parts: list[Any] = []
    total = 0.0
    changed = False
    start = 0
    while start < len(items):
        end = start + 1
        while end < len(items) and items[end][0].fontName == items[start][0].fontName:
            end += 1
        group = items[start:end]
        width = sum(pdfmetrics.stringWidth(s, f.fontName, f.fontSize) for f, s in group)
        shaped = _shape_one_font([width, *group], *args, **kwargs)
        _record_shaped_text("".join(str(t) for _f, t in group), shaped[1:])
        changed = changed or shaped[1:] != group
        total += shaped[0]
        parts.extend(shaped[1:])
        start = end
    if not changed:
        return word
    return ttfonts.makeShapedFragWord(word)([total, *parts])
