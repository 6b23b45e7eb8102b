"""Delete after sync: a borrowed laptop lets go of notes once the coordinator's store holds them,
on that laptop only; later changes from others never bring them (or their text) back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from domain.activities import create_activity
from domain.data_held import data_held
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, set_note_tags, update_note
from models.database import Store
from models.entities import Note, NoteGroup
from models.ids import utc_now
from sync.core.schema import SyncForgotten, SyncOp
from sync.digest import state_digest
from sync.receipts import COORDINATOR, DELETE_AFTER_SYNC, set_setting
from sync.report import SyncReport
from sync.service import FolderTransport, SyncService
from tests.sync.conftest import MakeDevice
from tests.sync.traces import found_in_store as _everywhere


def _sync(store: Store, folder: Path, key: bytes) -> SyncReport:
    report = SyncService(store).sync(FolderTransport(folder), key)
    assert not report.problems, report.problems
    return report


def _notes(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Note)) or 0


def test_a_borrowed_laptop_forgets_what_the_coordinator_holds(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    borrowed, coordinator, other = (make_device(name) for name in ("borrowed", "coord", "other"))
    with coordinator.session() as session:
        set_setting(session, COORDINATOR, True)
    with borrowed.session() as session:
        set_setting(session, DELETE_AFTER_SYNC, True)
        yesterday = create_activity(
            session, title="Stall", kind="drop_in", starts_at=utc_now() - timedelta(days=1)
        ).id
        today = create_activity(session, title="Drop-in", kind="drop_in", starts_at=utc_now()).id
        said = create_note(
            session,
            activity_id=yesterday,
            fields=NoteFields(body="Tamsinelle waits for a GP", groups=["carers"]),
        ).id
        create_note(
            session, activity_id=today, fields=NoteFields(body="Needed today: the clinic is shut")
        )

    assert _sync(borrowed, sync_folder, org_key).forgotten == 0  # nobody has acknowledged yet
    assert _notes(borrowed) == 2
    _sync(coordinator, sync_folder, org_key)  # holds them now, and says so
    assert _sync(borrowed, sync_folder, org_key).forgotten == 1
    assert _everywhere(borrowed, "Tamsinelle") == []
    assert _notes(borrowed) == 1  # today's note stays for the worker
    with borrowed.session() as session:  # said on the Data held page and in data-summary
        assert any("1 note removed from this laptop" in f for f in data_held(session).facts)
    assert _everywhere(coordinator, "Tamsinelle")
    with borrowed.session() as session:  # its tags went with it
        assert session.scalar(select(func.count()).select_from(NoteGroup)) == 0

    # Another laptop edits the note: the edit reaches the borrowed one without its text.
    _sync(other, sync_folder, org_key)
    with other.session() as session:
        update_note(
            session, note_id=said, edit=NoteEdit.of(body="Tamsinelle and Corvenna wait months")
        )
        set_note_tags(session, note_id=said, groups=["carers", "older-people"])
    for store in (other, borrowed, coordinator, other, borrowed):
        _sync(store, sync_folder, org_key)
    for needle in ("Tamsinelle", "Corvenna"):
        assert _everywhere(borrowed, needle) == [], needle
    with borrowed.session() as session:
        assert session.get(Note, said) is None
        assert session.get(SyncForgotten, ("note", said)) is not None
        assert not session.scalar(
            select(func.count()).select_from(SyncOp).where(SyncOp.bundle_seq.is_(None))
        )  # forgetting made no change to send

    # Nobody else lost anything: the coordinator's and the other laptop's stores agree.
    assert _everywhere(coordinator, "Corvenna") and _everywhere(other, "Corvenna")
    with coordinator.session() as first, other.session() as second:
        assert state_digest(first) == state_digest(second)
        assert first.get(Note, said) is not None

    # New notes from the borrowed laptop still travel, and are let go in their turn.
    with borrowed.session() as session:
        later = create_note(
            session, activity_id=yesterday, fields=NoteFields(body="Late addition")
        ).id
    _sync(borrowed, sync_folder, org_key)
    _sync(coordinator, sync_folder, org_key)
    assert _sync(borrowed, sync_folder, org_key).forgotten == 1
    with coordinator.session() as session:
        assert session.get(Note, later) is not None


def test_without_the_setting_nothing_is_forgotten(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    laptop, coordinator = make_device("laptop"), make_device("coord")
    with coordinator.session() as session:
        set_setting(session, COORDINATOR, True)
    with laptop.session() as session:
        past = create_activity(
            session, title="Stall", kind="drop_in", starts_at=utc_now() - timedelta(days=3)
        ).id
        create_note(session, activity_id=past, fields=NoteFields(body="Kept here"))
    for store in (laptop, coordinator, laptop):
        assert _sync(store, sync_folder, org_key).forgotten == 0
    assert _notes(laptop) == 1
    with laptop.session() as session:
        assert session.scalar(select(func.count()).select_from(NoteGroup)) == 0
