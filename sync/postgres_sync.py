"""Sync now through the organisation's PostgreSQL server: the same ops and merge as the folder.

`sync_with_postgres` has the shape of `folder_sync.sync_now` and returns its SyncReport
(`published` counts ops new to the server, `applied` pulled batches, `waiting` ops held back),
so the Sync page can offer either transport. Each batch commits on its own, on both sides: a
dropped connection or a killed server leaves whole batches done and the rest for next time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import update

from domain.progress import Progress
from models.database import Store
from models.entities import Meta
from sync.core.schema import SyncOp
from sync.errors import SyncError, SyncKeyError
from sync.exchange import Link, exchange
from sync.keys import fingerprint
from sync.postgres_connect import (
    ServerAddress,
    ServerUnavailable,
    connect,
    explain,
    parse_server_url,
)
from sync.postgres_schema import SCHEMA_VERSION
from sync.postgres_transport import ServerLink, check_own_history, share_device_names
from sync.report import SyncReport
from sync.server_state import (
    CURSOR,
    PASSWORD,
    SERVER_ID,
    URL,
    PostgresStatus,
    postgres_status,
)


@dataclass(frozen=True)
class PostgresTransport:
    """The organisation's PostgreSQL server; `password` when given now (else the kept one).

    `password`: the device's password if given now (then kept in the encrypted store for next
    time); otherwise the kept one, else libpq's own sources (pgpass, service file).
    `batch_size`: ops per batch both ways (default: BATCH to push, PULL_BATCH to pull).
    """

    url: str
    password: str | None = None
    batch_size: int | None = None

    def describe(self) -> str:
        return "the organisation server"

    @contextmanager
    def connect(self, store: Store, key: bytes, report: SyncReport) -> Iterator[Link]:
        """Connect, check schema, organisation, key and this device's history on the server."""
        address = parse_server_url(self.url)
        report.warnings.extend(address.warnings)
        with store.session() as session:
            kept = session.get(Meta, PASSWORD)
            password = (
                self.password if self.password is not None else (kept.value if kept else None)
            )
        try:
            # Autocommit: every batch makes its own explicit transaction, and reads see each commit.
            with connect(address, password, autocommit=True) as connection:
                _handshake(store, connection, address, key)
                check_own_history(store, connection)
                share_device_names(store, connection)
                yield ServerLink(store, connection, key, address, self.password, self.batch_size)
        except psycopg.Error as error:
            lost = explain(error, address)
            if isinstance(lost, ServerUnavailable):
                raise ServerUnavailable(
                    f"lost the connection to {address.describe()}; what was already sent or "
                    "received is kept and the next sync carries on"
                ) from None
            raise lost from None


def sync_with_postgres(
    store: Store,
    url: str,
    key: bytes,
    progress: Progress | None = None,
    *,
    password: str | None = None,
    batch_size: int | None = None,
) -> SyncReport:
    """One full sync with the server. Raises SyncError subclasses for whole-sync failures."""
    transport = PostgresTransport(url, password=password, batch_size=batch_size)
    return exchange(store, transport, key, progress)


def _handshake(
    store: Store, connection: psycopg.Connection[Any], address: ServerAddress, key: bytes
) -> None:
    """Check the schema, this device's organisation and the organisation key; note the server."""
    where = address.describe()
    try:
        row = connection.execute(
            "SELECT server_id::text, schema_version, listening_post.my_organisation() "
            "FROM listening_post.server"
        ).fetchone()
    except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
        raise SyncError(
            f"{where} has no Listening Post schema: ask the administrator to run server-init"
        ) from None
    except psycopg.errors.InsufficientPrivilege:
        raise SyncError(
            f"the user {address.user!r} is not a Listening Post device on {where}: ask the "
            "administrator for server-add-device"
        ) from None
    assert row is not None
    server_id, version, organisation = row
    if version > SCHEMA_VERSION:
        raise SyncError(f"{where} was set up by a newer Listening Post: update this app")
    if organisation is None:
        raise SyncError(
            f"the user {address.user!r} belongs to no organisation on {where}: ask the "
            "administrator for server-add-device"
        )
    mine = fingerprint(key)
    connection.execute(
        "INSERT INTO listening_post.key_checks (fingerprint) VALUES (%s) ON CONFLICT DO NOTHING",
        (mine,),
    )
    found = connection.execute("SELECT fingerprint FROM listening_post.key_checks").fetchone()
    if found is None or found[0] != mine:
        raise SyncKeyError(
            f"{organisation} syncs on {where} with a different organisation key "
            f"(fingerprint {found[0] if found else '?'}, yours is {mine})"
        )
    with store.session() as session:
        known = session.get(Meta, SERVER_ID)
        if known is None or known.value != server_id:
            # A new (or re-created) server: it has nothing of ours, so share everything again.
            session.execute(update(SyncOp).values(on_server=False))
            session.merge(Meta(key=CURSOR, value="0"))
            session.merge(Meta(key=SERVER_ID, value=server_id))


__all__ = [
    "PASSWORD",
    "URL",
    "PostgresStatus",
    "PostgresTransport",
    "postgres_status",
    "sync_with_postgres",
]
