"""Clocks that disagree: a withdrawal of consent beats a concurrent grant whatever they say."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from domain.note_fields import NoteEdit
from domain.notes import get_note, update_note
from domain.quarantine import list_quarantine, release_bundle
from models.database import Store
from sync.core.clock import SettableClock
from sync.core.schema import SyncClock
from sync.folder_sync import sync_now
from tests.sync.conftest import MakeDevice
from tests.sync.test_folder_sync import digest, first_note, sync_all

HOUR_MS = 3600 * 1000


def consent(store: Store, note_id: str) -> tuple[bool, bool]:
    with store.session() as session:
        note = get_note(session, note_id=note_id)
        return note.consent_to_quote, note.consent_to_share


def set_consent(store: Store, note_id: str, **values: bool) -> None:
    with store.session() as session:
        update_note(session, note_id=note_id, edit=NoteEdit.of(**values))


def test_a_withdrawal_wins_over_a_grant_stamped_twenty_hours_ahead(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes, clock: SettableClock
) -> None:
    a, b = make_device("a"), make_device("b")
    _, note_id = first_note(a)
    set_consent(a, note_id, consent_to_quote=True, consent_to_share=True)
    sync_all([a, b], sync_folder, org_key)
    # Laptop B's clock is 20 hours fast: it withdraws and grants again (its last word: on).
    clock.offset_ms = 20 * HOUR_MS
    set_consent(b, note_id, consent_to_quote=False, consent_to_share=False)
    set_consent(b, note_id, consent_to_quote=True, consent_to_share=True)
    clock.reset()
    # Laptop A, later in real time but not having seen B's changes, withdraws both.
    set_consent(a, note_id, consent_to_quote=False, consent_to_share=False)
    sync_all([a, b], sync_folder, org_key)
    assert consent(a, note_id) == consent(b, note_id) == (False, False)
    assert digest(a) == digest(b)
    # A grant made after seeing the withdrawal stands, on every laptop.
    set_consent(b, note_id, consent_to_quote=True)
    sync_all([a, b], sync_folder, org_key)
    assert consent(a, note_id) == consent(b, note_id) == (True, False)


def test_a_clock_three_days_fast_recovers_once_it_is_put_right(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes, clock: SettableClock
) -> None:
    a, b = make_device("a"), make_device("b")
    clock.offset_ms = 3 * 24 * HOUR_MS
    first_note(b)
    sync_now(b, sync_folder, org_key)
    clock.reset()  # the clock is put right
    _, later = first_note(b)
    assert sync_now(b, sync_folder, org_key).published == 1
    held = sync_now(a, sync_folder, org_key)
    assert held.quarantined == 1 and held.applied == 0
    with a.session() as session:
        (bundle,) = list_quarantine(session)
        release_bundle(session, name=bundle.name, device_id=bundle.device_id)
    # The coordinator released the first; the second, stamped after the clock was put right,
    # is not held "in the future" too.
    report = sync_now(a, sync_folder, org_key)
    assert report.applied == 2 and report.quarantined == 0, report.problems
    with a.session() as session:
        assert get_note(session, note_id=later).body
    with b.session() as session:
        (stamp,) = session.execute(select(SyncClock.wall)).one()
    assert stamp < clock.now_ms() + 60_000  # no longer stuck days ahead
