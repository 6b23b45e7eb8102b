"""Sync now through a shared folder: seal the outbox, publish, then apply what others wrote.

Each step commits on its own: a sealed bundle (with its bytes) before its file is written, each
received bundle in one transaction with the record that it was applied. A kill or a pulled USB
stick at any point leaves whole steps done and the rest for the next sync.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import func, select, tuple_, update
from sqlalchemy.orm import Session

from models import migrate
from models.database import Store
from models.entities import Device, Meta
from models.ids import utc_now
from sync import relay
from sync.apply import apply_ops
from sync.bundles import Bundle, open_bundle, seal
from sync.core.clock import clock_of, clock_warnings
from sync.core.codec import op_from_row
from sync.core.schema import (
    DISCARDED,
    QUARANTINE_CLONED,
    QUARANTINE_FUTURE,
    RELEASED,
    SyncBundle,
    SyncClock,
    SyncConflict,
    SyncOp,
    SyncQuarantine,
)
from sync.errors import BundleRejected, CloneDetected
from sync.folder import BundleFile, SyncFolder

MAX_OPS_PER_BUNDLE = 20_000
FUTURE_LIMIT_MS = 24 * 3600 * 1000
CLONED, FUTURE = QUARANTINE_CLONED, QUARANTINE_FUTURE


class SyncProgress(Protocol):
    """The shape of domain.progress.Progress (sync does not import the domain layer)."""

    def report(self, done: int, total: int, label: str) -> None: ...

    @property
    def cancelled(self) -> bool: ...


@dataclass
class SyncReport:
    published: int = 0
    applied: int = 0
    ops_applied: int = 0
    waiting: int = 0
    quarantined: int = 0
    conflicts: int = 0
    cancelled: bool = False
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SyncStatus:
    last_sync_at: datetime | None
    folder: str | None
    changes_waiting: int
    conflicts: int
    quarantined: int


def sync_now(
    store: Store, folder: Path, key: bytes, progress: SyncProgress | None = None
) -> SyncReport:
    """One full sync with the folder. Raises SyncError subclasses for whole-sync failures."""
    report = SyncReport()
    transport = SyncFolder(folder)
    transport.check()
    transport.check_key(key)
    me = store.device_id
    with store.session() as session:
        report.warnings.extend(clock_warnings(session))
    listing = transport.list_bundles()
    with store.session() as session:
        _check_not_cloned(session, transport, listing.get(me, []))
    transport.remove_stale_parts(me)
    _seal_outbox(store, key)
    report.published = _publish(store, transport)
    _apply_from_others(store, transport, key, transport.list_bundles(), report, progress)
    with store.session() as session:
        session.merge(Meta(key="sync.last_sync_at", value=utc_now().isoformat()))
        session.merge(Meta(key="sync.folder", value=str(Path(folder).resolve())))
        report.conflicts = _count(session, SyncConflict)
        report.quarantined = _count_held(session)
    return report


def sync_status(session: Session) -> SyncStatus:
    """What the Sync page shows: last sync, changes not yet shared, conflicts, quarantine."""
    outbox = session.scalar(
        select(func.count()).select_from(SyncOp).where(SyncOp.bundle_seq.is_(None))
    )
    unpublished = session.scalar(
        select(func.coalesce(func.sum(SyncBundle.op_count), 0)).where(
            SyncBundle.direction == "out", SyncBundle.published_at.is_(None)
        )
    )
    last = session.get(Meta, "sync.last_sync_at")
    folder = session.get(Meta, "sync.folder")
    return SyncStatus(
        last_sync_at=datetime.fromisoformat(last.value) if last else None,
        folder=folder.value if folder else None,
        changes_waiting=int(outbox or 0) + int(unpublished or 0),
        conflicts=_count(session, SyncConflict),
        quarantined=_count_held(session),
    )


def _count(session: Session, model: type[SyncConflict] | type[SyncQuarantine]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _count_held(session: Session) -> int:
    """Bundles set aside and not yet discarded by a coordinator."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(SyncQuarantine)
            .where(SyncQuarantine.reason.not_like(f"{DISCARDED}%"))
        )
        or 0
    )


