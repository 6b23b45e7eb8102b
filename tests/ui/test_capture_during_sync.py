"""Capture never waits on sync: a note saves while a sync (on its own worker) hangs."""

from __future__ import annotations

import threading
from datetime import datetime

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from domain.activities import create_activity
from domain.note_fields import NoteFields
from domain.notes import create_note
from models.database import Store
from models.entities import Note
from ui.tasks import TaskRunner


def test_a_note_is_saved_while_a_sync_hangs_and_the_app_still_closes(
    qtbot: QtBot, empty_store: Store
) -> None:
    with empty_store.session() as session:
        activity_id = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 3, 2, 10)
        ).id
    runner = TaskRunner(empty_store)
    hung = threading.Event()  # a sync waiting on a shared folder that never answers
    never = threading.Event()

    def hanging_sync(_session, _progress):  # type: ignore[no-untyped-def]
        hung.set()
        never.wait(60)

    runner.submit(hanging_sync, label="Syncing with the shared folder", background=True)
    assert hung.wait(10)
    saved: list[object] = []
    runner.submit(
        lambda session, _p: create_note(
            session, activity_id=activity_id, fields=NoteFields(body="Typed meanwhile")
        ),
        label="Saving the note",
        on_done=saved.append,
    )
    qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
    with empty_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Note)) == 1
    runner.shutdown()  # returns although the sync is still stuck
    never.set()
