"""The Notes sheet's cell values: for each column, where in a NoteRow its value is and how it
is turned into a cell, decided once per export.

An export of 100,000 notes turns two million values into cells. Most columns are copied as
they are; the others (choices, flags, tags, themes) hold few distinct values, so each distinct
value is converted once and looked up after that.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any

from domain.exchange import NOTE_ROW_INDEX, NoteRow
from domain.memo import Memo
from exporters.xlsx.cells import join_list
from exporters.xlsx.layout import NO, NOTE_COLUMNS, YES, Column, choice_label, labels_field


def _joined(values: tuple[Any, ...]) -> str:
    return join_list([str(value) for value in values])


def _labels(names: Mapping[Any, str]) -> Callable[[tuple[Any, ...]], str]:
    return lambda keys: join_list([names.get(key, str(key)) for key in keys])


def _conversion(
    column: Column, tags: Mapping[str, Mapping[Any, str]], themes: Mapping[str, str]
) -> tuple[str, Callable[[Any], Any] | None]:
    """The NoteRow value a column shows, and how it becomes the cell (None: as it is)."""
    field = column.field
    if field == "activity_ref":
        return "activity_label", None
    if field == "theme_titles":
        return "theme_ids", _labels(themes)
    for tag, names in tags.items():
        if field == labels_field(tag):
            return tag, _labels(names)
    if field not in NOTE_ROW_INDEX:
        raise ValueError(f"Notes column {field!r}: no such value in a note row")
    if column.kind == "enum":
        return field, choice_label
    if column.kind == "bool":
        return field, lambda flag: YES if flag else NO
    if column.kind == "list":
        return field, _joined
    # Text, ids and dates are single values: passed on as they are.
    return field, None


def note_cells(
    groups: Mapping[str, str],
    principles: Mapping[int, str],
    services: Mapping[str, str],
    themes: Mapping[str, str],
) -> Callable[[NoteRow], list[Any]]:
    """One value per Notes column, found by the column's field: the layout follows NoteFields,
    so a field declared there reaches the workbook without a line here."""
    tags: dict[str, Mapping[Any, str]] = {
        "groups": groups,
        "principles": principles,
        "services": services,
    }
    sources = []
    conversions = []
    for position, column in enumerate(NOTE_COLUMNS):
        source, convert = _conversion(column, tags, themes)
        sources.append(NOTE_ROW_INDEX[source])
        if convert is not None:
            converted = Memo(convert)
            converted[()] = None  # most notes have no themes and few tags of a family
            conversions.append((position, converted.__getitem__))

    pick = itemgetter(*sources)

    def cells(row: NoteRow) -> list[Any]:
        values = list(pick(row))
        for position, cell in conversions:
            values[position] = cell(values[position])
        return values

    return cells
