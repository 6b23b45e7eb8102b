"""The Notes sheet's cell values, one function per column chosen once per export.

An export of 100,000 notes turns two million values into cells: deciding each value's treatment
per column once (rather than per cell, through each column's kind) keeps that share small.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from functools import cache
from operator import attrgetter
from typing import Any

from domain.exchange import NoteRow
from exporters.xlsx.cells import join_list
from exporters.xlsx.layout import NO, NOTE_COLUMNS, YES, Column, choice_label, labels_field

_Cell = Callable[[NoteRow], Any]
_ATTRIBUTES = frozenset(field.name for field in dataclasses.fields(NoteRow)) - {"fields"}


@cache
def _choice(value: str) -> str:
    return choice_label(value)


def _joined(value: Any) -> Any:
    if value == ():
        return ""  # most notes have no themes and few tags of a family: no list to build
    return join_list([str(item) for item in value]) if isinstance(value, list | tuple) else value


def _value_of(column: Column) -> _Cell:
    """What the row holds for the column (NoteRow.value), with its look-up decided once:
    `fields` holds the editable fields and tags, the row's own attributes the rest."""
    name = column.field
    if name in _ATTRIBUTES:
        return attrgetter(name)
    return lambda row: row.fields[name]


def _converted(column: Column, value: _Cell) -> _Cell:
    """A choice, flag or list column's cell: an editable field or tag is read in the cell's
    own function, one call less per cell."""
    field = column.field
    if field in _ATTRIBUTES:
        if column.kind != "list":
            raise ValueError(f"Notes column {field!r}: no conversion for a row attribute")
        return lambda row: _joined(value(row))
    if column.kind == "enum":
        return lambda row: _choice(row.fields[field])
    if column.kind == "bool":
        return lambda row: YES if row.fields[field] else NO
    return lambda row: "" if (found := row.fields[field]) == () else _keys(found)


def _keys(keys: Any) -> Any:
    """A tag family's keys as one cell (a note's tags are a tuple, most often of one key)."""
    if isinstance(keys, tuple):
        return str(keys[0]) if len(keys) == 1 else join_list(list(map(str, keys)))
    return _joined(keys)


def _labels(keys: tuple[Any, ...], names: Mapping[Any, str]) -> str:
    if len(keys) == 1:
        key = keys[0]
        return names.get(key, str(key))
    return join_list([names.get(key, str(key)) for key in keys])


def _cell_of(
    column: Column, tags: Mapping[str, Mapping[Any, str]], themes: Mapping[str, str]
) -> _Cell:
    field = column.field
    if field == "activity_ref":
        return attrgetter("activity_label")
    if field == "theme_titles":
        return lambda row: (
            join_list([themes.get(theme, theme) for theme in row.theme_ids])
            if row.theme_ids
            else ""
        )
    for tag, names in tags.items():
        if field == labels_field(tag):
            return lambda row, tag=tag, names=names: (  # type: ignore[misc]
                _labels(keys, names) if (keys := row.fields[tag]) else ""
            )
    value = _value_of(column)
    if column.kind in {"enum", "bool", "list"}:
        return _converted(column, value)
    # Text, ids and dates are stored as single values: passed on as they are, with no check
    # per cell (two million of them at 100,000 notes).
    return value


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
    cells = [_cell_of(column, tags, themes) for column in NOTE_COLUMNS]
    return lambda row: [cell(row) for cell in cells]
