"""Mixed fleets: a coordinator syncing with both the shared folder and the server relays what it
pulled from the server into its folder bundles, so folder-only laptops see server-only devices'
changes, and its own edits of server-made records apply on them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from domain.activities import create_activity
from domain.conflicts import list_conflicts
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, get_note, set_note_tags, update_note
from models.database import Store
from sync.bundles import open_bundle
from sync.folder_sync import sync_now
from tests.sync.conftest import MakeDevice
from tests.sync.postgres.conftest import Server
from tests.sync.postgres.test_faults_and_concurrency import digest
from tests.sync.postgres.test_postgres_sync import Fleet


@pytest.fixture
def fleet(pg_server: Server, make_device: MakeDevice, org_key: bytes) -> Fleet:
    return Fleet(pg_server, make_device, org_key)


def activity_with_note(store: Store, title: str, body: str) -> tuple[str, str]:
    with store.session() as session:
        activity = create_activity(
            session, title=title, kind="drop_in", starts_at=datetime(2026, 3, 2, 10)
        )
        note = create_note(
            session, activity_id=activity.id, fields=NoteFields(body=body, groups=["carers"])
        )
        return activity.id, note.id


def note_body(store: Store, note_id: str) -> str:
    with store.session() as session:
        return get_note(session, note_id=note_id).body


def test_server_changes_reach_folder_only_laptops_through_the_coordinator(
    fleet: Fleet, sync_folder: Path
) -> None:
    field = fleet.make_device("field laptop")  # folder only
    coordinator = fleet.device("coordinator")  # both
    newcomer = fleet.device("newcomer")  # server only
    key = fleet.key

    def coordinator_syncs() -> None:
        sync_now(coordinator, sync_folder, key)
        fleet.sync(coordinator)
        sync_now(coordinator, sync_folder, key)

    _field_activity, field_note = activity_with_note(field, "Market stall", "Buses are late")
    server_activity, server_note = activity_with_note(newcomer, "GP surgery", "Long waits")
    sync_now(field, sync_folder, key)
    fleet.sync(newcomer)
    coordinator_syncs()
    # The coordinator edits records that reached it only from the server, and adds to them.
    with coordinator.session() as session:
        update_note(
            session, note_id=server_note, edit=NoteEdit.of(body="Long waits for a GP appointment")
        )
        set_note_tags(session, note_id=server_note, groups=["carers", "older-people"])
        create_note(
            session,
            activity_id=server_activity,
            fields=NoteFields(body="Coordinator heard this too"),
        )
    coordinator_syncs()
    report = sync_now(field, sync_folder, key)  # failed with "has not arrived yet" before
    assert not report.problems and report.waiting == 0
    assert note_body(field, server_note) == "Long waits for a GP appointment"
    assert digest(field) == digest(coordinator)

    fleet.sync(newcomer)
    assert digest(newcomer) == digest(coordinator)

    # Everyone keeps working: the field laptop edits the server's record, the newcomer the
    # field's, and both edit one note at once (a conflict every device must show alike).
    with field.session() as session:
        update_note(session, note_id=server_note, edit=NoteEdit.of(sentiment="negative"))
        update_note(
            session,
            note_id=field_note,
            edit=NoteEdit.of(body="Buses are late, so people miss slots"),
        )
    with newcomer.session() as session:
        update_note(session, note_id=field_note, edit=NoteEdit.of(body="The 49 bus is always late"))
    fleet.sync(newcomer)
    sync_now(field, sync_folder, key)
    coordinator_syncs()
    fleet.sync(newcomer)
    sync_now(field, sync_folder, key)
    assert digest(newcomer) == digest(coordinator) == digest(field)
    with field.session() as session:
        assert [c.entity_id for c in list_conflicts(session)] == [field_note]


def test_relayed_ops_travel_once_and_keep_their_own_device_ids(
    fleet: Fleet, sync_folder: Path
) -> None:
    coordinator = fleet.device("coordinator")
    newcomer = fleet.device("newcomer")
    _activity, note = activity_with_note(newcomer, "Library", "More evening sessions")
    fleet.sync(newcomer)
    fleet.sync(coordinator)
    sync_now(coordinator, sync_folder, fleet.key)
    sync_now(coordinator, sync_folder, fleet.key)  # nothing new: no second relay
    (bundle_file,) = sync_folder.glob(f"v1/devices/{coordinator.device_id}/*.bundle")
    bundle = open_bundle(bundle_file.read_bytes(), key=fleet.key, name=bundle_file.name)
    assert {op.ref[0] for op in bundle.ops} == {newcomer.device_id}
    assert bundle.header.op_count == 3  # activity, note, its group tag
    assert note_body(coordinator, note) == "More evening sessions"
