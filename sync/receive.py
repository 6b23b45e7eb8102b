"""Receiving other devices' bundles from the folder: read, check, plan, hand over one by one.

Every pending file is read safely and authenticated first; `sync.plan.plan_bundles` (pure)
decides the order and what to set aside; sync.exchange then applies each bundle in its own
transaction with its applied record.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import migrate
from models.database import Store
from models.entities import Device
from models.ids import utc_now
from sync import relay
from sync.bundles import Bundle, open_bundle
from sync.core.clock import clock_of
from sync.core.schema import SyncBundle, SyncClock, SyncQuarantine
from sync.errors import BundleRejected
from sync.exchange import Batches, Incoming
from sync.folder import VANISHED, BundleFile, SyncFolder
from sync.plan import Candidate, Plan, plan_bundles
from sync.quarantine_state import Cause, QuarantineState, parse_reason
from sync.report import SyncReport

FUTURE_LIMIT_MS = 24 * 3600 * 1000


def applied_seqs(session: Session) -> dict[str, int]:
    """The last bundle number applied from each other device."""
    return dict(
        session.execute(
            select(SyncBundle.device_id, func.max(SyncBundle.seq))
            .where(SyncBundle.direction == "in")
            .group_by(SyncBundle.device_id)
        ).all()
    )


def quarantine(session: Session, file: BundleFile, cause: Cause) -> None:
    if session.get(SyncQuarantine, (file.device_id, file.name)) is None:
        session.add(
            SyncQuarantine(device_id=file.device_id, name=file.name, seq=file.seq, reason=cause)
        )


@functools.lru_cache(maxsize=32)
def _known_schema(revision: str) -> bool:
    return migrate.is_known_revision(revision)  # may load Alembic's scripts: asked once each


def _open(transport: SyncFolder, file: BundleFile, key: bytes, *, decode: bool = True) -> Bundle:
    bundle = open_bundle(transport.read(file), key=key, name=file.name, decode=decode)
    if bundle.header.device_id != file.device_id:
        raise BundleRejected("it is in another device's folder")
    if not _known_schema(bundle.header.schema):
        raise BundleRejected("it was made by a newer Listening Post; update")
    return bundle


class _Receiver:
    """One pass over the folder's pending bundles of other devices."""

    def __init__(self, store: Store, transport: SyncFolder, key: bytes) -> None:
        self.store, self.transport, self.key = store, transport, key
        self.files: dict[tuple[str, str], BundleFile] = {}
        self.opened: dict[tuple[str, str], Bundle] = {}

    def note_reapplied_numbers(self, listing: dict[str, list[BundleFile]]) -> dict[str, int]:
        """Applied numbers by device; a second file with an applied number is a clone's."""
        with self.store.session() as session:
            applied = applied_seqs(session)
            applied_names = set(
                session.execute(
                    select(SyncBundle.device_id, SyncBundle.name).where(
                        SyncBundle.direction == "in"
                    )
                )
            )
            for device_id, files in listing.items():
                for file in files:
                    seen = file.seq <= applied.get(device_id, 0)
                    mine = device_id == self.store.device_id
                    new_name = (device_id, file.name) not in applied_names
                    if seen and not mine and new_name and not self._rewritten(session, file):
                        quarantine(session, file, Cause.CLONED)
        return applied

    def _rewritten(self, session: Session, file: BundleFile) -> bool:
        """Whether a new file at an applied number is its writer's rewrite of that bundle (text
        forgotten since): nothing to apply, since this store forgets the same by itself; the
        newest file is noted as the one applied."""
        row = session.get(SyncBundle, (file.device_id, file.seq))
        if row is None or row.direction != "in":
            return False
        try:
            bundle = _open(self.transport, file, self.key, decode=False)
        except BundleRejected as error:
            return str(error) == VANISHED  # gone already: nothing to judge
        if bundle.original not in (row.original, row.sha256):
            return False
        if bundle.header.revision > row.revision:
            row.original = bundle.original
            row.name, row.sha256, row.revision = file.name, bundle.sha256, bundle.header.revision
        return True

    def candidates(
        self, listing: dict[str, list[BundleFile]], applied: dict[str, int]
    ) -> list[Candidate]:
        with self.store.session() as session:
            now = clock_of(session).now_ms()
            held = {
                (d, n): parse_reason(reason)
                for d, n, reason in session.execute(
                    select(SyncQuarantine.device_id, SyncQuarantine.name, SyncQuarantine.reason)
                )
            }
        found: list[Candidate] = []
        for device_id, files in listing.items():
            if device_id == self.store.device_id:
                continue
            for file in files:
                if file.seq <= applied.get(device_id, 0):
                    continue
                found.append(self._candidate(file, held.get((device_id, file.name)), now))
        return found

    def _candidate(
        self, file: BundleFile, held: tuple[str, QuarantineState] | None, now: int
    ) -> Candidate:
        ident = (file.device_id, file.name)
        self.files[ident] = file
        cause, state = held if held is not None else (None, None)
        try:
            bundle = _open(self.transport, file, self.key)
        except BundleRejected as error:
            return Candidate(
                file.device_id, file.seq, file.name, problem=str(error), cause=cause, state=state
            )
        self.opened[ident] = bundle
        header = bundle.header
        return Candidate(
            file.device_id,
            file.seq,
            file.name,
            deps=dict(header.deps),
            future=header.hlc_max.wall > now + FUTURE_LIMIT_MS,
            cause=cause,
            state=state,
            original=bundle.original,
            revision=header.revision,
        )

    def set_aside(self, plan: Plan, report: SyncReport) -> None:
        with self.store.session() as session:
            for candidate, cause in plan.set_aside:
                quarantine(session, self.files[(candidate.device_id, candidate.name)], cause)
        for device_id, seq in plan.cloned:
            report.problems.append(
                f"device {device_id} wrote two different bundles numbered {seq}: a "
                "cloned device; set aside for your coordinator"
            )
        for candidate, cause in plan.set_aside:
            if cause is Cause.FUTURE:
                path = self.files[(candidate.device_id, candidate.name)].path
                report.problems.append(
                    f"{path}: its changes are stamped more than a day in the future "
                    "(a wrong clock on that device); set aside for your coordinator"
                )
        for candidate in plan.unreadable:
            path = self.files[(candidate.device_id, candidate.name)].path
            report.problems.append(f"{path}: not applied yet: {candidate.problem}")


