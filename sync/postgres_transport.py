"""Pushing and pulling ops through the PostgreSQL server, in resumable batches.

Push: ops the server lacks, in causal (HLC) order, one server transaction per batch with
`ON CONFLICT DO NOTHING` on the op id, then marked locally; a connection dropped between the
two only means the batch is offered again and ignored. Pull: by server sequence after the
stored cursor, one SQLite transaction per batch holding the ops and the new cursor together.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from domain.plain_words import plural
from models.database import Store
from models.entities import Device, Meta
from models.ids import utc_now
from sync.apply import apply_ops
from sync.core import oplog
from sync.core.clock import clock_of
from sync.core.codec import op_from_row, op_row
from sync.core.ops import Op
from sync.core.schema import SyncHeldOp, SyncOp, SyncQuarantine
from sync.errors import CloneDetected
from sync.exchange import Batches, Incoming
from sync.forget_server import forget_on_server
from sync.postgres_connect import ServerAddress
from sync.postgres_ops import OpRejected, ServerOp, columns_of, open_op, seal_ops
from sync.report import SyncReport
from sync.server_state import CURSOR, LAST_SYNC, PASSWORD, UNPUSHED, URL, count_unpushed
from sync.set_aside import SetAside

BATCH = 2000
# Pulled batches are larger: applying re-folds each touched key once per batch, and fewer,
# larger SQLite transactions bring the pull close to applying folder bundles (20,000 ops).
PULL_BATCH = 5000
FUTURE_LIMIT_MS = 24 * 3600 * 1000
HELD = "postgres"
SOURCE = "postgres"  # where ops set aside came from, as the Sync page names it
FUTURE = "future clock"

_PUSH = """
INSERT INTO listening_post.ops (device_id, changeset, idx, wall, counter, entity, key, kind, body)
SELECT d, c, i, w, n, e, k, t, b
FROM unnest(%s::text[], %s::int4[], %s::int4[], %s::int8[], %s::int4[], %s::text[],
            %s::text[], %s::text[], %s::bytea[]) WITH ORDINALITY AS u(d, c, i, w, n, e, k, t, b, o)
ORDER BY o
ON CONFLICT (organisation, device_id, changeset, idx) DO NOTHING
RETURNING device_id, changeset, idx
"""
# Own ops come back without their body: this store has them, so they are never decrypted.
_PULL = """
SELECT seq, device_id, changeset, idx, wall, counter, entity, key, kind,
       CASE WHEN device_id = %s THEN NULL ELSE body END
