"""Retention rules: periods in words, defaults until the organisation sets its own, and what is
past its date under each rule, listed then purged with only counts in the audit."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from domain.activities import create_activity
from domain.drafts import save_draft
from domain.errors import InvalidInput
from domain.note_fields import NoteFields
from domain.notes import create_note, delete_note
from domain.retention import (
    Period,
    RecordKind,
    Unit,
    parse_kind,
    parse_period,
    retention_rules,
    rule_for,
    set_rule,
)
from domain.retention_due import due_for_purge, purge_due
from domain.themes import create_action, create_theme
from models.database import Store
from models.entities import Action, Activity, AuditEntry, Draft, Note, Theme
from models.ids import utc_now
from sync.core.schema import SyncOp


def test_periods_are_read_in_words_and_bad_ones_are_named() -> None:
    assert parse_period("2y") == Period(2, Unit.YEARS)
    assert parse_period(" 18 Months ") == Period(18, Unit.MONTHS)
    assert parse_period("30d") == Period(30, Unit.DAYS)
    assert parse_period("never").keeps_forever
    assert str(Period(1, Unit.YEARS)) == "1 year" and str(Period(7, Unit.DAYS)) == "7 days"
    with pytest.raises(InvalidInput, match="'2 fortnights' is not a period"):
        parse_period("2 fortnights")
    with pytest.raises(InvalidInput, match="Notes: give between 0 and 100 years"):
        parse_period("101y", field="notes")
    with pytest.raises(InvalidInput, match="'memos' is not one of notes"):
        parse_kind("memos")


def test_cutoffs_count_calendar_months_and_years() -> None:
    leap_day = datetime(2028, 2, 29, 10, 0)
    assert Period(1, Unit.YEARS).cutoff(leap_day) == datetime(2027, 2, 28, 10, 0)
    assert Period(1, Unit.MONTHS).cutoff(datetime(2026, 3, 31)) == datetime(2026, 2, 28)
    assert Period(14, Unit.MONTHS).cutoff(datetime(2026, 1, 15)) == datetime(2024, 11, 15)
    assert Period(30, Unit.DAYS).cutoff(datetime(2026, 3, 31)) == datetime(2026, 3, 1)
    assert Period(0, Unit.DAYS).cutoff(leap_day) is None


def test_defaults_hold_until_the_organisation_sets_a_rule(empty_store: Store) -> None:
    with empty_store.session() as session:
        rules = {rule.kind: rule for rule in retention_rules(session)}
        assert all(rule.is_default for rule in rules.values())
        assert rules[RecordKind.NOTES].in_words == "2 years after the activity"
        assert rules[RecordKind.BIN].period == Period(30, Unit.DAYS)
        changed = set_rule(session, RecordKind.NOTES, Period(18, Unit.MONTHS))
        assert not changed.is_default and changed.in_words == "18 months after the activity"
        set_rule(session, RecordKind.NOTES, Period(20, Unit.MONTHS))
    with empty_store.session() as session:
        assert rule_for(session, RecordKind.NOTES).period == Period(20, Unit.MONTHS)
        logged = session.scalars(select(SyncOp.kind).where(SyncOp.entity == "retention_rule"))
        assert list(logged) == ["put", "put"]  # the rule travels to every device


def _old_records(store: Store) -> dict[str, str]:
    now = utc_now()
    with store.session() as session:
        old = create_activity(
            session, title="Stall 2019", kind="drop_in", starts_at=now - timedelta(days=7 * 365)
        ).id
        recent = create_activity(
            session, title="Stall last year", kind="drop_in", starts_at=now - timedelta(days=800)
        ).id
        today = create_activity(session, title="Today", kind="drop_in", starts_at=now).id
        at_old = create_note(session, activity_id=old, fields=NoteFields(body="An old remark")).id
        due_note = create_note(
            session, activity_id=recent, fields=NoteFields(body="Buses too dear")
        ).id
        binned = create_note(session, activity_id=today, fields=NoteFields(body="Wrong room")).id
        kept = create_note(
            session, activity_id=today, fields=NoteFields(body="Kept, said today")
        ).id
        delete_note(session, note_id=binned)
        theme = create_theme(session, title="Transport", note_ids=[due_note, kept]).id
        create_action(session, theme_id=theme, what_we_did="Raised with the council")
        save_draft(session, slot="capture", activity_id=today, body="half typed")
    long_ago = now - timedelta(days=7 * 365)
    with store.session() as session:  # dated by hand: as if made long ago
        session.get_one(Note, binned).deleted_at = now - timedelta(days=31)
        session.get_one(Theme, theme).updated_at = long_ago
        for action in session.scalars(select(Action)):
            action.updated_at = long_ago
        session.get_one(Draft, "capture").updated_at = now - timedelta(days=8)
        session.add(
            AuditEntry(at=long_ago, device_id="x", action="note.add", entity="note", entity_id="x")
        )
    return {
        "old": old,
        "at_old": at_old,
        "due_note": due_note,
        "binned": binned,
        "kept": kept,
        "theme": theme,
        "today": today,
    }


def test_what_is_due_is_listed_then_purged_with_counts_only(empty_store: Store) -> None:
    ids = _old_records(empty_store)
    with empty_store.session() as session:
        due = {listed.kind: listed for listed in due_for_purge(session)}
    assert set(due) == {
        RecordKind.NOTES,
        RecordKind.ACTIVITIES,
        RecordKind.THEMES,
        RecordKind.AUDIT,
        RecordKind.DRAFTS,
        RecordKind.BIN,
    }
    assert set(due[RecordKind.NOTES].targets) == {
        ("note", ids["at_old"]),
        ("note", ids["due_note"]),
    }
    assert due[RecordKind.ACTIVITIES].targets == (("activity", ids["old"]),)
    assert due[RecordKind.ACTIVITIES].also == "with 1 note"
    assert due[RecordKind.THEMES].also == "with 1 action"
    assert due[RecordKind.BIN].targets == (("note", ids["binned"]),)
    assert due[RecordKind.DRAFTS].count == 1

    with empty_store.session() as session:
        counts = purge_due(session, list(due.values()), device_id=empty_store.device_id)
    assert counts[RecordKind.NOTES] == 2 and counts[RecordKind.BIN] == 1
    with empty_store.session() as session:
        assert [n.id for n in session.scalars(select(Note))] == [ids["kept"]]
        assert {a.title for a in session.scalars(select(Activity))} == {"Stall last year", "Today"}
        assert session.scalar(select(func.count()).select_from(Theme)) == 0
        assert session.scalar(select(func.count()).select_from(Draft)) == 0
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "retention.purged")
        ).all()
        assert {(entry.entity, entry.entity_id) for entry in audit} >= {
            ("notes", "2"),
            ("bin", "1"),
        }
        purges = session.scalar(
            select(func.count()).select_from(SyncOp).where(SyncOp.kind == "purge")
        )
        assert purges == 6  # 3 notes, an activity, a theme and its action: they sync
        assert due_for_purge(session) == ()


def test_keep_forever_lists_nothing(empty_store: Store) -> None:
    _old_records(empty_store)
    with empty_store.session() as session:
        for kind in RecordKind:
            set_rule(session, kind, Period(0, Unit.YEARS))
        assert due_for_purge(session) == ()
