"""Quarantined sync bundles, for a coordinator: list them with reasons, release or discard one.

Sync sets a bundle aside, never applying it, when it comes from a cloned device (another copy
wrote the same bundle number) or its changes are stamped more than a day in the future. Releasing
lets the next sync apply it anyway; discarding drops a clone's duplicate for good. The decision
is kept in the bundle's reason (see sync.core.schema) and in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.audit import record
from domain.errors import InvalidInput, NotFound
from models.entities import Device
from sync.core.schema import SyncBundle, SyncQuarantine, SyncSetAside
from sync.quarantine_state import Cause, QuarantineState, parse_reason, reason_text

HELD = QuarantineState.HELD
RELEASED_STATE = QuarantineState.RELEASED
DISCARDED_STATE = QuarantineState.DISCARDED

EXPLANATIONS: dict[str, str] = {
    Cause.CLONED: "another copy of that device's store wrote a different bundle with the "
    "same number (a store restored from a backup, or copied)",
    Cause.FUTURE: "its changes are stamped more than a day in the future (a wrong clock "
    "on that device)",
}


@dataclass(frozen=True)
class QuarantinedBundle:
    device_id: str
    device_name: str
    name: str
    seq: int
    cause: str  # a Cause (or a newer release's cause, shown as it is)
    explanation: str
    state: QuarantineState
    seen_at: datetime


def _view(row: SyncQuarantine, names: dict[str, str]) -> QuarantinedBundle:
    cause, state = parse_reason(row.reason)
    return QuarantinedBundle(
        device_id=row.device_id,
        device_name=names.get(row.device_id, ""),
        name=row.name,
        seq=row.seq,
        cause=cause,
        explanation=EXPLANATIONS.get(cause, cause),
        state=state,
        seen_at=row.seen_at,
    )


def list_quarantine(
    session: Session, *, include_discarded: bool = False
) -> list[QuarantinedBundle]:
    """Bundles set aside, oldest first; discarded ones only when asked for."""
    names = dict(session.execute(select(Device.id, Device.display_name)).all())
    rows = session.scalars(
        select(SyncQuarantine).order_by(
            SyncQuarantine.seen_at, SyncQuarantine.device_id, SyncQuarantine.seq
        )
    )
    views = [_view(row, names) for row in rows]
    return [v for v in views if include_discarded or v.state != DISCARDED_STATE]


def _find(session: Session, name: str, device_id: str | None) -> SyncQuarantine:
    query = select(SyncQuarantine).where(SyncQuarantine.name == name.strip())
    if device_id:
        query = query.where(SyncQuarantine.device_id == device_id.strip())
    rows = session.scalars(query).all()
    if not rows:
        raise NotFound("quarantined bundle", name)
    if len(rows) > 1:
        raise InvalidInput("device", f"{name} is set aside for several devices; name the device")
    return rows[0]


def release_bundle(
    session: Session, *, name: str, device_id: str | None = None
) -> QuarantinedBundle:
    """Let the next sync apply this bundle despite the reason it was set aside."""
    row = _find(session, name, device_id)
    cause, _state = parse_reason(row.reason)
    if cause == Cause.CLONED and _number_taken(session, row):
        raise InvalidInput(
            "bundle",
            f"this store already applied bundle {row.seq} of device {row.device_id} from another "
            "copy of that device, so this one can never be applied: discard it, and have that "
            "copy take a new device identity so its changes arrive under its own id",
        )
    row.reason = reason_text(cause, QuarantineState.RELEASED)
    record(session, "sync.quarantine.release", "bundle", row.name)
    session.flush()
    return _view(row, _names(session))


def discard_bundle(
    session: Session, *, name: str, device_id: str | None = None
) -> QuarantinedBundle:
    """Never apply this clone's bundle; it stops being listed as waiting for a decision."""
    row = _find(session, name, device_id)
    cause, _state = parse_reason(row.reason)
    if cause != Cause.CLONED:
        raise InvalidInput(
            "bundle",
            f"{row.name} is held back for {cause}, not as a clone: discarding it would stop "
            "every later change from that device arriving here; release it instead",
        )
    row.reason = reason_text(cause, QuarantineState.DISCARDED)
    record(session, "sync.quarantine.discard", "bundle", row.name)
    session.flush()
    return _view(row, _names(session))


def _number_taken(session: Session, row: SyncQuarantine) -> bool:
    applied = session.get(SyncBundle, (row.device_id, row.seq))
    return applied is not None and applied.direction == "in" and applied.name != row.name


def _names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Device.id, Device.display_name)).all())


__all__ = [
    "DISCARDED_STATE",
    "HELD",
    "RELEASED_STATE",
    "QuarantinedBundle",
    "discard_bundle",
    "list_quarantine",
    "release_bundle",
]


@dataclass(frozen=True)
class SetAsideChange:
    """One received change never applied, with why (its content is not kept)."""

    device_id: str
    device_name: str
    change: str  # "#changeset.index", as sync reports name it
    what: str  # e.g. "put note"
    source: str  # the bundle's file name, or "postgres"
    reason: str


def list_set_aside_changes(session: Session) -> list[SetAsideChange]:
    """Changes set aside because they failed authentication or name something unknown here."""
    names = _names(session)
    rows = session.scalars(
        select(SyncSetAside).order_by(
            SyncSetAside.device_id, SyncSetAside.changeset, SyncSetAside.idx
        )
    )
    return [
        SetAsideChange(
            device_id=row.device_id,
            device_name=names.get(row.device_id, ""),
            change=f"#{row.changeset}.{row.idx}",
            what=f"{row.kind} {row.entity}",
            source=row.source,
            reason=row.reason,
        )
        for row in rows
    ]
