"""Whether a row's values can go into cells as they are: a quick test of the whole row, before
the careful test of each value (exporters.xlsx.writer.SheetWriter).

Nearly every value of a big export is None, a number, a date or printable text that is no
formula. Testing two million values one by one cost a fifth of an export at 100,000 notes, so
a row is tested at once: the columns whose values repeat (choices, flags, tag lists) against
what each distinct value was found to be, the other text with one test of its joined text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from domain.memo import Memo
from exporters.xlsx.cells import FORMULA_TRIGGERS
from exporters.xlsx.layout import Column

# Column kinds holding a few distinct values (a choice, Yes/No, a list of tags, a count or a
# theme's title) however many rows there are.
REPEATING_KINDS = frozenset({"enum", "bool", "list", "reached", "info"})
# A text starting like a formula, in texts joined after a separator that is never printable.
_FORMULA_START = re.compile("\x00[" + re.escape("".join(FORMULA_TRIGGERS)) + "]")
# Distinct values remembered, so columns of unlike values cannot grow without end.
_REMEMBERED = 10_000


def _formula_start(texts: Sequence[str]) -> bool:
    return _FORMULA_START.search("\x00" + "\x00".join(texts)) is not None


def plain_texts(texts: Sequence[str]) -> bool:
    """Whether each text can be written as it is: none holding a character a cell cannot keep
    or a line break, none that Excel would run as a formula."""
    return "".join(texts).isprintable() and not _formula_start(texts)


def _plain_value(value: Any) -> bool:
    """Whether one value can be written as it is."""
    return not isinstance(value, str) or (value != "" and plain_texts([value]))


def _picker(positions: Sequence[int]) -> Callable[[list[Any]], tuple[Any, ...]]:
    """The values at `positions` of a row, as a tuple, in one call."""
    if len(positions) > 1:
        return itemgetter(*positions)
    if positions:
        return lambda row, at=positions[0]: (row[at],)  # type: ignore[misc]
    return lambda row: ()


class PlainRows:
    """The quick test for the rows of one sheet's columns."""

    def __init__(self, columns: Sequence[Column]) -> None:
        repeating = [i for i, column in enumerate(columns) if column.kind in REPEATING_KINDS]
        dates = {i for i, column in enumerate(columns) if column.number_format}
        # Each distinct value of those columns tested once: the answer is the value's alone.
        self.plain_value = Memo(_plain_value, limit=_REMEMBERED).__getitem__
        self.repeating = _picker(repeating)
        # The rest but dates (SheetWriter looks at those itself): mostly text.
        self.free = [i for i in range(len(columns)) if i not in repeating and i not in dates]
        self.others = _picker(self.free)

    def plain(self, row: list[Any]) -> bool:
        """True when every value of `row` can be written as it is (empty text in a column
        whose values do not repeat is made None, an empty cell, on the way)."""
        try:
            if not all(map(self.plain_value, self.repeating(row))):
                return False
        except TypeError:  # a value that cannot be remembered (a list, say)
            return False
        texts = self.others(row)
        try:
            joined = "".join(texts)
        except TypeError:  # a number or nothing among the text
            texts = tuple(value for value in texts if isinstance(value, str))
            joined = "".join(texts)
        if "" in texts:
            for index in self.free:
                if row[index] == "":
                    row[index] = None
        return joined.isprintable() and not _formula_start(texts)
