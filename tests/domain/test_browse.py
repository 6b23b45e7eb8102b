"""Paged lists: every row once, in order, across pages; sorting, text filter and the bin."""

from __future__ import annotations

from datetime import datetime

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


def test_activity_filters_by_kind_status_dates_and_the_bin(sample_store: Store) -> None:
    from datetime import timedelta

    from domain.activities import delete_activity, restore_activity

    with sample_store.session() as session:
        every = activity_rows(session).rows
        kind = every[0].kind
        of_kind = activity_rows(session, kind=kind).rows
        assert of_kind and {r.kind for r in of_kind} == {kind}
        assert {r.id for r in of_kind} == {r.id for r in every if r.kind == kind}
        status = every[-1].status
        of_status = activity_rows(session, status=status).rows
        assert {r.id for r in of_status} == {r.id for r in every if r.status == status}

        # A date range holding only the middle activities: from inclusive, before exclusive.
        starts = sorted(r.starts_at for r in every)
        ranged = activity_rows(session, starts_from=starts[1], starts_before=starts[-1]).rows
        assert sorted(r.starts_at for r in ranged) == [
            s for s in starts if starts[1] <= s < starts[-1]
        ]
        after_all = starts[-1] + timedelta(seconds=1)
        assert activity_rows(session, starts_from=after_all).rows == ()
        both = activity_rows(session, text=every[0].title, kind=every[0].kind).rows
        assert [r.id for r in both][:1] == [every[0].id]

        # Delete moves to the bin (listed with deleted=True), restore brings it back.
        delete_activity(session, activity_id=every[0].id)
        session.flush()
        assert every[0].id not in {r.id for r in activity_rows(session).rows}
        binned = activity_rows(session, deleted=True).rows
        assert [r.id for r in binned] == [every[0].id]
        restore_activity(session, activity_id=every[0].id)
        session.flush()
        assert activity_rows(session, deleted=True).rows == ()


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"kind": "picnic"}, "kind"),
        ({"status": "maybe"}, "status"),
        (
            {"starts_from": datetime(2026, 5, 2), "starts_before": datetime(2026, 5, 1)},
            "starts_before",
        ),
    ],
)
def test_bad_activity_filters_are_refused_by_name(
    sample_store: Store, filters: dict[str, object], field: str
) -> None:
    with sample_store.session() as session, pytest.raises(InvalidInput) as raised:
        activity_rows(session, **filters)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_note_counts_follow_the_bin_and_sort_the_list(sample_store: Store) -> None:
    from domain.notes import restore_note

    with sample_store.session() as session:
        activity = activity_rows(session).rows[0]
        notes = note_page(session, activity_id=activity.id).notes
        for note in notes[:3]:
            delete_note(session, note_id=note.id)
        session.flush()
        counts = {row.id: row.note_count for row in activity_rows(session).rows}
        assert counts[activity.id] == 5 and set(counts.values()) == {5, 8}
        fewest = activity_rows(session, sort="note_count", descending=False).rows[0]
        assert (fewest.id, fewest.note_count) == (activity.id, 5)
        restore_note(session, note_id=notes[0].id)
        session.flush()
        assert activity_rows(session, sort="note_count").rows[-1].note_count == 6
