"""The first look: the activities list's first page read with sqlcipher3 alone, as start-up
paints it, is the page domain.browse reads through the store, or it steps aside."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from domain.activities import delete_activity
from domain.browse import activity_rows
from domain.first_look import first_look
from domain.notes import delete_note
from models.database import Store

EVER = datetime(1900, 1, 1)  # a filter that keeps every row: the query built for any filter


def _pages_agree(store: Store, limit: int) -> None:
    look = first_look(store.path, store.data_key, limit=limit)
    assert look is not None
    with store.read_session() as session:
        opening = activity_rows(session, limit=limit)
        filtered = activity_rows(session, starts_from=EVER, limit=limit)
    assert look.rows == opening.rows == filtered.rows
    assert look.has_more == opening.has_more == filtered.has_more


def test_the_first_look_is_the_page_the_list_opens_on(sample_store: Store) -> None:
    _pages_agree(sample_store, limit=100)
    _pages_agree(sample_store, limit=4)
    with sample_store.session() as session:
        first, second = activity_rows(session, limit=2).rows
        delete_activity(session, activity_id=first.id)  # the bin is not on the list
        note = session.connection().exec_driver_sql(
            "SELECT id FROM notes WHERE activity_id = ? AND deleted_at IS NULL LIMIT 1",
            (second.id,),
        )
        delete_note(session, note_id=note.scalar_one())  # kept counts follow
    _pages_agree(sample_store, limit=100)
    _pages_agree(sample_store, limit=3)
    look = first_look(sample_store.path, sample_store.data_key)
    assert look is not None and look.rows[0].id == second.id
    assert look.rows[0].note_count == 7 and len(look.rows) == 5


def test_an_empty_store_gives_an_empty_first_look(empty_store: Store) -> None:
    _pages_agree(empty_store, limit=100)
    look = first_look(empty_store.path, empty_store.data_key)
    assert look is not None and look.rows == () and not look.has_more


def test_anything_out_of_the_ordinary_leaves_the_opening_to_the_store(
    sample_store: Store, tmp_path: Path
) -> None:
    assert first_look(sample_store.path, bytes(32)) is None  # not this store's key
    assert first_look(tmp_path / "missing.lpstore", sample_store.data_key) is None
    with sample_store.engine.begin() as connection:  # a schema the window would first migrate
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    assert first_look(sample_store.path, sample_store.data_key) is None
    assert not (tmp_path / "missing.lpstore").exists()  # read-only: it creates nothing
