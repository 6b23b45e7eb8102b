"""Coordinators' receipts: how far a coordinator's store has received each device's changes.

A store marked as the coordinator's (a setting of that device, never synced) writes, after each
sync, one receipt row per device: "every change of device D up to changeset N is here". Rows are
synced like any record, so every laptop learns what the coordinator holds, whichever way it syncs
(folder or server). Bundles of one device are applied in order and a server's ops are pushed in
causal order, so the highest changeset held from a device means all before it are held too.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import Meta
from sync.core.schema import SyncOp, SyncReceipt

COORDINATOR = "sync.coordinator"  # "1" on the coordinator's store
DELETE_AFTER_SYNC = "sync.delete_after_sync"  # "1" on a shared or borrowed laptop


def setting(session: Session, key: str) -> bool:
    row = session.get(Meta, key)
    return row is not None and row.value == "1"


def set_setting(session: Session, key: str, on: bool) -> None:
    session.merge(Meta(key=key, value="1" if on else "0"))


def write_receipts(session: Session, me: str) -> bool:
    """On the coordinator's store: record what it now holds of every other device's changes.

    Returns whether any receipt moved on (then it is worth sending at once).
    """
    if not setting(session, COORDINATOR):
        return False
    held = session.execute(
        select(SyncOp.device_id, func.max(SyncOp.changeset)).group_by(SyncOp.device_id)
    ).all()
    mine = {
        row.device_id: row
        for row in session.scalars(select(SyncReceipt).where(SyncReceipt.coordinator_id == me))
    }
    moved = False
    for device_id, changeset in held:
        if device_id == me:
            continue
        row = mine.get(device_id)
        if row is None:
            session.add(SyncReceipt(coordinator_id=me, device_id=device_id, changeset=changeset))
            moved = True
        elif row.changeset < changeset:
            row.changeset = changeset
            moved = True
    session.flush()
    return moved


def receipts(session: Session) -> dict[str, dict[str, int]]:
    """coordinator's device id → {device id: highest changeset it holds}."""
    found: dict[str, dict[str, int]] = {}
    for row in session.scalars(select(SyncReceipt)):
        found.setdefault(row.coordinator_id, {})[row.device_id] = row.changeset
    return found


def held_by_a_coordinator(
    changes: Mapping[str, int], every_receipt: Mapping[str, Mapping[str, int]]
) -> bool:
    """Whether one coordinator's store holds all these changes ({device id: highest changeset})."""
    return any(
        all(device == coordinator or held.get(device, -1) >= top for device, top in changes.items())
        for coordinator, held in every_receipt.items()
    )


__all__ = [
    "COORDINATOR",
    "DELETE_AFTER_SYNC",
    "held_by_a_coordinator",
    "receipts",
    "set_setting",
    "setting",
    "write_receipts",
]
