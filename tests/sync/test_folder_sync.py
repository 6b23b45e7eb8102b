"""Sync through a folder between real stores: convergence, conflicts and every fault of issue 6."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from domain.activities import create_activity, delete_activity
from domain.conflicts import list_conflicts, resolve_conflict
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, get_note, set_note_tags, update_note
from domain.themes import add_notes_to_theme, create_theme
from models.database import Store, open_store
from models.entities import Note
from sync.core.clock import SettableClock
from sync.core.schema import SyncQuarantine
from sync.digest import state_digest
from sync.errors import CloneDetected, SyncFolderUnavailable, SyncKeyError
from sync.folder_sync import sync_now, sync_status
from sync.keys import new_sync_key
from tests.conftest import NO_KEYRING, PASSPHRASE
from tests.sync.conftest import MakeDevice, integrity_ok


def digest(store: Store) -> str:
    with store.session() as session:
        return state_digest(session)


def sync_all(stores: list[Store], folder: Path, key: bytes, rounds: int = 2) -> None:
    for _ in range(rounds):
        for store in stores:
            report = sync_now(store, folder, key)
            assert not report.problems, report.problems


def bundles(folder: Path) -> list[Path]:
    return sorted(folder.glob("v1/devices/*/*.bundle"))


def first_note(store: Store) -> tuple[str, str]:
    with store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 3, 2, 10)
        )
        note = create_note(
            session,
            activity_id=activity.id,
            fields=NoteFields(body="The bus is late", groups=["carers"]),
        )
    return activity.id, note.id


def test_three_devices_converge_with_edits_deletes_tags_and_a_conflict(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b, c = (make_device(name) for name in "abc")
    _, note_id = first_note(a)
    sync_all([a, b, c], sync_folder, org_key)
    with a.session() as session:
        update_note(session, note_id=note_id, edit=NoteEdit.of(body="The 49 bus is always late"))
        set_note_tags(session, note_id=note_id, groups=["carers", "older-people"])
    with b.session() as session:
        update_note(
            session, note_id=note_id, edit=NoteEdit.of(body="The bus is late, so I miss my slot")
        )
        set_note_tags(session, note_id=note_id, groups=[], principles=[4])
        update_note(session, note_id=note_id, edit=NoteEdit.of(sentiment="negative"))
    with c.session() as session:
        theme = create_theme(session, title="Getting there")
        add_notes_to_theme(session, theme_id=theme.id, note_ids=[note_id])
        other = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 3, 3)
        )
        delete_activity(session, activity_id=other.id)
    sync_all([a, b, c], sync_folder, org_key)
    assert digest(a) == digest(b) == digest(c)
    with c.session() as session:
        note = get_note(session, note_id=note_id)
        conflicts = list_conflicts(session)
    # Add-wins: a's new tag survives b's clearing of the tags it had seen; b's principle too.
    assert note.group_keys == ("older-people",) and note.principle_numbers == (4,)
    assert note.sentiment == "negative" and note.theme_ids == (theme.id,)
    assert [(x.entity, x.field) for x in conflicts] == [("note", "body")]
    assert {v.text for v in conflicts[0].versions} == {
        "The 49 bus is always late",
        "The bus is late, so I miss my slot",
    }
    with c.session() as session:
        resolve_conflict(
            session, entity="note", entity_id=note_id, field="body", text="The 49 bus is late"
        )
    sync_all([a, b, c], sync_folder, org_key)
    for store in (a, b, c):
        with store.session() as session:
            assert list_conflicts(session) == []
            assert get_note(session, note_id=note_id).body == "The 49 bus is late"
            assert sync_status(session).changes_waiting == 0
    assert digest(a) == digest(b) == digest(c)


def test_status_counts_changes_waiting_until_synced(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a = make_device("a")
    with a.session() as session:
        assert sync_status(session).last_sync_at is None
    first_note(a)
    with a.session() as session:
        assert sync_status(session).changes_waiting == 3
    sync_now(a, sync_folder, org_key)
    with a.session() as session:
        status = sync_status(session)
    assert status.changes_waiting == 0 and status.last_sync_at is not None


def test_cloud_leftovers_and_damaged_files_are_skipped_then_retried(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b = make_device("a"), make_device("b")
    first_note(a)
    sync_now(a, sync_folder, org_key)
    (good,) = bundles(sync_folder)
    data = good.read_bytes()
    for junk in ("x (conflicted copy 2026-03-02).bundle", good.name + ".123.part", "~$lock"):
        (good.parent / junk).write_bytes(data)
    good.write_bytes(data[: len(data) // 3])  # the cloud client has not finished downloading
    report = sync_now(b, sync_folder, org_key)
    assert report.applied == 0 and report.waiting == 1 and "not applied yet" in report.problems[0]
    assert digest(b) != digest(a) and integrity_ok(b)
    good.write_bytes(data)
    report = sync_now(b, sync_folder, org_key)
    assert report.applied == 1 and digest(b) == digest(a)


def test_a_folder_that_vanishes_gives_a_clear_error_and_the_next_sync_completes(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes, tmp_path: Path
) -> None:
    a, b = make_device("a"), make_device("b")
    first_note(a)
    sync_now(a, sync_folder, org_key)
    moved = tmp_path / "stick-out"
    shutil.move(sync_folder, moved)
    with pytest.raises(SyncFolderUnavailable, match="not available"):
        sync_now(b, sync_folder, org_key)
    shutil.move(moved, sync_folder)
    assert sync_now(b, sync_folder, org_key).applied == 1
    assert digest(a) == digest(b)


def test_a_folder_of_another_organisation_is_refused(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    sync_now(make_device("a"), sync_folder, org_key)
    with pytest.raises(SyncKeyError, match="different organisation key"):
        sync_now(make_device("b"), sync_folder, new_sync_key())


def test_a_store_restored_from_backup_is_quarantined_not_merged(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes, tmp_path: Path
) -> None:
    a, b = make_device("a"), make_device("b")
    first_note(a)
    sync_now(a, sync_folder, org_key)
    a.close()
    backup = tmp_path / "backup"
    shutil.copytree(a.path.parent, backup)
    a = open_store(a.path, PASSPHRASE, keyring=NO_KEYRING)
    restored = open_store(backup / a.path.name, PASSPHRASE, keyring=NO_KEYRING)
    try:
        first_note(a)
        sync_now(a, sync_folder, org_key)  # the original goes on: bundle 2
        sync_now(b, sync_folder, org_key)
        first_note(restored)  # the restored copy also writes as the same device
        with pytest.raises(CloneDetected, match="restored from a backup"):
            sync_now(restored, sync_folder, org_key)
        # A clone that slipped out anyway (same device, same number, other hash) is set aside.
        (shadow,) = [p for p in bundles(sync_folder) if p.name.startswith("00000002")]
        clone_name = "00000002-0123456789abcdef.bundle"
        shutil.copy(shadow, shadow.with_name(clone_name))
        report = sync_now(b, sync_folder, org_key)
        assert report.quarantined == 1
        with b.session() as session:
            assert session.scalars(select(SyncQuarantine.name)).all() == [clone_name]
        assert digest(a) == digest(b)
    finally:
        a.close()
        restored.close()


def test_changes_stamped_in_2030_are_quarantined(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes, clock: SettableClock
) -> None:
    a, b = make_device("a"), make_device("b")
    clock.frozen_ms = 1_900_000_000_000  # laptop clock set to 2030
    first_note(a)
    sync_now(a, sync_folder, org_key)
    clock.reset()
    report = sync_now(b, sync_folder, org_key)
    assert report.applied == 0 and report.quarantined == 1
    assert "in the future" in report.problems[0]
    with b.session() as session:
        assert session.scalar(select(Note.id)) is None


def test_a_clock_set_a_day_back_still_orders_edits(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes, clock: SettableClock
) -> None:
    a, b = make_device("a"), make_device("b")
    _, note_id = first_note(a)
    sync_all([a, b], sync_folder, org_key)
    clock.offset_ms = -24 * 3600 * 1000
    with b.session() as session:  # b saw a's edit, so its later edit must win despite its clock
        update_note(session, note_id=note_id, edit=NoteEdit.of(sentiment="positive"))
    report = sync_now(b, sync_folder, org_key)
    assert any("clock" in w for w in report.warnings)
    clock.reset()
    sync_all([a, b], sync_folder, org_key)
    with a.session() as session:
        assert get_note(session, note_id=note_id).sentiment == "positive"


def test_cancel_stops_between_bundles_with_nothing_half_applied(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b = make_device("a"), make_device("b")
    first_note(a)
    sync_now(a, sync_folder, org_key)

    class CancelNow:
        def report(self, done: int, total: int, label: str) -> None: ...

        cancelled = True

    before = digest(b)
    assert sync_now(b, sync_folder, org_key, CancelNow()).cancelled
    assert digest(b) == before
    assert sync_now(b, sync_folder, org_key).applied == 1


def test_purge_wins_over_a_concurrent_edit_and_erases_the_text(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b = make_device("a"), make_device("b")
    _, note_id = first_note(a)
    sync_all([a, b], sync_folder, org_key)
    with a.session() as session:
        session.delete(session.get(Note, note_id))  # erasure request
    with b.session() as session:
        update_note(
            session, note_id=note_id, edit=NoteEdit.of(body="Edited while it was being erased")
        )
    sync_all([a, b], sync_folder, org_key)
    for store in (a, b):
        with store.session() as session:
            assert session.get(Note, note_id) is None
            logged = session.connection().exec_driver_sql(
                "SELECT group_concat(body) FROM sync_ops WHERE key = ?", (note_id,)
            )
            assert "Edited" not in (logged.scalar() or "")
    assert digest(a) == digest(b)