def receive_bundles(
    store: Store,
    transport: SyncFolder,
    key: bytes,
    report: SyncReport,
    listing: dict[str, list[BundleFile]] | None = None,
) -> tuple[Batches, Callable[[], int]]:
    """What other devices wrote (in `listing`, else the folder now), as batches in a valid
    order, what must wait for a person set aside now; and how to count the bundles still
    waiting once the batches are applied (sync.exchange.apply_received)."""
    receiver = _Receiver(store, transport, key)
    if listing is None:
        listing = transport.list_bundles()
    applied = receiver.note_reapplied_numbers(listing)
    candidates = receiver.candidates(listing, applied)
    with store.session() as session:
        own_seq = session.scalar(select(SyncClock.bundle_seq).where(SyncClock.id == 1)) or 0
    plan = plan_bundles(candidates, applied=applied, me=store.device_id, own_seq=own_seq)
    receiver.set_aside(plan, report)

    def batches() -> Iterator[Incoming]:
        for candidate in plan.apply:
            ident = (candidate.device_id, candidate.name)
            file, bundle = receiver.files[ident], receiver.opened.pop(ident)

            def mark(session: Session, file: BundleFile = file, bundle: Bundle = bundle) -> None:
                _mark_applied(session, file=file, bundle=bundle)
                applied[file.device_id] = file.seq

            yield Incoming(
                bundle.ops,
                steps=1,
                bundle_seq=bundle.header.seq,
                source=file.name,
                mark_applied=mark,
            )

    def waiting() -> int:
        return sum(1 for c in candidates if c.seq > applied.get(c.device_id, 0))

    return Batches(len(candidates), batches()), waiting


def _mark_applied(session: Session, *, file: BundleFile, bundle: Bundle) -> None:
    """The applied record of one bundle, in its transaction."""
    header = bundle.header
    session.add(
        SyncBundle(
            device_id=header.device_id,
            seq=header.seq,
            direction="in",
            name=file.name,
            sha256=bundle.sha256,
            op_count=header.op_count,
            published_at=utc_now(),
            original=header.original,
            revision=header.revision,
        )
    )
    if session.get(Device, header.device_id) is None:
        session.add(Device(id=header.device_id, display_name=header.device_name or "?"))
    relay.add_relayed_devices(session, dict(header.relayed_names))
    held = session.get(SyncQuarantine, (header.device_id, file.name))
    if held is not None:
        session.delete(held)
