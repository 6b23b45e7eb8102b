"""What the store keeps about the organisation server, readable without the PostgreSQL driver.

The Sync page shows the server's status on every visit; importing psycopg for that would cost
more than the rest of the page, so the keys and the status read live here, apart from the
modules that talk to the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from models.entities import Meta
from models.tallies import store_tally
from sync.core.schema import SyncConflict, SyncHeldOp, SyncQuarantine

CURSOR = "sync.postgres.cursor"
URL = "sync.postgres.url"
PASSWORD = "sync.postgres.password"
LAST_SYNC = "sync.postgres.last_sync_at"
SERVER_ID = "sync.postgres.server_id"

UNPUSHED = text("on_server = 0")  # exactly the partial index's condition, so SQLite uses it


@dataclass(frozen=True)
class PostgresStatus:
    last_sync_at: datetime | None
    server: str | None
    changes_waiting: int
    held: int
    conflicts: int
    quarantined: int


def count_unpushed(session: Session) -> int:
    """Ops the server lacks, kept by a trigger: counting them read every op until a first sync."""
    return store_tally(session, "ops_off_server")


def _count(session: Session, model: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def postgres_status(session: Session) -> PostgresStatus:
    """What the Sync page shows for the server: last sync, changes not yet sent, held ops."""
    last = session.get(Meta, LAST_SYNC)
    server = session.get(Meta, URL)
    return PostgresStatus(
        last_sync_at=datetime.fromisoformat(last.value) if last else None,
        server=server.value if server else None,
        changes_waiting=count_unpushed(session),
        held=_count(session, SyncHeldOp),
        conflicts=_count(session, SyncConflict),
        quarantined=_count(session, SyncQuarantine),
    )
