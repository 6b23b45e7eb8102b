"""Plain-English helpers shared by reports, the app and the command line: dates, counts, stops."""

from __future__ import annotations

import datetime as dt
import re

_IRREGULAR = {
    "activity": "activities",
    "person": "people",
    "theme": "themes",
    "is": "are",
    "batch": "batches",
    "stretch": "stretches",
}


def long_date(day: dt.date) -> str:
    """The GOV.UK date style: 2 March 2026 (no leading zero, month in words)."""
    return f"{day.day} {day:%B %Y}"


def plural(count: int, word: str, many: str | None = None, *, none: str | None = None) -> str:
    """`1 note`, `2 notes`, `1 activity`, `3 activities` (or the given plural); `none` is said
    instead of a count of 0 ("No conflicts") when given. The one place counts are worded:
    never "note(s)"."""
    if count == 0 and none is not None:
        return none
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many or _IRREGULAR.get(word) or word + 's'}"


def with_full_stop(text: str) -> str:
    """The text ending in one full stop (or its own ! or ?), never two: "Jordan P." stays."""
    text = text.strip()
    if not text or text[-1] in ".!?\u2026":
        return text
    # Closing quotes and brackets follow the stop they end with.
    if text[-1] in "\"'\u201d\u2019)" and len(text) > 1 and text[-2] in ".!?":
        return text
    return text + "."


_WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """The words of a text, case-folded, without punctuation."""
    return _WORD.findall(text.casefold())


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an initialism ("GP", "NHS")."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]
