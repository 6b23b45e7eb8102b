"""One Selection, the same notes everywhere: Find, report content, Excel export and dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from domain.activities import create_activity
from domain.errors import DomainError, InvalidInput, NotFound
from domain.export_rows import gather_export
from domain.loop import dashboard
from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.reports import community_report_content, coordinator_report_content
from domain.search import search_notes
from domain.selection import Selection, parse_date, parse_date_range
from domain.selection_query import selected_note_ids
from domain.taxonomy import add_group
from domain.themes import create_theme
from models.database import Store


@dataclass(frozen=True)
class Corpus:
    notes: dict[str, str]  # name -> note id
    activities: dict[str, str]


@pytest.fixture
def corpus(empty_store: Store) -> Corpus:
    """Notes about carers, young carers (a sub-group of carers) and others, in three activities.

    Every note is a quote with consent and linked to one theme, so the report offers each one
    it selects as a quote and the dashboard counts each one under the theme.
    """
    with empty_store.session() as session:
        young = add_group(session, label="Young carers", parent_key="carers")
        leeds = create_activity(
            session,
            title="Carers café",
            kind="drop_in",
            starts_at=datetime(2026, 3, 4, 10),
            area="Leeds",
        )
        york = create_activity(
            session,
            title="Market stall",
            kind="outreach",
            starts_at=datetime(2026, 4, 9, 11),
            area="York",
        )
        # Reached carers, but none of its notes is about them: it covers no carers' notes.
        reached = create_activity(
            session,
            title="Library session",
            kind="focus_group",
            starts_at=datetime(2026, 4, 20, 14),
            area="Leeds",
            groups_reached={"carers": 6},
        )
        # Wholly different words: near-duplicate quotes are offered once in a report.
        tags = {
            "carer": (leeds.id, ["carers"], "Respite care was cancelled twice"),
            "young_carer": (leeds.id, [young.key], "School never asks how I manage at home"),
            "homeless": (leeds.id, ["homelessness"], "No address means no GP registration"),
            "york_carer": (york.id, ["carers"], "Nobody told us about the carers allowance"),
            "york_untagged": (york.id, [], "Market traders want a pharmacy stall"),
            "library": (reached.id, [], "Library computers help with online forms"),
        }
        notes = {
            name: create_note(
                session,
                activity_id=activity_id,
                fields=NoteFields(body=body, kind="quote", consent_to_quote=True, groups=groups),
            ).id
            for name, (activity_id, groups, body) in tags.items()
        }
        create_theme(session, title="Respite", note_ids=list(notes.values()))
    activities = {"leeds": leeds.id, "york": york.id, "reached": reached.id}
    return Corpus(notes, activities)


def _everywhere(store: Store, selection: Selection) -> dict[str, set[str] | int]:
    """The notes each part of the app selects (the dashboard gives counts, not ids)."""
    with store.session() as session:
        found = search_notes(session, selection=selection, limit=10_000)
        exported = gather_export(session, selection=selection)
        community = community_report_content(session, selection=selection)
        coordinator = coordinator_report_content(session, selection=selection)
        board = dashboard(session, selection=selection, today=date(2026, 12, 1))
        return {
            "query": set(selected_note_ids(session, selection)),
            "find": {hit.id for hit in found.notes},
            "excel": {row.id for row in exported.notes},
            "report quotes": {q.note_id for t in community.themes for q in t.quotes},
            "coordinator count": coordinator.notes_in_scope,
            "dashboard count": sum(month.notes for month in board.activity_over_time),
            "dashboard theme count": sum(sum(row[1:]) for row in board.sentiment_by_theme),
        }


CASES = {
    "notes about carers, with sub-groups": (
        Selection(group_keys=("carers",)),
        {"carer", "young_carer", "york_carer"},
    ),
    "notes about carers, without sub-groups": (
        Selection(group_keys=("carers",), include_subgroups=False),
        {"carer", "york_carer"},
    ),
    "carers in Leeds": (
        Selection(group_keys=("carers",), area="leeds"),
        {"carer", "young_carer"},
    ),
    "carers in April": (
        Selection(group_keys=("carers",), date_from=date(2026, 4, 1), date_to=date(2026, 4, 30)),
        {"york_carer"},
    ),
    "everything in Leeds": (
        Selection(area="Leeds"),
        {"carer", "young_carer", "homeless", "library"},
    ),
    "everything": (
        Selection(),
        {"carer", "young_carer", "homeless", "york_carer"} | {"york_untagged", "library"},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_find_reports_excel_and_dashboard_select_the_same_notes(
    empty_store: Store, corpus: Corpus, case: str
) -> None:
    selection, names = CASES[case]
    wanted = {corpus.notes[name] for name in names}
    found = _everywhere(empty_store, selection)
    for where in ("query", "find", "excel", "report quotes"):
        assert found[where] == wanted, where
    for where in ("coordinator count", "dashboard count", "dashboard theme count"):
        assert found[where] == len(wanted), where


def test_only_activities_holding_selected_notes_are_covered(
    empty_store: Store, corpus: Corpus
) -> None:
    with empty_store.session() as session:
        exported = gather_export(session, selection=Selection(group_keys=("carers",)))
        content = coordinator_report_content(session, selection=Selection(group_keys=("carers",)))
    assert {row.id for row in exported.activities} == {
        corpus.activities["leeds"],
        corpus.activities["york"],
    }
    assert content.activities_in_scope == 2


@pytest.mark.parametrize(
    ("selection", "error", "named"),
    [
        (Selection(group_keys=("carers", "nobody")), InvalidInput, "'nobody'"),
        (Selection(activity_ids=("no-such-activity",)), NotFound, "no-such-activity"),
        (Selection(theme_ids=("no-such-theme",)), NotFound, "no-such-theme"),
        (Selection(service_keys=("no-such-service",)), InvalidInput, "'no-such-service'"),
        (Selection(principles=(11,)), InvalidInput, "1 to 10"),
        (Selection(kinds=("rant",)), InvalidInput, "quote, observation"),
        (Selection(date_from=date(2026, 5, 1), date_to=date(2026, 4, 1)), InvalidInput, "before"),
    ],
)
def test_an_unknown_id_or_bad_value_is_named_everywhere(
    empty_store: Store,
    corpus: Corpus,
    selection: Selection,
    error: type[DomainError],
    named: str,
) -> None:
    with empty_store.session() as session:
        for select in (
            lambda: search_notes(session, selection=selection),
            lambda: gather_export(session, selection=selection),
            lambda: community_report_content(session, selection=selection),
            lambda: dashboard(session, selection=selection, today=date(2026, 12, 1)),
        ):
            with pytest.raises(error) as refused:
                select()
            assert named in str(refused.value)


def test_text_and_review_state_narrow_the_notes(empty_store: Store, corpus: Corpus) -> None:
    with empty_store.session() as session:
        assert set(selected_note_ids(session, Selection(text="pharmacy stall"))) == {
            corpus.notes["york_untagged"]
        }
        assert selected_note_ids(session, Selection(needs_review=True)) == []
        assert len(selected_note_ids(session, Selection(needs_review=False))) == 6


def test_describe_says_what_was_chosen() -> None:
    assert Selection().describe_in_full() == "everything in the store"
    chosen = Selection(group_keys=("carers",), include_subgroups=False, area="Leeds")
    assert chosen.describe() == "Leeds, 1 chosen group, groups without their sub-groups"
    assert Selection(theme_ids=("a", "b")).describe() == "2 chosen themes"
    assert "notes tagged carers (only, not sub-groups)" in chosen.describe_in_full()
    assert not chosen.is_everything and chosen.narrows_notes
    assert not Selection(area="Leeds").narrows_notes


def test_dates_typed_wrongly_are_named() -> None:
    assert parse_date(" 2026-03-01 ", "From") == date(2026, 3, 1)
    assert parse_date("", "From") is None
    with pytest.raises(InvalidInput, match="From: '1st May' is not a date"):
        parse_date("1st May", "From")
    with pytest.raises(InvalidInput) as refused:
        parse_date_range("2026-05-01", "2026-04-01")
    assert (refused.value.field, refused.value.reason) == (
        "to",
        "the end date is before the start date",
    )
