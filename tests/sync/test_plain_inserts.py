"""Rows inserted straight to the driver (imports, saved notes) are stored and logged as the ORM
would store and log them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from models.database import Store
from models.entities import Activity, AuditEntry, Group, Note, NoteGroup
from models.ids import new_id
from sync.core.oplog import insert_new_rows
from sync.core.schema import SyncOp
from sync.core.tables import BY_ENTITY


def _activity(activity_id: str) -> dict[str, Any]:
    return {
        "id": activity_id,
        "title": "Drop-in at the library",
        "kind": "drop_in",
        "starts_at": datetime(2026, 3, 2, 10, 30, 15, 123456),
        "partners": ["Healthwatch", "Carers’ centre"],
        "people_reached": 12,
        "created_at": datetime(2026, 3, 2, 9),
        "updated_at": datetime(2026, 3, 2, 9),
    }


def _note(note_id: str, activity_id: str) -> dict[str, Any]:
    return {
        "id": note_id,
        "activity_id": activity_id,
        "body": "No interpreter again — «again»",
        "kind": "concern",
        "sentiment": "negative",
        "consent_to_quote": True,
        "consent_to_share": False,
        "created_at": datetime(2026, 3, 2, 11),
        "updated_at": datetime(2026, 3, 2, 11),
    }


def _stored(session: Session, table: str, key: str, value: Any) -> list[tuple[Any, ...]]:
    """Every column of the row as SQLite holds it (value and storage class), ids aside."""
    columns = [row[1] for row in session.execute(text(f"PRAGMA table_info({table})"))]
    kept = [c for c in columns if c not in ("id", "activity_id", key)]
    probes = ", ".join(f"{c}, typeof({c})" for c in kept)
    row = session.execute(text(f"SELECT {probes} FROM {table} WHERE {key} = :v"), {"v": value})
    return list(row.one())


def test_plain_inserts_store_what_the_orm_bulk_insert_stores(empty_store: Store) -> None:
    plain_activity, orm_activity = new_id(), new_id()
    plain_note, orm_note = new_id(), new_id()
    with empty_store.session() as session:
        carers = session.scalar(select(Group.id).where(Group.key == "carers"))
        insert_new_rows(
            session,
            [
                (Activity, [_activity(plain_activity)]),
                (Note, [_note(plain_note, plain_activity)]),
                (NoteGroup, [{"note_id": plain_note, "group_id": carers}]),
                (
                    AuditEntry,
                    [
                        {
                            "device_id": "d",
                            "action": "plain",
                            "entity": "note",
                            "entity_id": plain_note,
                        }
                    ],
                ),
            ],
        )
        session.execute(insert(Activity), [_activity(orm_activity)])
        session.execute(insert(Note), [_note(orm_note, orm_activity)])
        session.execute(insert(NoteGroup), [{"note_id": orm_note, "group_id": carers}])
        session.execute(
            insert(AuditEntry),
            [{"device_id": "d", "action": "orm", "entity": "note", "entity_id": orm_note}],
        )
    with empty_store.session() as session:
        activity = _stored(session, "activities", "id", plain_activity)
        assert activity == _stored(session, "activities", "id", orm_activity)
        assert json.dumps(["Healthwatch", "Carers’ centre"]) in activity  # lists as JSON text
        note = _stored(session, "notes", "id", plain_note)
        assert note == _stored(session, "notes", "id", orm_note)
        assert note[note.index(1) + 1] == "integer"  # flags as 0/1
        plain_audit = _stored(session, "audit_entries", "action", "plain")
        orm_audit = _stored(session, "audit_entries", "action", "orm")
        # The time (a default filled in at insert) may differ, not how it is held.
        assert [type(v) for v in plain_audit] == [type(v) for v in orm_audit]
        assert plain_audit[1::2] == orm_audit[1::2]
        # The audit trail does not sync: no op for it, one per synced row.
        entities = session.scalars(select(SyncOp.entity).order_by(SyncOp.changeset, SyncOp.idx))
        assert list(entities) == ["activity", "note", "note_group"] * 2


def test_a_row_naming_an_unknown_column_is_refused_and_nothing_is_written(
    empty_store: Store,
) -> None:
    with empty_store.session() as session:
        try:
            insert_new_rows(session, [(Activity, [{**_activity(new_id()), "colour": "red"}])])
        except ValueError as error:
            assert "colour" in str(error)
        else:
            raise AssertionError("an unknown column was accepted")
        session.rollback()
        assert session.scalar(select(SyncOp.entity)) is None


_PART = st.one_of(st.text(max_size=12), st.integers(min_value=-(10**6), max_value=10**6))


@given(st.tuples(_PART, _PART))
def test_a_link_key_is_the_json_array_of_its_parts(parts: tuple[Any, Any]) -> None:
    spec = BY_ENTITY["note_group"]
    assert spec.key_of(parts) == json.dumps(list(parts), separators=(",", ":"))
    assert spec.identity_of(spec.key_of(parts)) == parts
