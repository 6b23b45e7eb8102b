"""Op capture: same transaction as the change, every write path, never for applied changes."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from domain.activities import create_activity, set_groups_reached
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, set_note_tags, update_note
from domain.sample_data import generate_sample_data
from models import migrate
from models.database import Store, open_store
from models.entities import Activity, Group, Note, NoteGroup, NotePrinciple, NoteService, Service
from models.ids import new_id
from sync.apply import apply_ops
from sync.core.oplog import OpLogError, iter_outbox
from sync.core.schema import SyncOp
from tests.conftest import NO_KEYRING, PASSPHRASE, copy_store


def ops(session: Session) -> list[SyncOp]:
    return list(session.scalars(select(SyncOp).order_by(SyncOp.changeset, SyncOp.idx)))


def new_activity(session: Session) -> str:
    return create_activity(
        session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 3, 2, 10)
    ).id


def test_domain_writes_become_ops_in_one_changeset(empty_store: Store) -> None:
    with empty_store.session() as session:
        activity_id = new_activity(session)
        note = create_note(
            session,
            activity_id=activity_id,
            fields=NoteFields(body="Hard to book", groups=["carers"], principles=[2]),
        )
    with empty_store.session() as session:
        logged = ops(session)
    assert [(o.entity, o.kind) for o in logged] == [
        ("activity", "put"),
        ("note", "put"),
        ("note_group", "add"),
        ("note_principle", "add"),
    ]
    assert {o.changeset for o in logged} == {1}
    assert logged[2].key == json.dumps([note.id, "carers"], separators=(",", ":"))
    assert json.loads(logged[1].body)["v"]["body"] == "Hard to book"


def test_a_saved_note_logs_what_a_flush_of_the_same_rows_logs(empty_store: Store) -> None:
    """create_note skips the unit of work; its ops must not differ from the ORM's capture."""
    with empty_store.session() as session:
        activity_id = new_activity(session)
    with empty_store.session() as session:
        fast = create_note(
            session,
            activity_id=activity_id,
            fields=NoteFields(
                body="No interpreter again",
                kind="concern",
                sentiment="negative",
                consent_to_quote=True,
                groups=["carers", "ethnic-minority"],
                principles=[4, 2],
                services=["gp-and-primary-care"],
            ),
        )
    with empty_store.session() as session:
        ids = dict(session.execute(select(Group.key, Group.id)).all())
        service_id = session.scalar(select(Service.id).where(Service.key == "gp-and-primary-care"))
        slow = Note(
            id=new_id(),
            activity_id=activity_id,
            body="No interpreter again",
            kind="concern",
            sentiment="negative",
            consent_to_quote=True,
            created_at=fast.created_at,
            updated_at=fast.updated_at,
        )
        session.add(slow)
        session.flush()
        session.add_all(
            NoteGroup(note_id=slow.id, group_id=ids[k]) for k in ("carers", "ethnic-minority")
        )
        session.add_all(NotePrinciple(note_id=slow.id, principle_number=n) for n in (2, 4))
        session.add(NoteService(note_id=slow.id, service_id=service_id))

    def logged(session: Session, note_id: str, changeset: int) -> list[tuple[str, str, str, str]]:
        found = session.scalars(select(SyncOp).where(SyncOp.changeset == changeset))
        # Ops name the note by its id; put both notes under one name to compare the rest.
        return sorted(
            (o.entity, o.kind, o.key.replace(note_id, "N"), o.body.replace(note_id, "N"))
            for o in found
        )

    with empty_store.session() as session:
        assert logged(session, fast.id, 2) == logged(session, slow.id, 3)
        assert (
            len(logged(session, fast.id, 2)) == 6
        )  # the note, two groups, two principles, a service


def test_edits_name_what_they_replace(empty_store: Store) -> None:
    with empty_store.session() as session:
        activity_id = new_activity(session)
        note_id = create_note(
            session, activity_id=activity_id, fields=NoteFields(body="one", principles=[1])
        ).id
    with empty_store.session() as session:
        update_note(session, note_id=note_id, edit=NoteEdit.of(body="two"))
        set_note_tags(session, note_id=note_id, principles=[3])
        set_groups_reached(session, activity_id=activity_id, groups={"carers": 4})
    with empty_store.session() as session:
        logged = ops(session)
    first_body = next(o for o in logged if o.entity == "note")
    edit = next(o for o in logged if o.entity == "note" and o.changeset == 2)
    body = json.loads(edit.body)
    assert body["p"]["body"] == [[first_body.device_id, first_body.changeset, first_body.idx]]
    assert set(body["v"]) == {"body", "updated_at"}
    removed = next(o for o in logged if o.kind == "remove")
    assert json.loads(removed.body)["p"]["adds"]  # names the add it saw
    assert any(o.entity == "activity_group" and o.kind == "add" for o in logged)


def test_a_rolled_back_change_leaves_no_op(empty_store: Store) -> None:
    with pytest.raises(RuntimeError), empty_store.session() as session:
        new_activity(session)
        raise RuntimeError("cancelled")
    with empty_store.session() as session:
        assert ops(session) == []


def test_bulk_inserts_of_sample_data_are_captured(empty_store: Store) -> None:
    with empty_store.session() as session:
        generate_sample_data(session, activities=2, notes_per_activity=5, seed=1)
    with empty_store.session() as session:
        notes = session.scalar(select(func.count()).select_from(Note))
        note_ops = session.scalar(
            select(func.count()).select_from(SyncOp).where(SyncOp.entity == "note")
        )
        logged = json.loads(
            session.scalars(select(SyncOp.body).where(SyncOp.entity == "activity")).first()
        )
    assert notes == note_ops == 10
    assert logged["v"]["created_at"]  # defaults filled in before logging, and then stored


def test_bulk_update_that_would_bypass_the_log_is_refused(sample_store: Store) -> None:
    with pytest.raises(OpLogError, match="would not sync"), sample_store.session() as session:
        session.execute(update(Note).values(needs_review=True))


def test_applying_received_ops_makes_no_new_ops(sample_store: Store, empty_store: Store) -> None:
    with sample_store.session() as session:
        received = list(iter_outbox(session.connection(), sample_store.device_id))
    with empty_store.session() as session:
        result = apply_ops(session, received, bundle_seq=1)
    with empty_store.session() as session:
        assert list(iter_outbox(session.connection(), empty_store.device_id)) == []
        assert session.scalar(select(func.count()).select_from(Activity)) == 6
    assert result.new_ops == len(received)


def test_upgrading_a_store_logs_its_existing_rows(empty_template: Path, tmp_path: Path) -> None:
    path = copy_store(empty_template, tmp_path / "old")
    store = open_store(path, PASSPHRASE, keyring=NO_KEYRING)
    with store.engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0002")
    with Session(store.engine) as session, session.begin():  # as an 0002 version wrote it
        session.add(Activity(id="a-1", title="Old", kind="meeting", starts_at=datetime(2025, 1, 1)))
    store.close()
    store = open_store(path, PASSPHRASE, keyring=NO_KEYRING)
    try:
        with store.session() as session:
            logged = ops(session)
            assert [(o.entity, o.key) for o in logged] == [("activity", "a-1")]
            assert session.execute(text("SELECT count(*) FROM sync_clock")).scalar() == 1
    finally:
        store.close()
