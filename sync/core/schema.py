"""Tables of the sync machinery: op log, clock, bundles seen or written, quarantine, conflicts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.entities import Base
from models.ids import utc_now


class SyncOp(Base):
    """One op of the log, local or received. (device_id, changeset, idx) is its idempotency key.

    `bundle_seq` is NULL while a local op waits in the outbox; received ops carry the sequence
    number of the bundle they came in (0 for ops pulled from a PostgreSQL server until this
    device relays them into one of its own folder bundles, whose number they then carry).
    `on_server` is true once the op is known to be on the PostgreSQL server (pushed or pulled).
    """

    __tablename__ = "sync_ops"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    changeset: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    wall: Mapped[int] = mapped_column(Integer)
    counter: Mapped[int] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text, default="{}")
    bundle_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    # Server default only: inserts that do not name it (such as migration 0003's, run before
    # this column existed) leave it out of the statement.
    on_server: Mapped[bool] = mapped_column(Boolean, server_default=text("0"))

    __table_args__ = (
        Index("ix_sync_ops_key", "entity", "key"),
        # The outbox: what the next bundle holds; partial, so its cost follows the changes.
        # Only local ops are ever unsealed, so the outbox needs no device column.
        Index("ix_sync_ops_outbox", "changeset", "idx", sqlite_where=text("bundle_seq IS NULL")),
        # What the PostgreSQL server lacks, in causal (HLC) order: pushing in this order means a
        # reader pulling by server sequence never meets a change before the one it depends on.
        Index(
            "ix_sync_ops_server_outbox",
            "wall",
            "counter",
            "device_id",
            "changeset",
            "idx",
            sqlite_where=text("on_server = 0"),
        ),
    )


class SyncClock(Base):
    """This device's hybrid logical clock and counters (one row, id 1), persisted with each op."""

    __tablename__ = "sync_clock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    wall: Mapped[int] = mapped_column(Integer, default=0)
    counter: Mapped[int] = mapped_column(Integer, default=0)
    changeset: Mapped[int] = mapped_column(Integer, default=0)
    bundle_seq: Mapped[int] = mapped_column(Integer, default=0)


class SyncBundle(Base):
    """A bundle this device wrote ('out') or applied ('in').

    An outgoing bundle keeps its bytes until published, so a crash between sealing and writing
    the file republishes exactly the same file (never a second file with the same sequence).
    `published_at` is when an outgoing file was written, or when an incoming bundle was applied.
    """

    __tablename__ = "sync_bundles"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    direction: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(80))
    sha256: Mapped[str] = mapped_column(String(64))
    op_count: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    published_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    # A bundle rewritten after history was forgotten keeps its number under a new file name:
    # `original` is the SHA-256 of its first file (what identifies it across rewrites), NULL
    # until it is first rewritten; `revision` counts the rewrites.
    original: Mapped[str | None] = mapped_column(String(64), default=None)
    revision: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)


# Why a bundle was set aside, and a coordinator's decision kept as a prefix of `reason` (so the
# cause stays visible and no schema change was needed): released bundles apply at the next sync,
# discarded ones are never applied and no longer listed as waiting for a decision.
QUARANTINE_CLONED, QUARANTINE_FUTURE = "cloned device", "future clock"
RELEASED, DISCARDED = "released: ", "discarded: "


class SyncQuarantine(Base):
    """A bundle set aside for a coordinator: a cloned device, or ops stamped far in the future.

    `reason` is a cause (QUARANTINE_*), optionally prefixed with RELEASED or DISCARDED.
    """

    __tablename__ = "sync_quarantine"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    seen_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class SyncConflict(Base):
    """A free-text field with two or more concurrent versions; `heads` is JSON (ref, hlc, text)."""

    __tablename__ = "sync_conflicts"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    heads: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class SyncHeldOp(Base):
    """An op pulled from the PostgreSQL server but held back: stamped far in the future.

    Later ops of the same device are held too (they may depend on it), until its clock is
    plausible again; a SyncQuarantine row (name "postgres") tells the coordinator.
    """

    __tablename__ = "sync_held_ops"
    server_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    device_id: Mapped[str] = mapped_column(String(36))
    changeset: Mapped[int] = mapped_column(Integer)
    idx: Mapped[int] = mapped_column(Integer)
    wall: Mapped[int] = mapped_column(Integer)
    counter: Mapped[int] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_sync_held_ops_device", "device_id", "server_seq"),)


class SyncSetAside(Base):
    """A received op set aside, never applied: it failed authentication or names something this
    store does not know (an unknown entity, group or service, a malformed key or value).

    Only the op's id and what it touched are kept, never its content; `source` says where it came
    from (a bundle's file name, or "postgres").
    """

    __tablename__ = "sync_set_aside"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    changeset: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class SyncReceipt(Base):
    """How far a coordinator's store has received each device's changes: every op of
    `device_id` up to `changeset` is in that store. Written by the coordinator's store after it
    syncs (a synced table, so every device learns it), read by delete-after-sync.
    """

    __tablename__ = "sync_receipts"
    coordinator_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    changeset: Mapped[int] = mapped_column(Integer)


class SyncForgotten(Base):
    """A record removed from this device only (delete after sync), never from anyone else's.

    Received changes to it are logged without their content and never bring its row back.
    """

    __tablename__ = "sync_forgotten"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    forgotten_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class SyncBundleRewrite(Base):
    """One of this device's published bundles holding text the op log has since forgotten:
    rewritten (same number, new file) at the next folder sync."""

    __tablename__ = "sync_bundle_rewrites"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class SyncServerRewrite(Base):
    """An op whose forgotten text the PostgreSQL server may still hold: its sealed body there is
    replaced with the forgetting version at the next server sync."""

    __tablename__ = "sync_server_rewrites"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    changeset: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


__all__ = [
    "DISCARDED",
    "QUARANTINE_CLONED",
    "QUARANTINE_FUTURE",
    "RELEASED",
    "SyncBundle",
    "SyncBundleRewrite",
    "SyncClock",
    "SyncConflict",
    "SyncForgotten",
    "SyncHeldOp",
    "SyncOp",
    "SyncQuarantine",
    "SyncReceipt",
    "SyncServerRewrite",
    "SyncSetAside",
]
