"""What personal data the store holds, how much, how old, and where copies of it are: in words,
for the organisation's data protection impact assessment and record of processing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from domain.tallies import store_counts
from models.entities import (
    Action,
    Activity,
    AuditEntry,
    Device,
    Draft,
    Meta,
    Note,
    Theme,
)
from sync.core.schema import SyncBundle, SyncForgotten
from sync.server_state import URL as SERVER_URL_KEY  # not postgres_sync: psycopg cost 0.3 s

LAST_BACKUP_KEY = "last_backup_at"  # written by each backup


@dataclass(frozen=True)
class HeldRecords:
    """One kind of record: what it holds, how many, and the oldest and newest."""

    kind: str
    holds: str
    count: int
    oldest: datetime | None
    newest: datetime | None


@dataclass(frozen=True)
class DataHeld:
    records: tuple[HeldRecords, ...]
    facts: tuple[str, ...]  # flags and counts that matter for an assessment, in words
    copies: tuple[str, ...]  # where copies of the data are, in words


def data_held(session: Session) -> DataHeld:
    """Counts from the tallies the store keeps, and ages from indexes: cheap at any size."""
    tally = store_counts(session)
    notes = Note.created_at
    binned = Note.deleted_at
    audit = AuditEntry.at
    starts = Activity.starts_at
    records = (
        _dated("Notes", _NOTES, tally.get("live", 0), _ends(session, notes, binned.is_(None))),
        _dated("Notes in the bin", _BIN, tally.get("binned", 0), _ends(session, binned, None)),
        _dated("Activities", _ACTIVITIES, _rows(session, Activity), _ends(session, starts, None)),
        _held(session, "Themes", _THEMES, Theme, Theme.created_at, None),
        _held(session, "Actions", _ACTIONS, Action, Action.created_at, None),
        _held(session, "Drafts", _DRAFTS, Draft, Draft.updated_at, None),
        HeldRecords("Change history", _HISTORY, tally.get("ops", 0), None, None),
        _dated("Audit entries", _AUDIT, tally.get("audit", 0), _ends(session, audit, None)),
        _held(session, "Devices", _DEVICES, Device, None, None),
    )
    return DataHeld(
        records=records,
        facts=_facts(tally) + _forgotten(session),
        copies=_copies(session, tally.get("ops", 0), tally.get("ops_off_server", 0)),
    )


def _ends(
    session: Session, column: Any, where: ColumnElement[bool] | None
) -> tuple[datetime | None, datetime | None]:
    """The first and last value of an indexed column, each found by walking its index."""

    def first(order: Any) -> datetime | None:
        query = select(column).where(column.is_not(None)).order_by(order).limit(1)
        return session.scalar(query if where is None else query.where(where))

    return first(column.asc()), first(column.desc())


def _rows(session: Session, model: Any) -> int:
    """How many rows, counted over the table's smallest index rather than its wide rows."""
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _dated(
    kind: str, holds: str, count: int, ends: tuple[datetime | None, datetime | None]
) -> HeldRecords:
    return HeldRecords(kind, holds, count, *ends)


_NOTES = (
    "what people said and what workers saw, in their words: may include health, ethnicity, "
    "religion, sexuality and other special category data; speaker descriptions; consent"
)
_BIN = "deleted notes, kept so they can be restored until they are purged"
_ACTIVITIES = "events: place, area, outward postcode, lead worker's name, partners, groups reached"
_THEMES = "summaries of what many people raised (no names)"
_ACTIONS = "what was done: owners' names, dates, decisions"
_DRAFTS = "text being typed, kept so a crash loses nothing"
_HISTORY = "every change as synced to other devices, including earlier versions of note text"
_AUDIT = "who did what and when: device, action, record id (never the text)"
_DEVICES = "names of the laptops that have written to this record"


def _held(
    session: Session,
    kind: str,
    holds: str,
    model: Any,
    dated: Any,
    where: ColumnElement[bool] | None,
) -> HeldRecords:
    columns: list[Any] = [func.count()]
    if dated is not None:
        columns += [func.min(dated), func.max(dated)]
    statement = select(*columns).select_from(model)
    if where is not None:
        statement = statement.where(where)
    row = session.execute(statement).one()
    oldest = row[1] if dated is not None else None
    newest = row[2] if dated is not None else None
    return HeldRecords(kind, holds, int(row[0]), oldest, newest)


def _facts(tally: dict[str, int]) -> tuple[str, ...]:
    return (
        f"{_count(tally.get('tagged', 0), 'note')} tagged to excluded groups (membership of a "
        "group can itself be special category data)",
        f"{_count(tally.get('safeguarding', 0), 'note')} flagged for safeguarding",
        f"{_count(tally.get('needs_review', 0), 'note')} waiting for review of possible "
        "identifiers",
        f"{_count(tally.get('consent_to_quote', 0), 'note')} with consent to quote anonymously",
    )


def _forgotten(session: Session) -> tuple[str, ...]:
    """Notes this laptop let go of after sync (sync.forgotten): held elsewhere, not here."""
    count = session.scalar(select(func.count()).select_from(SyncForgotten)) or 0
    if not count:
        return ()
    return (
        f"{_count(count, 'note')} removed from this laptop after sync (delete after sync): the "
        "coordinator's store and the other copies still hold them",
    )


def _copies(session: Session, every_change: int, lacking: int) -> tuple[str, ...]:
    copies = ["this computer: the encrypted store and its key file"]
    published = session.execute(
        select(func.count(), func.max(SyncBundle.published_at)).where(
            SyncBundle.direction == "out", SyncBundle.published_at.is_not(None)
        )
    ).one()
    if published[0]:
        copies.append(
            f"the shared sync folder: {_count(published[0], 'encrypted bundle')} written, the "
            f"last on {published[1]:%d %B %Y}; every laptop syncing with it holds a copy"
        )
    server = session.get(Meta, SERVER_URL_KEY)
    on_server = every_change - lacking  # both kept by triggers: counting read the whole op log
    if server or on_server:
        copies.append(
            f"the organisation's PostgreSQL server: {_count(on_server or 0, 'change')} held there"
        )
    backup = session.get(Meta, LAST_BACKUP_KEY)
    taken = f"the last taken {datetime.fromisoformat(backup.value):%-d %B %Y}" if backup else None
    copies.append(f"encrypted backups: {taken or 'none taken yet'}")
    return tuple(copies)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
