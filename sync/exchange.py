"""The one send/receive path of a sync, whatever carries the bytes (a folder or PostgreSQL).

`exchange` runs the steps every sync shares: clock warnings, sending unsent ops in batches,
receiving authenticated batches and applying each in one transaction with the record that it
was applied, setting aside what cannot be applied, progress and cancelling, and the closing
counts. A transport only opens a `Link` that selects, encodes and moves its own rows or files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.progress import Progress
from models.database import Store
from sync.apply import apply_ops
from sync.core.clock import clock_warnings
from sync.core.ops import Op
from sync.core.schema import DISCARDED, SyncConflict, SyncQuarantine
from sync.report import SyncReport
from sync.set_aside import SetAside, record


@dataclass
class Incoming:
    """One batch received and authenticated: applied in one transaction with `mark_applied`."""

    ops: Sequence[Op]
    steps: int  # progress steps this batch stands for (a bundle, or its ops)
    bundle_seq: int = 0
    source: str = ""  # where set-aside ops came from: a bundle's name, or the server
    on_server: bool = False
    rejected: Sequence[SetAside] = ()  # ops that failed authentication, set aside
    # Runs inside the batch's transaction before applying: returns the ops to apply now.
    admit: Callable[[Session, Sequence[Op]], Sequence[Op]] | None = None
    mark_applied: Callable[[Session], None] | None = None


@dataclass
class Batches:
    """What a link will receive: the batches (made lazily) and how many progress steps."""

    total: int
    items: Iterator[Incoming]
    set_aside: list[SetAside] = field(default_factory=list)


@runtime_checkable
class Link(Protocol):
    """One open connection to a transport, for one sync."""

    sending: str  # progress labels
    receiving: str

    def count_unsent(self, session: Session) -> int:
        """How many ops this transport has not carried yet (for progress)."""
        ...

    def unsent(self, session: Session) -> Sequence[Op]:
        """The next batch of ops to send, in the transport's order; empty when all are sent."""
        ...

    def send(self, ops: Sequence[Op]) -> int:
        """Encode and carry one batch and mark it sent; returns what `published` counts."""
        ...

    def flush(self) -> int:
        """Carry what `send` only prepared (sealed bundles); returns what `published` counts."""
        ...

    def receive(self, report: SyncReport) -> Batches:
        """What others sent, planned and authenticated, as batches to apply in order."""
        ...

    def after_receive(self, report: SyncReport) -> None:
        """Carry what the received changes made this store forget (rewritten bundles, blanked
        server bodies)."""
        ...

    def finish(self, session: Session, report: SyncReport) -> None:
        """Remember the sync (where, when) and add the transport's own closing figures."""
        ...


@runtime_checkable
class Transport(Protocol):
    """Where a store's changes go to and come from."""

    def describe(self) -> str:
        """Where, in words, for messages."""
        ...

    def connect(self, store: Store, key: bytes, report: SyncReport) -> AbstractContextManager[Link]:
        """Open, check and hand over a link; SyncError subclasses for whole-sync failures."""
        ...


def _cancelled(progress: Progress | None) -> bool:
    return progress is not None and progress.cancelled


def _send(store: Store, link: Link, progress: Progress | None, report: SyncReport) -> bool:
    """Send every unsent op in batches; False when the person cancelled."""
    with store.session() as session:
        total = link.count_unsent(session)
    done = 0
    while not _cancelled(progress):
        with store.session() as session:
            ops = link.unsent(session)
        if not ops:
            report.published += link.flush()
            return True
        report.published += link.send(ops)
        done += len(ops)
        if progress is not None:
            progress.report(done, max(total, done), link.sending)
    report.published += link.flush()
    return False


def _apply(store: Store, batch: Incoming) -> tuple[int, list[SetAside]]:
    """One batch, one transaction: its ops, the record that it was applied, or nothing."""
    with store.session() as session:
        ops = batch.admit(session, batch.ops) if batch.admit is not None else batch.ops
        result = apply_ops(
            session,
            ops,
            bundle_seq=batch.bundle_seq,
            source=batch.source,
            on_server=batch.on_server,
        )
        record(session, batch.rejected, source=batch.source)
        if batch.mark_applied is not None:
            batch.mark_applied(session)
    return result.new_ops, [*batch.rejected, *result.set_aside]


def apply_received(
    store: Store,
    batches: Batches,
    report: SyncReport,
    progress: Progress | None = None,
    label: str = "Applying changes from other devices",
) -> None:
    """Apply received batches in order, each in its own transaction, until done or cancelled."""
    set_aside = batches.set_aside
    done = 0
    while not (cancelled := _cancelled(progress)):
        batch = next(batches.items, None)  # made only now: a cancel stops before the next one
        if batch is None:
            break
        new_ops, aside = _apply(store, batch)
        set_aside.extend(aside)
        report.applied += 1
        report.ops_applied += new_ops
        done += batch.steps
        if progress is not None:
            progress.report(done, max(batches.total, done), label)
    report.cancelled = report.cancelled or cancelled
    report.note_set_aside(set_aside)


def _count(session: Session, model: type[SyncConflict]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def count_held(session: Session) -> int:
    """Bundles set aside and not yet discarded by a coordinator."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(SyncQuarantine)
            .where(SyncQuarantine.reason.not_like(f"{DISCARDED}%"))
        )
        or 0
    )


def count_conflicts(session: Session) -> int:
    return _count(session, SyncConflict)


def exchange(
    store: Store, transport: Transport, key: bytes, progress: Progress | None = None
) -> SyncReport:
    """One full sync. Raises SyncError subclasses for whole-sync failures; each batch either
    way commits on its own, so an interrupted sync leaves whole batches done."""
    report = SyncReport()
    with transport.connect(store, key, report) as link:
        with store.session() as session:
            report.warnings.extend(clock_warnings(session))
        if _send(store, link, progress, report):
            apply_received(store, link.receive(report), report, progress, link.receiving)
            link.after_receive(report)
        else:
            report.cancelled = True
        with store.session() as session:
            link.finish(session, report)
            report.conflicts = count_conflicts(session)
            report.quarantined = count_held(session)
    return report


__all__ = [
    "Batches",
    "Incoming",
    "Link",
    "Transport",
    "apply_received",
    "count_held",
    "exchange",
]
