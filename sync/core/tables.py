"""Which tables sync, how each row is keyed in ops, and how values travel (DESIGN §4).

Reference data (groups, services) is seeded on every device with local ids, so ops name groups
and services by their `key`; ids are translated at capture and at apply. Multi-column keys of
tag links are JSON arrays, which cannot be ambiguous whatever the parts contain.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Table

from domain.vocabulary import Consent
from models.entities import (
    Action,
    Activity,
    ActivityGroup,
    Base,
    Group,
    Note,
    NoteGroup,
    NotePrinciple,
    NoteService,
    RetentionRule,
    Service,
    Theme,
    ThemeNote,
)
from sync.core.schema import SyncReceipt

# One encoder for every key: json.dumps with separators builds a new encoder per call, which
# costs more than the encoding (an import makes seven keys per note).
_KEY_JSON = json.JSONEncoder(separators=(",", ":"))


# Text the JSON encoder writes as itself between quotes: printable ASCII but `"` and `\\`.
_PLAIN_TEXT = re.compile(r"[ !#-\[\]-~]*\Z")


@dataclass(frozen=True)
class SyncedTable:
    """How one table syncs.

    identity: the columns whose values (after ref translation) make the op key, in order.
    refs: column → entity it points at by that entity's key (group, service).
    parents: column → entity the row cannot exist without (for purge cascades).
    """

    entity: str
    model: type[Base]
    identity: tuple[str, ...]
    fields: tuple[str, ...]
    text_fields: frozenset[str] = frozenset()
    # Fields where a withdrawal beats a concurrent grant (see sync.core.ops.fold).
    withdraw_fields: frozenset[str] = frozenset()
    refs: Mapping[str, str] = field(default_factory=dict)
    parents: Mapping[str, str] = field(default_factory=dict)
    link: bool = False
    local_id: bool = False  # rows keyed by `key` keep a local `id` that never travels

    @cached_property
    def field_set(self) -> frozenset[str]:
        return frozenset(self.fields)

    @property
    def table(self) -> Table:
        table = self.model.__table__
        assert isinstance(table, Table)
        return table

    @cached_property
    def row_key(self) -> Callable[[Mapping[str, Any]], str]:
        """The op key of a row (after ref translation): key_of its identity columns."""
        if len(self.identity) == 1:
            name = self.identity[0]
            return lambda row: str(row[name])
        take = itemgetter(*self.identity)
        return lambda row: self.key_of(take(row))

    def key_of(self, identity_values: tuple[Any, ...]) -> str:
        if len(self.identity) == 1:
            return str(identity_values[0])
        parts = []
        for part in identity_values:
            # What the encoder writes for ids, keys and numbers, without its per-call set-up.
            if type(part) is int:
                parts.append(str(part))
            elif type(part) is str and _PLAIN_TEXT.match(part):
                parts.append(f'"{part}"')
            else:
                return _KEY_JSON.encode(list(identity_values))
        return "[" + ",".join(parts) + "]"

    def identity_of(self, key: str) -> tuple[Any, ...]:
        if len(self.identity) == 1:
            return (key,)
        parts = json.loads(key)
        if not isinstance(parts, list) or len(parts) != len(self.identity):
            raise ValueError(f"malformed {self.entity} key")
        return tuple(parts)


STAMPS = ("created_at", "updated_at", "deleted_at")
# Reference rows are seeded on each device at its own time: their timestamps are local facts.
_LOCAL_STAMPS = ("created_at", "updated_at")


def _carried(
    model: type[Base], identity: tuple[str, ...], *, local: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """Every column of the model but its identity, its local id and `local`: the entity in
    models.entities is the one declaration of a record's fields, so a new column syncs."""
    skip = {"id", *identity, *local}
    return tuple(column.name for column in model.__table__.columns if column.name not in skip)


