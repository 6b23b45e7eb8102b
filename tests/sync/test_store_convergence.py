"""Full-store property test: real stores, random edits and sync schedules, bundles lost a while.

Fewer examples than the pure merge properties (each one opens three encrypted stores), but it
drives the real capture, bundles, folder transport and apply end to end.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.activities import create_activity
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, delete_note, restore_note, set_note_tags, update_note
from models.database import Store, open_store
from models.entities import Note
from sync.digest import state_digest
from sync.folder_sync import sync_now
from sync.keys import new_sync_key
from tests.conftest import NO_KEYRING, PASSPHRASE, copy_store
from tests.sync.conftest import as_new_device

ACTIONS = st.tuples(
    st.sampled_from(("note", "edit", "tag", "delete", "restore", "sync", "lose", "sync")),
    st.integers(0, 2),
    st.integers(0, 5),
)


def act(store: Store, action: str, pick: int, notes: list[str], activity: str) -> None:
    with store.session() as session:
        if action == "note" or not notes:
            notes.append(
                create_note(
                    session, activity_id=activity, fields=NoteFields(body=f"said {pick}")
                ).id
            )
            return
        note_id = notes[pick % len(notes)]
        if action == "edit":
            update_note(
                session, note_id=note_id, edit=NoteEdit.of(body=f"edited {pick}", sentiment="mixed")
            )
        elif action == "tag":
            set_note_tags(session, note_id=note_id, principles=[pick + 1, 7])
        elif action == "delete":
            delete_note(session, note_id=note_id)
        else:
            restore_note(session, note_id=note_id)


@pytest.mark.parametrize("examples", [8])
def test_random_histories_on_three_stores_converge(
    examples: int, empty_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(ACTIONS, min_size=4, max_size=18))
    def run(actions: list[tuple[str, int, int]]) -> None:
        root = tmp_path_factory.mktemp("converge")
        folder, aside = root / "shared", root / "lost"
        folder.mkdir()
        aside.mkdir()
        key = new_sync_key()
        stores = [
            as_new_device(
                open_store(copy_store(empty_template, root / n), PASSPHRASE, keyring=NO_KEYRING), n
            )
            for n in "abc"
        ]
        try:
            with stores[0].session() as session:
                activity = create_activity(
                    session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 1)
                ).id
            sync_now(stores[0], folder, key)
            for store in stores[1:]:
                sync_now(store, folder, key)
            known: list[list[str]] = [[], [], []]
            lost: dict[Path, Path] = {}
            for action, who, pick in actions:
                if action == "sync":
                    sync_now(stores[who], folder, key)
                    known[who] = sorted({n for k in known for n in k})  # filtered by _has
                elif action == "lose":  # a bundle not yet downloaded by the cloud client
                    for bundle in sorted(folder.glob("v1/devices/*/*.bundle"))[pick : pick + 1]:
                        lost[aside / bundle.name] = bundle
                        shutil.move(bundle, aside / bundle.name)
                else:
                    visible = [n for n in known[who] if _has(stores[who], n)]
                    act(stores[who], action, pick, visible, activity)
                    known[who] = sorted(set(known[who]) | set(visible))
            for held, home in lost.items():  # ... and then it arrives
                shutil.move(held, home)
            for _ in range(2):
                for store in stores:
                    assert not sync_now(store, folder, key).problems
            digests = set()
            for store in stores:
                with store.session() as session:
                    digests.add(state_digest(session))
            assert len(digests) == 1
        finally:
            for store in stores:
                store.close()

    run()


def _has(store: Store, note_id: str) -> bool:
    with store.session() as session:
        return session.get(Note, note_id) is not None
