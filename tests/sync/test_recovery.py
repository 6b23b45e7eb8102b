"""Recovering a restored or copied store (a new device identity); a coordinator's quarantine."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from domain.conflicts import list_conflicts
from domain.errors import InvalidInput, NotFound
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, get_note, list_notes, update_note
from domain.quarantine import (
    DISCARDED_STATE,
    HELD,
    RELEASED_STATE,
    discard_bundle,
    list_quarantine,
    release_bundle,
)
from models.database import Store, open_store
from models.entities import Device, Note
from sync.core.clock import SettableClock
from sync.core.schema import SyncOp
from sync.errors import CloneDetected, SyncFolderUnavailable
from sync.folder_sync import sync_now, sync_status
from sync.identity import take_new_device_identity
from tests.conftest import NO_KEYRING, PASSPHRASE
from tests.sync.conftest import MakeDevice, integrity_ok
from tests.sync.test_folder_sync import bundles, digest, first_note, sync_all
from tests.sync.test_tallies import assert_tallies_right


@pytest.fixture
def restored(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes, tmp_path: Path
) -> Iterator[tuple[Store, Store, Store, str]]:
    """a and b synced; `copy` is a's store as it was after a's first sync (a backup), a went on."""
    a, b = make_device("a"), make_device("b")
    _, note_id = first_note(a)
    sync_all([a, b], sync_folder, org_key)
    a.close()
    shutil.copytree(a.path.parent, tmp_path / "backup")
    a = open_store(a.path, PASSPHRASE, keyring=NO_KEYRING)
    copy = open_store(tmp_path / "backup" / a.path.name, PASSPHRASE, keyring=NO_KEYRING)
    try:
        yield a, b, copy, note_id
    finally:
        a.close()
        copy.close()


def add_note(store: Store, note_id: str, body: str) -> str:
    with store.session() as session:
        activity_id = get_note(session, note_id=note_id).activity_id
        return create_note(session, activity_id=activity_id, fields=NoteFields(body=body)).id


def test_a_restored_store_takes_a_new_identity_and_everyone_converges(
    restored: tuple[Store, Store, Store, str], sync_folder: Path, org_key: bytes
) -> None:
    a, b, copy, note_id = restored
    old_id = copy.device_id
    # Both copies go on as the same device, with op ids that collide.
    from_a = add_note(a, note_id, "Parking is hard to find")
    with a.session() as session:
        update_note(session, note_id=note_id, edit=NoteEdit.of(body="The 49 bus is late"))
    sync_all([a, b], sync_folder, org_key)
    from_copy = add_note(copy, note_id, "The ramp is too steep")
    with copy.session() as session:
        update_note(session, note_id=note_id, edit=NoteEdit.of(body="The bus is late again"))
    with copy.session() as session:  # a second edit names the first: no conflict with itself
        update_note(
            session, note_id=note_id, edit=NoteEdit.of(body="The bus is late, again and again")
        )
    with pytest.raises(CloneDetected):
        sync_now(copy, sync_folder, org_key)

    identity = take_new_device_identity(copy, sync_folder)
    assert identity.old_device_id == old_id != identity.new_device_id == copy.device_id
    assert identity.shared_bundles == 1  # its first bundle is out there exactly as it wrote it
    assert identity.resent_changes > 0
    assert_tallies_right(copy)  # its unshared ops are back in the outbox, counted so

    sync_all([copy, a, b], sync_folder, org_key)
    assert digest(a) == digest(b) == digest(copy)
    for store in (a, b, copy):
        assert integrity_ok(store)
        with store.session() as session:
            bodies = {n.body for n in list_notes(session)}
            (conflict,) = list_conflicts(session)
            assert sync_status(session).changes_waiting == 0
            assert list_quarantine(session) == []
        # Nothing lost from either copy, nothing duplicated.
        assert {"Parking is hard to find", "The ramp is too steep"} <= bodies
        assert {v.text for v in conflict.versions} == {
            "The 49 bus is late",
            "The bus is late, again and again",
        }
        assert {v.device_id for v in conflict.versions} == {old_id, copy.device_id}
    with a.session() as session:
        assert session.get(Note, from_copy) is not None
        assert session.get(Device, copy.device_id).display_name == "a (new identity)"
    with copy.session() as session:
        assert session.get(Note, from_a) is not None
        # The shared first bundle was not sent twice: its ops stay under the old id only.
        assert session.scalar(
            select(SyncOp.device_id).where(SyncOp.key == note_id, SyncOp.changeset == 1)
        ) in (old_id, None)
    # Later edits on the recovered copy sync as usual under its new id.
    with copy.session() as session:
        update_note(session, note_id=note_id, edit=NoteEdit.of(sentiment="negative"))
    sync_all([copy, a, b], sync_folder, org_key)
    assert digest(a) == digest(b) == digest(copy)


def test_new_identity_needs_the_folder_and_changes_nothing_without_it(
    restored: tuple[Store, Store, Store, str], tmp_path: Path
) -> None:
    _a, _b, copy, _note = restored
    before = digest(copy), copy.device_id
    with pytest.raises(SyncFolderUnavailable):
        take_new_device_identity(copy, tmp_path / "unplugged")
    assert (digest(copy), copy.device_id) == before


def test_coordinator_discards_a_clones_bundle_and_releases_a_future_one(
    make_device: MakeDevice,
    sync_folder: Path,
    org_key: bytes,
    clock: SettableClock,
) -> None:
    a, b, c = make_device("a"), make_device("b"), make_device("c")
    first_note(a)
    sync_now(a, sync_folder, org_key)
    sync_now(b, sync_folder, org_key)
    # A clone's bundle slips into a's folder with a number b has already applied.
    (first,) = bundles(sync_folder)
    clone = first.with_name("00000001-0123456789abcdef.bundle")
    shutil.copy(first, clone)
    # c's clock is set to 2030 while it writes a note.
    clock.frozen_ms = 1_900_000_000_000
    first_note(c)
    sync_now(c, sync_folder, org_key)
    clock.reset()

    report = sync_now(b, sync_folder, org_key)
    assert report.quarantined == 2
    with b.session() as session:
        held = {q.name: q for q in list_quarantine(session)}
    assert held[clone.name].cause == "cloned device" and held[clone.name].state == HELD
    assert held[clone.name].device_name == "a"
    (future,) = [q for q in held.values() if q.cause == "future clock"]
    assert future.device_id == c.device_id and "future" in future.explanation

    with b.session() as session, pytest.raises(InvalidInput, match="already applied bundle 1"):
        release_bundle(session, name=clone.name)
    with b.session() as session, pytest.raises(InvalidInput, match="release it instead"):
        discard_bundle(session, name=future.name)
    with b.session() as session, pytest.raises(NotFound):
        release_bundle(session, name="00000009-0000000000000000.bundle")
    with b.session() as session:
        assert discard_bundle(session, name=clone.name).state == DISCARDED_STATE
        assert release_bundle(session, name=future.name).state == RELEASED_STATE
        assert sync_status(session).quarantined == 1  # the discarded one no longer counts

    report = sync_now(b, sync_folder, org_key)
    assert report.applied == 1 and report.quarantined == 0 and not report.problems
    with b.session() as session:
        assert list_quarantine(session) == []
        assert [q.name for q in list_quarantine(session, include_discarded=True)] == [clone.name]
        assert len(session.scalars(select(Note.id)).all()) == 2
    # The discarded clone stays discarded: later syncs do not set it aside again.
    assert sync_now(b, sync_folder, org_key).quarantined == 0
