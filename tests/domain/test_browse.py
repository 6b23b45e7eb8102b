"""Paged lists: every row once, in order, across pages; sorting, text filter and the bin."""

from __future__ import annotations

import pytest

from domain.browse import activity_rows, note_page
from domain.errors import InvalidInput
from domain.notes import delete_note
from models.database import Store


def test_activity_pages_cover_every_activity_once_in_order(sample_store: Store) -> None:
    with sample_store.session() as session:
        whole = activity_rows(session, limit=100)
        assert len(whole.rows) == 6 and not whole.has_more
        pages = [activity_rows(session, offset=o, limit=4) for o in (0, 4)]
        assert pages[0].has_more and not pages[1].has_more
        paged = [row.id for page in pages for row in page.rows]
        assert paged == [row.id for row in whole.rows]
        starts = [row.starts_at for row in whole.rows]
        assert starts == sorted(starts, reverse=True)
        assert {row.note_count for row in whole.rows} == {8}
        by_title = activity_rows(session, sort="title", descending=False)
        titles = [row.title.lower() for row in by_title.rows]
        assert titles == sorted(titles)
        harehills = activity_rows(session, text="harehills")
        assert harehills.rows and all("Harehills" in r.title for r in harehills.rows)
        with pytest.raises(InvalidInput):
            activity_rows(session, sort="body")


def test_note_pages_and_the_bin(sample_store: Store) -> None:
    with sample_store.session() as session:
        activity = activity_rows(session).rows[0]
        first = note_page(session, activity_id=activity.id, limit=5)
        rest = note_page(session, activity_id=activity.id, offset=5, limit=5)
        assert first.has_more and not rest.has_more
        ids = [n.id for n in first.notes + rest.notes]
        assert len(set(ids)) == 8
        created = [n.created_at for n in first.notes + rest.notes]
        assert created == sorted(created, reverse=True)
        delete_note(session, note_id=ids[0])
        session.flush()
        assert ids[0] not in [n.id for n in note_page(session, activity_id=activity.id).notes]
        binned = note_page(session, activity_id=activity.id, deleted=True).notes
        assert [n.id for n in binned] == [ids[0]]
        assert activity_rows(session).rows[0].note_count in (7, 8)
