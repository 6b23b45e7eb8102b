"""Full-text search with filters: ranking, safety of typed text, and every filter."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.activities import create_activity
from domain.errors import InvalidInput
from domain.note_fields import NoteFields
from domain.note_rows import note_views
from domain.notes import create_note, delete_note
from domain.search import (
    fts_query,
    last_word_completions,
    like_scan,
    search_notes,
)
from domain.selection import Selection
from domain.themes import create_theme
from domain.views import NoteHit
from models.database import Store


@pytest.fixture
def corpus(empty_store: Store) -> dict[str, str]:
    ids: dict[str, str] = {}
    with empty_store.session() as session:
        march = create_activity(
            session,
            title="Pharmacy listening event",
            kind="focus_group",
            starts_at=datetime(2026, 3, 10, 10),
        )
        june = create_activity(
            session, title="Hostel drop-in", kind="drop_in", starts_at=datetime(2026, 6, 5, 14)
        )
        ids["bus"] = create_note(
            session,
            activity_id=march.id,
            fields=NoteFields(
                body="The bus to the hospital never comes on time",
                groups=["homelessness"],
                principles=[3],
                sentiment="negative",
            ),
        ).id
        ids["bus_twice"] = create_note(
            session,
            activity_id=june.id,
            fields=NoteFields(
                body="Bus after bus was cancelled; the hospital bus is the worst",
                groups=["age"],
                principles=[4],
                services=["ambulance"],
                sentiment="negative",
            ),
        ).id
        ids["kind"] = create_note(
            session,
            activity_id=june.id,
            fields=NoteFields(
                body="Staff were kind and patient, café été",
                groups=["sex-workers"],
                sentiment="positive",
                kind="compliment",
            ),
        ).id
        ids["title_only"] = create_note(
            session, activity_id=march.id, fields=NoteFields(body="Opening hours")
        ).id
        ids["theme"] = create_theme(session, title="Travel", note_ids=[ids["bus"]]).id
    return ids


def _ids(store: Store, text: str = "", **filters: object) -> list[str]:
    with store.session() as session:
        page = search_notes(session, text=text, selection=Selection(**filters))  # type: ignore[arg-type]
    return [n.id for n in page.notes]


def test_every_word_must_match_and_the_best_match_comes_first(
    empty_store: Store, corpus: dict[str, str]
) -> None:
    assert _ids(empty_store, "hospital bus") == [corpus["bus_twice"], corpus["bus"]]
    assert _ids(empty_store, "hospital kind") == []


def test_activity_titles_are_searched_and_prefixes_match_while_typing(
    empty_store: Store, corpus: dict[str, str]
) -> None:
    assert set(_ids(empty_store, "pharmacy")) == {corpus["bus"], corpus["title_only"]}
    assert _ids(empty_store, "pati") == [corpus["kind"]]
    assert _ids(empty_store, "cafe ete") == [corpus["kind"]]  # diacritics folded


@pytest.mark.parametrize(
    "typed", ['"', "AND", "bus OR", "NEAR(bus", "*", "bus -hospital", "col:bus", "''; DROP"]
)
def test_anything_typed_is_searched_as_text_never_as_syntax(
    empty_store: Store, corpus: dict[str, str], typed: str
) -> None:
    _ids(empty_store, typed)  # must not raise


def test_filters_narrow_the_results(empty_store: Store, corpus: dict[str, str]) -> None:
    assert _ids(empty_store, "bus", group_keys=("inclusion-health",)) == [corpus["bus"]]
    assert _ids(empty_store, "bus", principles=(4,)) == [corpus["bus_twice"]]
    assert _ids(empty_store, "", service_keys=("ambulance",)) == [corpus["bus_twice"]]
    assert _ids(empty_store, "", theme_ids=(corpus["theme"],)) == [corpus["bus"]]
    assert _ids(empty_store, "", sentiments=("positive",)) == [corpus["kind"]]
    assert _ids(empty_store, "", kinds=("compliment",)) == [corpus["kind"]]
    assert set(_ids(empty_store, "", date_from=date(2026, 6, 1))) == {
        corpus["bus_twice"],
        corpus["kind"],
    }
    assert set(_ids(empty_store, "", date_to=date(2026, 3, 10))) == {
        corpus["bus"],
        corpus["title_only"],
    }


def test_deleted_notes_are_not_found(empty_store: Store, corpus: dict[str, str]) -> None:
    with empty_store.session() as session:
        delete_note(session, note_id=corpus["bus"])
    assert _ids(empty_store, "bus") == [corpus["bus_twice"]]


def test_bad_filters_are_refused(empty_store: Store, corpus: dict[str, str]) -> None:
    with pytest.raises(InvalidInput):
        _ids(empty_store, "", principles=(11,))
    with pytest.raises(InvalidInput):
        _ids(empty_store, "", group_keys=("nobody",))
    with pytest.raises(InvalidInput):
        _ids(empty_store, "", date_from=date(2026, 5, 1), date_to=date(2026, 4, 1))


def test_paging(sample_store: Store) -> None:
    with sample_store.session() as session:
        first = search_notes(session, limit=10)
        second = search_notes(session, limit=10, offset=10)
    assert first.has_more and len(first.notes) == 10
    assert not {n.id for n in first.notes} & {n.id for n in second.notes}


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('bus "OR" near(') == '"bus" "OR" "near"*'
    assert fts_query("  ") == ""


def _prefix_matches(store: Store, text: str) -> set[str]:
    """Live notes FTS5 itself finds for `text` with the last word as a prefix query."""
    with store.session() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT notes.id FROM note_search JOIN notes ON notes.rowid = note_search.rowid"
            " JOIN activities ON activities.id = notes.activity_id"
            " WHERE note_search MATCH ? AND notes.deleted_at IS NULL"
            " AND activities.deleted_at IS NULL",
            (fts_query(text),),
        )
        return {row[0] for row in rows}


@pytest.mark.parametrize(
    "typed",
    [
        "interpreter appoint",  # a few completions: named one by one
        "INTERPRETER Appointment",  # the word itself and its plural; case folds like the index
        "the",  # a common start: the, them, they…
        "gp a",  # too short to look up: FTS5 expands it
        "café",  # not plain ASCII: FTS5 expands it
        "bus zzzzz",  # completes to nothing
    ],
)
def test_the_last_word_finds_the_same_notes_however_it_is_expanded(
    sample_store: Store, typed: str
) -> None:
    with sample_store.session() as session:
        page = search_notes(session, text=typed, limit=100_000)
    assert {n.id for n in page.notes} == _prefix_matches(sample_store, typed)


def test_completions_are_read_from_the_index(sample_store: Store) -> None:
    with sample_store.session() as session:
        connection = session.connection()
        assert last_word_completions(connection, "missed appointm") == [
            "appointment",
            "appointments",
        ]
        assert last_word_completions(connection, "appointmentsss") == []
        assert last_word_completions(connection, "ap") is None  # too short to be worth it
        assert last_word_completions(connection, "a") is None
        assert last_word_completions(connection, "straße") is None  # indexed form differs
    assert fts_query("missed appointm", ["appointment", "appointments"]) == (
        '"missed" AND ("appointment" OR "appointments")'
    )


def test_a_start_with_many_completions_is_left_to_fts5(empty_store: Store) -> None:
    words = "wait waits waited waiting waiter waiters waitress waitlist waitlists"
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Clinic", kind="drop_in", starts_at=datetime(2026, 3, 1, 9)
        )
        for word in words.split():
            create_note(
                session, activity_id=activity.id, fields=NoteFields(body=f"the {word} was long")
            )
    with empty_store.session() as session:
        assert last_word_completions(session.connection(), "wait") is None
        assert len(search_notes(session, text="long wait").notes) == 9
        assert len(search_notes(session, text="long waitl").notes) == 2


def test_a_word_nothing_completes_to_finds_nothing(
    empty_store: Store, corpus: dict[str, str]
) -> None:
    assert _ids(empty_store, "bus zzzz") == []
    assert _ids(empty_store, "hospital bu") == [corpus["bus_twice"], corpus["bus"]]


@pytest.mark.parametrize("text", ["hospital bus", ""])
def test_a_hit_is_the_note_as_its_full_view_shows_it(
    empty_store: Store, corpus: dict[str, str], text: str
) -> None:
    with empty_store.session() as session:
        hits = list(search_notes(session, text=text).notes)
        views = note_views(session, [hit.id for hit in hits])
    assert len(hits) >= 2
    assert hits == [NoteHit._make(view[: len(NoteHit._fields)]) for view in views]
    assert [hit.group_keys for hit in hits if hit.id == corpus["bus"]] == [("homelessness",)]


def test_the_like_scan_baseline_finds_the_same_hits(
    empty_store: Store, corpus: dict[str, str]
) -> None:
    with empty_store.session() as session:
        ranked = search_notes(session, text="hospital bus").notes
        scanned = like_scan(session, text="hospital bus")
    assert sorted(scanned) == sorted(ranked) and len(ranked) == 2


def test_the_newest_notes_walk_live_activities_by_start_and_match_the_general_statement(
    sample_store: Store,
) -> None:
    from sqlalchemy import select

    from domain.activities import delete_activity
    from domain.search import NEWEST_LIVE, _newest_statement
    from models.entities import Activity

    with sample_store.session() as session:
        newest = session.scalars(select(Activity.id).order_by(Activity.starts_at.desc())).first()
        delete_activity(session, activity_id=newest)  # its notes must vanish from the list
        first = search_notes(session, limit=5).notes[0].id
        delete_note(session, note_id=first)
    with sample_store.read_session() as session:
        connection = session.connection()
        plan = " ".join(
            str(row[3])
            for row in connection.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {NEWEST_LIVE.text}".replace(":wanted", "10").replace(
                    ":offset", "0"
                )
            )
        )
        assert "ix_activities_live_starts_at" in plan  # walked, not a sort of every note
        for offset in (0, 7, 40):
            bound = {"offset": offset, "wanted": 9}
            walked = list(connection.execute(NEWEST_LIVE, bound).scalars())
            general = list(connection.execute(_newest_statement((), False), bound).scalars())
            assert walked == general
        ids = [hit.id for hit in search_notes(session, limit=100).notes]
        assert first not in ids and len(ids) == 6 * 8 - 8 - 1