def _check_not_cloned(session: Session, transport: SyncFolder, mine: list[BundleFile]) -> None:
    ours = dict(
        session.execute(
            select(SyncBundle.seq, SyncBundle.name).where(SyncBundle.direction == "out")
        ).all()
    )
    for bundle in mine:
        if ours.get(bundle.seq) != bundle.name:
            raise CloneDetected(
                f"{bundle.path} was written by another copy of this store (same device id): this "
                "store was probably restored from a backup or copied. Nothing was sent; ask your "
                "coordinator before syncing from this copy"
            )


def _applied(session: Session) -> dict[str, int]:
    return dict(
        session.execute(
            select(SyncBundle.device_id, func.max(SyncBundle.seq))
            .where(SyncBundle.direction == "in")
            .group_by(SyncBundle.device_id)
        ).all()
    )


def _seal_outbox(store: Store, key: bytes) -> None:
    """Move the outbox, and ops pulled from the server (see sync.relay), into numbered bundles,
    kept in the store until their files are written."""
    me = store.device_id
    while True:
        with store.session() as session:
            rows = session.scalars(
                select(SyncOp)
                .where(SyncOp.bundle_seq.is_(None))  # only local ops are unsealed (see oplog)
                .order_by(SyncOp.changeset, SyncOp.idx)
                .limit(MAX_OPS_PER_BUNDLE)
            ).all()
            ops = [op_from_row(row) for row in rows]
            relays = relay.waiting_relays(session, me, limit=MAX_OPS_PER_BUNDLE)
            if relays:
                ops = sorted(ops + relays, key=relay.causal_order)[:MAX_OPS_PER_BUNDLE]
            if not ops:
                return
            clock = session.get(SyncClock, 1)
            assert clock is not None
            seq = clock.bundle_seq + 1
            device = session.get(Device, me)
            name, data = seal(
                ops,
                device_id=me,
                device_name=device.display_name if device else "",
                seq=seq,
                schema=migrate.head_revision(),
                deps=_applied(session),
                key=key,
                nonce=os.urandom(12),
                relayed_names=relay.device_names(session, ops, me) if relays else None,
            )
            if relays:
                relay.mark_sealed(session, ops, seq)
            else:
                last = ops[-1].ref
                session.execute(
                    update(SyncOp)
                    .where(
                        SyncOp.bundle_seq.is_(None),
                        tuple_(SyncOp.changeset, SyncOp.idx) <= tuple_(last[1], last[2]),
                    )
                    .values(bundle_seq=seq)
                )
            clock.bundle_seq = seq
            session.add(
                SyncBundle(
                    device_id=me,
                    seq=seq,
                    direction="out",
                    name=name,
                    sha256=_sha(data),
                    op_count=len(ops),
                    data=data,
                )
            )


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _publish(store: Store, transport: SyncFolder) -> int:
    published = 0
    while True:
        with store.session() as session:
            bundle = session.scalars(
                select(SyncBundle)
                .where(SyncBundle.direction == "out", SyncBundle.published_at.is_(None))
                .order_by(SyncBundle.seq)
                .limit(1)
            ).first()
            if bundle is None:
                return published
            assert bundle.data is not None
            transport.publish(store.device_id, bundle.name, bundle.data)
            bundle.published_at = utc_now()
            bundle.data = None
            published += 1


@functools.lru_cache(maxsize=32)
def _known_schema(revision: str) -> bool:
    return migrate.is_known_revision(revision)


def _quarantine(session: Session, file: BundleFile, reason: str) -> None:
    if session.get(SyncQuarantine, (file.device_id, file.name)) is None:
        session.add(
            SyncQuarantine(device_id=file.device_id, name=file.name, seq=file.seq, reason=reason)
        )


