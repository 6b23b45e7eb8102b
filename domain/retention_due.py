"""What is past its retention date, listed for a person to confirm, then purged.

Purging is a real DELETE of synced records, so op capture turns it into purge ops that win on
every device and the server (as erasure does); audit entries and drafts are this device's own
and are simply deleted. The audit keeps only how many of each kind went, never what.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, aliased

from domain.erasure import merge_search_index, overwrite_freed_pages
from domain.retention import RecordKind, retention_rules
from models.entities import Action, Activity, AuditEntry, Draft, Note, Theme
from models.ids import utc_now

_CHUNK = 500
Target = tuple[str, str]  # (entity, id): "note", "activity", "theme", "action", "audit", "draft"


@dataclass(frozen=True)
class Due:
    """The records of one kind past their date: how many, the oldest date, and what goes."""

    kind: RecordKind
    label: str
    count: int
    oldest: datetime | None
    targets: tuple[Target, ...]
    also: str = ""  # what goes with them, in words ("and 12 notes recorded at them")


def due_for_purge(session: Session, now: datetime | None = None) -> tuple[Due, ...]:
    """Each kind whose rule has records past their date (kinds with none are left out).

    A record due under two rules is listed once, under the first (notes before the bin).
    """
    moment = now or utc_now()
    found: list[Due] = []
    claimed: set[Target] = set()
    for rule in retention_rules(session):
        cutoff = rule.period.cutoff(moment)
        if cutoff is None:
            continue
        rows, also = _FINDERS[rule.kind](session, cutoff)
        targets = [(entity, key) for entity, key, _ in rows if (entity, key) not in claimed]
        if not targets:
            continue
        fresh = set(targets)
        claimed |= fresh
        dates = [dated for entity, key, dated in rows if (entity, key) in fresh]
        found.append(Due(rule.kind, rule.label, len(targets), min(dates), tuple(targets), also))
    return tuple(found)


Row = tuple[str, str, datetime]


def _notes(session: Session, cutoff: datetime) -> tuple[list[Row], str]:
    statement = (
        select(Note.id, Activity.starts_at)
        .join(Activity, Activity.id == Note.activity_id)
        .where(Activity.starts_at < cutoff)
    )
    return [("note", key, dated) for key, dated in session.execute(statement)], ""


def _activities(session: Session, cutoff: datetime) -> tuple[list[Row], str]:
    rows = [
        ("activity", key, dated)
        for key, dated in session.execute(
            select(Activity.id, Activity.starts_at).where(Activity.starts_at < cutoff)
        )
    ]
    notes = session.scalar(
        select(func.count())
        .select_from(Note)
        .join(Activity, Activity.id == Note.activity_id)
        .where(Activity.starts_at < cutoff)
    )
    return rows, _with(notes or 0, "note")


def _themes(session: Session, cutoff: datetime) -> tuple[list[Row], str]:
    later = aliased(Action)
    recent_action = (
        select(later.id)
        .where(later.theme_id == Theme.id, later.updated_at >= cutoff)
        .correlate(Theme)
        .exists()
    )
    rows = [
        ("theme", key, dated)
        for key, dated in session.execute(
            select(Theme.id, Theme.updated_at).where(Theme.updated_at < cutoff, ~recent_action)
        )
    ]
    actions = session.scalar(
        select(func.count())
        .select_from(Action)
        .join(Theme, Theme.id == Action.theme_id)
        .where(Theme.updated_at < cutoff, ~recent_action)
    )
    return rows, _with(actions or 0, "action")


def _audit(session: Session, cutoff: datetime) -> tuple[list[Row], str]:
    statement = select(AuditEntry.id, AuditEntry.at).where(AuditEntry.at < cutoff)
    return [("audit", str(key), dated) for key, dated in session.execute(statement)], ""


def _drafts(session: Session, cutoff: datetime) -> tuple[list[Row], str]:
    statement = select(Draft.slot, Draft.updated_at).where(Draft.updated_at < cutoff)
    return [("draft", key, dated) for key, dated in session.execute(statement)], ""


def _bin(session: Session, cutoff: datetime) -> tuple[list[Row], str]:
    rows: list[Row] = []
    models: tuple[tuple[str, Any], ...] = (
        ("note", Note),
        ("action", Action),
        ("theme", Theme),
        ("activity", Activity),
    )
    for entity, model in models:
        statement = select(model.id, model.deleted_at).where(model.deleted_at < cutoff)
        rows += [(entity, key, dated) for key, dated in session.execute(statement)]
    return rows, ""


def _with(count: int, noun: str) -> str:
    if not count:
        return ""
    return f"with {count:,} {noun}" + ("" if count == 1 else "s")


_FINDERS = {
    RecordKind.NOTES: _notes,
    RecordKind.ACTIVITIES: _activities,
    RecordKind.THEMES: _themes,
    RecordKind.AUDIT: _audit,
    RecordKind.DRAFTS: _drafts,
    RecordKind.BIN: _bin,
}


def purge_due(session: Session, due: Sequence[Due], *, device_id: str) -> dict[RecordKind, int]:
    """Purge what was listed (and confirmed); returns how many of each kind went.

    Run it in a session of its own (see domain.erasure): freed pages are overwritten. Records
    already gone (purged meanwhile by another device's sync) are skipped.
    """
    if not due:
        return {}
    overwrite_freed_pages(session)
    wanted: dict[str, set[str]] = {}
    for listed in due:
        for entity, key in listed.targets:
            wanted.setdefault(entity, set()).add(key)
    _purge_local(session, wanted)
    # Parents after children: a note before its activity, an action before its theme.
    activities = wanted.get("activity", set())
    themes = wanted.get("theme", set())
    _purge(session, Note, Note.id, wanted.get("note", set()))
    _purge(session, Note, Note.activity_id, activities)
    _purge(session, Action, Action.id, wanted.get("action", set()))
    _purge(session, Action, Action.theme_id, themes)
    _purge(session, Theme, Theme.id, themes)
    _purge(session, Activity, Activity.id, activities)
    merge_search_index(session)
    counts = {listed.kind: listed.count for listed in due}
    for kind, count in counts.items():
        session.add(
            AuditEntry(
                device_id=device_id, action="retention.purged", entity=kind, entity_id=str(count)
            )
        )
    return counts


def _purge(session: Session, model: Any, column: Any, keys: set[str]) -> None:
    ordered = sorted(keys)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        for record in session.scalars(select(model).where(column.in_(chunk))):
            session.delete(record)  # captured as a purge op; tag links cascade
        session.flush()


def _purge_local(session: Session, wanted: dict[str, set[str]]) -> None:
    audit = sorted(int(key) for key in wanted.get("audit", ()))
    for start in range(0, len(audit), _CHUNK):
        session.execute(delete(AuditEntry).where(AuditEntry.id.in_(audit[start : start + _CHUNK])))
    drafts = sorted(wanted.get("draft", ()))
    for start in range(0, len(drafts), _CHUNK):
        session.execute(delete(Draft).where(Draft.slot.in_(drafts[start : start + _CHUNK])))


__all__ = ["Due", "due_for_purge", "purge_due"]
