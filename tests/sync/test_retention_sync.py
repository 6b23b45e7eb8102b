"""Retention through a shared folder: a rule set on one laptop reaches the others, and what a
coordinator purges under it is gone from every store and history, with the digests agreeing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.retention import apply_retention, change_rules
from domain.activities import create_activity
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, update_note
from domain.retention import Period, RecordKind, Unit, rule_for
from domain.retention_due import due_for_purge
from domain.themes import create_action, create_theme
from models.entities import Action, Activity, Note, Theme
from models.ids import utc_now
from sync.digest import state_digest
from sync.folder_sync import sync_now
from tests.sync.conftest import MakeDevice
from tests.sync.traces import found_in_folder, found_in_store


def test_a_retention_purge_reaches_every_store(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b, c = (make_device(name) for name in "abc")
    now = utc_now()
    with b.session() as session:
        old = create_activity(
            session, title="Stall", kind="drop_in", starts_at=now - timedelta(days=500)
        ).id
        note = create_note(
            session, activity_id=old, fields=NoteFields(body="Zephyrine told us about her GP")
        ).id
        fresh = create_activity(session, title="Drop-in", kind="drop_in", starts_at=now).id
        create_note(
            session, activity_id=fresh, fields=NoteFields(body="The bus to the clinic is too dear")
        )
    for store in (b, a, c):
        sync_now(store, sync_folder, org_key)
    with c.session() as session:  # a later version of the text, made on another laptop
        update_note(
            session, note_id=note, edit=NoteEdit.of(body="Zephyrine and Orlanthe both said so")
        )
    change_rules(a, {RecordKind.NOTES: Period(1, Unit.YEARS)})  # the coordinator's laptop
    for store in (c, a, b):
        sync_now(store, sync_folder, org_key)
    with b.session() as session:
        assert rule_for(session, RecordKind.NOTES).period == Period(1, Unit.YEARS)
    assert found_in_store(a, "Orlanthe")

    with a.session() as session:
        due = due_for_purge(session)
    assert [(listed.kind, listed.targets) for listed in due] == [
        (RecordKind.NOTES, (("note", note),))
    ]
    counts, changes = apply_retention(a, due)
    assert counts == {RecordKind.NOTES: 1} and changes.notes
    for store in (a, b, c, a):
        assert not sync_now(store, sync_folder, org_key).problems

    for needle in ("Zephyrine", "Orlanthe"):
        assert found_in_folder(sync_folder, org_key, needle) == []
    digests = set()
    for store in (a, b, c):
        for needle in ("Zephyrine", "Orlanthe"):
            assert found_in_store(store, needle) == [], (store.path, needle)
        with store.session() as session:
            assert session.get(Note, note) is None
            assert session.scalar(select(func.count()).select_from(Note)) == 1
            assert due_for_purge(session) == ()
            digests.add(state_digest(session))
    assert len(digests) == 1


def test_activities_and_themes_past_their_date_go_with_their_notes_and_actions(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b, c = (make_device(name) for name in "abc")
    long_ago = utc_now() - timedelta(days=7 * 365)
    with b.session() as session:
        old = create_activity(session, title="Old stall", kind="drop_in", starts_at=long_ago).id
        note = create_note(
            session, activity_id=old, fields=NoteFields(body="Marrowdene said the ward was cold")
        ).id
        theme = create_theme(session, title="Cold wards", note_ids=[note]).id
        create_action(session, theme_id=theme, what_we_did="Told Fennimore ward manager")
    with b.session() as session:  # as if last changed long ago
        session.get_one(Theme, theme).updated_at = long_ago
        for action in session.scalars(select(Action)):
            action.updated_at = long_ago
    for store in (b, a, c):
        sync_now(store, sync_folder, org_key)
    change_rules(a, {RecordKind.NOTES: Period(0, Unit.YEARS)})  # notes kept: the activity rule
    with a.session() as session:
        due = {listed.kind: listed for listed in due_for_purge(session)}
    assert set(due) == {RecordKind.ACTIVITIES, RecordKind.THEMES}
    assert due[RecordKind.ACTIVITIES].also == "with 1 note"
    apply_retention(a, list(due.values()))
    for store in (a, b, c, a):
        assert not sync_now(store, sync_folder, org_key).problems

    digests = set()
    for store in (a, b, c):
        for needle in ("Marrowdene", "Fennimore"):
            assert found_in_store(store, needle) == [], (store.path, needle)
        with store.session() as session:
            for model in (Activity, Note, Theme, Action):
                assert session.scalar(select(func.count()).select_from(model)) == 0, model
            digests.add(state_digest(session))
    assert len(digests) == 1