FROM listening_post.ops WHERE seq > %s ORDER BY seq LIMIT %s
"""


def check_own_history(store: Store, connection: psycopg.Connection[Any]) -> None:
    """Compare this device's changes on the server with the store's.

    More on the server than the store ever made: this store is a copy (restored from backup or
    cloned), refused. Fewer than the store believes it sent: the server was restored from an
    older backup, so those changes are offered again.
    """
    row = connection.execute(
        "SELECT max(changeset) FROM listening_post.ops WHERE device_id = %s", (store.device_id,)
    ).fetchone()
    on_server = int(row[0]) if row and row[0] is not None else 0
    with store.session() as session:
        made = session.scalar(
            select(func.max(SyncOp.changeset)).where(SyncOp.device_id == store.device_id)
        )
        if on_server > (made or 0):
            raise CloneDetected(
                "the server holds changes from this device that this store has never made: "
                "this store was probably restored from a backup or copied. Nothing was sent; "
                "ask your coordinator before syncing from this copy"
            )
        session.execute(
            update(SyncOp)
            .where(
                SyncOp.device_id == store.device_id,
                SyncOp.changeset > on_server,
                SyncOp.on_server.is_(True),
            )
            .values(on_server=False)
        )


def share_device_names(store: Store, connection: psycopg.Connection[Any]) -> None:
    """Device names both ways, so people see who made a change (names only, no content)."""
    with store.session() as session:
        mine = [(d.id, d.display_name) for d in session.scalars(select(Device))]
    with connection.transaction():
        connection.cursor().executemany(
            "INSERT INTO listening_post.devices (device_id, display_name) VALUES (%s, %s) "
            "ON CONFLICT DO NOTHING",
            mine,
        )
        theirs = connection.execute(
            "SELECT device_id, display_name FROM listening_post.devices"
        ).fetchall()
    known = {device_id for device_id, _ in mine}
    with store.session() as session:
        for device_id, name in theirs:
            if device_id not in known:
                session.add(Device(id=device_id, display_name=name or "?"))


class ServerLink:
    """One sync's connection to the server: pushes ops the server lacks, in causal order, and
    pulls by server sequence after the stored cursor; see sync.exchange for the shared steps."""

    sending = "Sending changes to the server"
    receiving = "Receiving changes from the server"

    def __init__(
        self,
        store: Store,
        connection: psycopg.Connection[Any],
        key: bytes,
        address: ServerAddress,
        password: str | None,
        batch_size: int | None,
    ) -> None:
        self.store, self.connection, self.key = store, connection, key
        self.address, self.password = address, password
        self.push_batch = batch_size or BATCH
        self.pull_batch = batch_size or PULL_BATCH

    def count_unsent(self, session: Session) -> int:
        return count_unpushed(session)

    def unsent(self, session: Session) -> Sequence[Op]:
        rows = session.execute(
            select(*oplog.OP_COLUMNS)
            .where(UNPUSHED)
            .order_by(SyncOp.wall, SyncOp.counter, SyncOp.device_id, SyncOp.changeset, SyncOp.idx)
            .limit(self.push_batch)
        ).all()
        return [op_from_row(row) for row in rows]

    def send(self, ops: Sequence[Op]) -> int:
        """One server transaction per batch, ON CONFLICT DO NOTHING on the op id, then marked
        here: a connection dropped between the two only means the batch is offered again."""
        columns = columns_of(ops, seal_ops(ops, self.key))
        with self.connection.transaction():
            inserted = {
                (str(d), int(c), int(i)) for d, c, i in self.connection.execute(_PUSH, columns)
            }
            ignored = [o for o in ops if o.ref not in inserted]
            _check_ignored(self.store.device_id, self.connection, ignored)
        _mark_on_server(self.store, ops)
        return len(inserted)

    def flush(self) -> int:
        return 0

    def receive(self, report: SyncReport) -> Batches:
        release_held(self.store)
        return pull(self.store, self.connection, self.key, batch_size=self.pull_batch)

    def after_receive(self, report: SyncReport) -> None:
        report.warnings.extend(forget_on_server(self.store, self.connection, self.key))

    def finish(self, session: Session, report: SyncReport) -> None:
        session.merge(Meta(key=LAST_SYNC, value=utc_now().isoformat()))
        session.merge(Meta(key=URL, value=self.address.url()))
        if self.password is not None:
            session.merge(Meta(key=PASSWORD, value=self.password))
        report.waiting = int(session.scalar(select(func.count()).select_from(SyncHeldOp)) or 0)
        report.problems.extend(held_problems(session))


def _check_ignored(me: str, connection: psycopg.Connection[Any], ignored: Sequence[Op]) -> None:
    """Ops the server already had: a resend after a lost reply is fine; another op under one
    of this device's ids means a copied store (the server transaction is then rolled back)."""
    own = [op for op in ignored if op.ref[0] == me]
    if not own:
        return
    found = {
        (int(c), int(i)): (int(w), int(n), str(e), str(k), str(t))
        for c, i, w, n, e, k, t in connection.execute(
            "SELECT changeset, idx, wall, counter, entity, key, kind FROM listening_post.ops "
            "WHERE device_id = %s AND changeset BETWEEN %s AND %s",
            (me, min(op.ref[1] for op in own), max(op.ref[1] for op in own)),
        )
    }
    for op in own:
        if found.get(op.ref[1:]) != (op.hlc.wall, op.hlc.counter, op.entity, op.key, op.kind):
            raise CloneDetected(
                f"the server holds a different change under this device's change number "
                f"{op.ref[1]}: this store was probably restored from a backup or copied. "
                "Nothing more was sent; ask your coordinator before syncing from this copy"
            )


def _mark_on_server(store: Store, ops: Sequence[Op]) -> None:
    with store.session() as session:
        session.connection().execute(
            update(SyncOp)
            .where(
                SyncOp.device_id == bindparam("d"),
                SyncOp.changeset == bindparam("c"),
                SyncOp.idx == bindparam("i"),
            )
            .values(on_server=True),
            [{"d": op.ref[0], "c": op.ref[1], "i": op.ref[2]} for op in ops],
        )


def cursor_of(session: Session) -> int:
    row = session.get(Meta, CURSOR)
    return int(row.value) if row else 0


def _held_devices(session: Session) -> set[str]:
    return set(session.scalars(select(SyncHeldOp.device_id).distinct()))