def _apply_from_others(
    store: Store,
    transport: SyncFolder,
    key: bytes,
    listing: dict[str, list[BundleFile]],
    report: SyncReport,
    progress: SyncProgress | None,
) -> None:
    me = store.device_id
    with store.session() as session:
        clock = clock_of(session)
        applied = _applied(session)
        applied_names = set(
            session.execute(
                select(SyncBundle.device_id, SyncBundle.name).where(SyncBundle.direction == "in")
            )
        )
        held = {
            (d, n): reason
            for d, n, reason in session.execute(
                select(SyncQuarantine.device_id, SyncQuarantine.name, SyncQuarantine.reason)
            )
        }
        own_seq = session.scalar(select(SyncClock.bundle_seq).where(SyncClock.id == 1)) or 0
        for device_id, files in listing.items():
            for file in files:
                seen = file.seq <= applied.get(device_id, 0)
                if device_id != me and seen and (device_id, file.name) not in applied_names:
                    _quarantine(session, file, CLONED)  # same (device, seq), different hash
                    held[(device_id, file.name)] = CLONED
    pending = {
        device_id: [f for f in files if f.seq > applied.get(device_id, 0)]
        for device_id, files in listing.items()
        if device_id != me
    }
    total = sum(map(len, pending.values()))
    opened: dict[tuple[str, str], Bundle] = {}
    blocked: set[str] = set()
    progressed = True
    while progressed:
        progressed = False
        for device_id in sorted(pending):
            if device_id in blocked:
                continue
            expected = applied.get(device_id, 0) + 1
            at_seq = [
                f
                for f in pending[device_id]
                if f.seq == expected and not held.get((device_id, f.name), "").startswith(DISCARDED)
            ]
            if not at_seq:
                continue
            released = [f for f in at_seq if held.get((device_id, f.name), "").startswith(RELEASED)]
            if len(at_seq) > 1 and len(released) == 1:
                at_seq = released  # a coordinator chose which of the clones to apply
            if len(at_seq) > 1:
                with store.session() as session:
                    for file in at_seq:
                        _quarantine(session, file, CLONED)
                report.problems.append(
                    f"device {device_id} wrote two different bundles numbered {expected}: a "
                    "cloned device; set aside for your coordinator"
                )
                blocked.add(device_id)
                continue
            file = at_seq[0]
            if held.get((device_id, file.name)) == CLONED:
                blocked.add(device_id)
                continue
            bundle = opened.get((device_id, file.name))
            if bundle is None:
                try:
                    bundle = open_bundle(transport.read(file), key=key, name=file.name)
                    if bundle.header.device_id != device_id:
                        raise BundleRejected("it is in another device's folder")
                    if not _known_schema(bundle.header.schema):
                        raise BundleRejected("it was made by a newer Listening Post; update")
                except BundleRejected as error:
                    report.problems.append(f"{file.path}: not applied yet: {error}")
                    blocked.add(device_id)
                    continue
                opened[(device_id, file.name)] = bundle
            header = bundle.header
            if any(
                seq > (own_seq if dep == me else applied.get(dep, 0))
                for dep, seq in header.deps.items()
            ):
                continue  # needs another device's bundle first; retried in the next pass
            if header.hlc_max.wall > clock.now_ms() + FUTURE_LIMIT_MS and not held.get(
                (device_id, file.name), ""
            ).startswith(RELEASED):
                with store.session() as session:
                    _quarantine(session, file, FUTURE)
                report.problems.append(
                    f"{file.path}: its changes are stamped more than a day in the future "
                    "(a wrong clock on that device); set aside for your coordinator"
                )
                blocked.add(device_id)
                continue
            if progress is not None and progress.cancelled:
                report.cancelled = True
                return
            _apply_bundle(store, file, bundle, report)
            applied[device_id] = expected
            progressed = True
            if progress is not None:
                progress.report(report.applied, total, "Applying changes from other devices")
    report.waiting = sum(
        1 for files in pending.values() for f in files if f.seq > applied.get(f.device_id, 0)
    )


def _apply_bundle(store: Store, file: BundleFile, bundle: Bundle, report: SyncReport) -> None:
    """One bundle, one transaction: its ops, its applied record, or nothing."""
    header = bundle.header
    with store.session() as session:
        result = apply_ops(session, bundle.ops, bundle_seq=header.seq)
        session.add(
            SyncBundle(
                device_id=header.device_id,
                seq=header.seq,
                direction="in",
                name=file.name,
                sha256=bundle.sha256,
                op_count=header.op_count,
                published_at=utc_now(),
            )
        )
        if session.get(Device, header.device_id) is None:
            session.add(Device(id=header.device_id, display_name=header.device_name or "?"))
        relay.add_relayed_devices(session, dict(header.relayed_names))
        held = session.get(SyncQuarantine, (header.device_id, file.name))
        if held is not None:
            session.delete(held)
    report.applied += 1
    report.ops_applied += result.new_ops


__all__ = ["SyncReport", "SyncStatus", "sync_now", "sync_status"]
