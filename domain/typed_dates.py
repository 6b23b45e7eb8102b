"""Dates and times typed as people write them: "3/12", "3 Dec", "today", "2pm", "14:30".

Day first, as in the UK. A date without a year is this year's; every refusal says what was
expected, in words.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from domain.errors import DomainError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")
_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?")
_FOUR_DIGITS = re.compile(r"(\d{2})(\d{2})")
# A weekday in front ("Thu 3 Dec 2026", as the form says dates back) adds nothing: dropped.
_WEEKDAY = re.compile(r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+")
DATE_HELP = "a date such as 3/12, 3 Dec, 3 December 2026 or today"
TIME_HELP = "a time such as 2pm, 2:30pm or 14:30"


class NotADate(DomainError):
    """Typed text that is not a date or time; the message says what would be."""


def _year(text: str | None, today: date) -> int:
    if not text:
        return today.year
    return int(text) + 2000 if len(text) == 2 else int(text)


def _make(year: int, month: int, day: int, typed: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise NotADate(f"“{typed}” is not a real date: give {DATE_HELP}") from None


def parse_typed_date(text: str, *, today: date) -> date:
    typed = " ".join(text.split())
    lowered = _WEEKDAY.sub("", typed.lower().rstrip("."), count=1)
    if lowered in _RELATIVE:
        return today + timedelta(days=_RELATIVE[lowered])
    if match := _ISO.fullmatch(lowered):
        return _make(int(match[1]), int(match[2]), int(match[3]), typed)
    if match := _NUMERIC.fullmatch(lowered):
        return _make(_year(match[3], today), int(match[2]), int(match[1]), typed)
    if (match := _DAY_MONTH.fullmatch(lowered)) and match[2] in MONTHS:
        return _make(_year(match[3], today), MONTHS[match[2]], int(match[1]), typed)
    if (match := _MONTH_DAY.fullmatch(lowered)) and match[1] in MONTHS:
        return _make(_year(match[3], today), MONTHS[match[1]], int(match[2]), typed)
    if not typed:
        raise NotADate(f"the date is empty: give {DATE_HELP}")
    raise NotADate(f"“{typed}” is not a date we can read: give {DATE_HELP}")


def parse_typed_time(text: str) -> time:
    typed = " ".join(text.split())
    lowered = typed.lower().replace(" ", "")
    if lowered in ("noon", "midday"):
        return time(12, 0)
    if match := _FOUR_DIGITS.fullmatch(lowered):
        hour, minute, suffix = int(match[1]), int(match[2]), None
    elif match := _TIME.fullmatch(lowered):
        hour, minute, suffix = int(match[1]), int(match[2] or 0), match[3]
    else:
        raise NotADate(
            f"the time is empty: give {TIME_HELP}"
            if not typed
            else f"“{typed}” is not a time we can read: give {TIME_HELP}"
        )
    if suffix is not None:
        if not 1 <= hour <= 12:
            raise NotADate(f"“{typed}”: with am or pm the hour is 1 to 12")
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise NotADate(f"“{typed}” is not a time of day: give {TIME_HELP}")
    return time(hour, minute)


def say_date(day: date) -> str:
    """How the form shows a date back: unambiguous, in words ("Thu 3 Dec 2026")."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def say_time(at: time) -> str:
    return f"{at:%H:%M}"