SYNCED_TABLES: tuple[SyncedTable, ...] = (
    # Order matters: parents before children when rows are written, children first on purge.
    SyncedTable(
        "group",
        Group,
        ("key",),
        _carried(Group, ("key",), local=_LOCAL_STAMPS),
        refs={"parent_id": "group"},
        local_id=True,
    ),
    SyncedTable(
        "service",
        Service,
        ("key",),
        _carried(Service, ("key",), local=_LOCAL_STAMPS),
        local_id=True,
    ),
    SyncedTable(
        "activity",
        Activity,
        ("id",),
        _carried(Activity, ("id",)),
    ),
    SyncedTable(
        "theme",
        Theme,
        ("id",),
        _carried(Theme, ("id",)),
        text_fields=frozenset({"title", "description", "easy_read_summary", "easy_read_title"}),
    ),
    SyncedTable(
        "note",
        Note,
        ("id",),
        _carried(Note, ("id",)),
        text_fields=frozenset({"body"}),
        withdraw_fields=frozenset(consent.value for consent in Consent),  # every consent
        parents={"activity_id": "activity"},
    ),
    SyncedTable(
        "action",
        Action,
        ("id",),
        _carried(Action, ("id",)),
        text_fields=frozenset(
            {"what_we_did", "easy_read_summary", "not_possible_reason", "late_reason"}
        ),
        parents={"theme_id": "theme"},
    ),
    SyncedTable(
        "activity_group",
        ActivityGroup,
        ("activity_id", "group_id"),
        _carried(ActivityGroup, ("activity_id", "group_id")),
        refs={"group_id": "group"},
        parents={"activity_id": "activity"},
        link=True,
    ),
    SyncedTable(
        "note_group",
        NoteGroup,
        ("note_id", "group_id"),
        (),
        refs={"group_id": "group"},
        parents={"note_id": "note"},
        link=True,
    ),
    SyncedTable(
        "note_principle",
        NotePrinciple,
        ("note_id", "principle_number"),
        (),
        parents={"note_id": "note"},
        link=True,
    ),
    SyncedTable(
        "note_service",
        NoteService,
        ("note_id", "service_id"),
        (),
        refs={"service_id": "service"},
        parents={"note_id": "note"},
        link=True,
    ),
    SyncedTable(
        "theme_note",
        ThemeNote,
        ("theme_id", "note_id"),
        (),
        parents={"theme_id": "theme", "note_id": "note"},
        link=True,
    ),
    # Set by the organisation, so every device keeps and purges alike (domain.retention).
    SyncedTable("retention_rule", RetentionRule, ("kind",), _carried(RetentionRule, ("kind",))),
    # One writer per row (the coordinator's store named in it): delete-after-sync reads them.
    SyncedTable(
        "receipt",
        SyncReceipt,
        ("coordinator_id", "device_id"),
        _carried(SyncReceipt, ("coordinator_id", "device_id")),
        link=True,
    ),
)
BY_ENTITY = {spec.entity: spec for spec in SYNCED_TABLES}


def own_fields(entity: str) -> tuple[str, ...]:
    """The fields people edit on a record: what syncs, but its parent link and time stamps."""
    spec = BY_ENTITY[entity]
    return tuple(name for name in spec.fields if name not in spec.parents and name not in STAMPS)


BY_MODEL: dict[type[Base], SyncedTable] = {spec.model: spec for spec in SYNCED_TABLES}
BY_TABLE = {spec.table.name: spec for spec in SYNCED_TABLES}
# Which entity's rows each referencing entity resolves through (id ↔ key).
REF_TABLES = {"group": Group, "service": Service}


# Values that travel in an op as they are (encode_value returns them unchanged).
PLAIN_TYPES = frozenset({str, int, bool, float, type(None)})


def encode_value(spec: SyncedTable, name: str, value: Any) -> Any:
    """A column value as it travels in an op (JSON types only; dates as ISO text)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return value


def decode_value(spec: SyncedTable, name: str, value: Any) -> Any:
    """The column value for what an op carries; raises ValueError/TypeError on a bad value."""
    if value is None:
        return None
    column_type = spec.table.c[name].type
    if isinstance(column_type, DateTime):
        return datetime.fromisoformat(str(value))
    if isinstance(column_type, Date):
        return date.fromisoformat(str(value))
    if isinstance(column_type, Boolean):
        if not isinstance(value, bool):
            raise TypeError(f"{spec.entity}.{name} must be true or false")
        return value
    if isinstance(column_type, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{spec.entity}.{name} must be a whole number")
        return value
    if isinstance(column_type, JSON):
        if not isinstance(value, list):
            raise TypeError(f"{spec.entity}.{name} must be a list")
        return [str(item) for item in value]
    if not isinstance(value, str):
        raise TypeError(f"{spec.entity}.{name} must be text")
    return value
