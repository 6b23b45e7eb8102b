"""Cell values both ways: text made safe for Excel, typed values read back from what people type.

Hand-written because people type dates, yes/no and lists in many ways that no library reads the
way a UK engagement worker means them (day first, "2nd March 2026", "Y").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import cache

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.datetime import from_excel

from exporters.xlsx.layout import LIST_SEPARATOR, choice_label

# A leading =, +, - or @ makes Excel read typed text as a formula ("formula injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t")
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b", re.IGNORECASE)
_TRAILING_COUNT = re.compile(r"^(.*?)\s*\((\d+)\)\s*$")
_LIST_SPLIT = re.compile(r"[;\n]")
_KEY_COUNT = re.compile(r"^([^\s=]+)\s*=\s*(\d+)\s*$")
# Day first, as people in the UK write dates; ISO first because exports use it.
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%A %d %B %Y",
    "%a %d %b %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%Y%m%d",
)
_TIME_FORMATS = ("", " %H:%M", " %H:%M:%S", "T%H:%M", "T%H:%M:%S", " %I:%M%p", " %I:%M %p", " %I%p")
# Excel serial numbers accepted in a date cell: 1990 to 2100, so a stray count is not a date.
_SERIAL_RANGE = (32_874, 73_051)
_YES = frozenset({"yes", "y", "true", "1", "x", "✓"})
_NO = frozenset({"no", "n", "false", "0", ""})


class CellError(ValueError):
    """The reason a cell's value cannot be used; safe to show (never echoes free text)."""


def excel_text(text: str) -> str:
    """Text as a cell can hold it: one kind of line break, no control characters XML forbids."""
    if text.isprintable():  # the common case, and a quick test: nothing to replace
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")  # not allowed in XML
    return str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", text))


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def join_list(values: Sequence[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _shown(value: object) -> str:
    """A short, quoted echo of a value that is not free text (dates, choices, numbers)."""
    text = str(value)
    return repr(text if len(text) <= 30 else text[:29] + "…")


def read_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return excel_text(str(value))


def read_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, int | float):
        text = str(int(value)) if float(value).is_integer() else str(value)
    else:
        text = str(value).strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"{_shown(value)} is not Yes or No")


def read_int(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError("must be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(f"{_shown(value)} is not a whole number")
    text = str(value).strip().replace(",", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CellError(f"{_shown(value)} is not a whole number")


def read_datetime(value: object) -> datetime | None:
    """A date and time from a date cell, an Excel serial number or typed text (day first)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return _whole_seconds(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            converted = from_excel(value)
            if isinstance(converted, datetime):
                return _whole_seconds(converted)
        raise CellError(f"{_shown(value)} is a number, not a date")
    if isinstance(value, timedelta):
        raise CellError("holds a time without a date")
    text = " ".join(_ORDINAL.sub("", str(value)).replace(",", " ").split())
    for date_format in _DATE_FORMATS:
        for time_format in _TIME_FORMATS:
            try:
                return datetime.strptime(text, date_format + time_format)
            except ValueError:
                continue
    raise CellError(
        f"{_shown(value)} is not a date: type it like 2026-03-02 or 02/03/2026 (day first)"
    )


def read_date(value: object) -> date | None:
    moment = read_datetime(value)
    if moment is None:
        return None
    if moment.time() != datetime.min.time():
        raise CellError("should be a date without a time")
    return moment.date()


def _whole_seconds(moment: datetime) -> datetime:
    # Excel keeps time as a fraction of a day; round away the floating-point dust.
    moment = moment.replace(tzinfo=None)
    rounded = moment + timedelta(microseconds=500_000)
    return rounded.replace(microsecond=0)


def choice_lookup(choices: Sequence[str]) -> dict[str, str]:
    """Every accepted spelling of a choice → its stored value ('Focus group', 'focus_group')."""
    if isinstance(choices, tuple):
        return _choice_lookup(choices)  # a column's choices: made once, not per cell
    return _spellings(choices)


@cache
def _choice_lookup(choices: tuple[str, ...]) -> dict[str, str]:
    return _spellings(choices)


def _spellings(choices: Sequence[str]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for choice in choices:
        lookup[choice.casefold()] = choice
        lookup[choice_label(choice).casefold()] = choice
        lookup[choice.replace("_", "-").casefold()] = choice
    return lookup


def read_choice(value: object, choices: Sequence[str]) -> str | None:
    text = read_text(value).strip()
    if not text:
        return None
    found = choice_lookup(choices).get(" ".join(text.split()).casefold())
    if found is None:
        offered = ", ".join(choice_label(choice) for choice in choices)
        raise CellError(f"{_shown(text)} is not one of: {offered}")
    return found


def read_list(value: object) -> tuple[str, ...]:
    """Items separated by semicolons or line breaks, blanks dropped."""
    items = (item.strip() for item in _LIST_SPLIT.split(read_text(value)))
    return tuple(item for item in items if item)


def read_reached(value: object) -> tuple[tuple[str, int | None], ...]:
    """Groups reached with optional head counts: 'key=12; other' or 'Label (12); Other'."""
    reached: list[tuple[str, int | None]] = []
    for item in read_list(value):
        match = _KEY_COUNT.match(item) or _TRAILING_COUNT.match(item)
        if match:
            reached.append((match.group(1).strip(), int(match.group(2))))
        else:
            reached.append((item, None))
    return tuple(reached)
