"""Retention as people run it: see the rules and what is due, change a rule, purge after a yes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.changes import Changes
from domain.retention import Period, RecordKind, Rule, retention_rules, set_rule
from domain.retention_due import Due, due_for_purge, purge_due
from models.database import Store
from sync.receipts import COORDINATOR, DELETE_AFTER_SYNC, set_setting, setting


@dataclass(frozen=True)
class DeviceRetention:
    """This laptop's own settings (never synced)."""

    delete_after_sync: bool  # let go of notes once the coordinator's store holds them
    coordinator: bool  # this is the coordinator's store: it acknowledges what it received


@dataclass(frozen=True)
class RetentionView:
    rules: tuple[Rule, ...]
    due: tuple[Due, ...]
    device: DeviceRetention


def read_retention(session: Session) -> RetentionView:
    """The rules, what is past its date now, and this laptop's settings."""
    device = DeviceRetention(setting(session, DELETE_AFTER_SYNC), setting(session, COORDINATOR))
    return RetentionView(retention_rules(session), due_for_purge(session), device)


def retention_view(store: Store) -> RetentionView:
    with store.read_session() as session:
        return read_retention(session)


def change_device_settings(
    store: Store, *, delete_after_sync: bool | None = None, coordinator: bool | None = None
) -> Changes:
    """Turn delete-after-sync or the coordinator's role on or off for this laptop only."""
    with store.session() as session:
        if delete_after_sync is not None:
            set_setting(session, DELETE_AFTER_SYNC, delete_after_sync)
        if coordinator is not None:
            set_setting(session, COORDINATOR, coordinator)
    return Changes(settings=True)


def change_rules(store: Store, periods: dict[RecordKind, Period]) -> tuple[Rule, ...]:
    """Set the organisation's rules (every device follows them after its next sync)."""
    with store.session() as session:
        for kind, period in periods.items():
            set_rule(session, kind, period)
        return retention_rules(session)


def apply_retention(store: Store, due: Sequence[Due]) -> tuple[dict[RecordKind, int], Changes]:
    """Purge what was listed and confirmed; every other device purges it at its next sync."""
    with store.session() as session:
        counts = purge_due(session, due, device_id=store.device_id)
    if not counts:
        return counts, Changes()
    with store.engine.connect() as connection:
        # The WAL still holds the pages as they were before the purge: fold it in and empty it.
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return counts, Changes(notes=True, activities=True, themes=True, actions=True)


__all__ = [
    "DeviceRetention",
    "RetentionView",
    "apply_retention",
    "change_device_settings",
    "change_rules",
    "read_retention",
    "retention_view",
]
