"""Sync now through a shared folder: seal the outbox, publish, then apply what others wrote.

Each step commits on its own: a sealed bundle (with its bytes) before its file is written, each
received bundle in one transaction with the record that it was applied. A kill or a pulled USB
stick at any point leaves whole steps done and the rest for the next sync.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, tuple_, update
from sqlalchemy.orm import Session

from domain.progress import Progress
from models import migrate
from models.database import Store
from models.entities import Device, Meta
from models.ids import utc_now
from sync import relay
from sync.bundles import open_bundle, seal
from sync.core.clock import clock_warnings
from sync.core.codec import op_from_row
from sync.core.schema import (
    DISCARDED,
    SyncBundle,
    SyncClock,
    SyncConflict,
    SyncOp,
    SyncQuarantine,
)
from sync.errors import BundleRejected, CloneDetected
from sync.folder import BundleFile, SyncFolder
from sync.receive import applied_seqs, receive_bundles
from sync.report import SyncReport
from sync.rewrite import remove_superseded, rewrite_bundles, superseded

MAX_OPS_PER_BUNDLE = 20_000


@dataclass(frozen=True)
class SyncStatus:
    last_sync_at: datetime | None
    folder: str | None
    changes_waiting: int
    conflicts: int
    quarantined: int


def sync_now(
    store: Store, folder: Path, key: bytes, progress: Progress | None = None
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
        report.warnings.extend(_check_not_cloned(session, transport, listing.get(me, []), key, me))
    transport.remove_stale_parts(me)
    _seal_outbox(store, key)
    rewrite_bundles(store, transport, key)
    report.published = _publish(store, transport)
    remove_superseded(store, transport, key)
    receive_bundles(store, transport, key, transport.list_bundles(), report, progress)
    if rewrite_bundles(store, transport, key):  # what the received changes made us forget
        report.published += _publish(store, transport)
        remove_superseded(store, transport, key)
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
            SyncBundle.direction == "out",
            SyncBundle.published_at.is_(None),
            SyncBundle.revision == 0,  # a rewrite's changes were shared already
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


def _check_not_cloned(
    session: Session, transport: SyncFolder, mine: list[BundleFile], key: bytes, me: str
) -> list[str]:
    """Stop if another copy of this store wrote into our folder; junk there is only ignored.

    A clone's bundle is a real one, sealed under the organisation key and naming this device;
    anything else named like a bundle (a link, a special file, garbage) is someone's junk.
    """
    ours = dict(
        session.execute(
            select(SyncBundle.seq, SyncBundle.name).where(SyncBundle.direction == "out")
        ).all()
    )
    warnings: list[str] = []
    for bundle in mine:
        if ours.get(bundle.seq) == bundle.name:
            continue
        try:
            opened = open_bundle(transport.read(bundle), key=key, name=bundle.name)
        except BundleRejected as error:
            warnings.append(f"{bundle.path} is not a bundle of this device; ignored ({error})")
            continue
        if opened.header.device_id == me and superseded(session, opened):
            continue  # a file since rewritten: deleted once the new one is published
        if opened.header.device_id == me:
            raise CloneDetected(
                f"{bundle.path} was written by another copy of this store (same device id): this "
                "store was probably restored from a backup or copied. Nothing was sent; ask your "
                "coordinator before syncing from this copy"
            )
        warnings.append(f"{bundle.path} was sealed by another device; ignored")
    return warnings


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
                deps=applied_seqs(session),
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


__all__ = ["SyncReport", "SyncStatus", "sync_now", "sync_status"]
