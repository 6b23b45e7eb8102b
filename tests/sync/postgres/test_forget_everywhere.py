"""Erasure and redaction with three devices and the real PostgreSQL server: afterwards the text
is in no store (every table, decrypted), in no row of the server (every table as text, every op
body decrypted), and the three stores agree."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from psycopg import sql

from app.erasure import erase
from app.retention import apply_retention, change_rules
from domain.activities import create_activity
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, get_note, update_note
from domain.retention import Period, RecordKind, Unit
from domain.retention_due import due_for_purge
from domain.review import redact_for_review
from models.database import Store
from models.ids import utc_now
from sync.digest import state_digest
from sync.postgres_ops import open_op
from sync.postgres_sync import sync_with_postgres
from tests.sync.conftest import MakeDevice
from tests.sync.postgres.conftest import Server
from tests.sync.traces import found_in_folder, found_in_store

PHONE = "07700 900456"
Sync = Callable[[Store], None]


def found_on_server(server: Server, key: bytes, needle: str) -> list[str]:
    """Every column of every table of the server's schema holding `needle`, and every op whose
    sealed body, decrypted with the organisation key, holds it."""
    found = []
    cipher = AESGCM(key)
    with server.superuser() as connection:
        columns = connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'listening_post'"
        ).fetchall()
        for table, column in columns:
            query = sql.SQL("SELECT count(*) FROM listening_post.{} WHERE {}::text LIKE %s").format(
                sql.Identifier(table), sql.Identifier(column)
            )
            row = connection.execute(query, (f"%{needle}%",)).fetchone()
            if row and row[0]:
                found.append(f"{table}.{column}")
        for row in connection.execute(
            "SELECT seq, device_id, changeset, idx, wall, counter, entity, key, kind, body "
            "FROM listening_post.ops WHERE body IS NOT NULL"
        ):
            op = open_op(row, cipher).op
            if needle in json.dumps([dict(op.values), dict(op.prev)], ensure_ascii=False):
                found.append(f"ops {op.ref} (decrypted)")
    return found


@pytest.fixture
def three(make_device: MakeDevice, pg_server: Server, org_key: bytes) -> tuple[Store, ...]:
    return tuple(make_device(name) for name in "abc")


def _syncer(pg_server: Server, org_key: bytes, stores: tuple[Store, ...]) -> Sync:
    logins = {store.device_id: pg_server.add_device("Org", store.path.stem) for store in stores}

    def sync(store: Store) -> None:
        url, password = logins[store.device_id]
        report = sync_with_postgres(store, url, org_key, password=password)
        assert not report.problems and not report.warnings, (report.problems, report.warnings)

    return sync


def _agree(stores: tuple[Store, ...]) -> None:
    digests = set()
    for store in stores:
        with store.session() as session:
            digests.add(state_digest(session))
    assert len(digests) == 1


def _note(store: Store, body: str, *, needs_review: bool = False) -> str:
    with store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 6, 1)
        ).id
        create_note(session, activity_id=activity, fields=NoteFields(body="Buses are too dear"))
        return create_note(
            session, activity_id=activity, fields=NoteFields(body=body), needs_review=needs_review
        ).id


def test_erasure_reaches_every_store_and_every_server_row(
    three: tuple[Store, ...], pg_server: Server, org_key: bytes
) -> None:
    a, b, c = three
    sync = _syncer(pg_server, org_key, three)
    note = _note(a, "Pellowmere said her carer shouts at her")
    for store in three:
        sync(store)
    with b.session() as session:
        update_note(
            session,
            note_id=note,
            edit=NoteEdit.of(body="Pellowmere said her carer shouts; Dunnock too"),
        )
    for store in (b, a, c):
        sync(store)
    assert found_on_server(pg_server, org_key, "Dunnock")
    erase(c, [note])
    for store in (c, a, b):
        sync(store)
    for needle in ("Pellowmere", "Dunnock"):
        for store in three:
            assert found_in_store(store, needle) == [], (store.path, needle)
        assert found_on_server(pg_server, org_key, needle) == []
    _agree(three)


def test_redaction_reaches_every_store_and_every_server_row(
    three: tuple[Store, ...], pg_server: Server, org_key: bytes, make_device: MakeDevice
) -> None:
    a, b, c = three
    sync = _syncer(pg_server, org_key, three)
    note = _note(a, f"Her number is {PHONE}, please call", needs_review=True)
    for store in three:
        sync(store)
    with c.session() as session:  # a second version holding the number, from another laptop
        update_note(
            session,
            note_id=note,
            edit=NoteEdit.of(body=f"Her number is {PHONE}, please call after six"),
        )
    for store in (c, a, b):
        sync(store)
    assert found_on_server(pg_server, org_key, PHONE)
    with a.session() as session:
        redact_for_review(session, note_id=note)
    for store in (a, b, c):
        sync(store)
    for store in three:
        assert found_in_store(store, PHONE) == [], store.path
        with store.session() as session:
            assert "after six" in get_note(session, note_id=note).body
    assert found_on_server(pg_server, org_key, PHONE) == []
    _agree(three)
    late = make_device("late")  # joins afterwards: pulls only the forgetting versions
    _syncer(pg_server, org_key, (late,))(late)
    assert found_in_store(late, PHONE) == []
    _agree((*three, late))


def test_a_retention_purge_reaches_every_store_and_every_server_row(
    three: tuple[Store, ...], pg_server: Server, org_key: bytes
) -> None:
    a, b, c = three
    sync = _syncer(pg_server, org_key, three)
    now = utc_now()
    with b.session() as session:
        old = create_activity(
            session, title="Stall", kind="drop_in", starts_at=now - timedelta(days=500)
        ).id
        note = create_note(
            session, activity_id=old, fields=NoteFields(body="Quennell told us about her GP")
        ).id
        fresh = create_activity(session, title="Drop-in", kind="drop_in", starts_at=now).id
        create_note(
            session, activity_id=fresh, fields=NoteFields(body="The bus to the clinic is too dear")
        )
    for store in (b, a, c):
        sync(store)
    with c.session() as session:  # a later version of the text, made on another laptop
        update_note(
            session, note_id=note, edit=NoteEdit.of(body="Quennell and Marrowby both said so")
        )
    change_rules(a, {RecordKind.NOTES: Period(1, Unit.YEARS)})
    for store in (c, a, b):
        sync(store)
    assert found_on_server(pg_server, org_key, "Marrowby")
    with a.session() as session:
        due = due_for_purge(session)
    assert [(listed.kind, listed.targets) for listed in due] == [
        (RecordKind.NOTES, (("note", note),))
    ]
    apply_retention(a, due)
    for store in (a, b, c, a):
        sync(store)
    for needle in ("Quennell", "Marrowby"):
        for store in three:
            assert found_in_store(store, needle) == [], (store.path, needle)
        assert found_on_server(pg_server, org_key, needle) == []
    _agree(three)


def test_a_coordinator_relaying_to_the_folder_forgets_there_too(
    three: tuple[Store, ...], pg_server: Server, org_key: bytes, sync_folder: Path
) -> None:
    """a and b use the server; c bridges it to the folder, where the text is relayed."""
    from sync.folder_sync import sync_now

    a, b, c = three
    sync = _syncer(pg_server, org_key, (a, c))
    note = _note(a, f"Call her on {PHONE}", needs_review=True)
    sync(a)
    sync(c)
    sync_now(c, sync_folder, org_key)
    sync_now(b, sync_folder, org_key)
    assert found_in_folder(sync_folder, org_key, PHONE)
    with a.session() as session:
        redact_for_review(session, note_id=note)
    sync(a)
    sync(c)
    sync_now(c, sync_folder, org_key)
    sync_now(b, sync_folder, org_key)
    for store in three:
        assert found_in_store(store, PHONE) == [], store.path
    assert found_in_folder(sync_folder, org_key, PHONE) == []
    assert found_on_server(pg_server, org_key, PHONE) == []
    _agree(three)
