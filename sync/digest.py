"""A canonical dump and hash of the synced state, so anyone can check two laptops agree.

Rows are written in a fixed order (table, then key) with the values as they travel in ops, local
ids of groups and services replaced by their keys; open conflicts are included.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from sync.core.schema import SyncConflict
from sync.core.tables import REF_TABLES, SYNCED_TABLES, encode_value


def canonical_lines(session: Session) -> Iterator[str]:
    """One JSON line per synced row and per open conflict, in canonical order."""
    connection = session.connection()
    keys = {entity: _keys(connection, model) for entity, model in REF_TABLES.items()}
    for spec in SYNCED_TABLES:
        names = (*spec.identity, *spec.fields)
        records: list[tuple[str, list[Any]]] = []
        for row in connection.execute(select(*(spec.table.c[name] for name in names))):
            values = dict(zip(names, row, strict=True))
            for column, entity in spec.refs.items():
                if values[column] is not None:
                    values[column] = keys[entity][values[column]]
            key = spec.key_of(tuple(values[name] for name in spec.identity))
            records.append((key, [encode_value(spec, n, values[n]) for n in spec.fields]))
        for key, encoded in sorted(records):
            yield _line([spec.entity, key, encoded])
    for conflict in connection.execute(
        select(
            SyncConflict.entity, SyncConflict.key, SyncConflict.field, SyncConflict.heads
        ).order_by(SyncConflict.entity, SyncConflict.key, SyncConflict.field)
    ):
        yield _line(
            ["conflict", conflict.entity, conflict.key, conflict.field, json.loads(conflict.heads)]
        )


def _keys(connection: Connection, model: Any) -> dict[str, str]:
    return dict(connection.execute(select(model.id, model.key)).all())


def _line(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def state_digest(session: Session) -> str:
    """SHA-256 (hex) of the canonical dump."""
    digest = hashlib.sha256()
    for line in canonical_lines(session):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