def release_held(store: Store) -> None:
    """Apply the held ops of devices whose clocks are plausible now (in server order)."""
    with store.session() as session:
        devices = sorted(_held_devices(session))
    for device_id in devices:
        with store.session() as session:
            rows = session.scalars(
                select(SyncHeldOp)
                .where(SyncHeldOp.device_id == device_id)
                .order_by(SyncHeldOp.server_seq)
            ).all()
            if max(row.wall for row in rows) > clock_of(session).now_ms() + FUTURE_LIMIT_MS:
                continue
            apply_ops(session, [op_from_row(r) for r in rows], bundle_seq=0, on_server=True)
            session.execute(delete(SyncHeldOp).where(SyncHeldOp.device_id == device_id))
            held = session.get(SyncQuarantine, (device_id, HELD))
            if held is not None:
                session.delete(held)


def held_problems(session: Session) -> list[str]:
    """One line per device whose changes are held back."""
    return [
        f"{plural(count, 'change')} from device {device_id} "
        f"{'is' if count == 1 else 'are'} stamped more than a day in the future "
        "(a wrong clock on that device); set aside for your coordinator"
        for device_id, count in session.execute(
            select(SyncHeldOp.device_id, func.count())
            .group_by(SyncHeldOp.device_id)
            .order_by(SyncHeldOp.device_id)
        )
    ]


def pull(
    store: Store, connection: psycopg.Connection[Any], key: bytes, *, batch_size: int = PULL_BATCH
) -> Batches:
    """What others pushed, by server sequence after the stored cursor: each batch applies in one
    transaction with the new cursor; ops stamped far ahead are held (see _split_future)."""
    me = store.device_id
    cipher = AESGCM(key)
    with store.session() as session:
        after = cursor_of(session)
    row = connection.execute(
        "SELECT count(*) FROM listening_post.ops WHERE seq > %s AND device_id <> %s", (after, me)
    ).fetchone()

    def batches(after: int) -> Iterator[Incoming]:
        while rows := connection.execute(_PULL, (me, after, batch_size)).fetchall():
            pulled, rejected = _open_all([row for row in rows if row[1] != me], cipher)
            after = int(rows[-1][0])
            yield Incoming(
                [item.op for item in pulled],
                steps=len(pulled),
                source=SOURCE,
                on_server=True,
                rejected=rejected,
                admit=functools.partial(_admit, pulled=pulled),
                mark_applied=functools.partial(_move_cursor, after=after),
            )

    return Batches(int(row[0]) if row else 0, batches(after))


def _admit(session: Session, ops: Sequence[Op], *, pulled: Sequence[ServerOp]) -> list[Op]:
    """Hold what is stamped far ahead; the rest applies now."""
    fresh, kept = _split_future(session, pulled)
    _hold(session, kept)
    return [item.op for item in fresh]


def _move_cursor(session: Session, *, after: int) -> None:
    session.merge(Meta(key=CURSOR, value=str(after)))


def _open_all(rows: Sequence[Any], cipher: AESGCM) -> tuple[list[ServerOp], list[SetAside]]:
    """Authenticate every pulled op; those that fail are set aside, the rest go on."""
    opened: list[ServerOp] = []
    rejected: list[SetAside] = []
    for row in rows:
        try:
            opened.append(open_op(row, cipher))
        except OpRejected as error:
            rejected.append(error.set_aside)
    return opened, rejected


def _split_future(
    session: Session, pulled: Sequence[ServerOp]
) -> tuple[list[ServerOp], list[ServerOp]]:
    """Ops stamped over a day ahead are held, with every later op of their device."""
    limit = clock_of(session).now_ms() + FUTURE_LIMIT_MS
    held_devices = _held_devices(session)
    fresh: list[ServerOp] = []
    kept: list[ServerOp] = []
    for item in pulled:
        device_id = item.op.ref[0]
        if device_id in held_devices or item.op.hlc.wall > limit:
            held_devices.add(device_id)
            kept.append(item)
        else:
            fresh.append(item)
    return fresh, kept


def _hold(session: Session, kept: Sequence[ServerOp]) -> None:
    for item in kept:
        row = op_row(item.op, None)
        del row["bundle_seq"]
        session.add(SyncHeldOp(server_seq=item.seq, **row))
        device_id = item.op.ref[0]
        if session.get(SyncQuarantine, (device_id, HELD)) is None:
            session.add(SyncQuarantine(device_id=device_id, name=HELD, seq=item.seq, reason=FUTURE))
            session.flush()


__all__ = [
    "BATCH",
    "CURSOR",
    "FUTURE_LIMIT_MS",
    "LAST_SYNC",
    "PASSWORD",
    "PULL_BATCH",
    "URL",
    "ServerLink",
    "check_own_history",
    "count_unpushed",
    "cursor_of",
    "held_problems",
    "pull",
    "release_held",
    "share_device_names",
]
