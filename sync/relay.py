"""Relaying: ops this device pulled from the PostgreSQL server travel on in its folder bundles.

A coordinator syncing with both the server and the shared folder is the only bridge between
server-only devices and folder-only laptops. It carries folder changes to the server by pushing
them; this module is the other direction: what it pulled is sealed into its next folder bundle
(format 2, each relayed op under its own device id), in causal order with its own changes, so a
folder-only laptop never meets an edit before the record it edits. Pulled ops wait with
`bundle_seq = 0`; once relayed they carry the number of the bundle that relayed them.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, bindparam, select, update
from sqlalchemy.orm import Session

from models.entities import Device, Meta
from sync.core import oplog
from sync.core.codec import op_from_row
from sync.core.ops import Op
from sync.core.schema import SyncOp

# Set by the PostgreSQL transport's first pull: a store without it has nothing to relay, so
# folder-only laptops never pay for the look-up.
_PULLED_MARK = "sync.postgres.cursor"
_WAITING = and_(SyncOp.bundle_seq == 0, SyncOp.on_server.is_(True))


def causal_order(op: Op) -> tuple[int, int, str, int, int]:
    """HLC order: an op always sorts after every op it was made on top of."""
    return (op.hlc.wall, op.hlc.counter, *op.ref)


def waiting_relays(session: Session, me: str, *, limit: int) -> list[Op]:
    """The first `limit` ops pulled from the server and not yet relayed, in causal order."""
    if session.get(Meta, _PULLED_MARK) is None:
        return []
    rows = session.execute(
        select(*oplog.OP_COLUMNS)
        .where(_WAITING, SyncOp.device_id != me)
        .order_by(SyncOp.wall, SyncOp.counter, SyncOp.device_id, SyncOp.changeset, SyncOp.idx)
        .limit(limit)
    ).all()
    return [op_from_row(row) for row in rows]


def device_names(session: Session, ops: Sequence[Op], me: str) -> dict[str, str]:
    """Display names of the relayed ops' devices, so folder readers can say who made them."""
    wanted = sorted({op.ref[0] for op in ops if op.ref[0] != me})
    if not wanted:
        return {}
    found: dict[str, str] = {
        device_id: name
        for device_id, name in session.execute(
            select(Device.id, Device.display_name).where(Device.id.in_(wanted))
        )
    }
    return {device_id: found.get(device_id, "") for device_id in wanted}


def mark_sealed(session: Session, ops: Sequence[Op], seq: int) -> None:
    """Record that these ops (own or relayed) went out in this device's bundle `seq`."""
    session.connection().execute(
        update(SyncOp)
        .where(
            SyncOp.device_id == bindparam("d"),
            SyncOp.changeset == bindparam("c"),
            SyncOp.idx == bindparam("i"),
        )
        .values(bundle_seq=seq),
        [{"d": op.ref[0], "c": op.ref[1], "i": op.ref[2]} for op in ops],
    )


def add_relayed_devices(session: Session, names: dict[str, str]) -> None:
    """Devices first heard of through a relay, named as the relaying device knew them."""
    for device_id, name in names.items():
        if session.get(Device, device_id) is None:
            session.add(Device(id=device_id, display_name=name or "?"))


__all__ = [
    "add_relayed_devices",
    "causal_order",
    "device_names",
    "mark_sealed",
    "waiting_relays",
]
