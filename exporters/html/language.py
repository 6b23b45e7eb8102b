"""Direction and language of a passage, so browsers, screen readers and translators treat an
Arabic or Bengali quote in an English report as what it is."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Script (first word of the Unicode character name) -> the language it most likely writes.
_SCRIPT_LANGUAGE = {
    "ARABIC": "ar",
    "HEBREW": "he",
    "BENGALI": "bn",
    "GURMUKHI": "pa",
    "GUJARATI": "gu",
    "TAMIL": "ta",
    "DEVANAGARI": "hi",
    "GREEK": "el",
    "THAI": "th",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
}
# Letters Urdu uses and Arabic does not.
_URDU = frozenset("\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2\u06af\u067e\u0686")


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


def passage_attributes(passage: str) -> dict[str, str | None]:
    """`dir` for text with right-to-left letters; `lang` when most of its letters are in one
    script other than Latin (an Arabic quote in an English report gets lang="ar")."""
    letters = [ch for ch in passage if ch.isalpha()]
    if not letters or passage.isascii():
        return {}
    rtl = any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in letters)
    counts: dict[str, int] = {}
    for ch in letters:
        script = _script(ch)
        counts[script] = counts.get(script, 0) + 1
    script, count = max(counts.items(), key=lambda item: item[1])
    lang = _SCRIPT_LANGUAGE.get(script) if count * 2 > len(letters) else None
    if lang == "ar" and any(ch in _URDU for ch in letters):
        lang = "ur"
    return {"dir": "auto" if rtl else None, "lang": lang}
