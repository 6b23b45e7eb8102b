"""Sync now through a shared folder: seal the outbox, publish, then apply what others wrote.

Each step commits on its own: a sealed bundle (with its bytes) before its file is written, each
received bundle in one transaction with the record that it was applied. A kill or a pulled USB
stick at any point leaves whole steps done and the rest for the next sync.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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
from models.tallies import store_tally
from sync import relay
from sync.bundles import open_bundle, seal
from sync.core.codec import op_from_row
from sync.core.ops import Op
from sync.core.schema import SyncBundle, SyncClock, SyncOp
from sync.errors import BundleRejected, CloneDetected
from sync.exchange import Batches, Link, count_conflicts, count_held, exchange
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


@dataclass(frozen=True)
class FolderTransport:
    """A shared folder (OneDrive, SharePoint, a network share, a USB stick)."""

    folder: Path

    def describe(self) -> str:
        return f"the shared folder {self.folder}"

    @contextmanager
    def connect(self, store: Store, key: bytes, report: SyncReport) -> Iterator[Link]:
        """Check the folder and the key, and that no copy of this store wrote here."""
        folder = SyncFolder(self.folder)
        folder.check()
        folder.check_key(key)
        me = store.device_id
        listing = folder.list_bundles()
        with store.session() as session:
            report.warnings.extend(_check_not_cloned(session, folder, listing.get(me, []), key, me))
        folder.remove_stale_parts(me)
        yield _FolderLink(store, folder, key)


class _FolderLink:
    """Sends by sealing the outbox into numbered bundles (kept in the store until their files
    are written), receives other devices' bundles; see sync.exchange for the shared steps."""

    sending = "Sealing changes for the shared folder"
    receiving = "Applying changes from other devices"

    def __init__(self, store: Store, folder: SyncFolder, key: bytes) -> None:
        self.store, self.folder, self.key = store, folder, key
        self.waiting: Callable[[], int] = lambda: 0

    def count_unsent(self, session: Session) -> int:
        return _count_outbox(session)

    def unsent(self, session: Session) -> Sequence[Op]:
        return _next_batch(session, self.store.device_id)

    def send(self, ops: Sequence[Op]) -> int:
        with self.store.session() as session:
            _seal(session, self.store.device_id, ops, self.key)
        return 0  # `published` counts bundle files: see flush

    def flush(self) -> int:
        """Reseal bundles whose text this store has since forgotten, then write every sealed
        bundle's file and delete the files the rewritten ones replace."""
        rewrite_bundles(self.store, self.folder, self.key)
        published = _publish(self.store, self.folder)
        remove_superseded(self.store, self.folder, self.key)
        return published

    def after_receive(self, report: SyncReport) -> None:
        if rewrite_bundles(self.store, self.folder, self.key):  # what the received changes forgot
            report.published += _publish(self.store, self.folder)
            remove_superseded(self.store, self.folder, self.key)

    def receive(self, report: SyncReport) -> Batches:
        batches, self.waiting = receive_bundles(self.store, self.folder, self.key, report)
        return batches

    def finish(self, session: Session, report: SyncReport) -> None:
        report.waiting = self.waiting()
        session.merge(Meta(key="sync.last_sync_at", value=utc_now().isoformat()))
        session.merge(Meta(key="sync.folder", value=str(self.folder.root.resolve())))


def sync_now(
    store: Store, folder: Path, key: bytes, progress: Progress | None = None
) -> SyncReport:
    """One full sync with the folder. Raises SyncError subclasses for whole-sync failures."""
    return exchange(store, FolderTransport(folder), key, progress)


def _next_batch(session: Session, me: str) -> list[Op]:
    """The outbox, with ops pulled from the server to pass on (see sync.relay)."""
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
    return ops


def seal_outbox(store: Store, key: bytes) -> None:
    """Seal every unsent op into bundles kept in the store; the next sync writes their files."""
    while ops := _next_batch_of(store):
        with store.session() as session:
            _seal(session, store.device_id, ops, key)


def _next_batch_of(store: Store) -> list[Op]:
    with store.session() as session:
        return _next_batch(session, store.device_id)


def _count_outbox(session: Session) -> int:
    """Ops not yet sealed into a bundle, from two tallies kept by triggers (migration 0015):
    counting them read the whole op log, where every op waits until a first sync."""
    return store_tally(session, "ops") - store_tally(session, "ops_sealed")


def sync_status(session: Session) -> SyncStatus:
    """What the Sync page shows: last sync, changes not yet shared, conflicts, quarantine."""
    outbox = _count_outbox(session)
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
        conflicts=count_conflicts(session),
        quarantined=count_held(session),
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


def _seal(session: Session, me: str, ops: Sequence[Op], key: bytes) -> None:
    """One numbered bundle of `ops`, kept in the store with its bytes until its file is written."""
    relayed = any(op.ref[0] != me for op in ops)
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
        relayed_names=relay.device_names(session, ops, me) if relayed else None,
    )
    if relayed:
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


__all__ = ["FolderTransport", "SyncReport", "SyncStatus", "sync_now", "sync_status"]
