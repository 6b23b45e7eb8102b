"""Delete after sync through the PostgreSQL server: the coordinator's receipt travels through the
server, the borrowed laptop lets go of what it holds, and nothing it forgot goes back up."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from domain.activities import create_activity
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, update_note
from models.database import Store
from models.entities import Note
from models.ids import utc_now
from sync.core.schema import SyncOp
from sync.postgres_sync import PostgresTransport
from sync.receipts import COORDINATOR, DELETE_AFTER_SYNC, set_setting
from sync.report import SyncReport
from sync.service import SyncService
from tests.sync.conftest import MakeDevice
from tests.sync.postgres.conftest import Server
from tests.sync.traces import found_in_store as _everywhere


def test_a_borrowed_laptop_lets_go_once_the_coordinator_holds_its_notes(
    make_device: MakeDevice, pg_server: Server, org_key: bytes
) -> None:
    borrowed, coordinator = make_device("borrowed"), make_device("coordinator")
    logins = {
        s.device_id: pg_server.add_device("Org", s.path.stem) for s in (borrowed, coordinator)
    }

    def sync(store: Store) -> SyncReport:
        url, password = logins[store.device_id]
        report = SyncService(store).sync(PostgresTransport(url, password=password), org_key)
        assert not report.problems, report.problems
        return report

    with coordinator.session() as session:
        set_setting(session, COORDINATOR, True)
    with borrowed.session() as session:
        set_setting(session, DELETE_AFTER_SYNC, True)
        last_week = create_activity(
            session, title="Stall", kind="drop_in", starts_at=utc_now() - timedelta(days=7)
        ).id
        note = create_note(
            session, activity_id=last_week, fields=NoteFields(body="Wendelmoor has no interpreter")
        ).id
    assert sync(borrowed).forgotten == 0
    sync(coordinator)
    assert sync(borrowed).forgotten == 1
    assert _everywhere(borrowed, "Wendelmoor") == []

    with coordinator.session() as session:  # an edit made after: arrives without its text
        update_note(
            session,
            note_id=note,
            edit=NoteEdit.of(body="Wendelmoor and Ashcombe have no interpreter"),
        )
    sync(coordinator)
    sync(borrowed)
    assert _everywhere(borrowed, "Ashcombe") == []
    with borrowed.session() as session:
        assert session.scalar(select(func.count()).select_from(Note)) == 0
    with coordinator.session() as session:
        assert "Ashcombe" in session.get_one(Note, note).body
    with borrowed.session() as session:  # nothing blanked waits to go up to the server
        waiting = select(func.count()).select_from(SyncOp).where(SyncOp.on_server.is_(False))
        assert session.scalar(waiting) == 0
