"""The server's copies of forgotten text: sealed bodies replaced with what the op log now holds.

When this store's op log forgets an earlier text (sync.core.forget) of an op already on the
PostgreSQL server, the op's body there is sealed again from the log and replaced through the
server's `forget_body` function (devices may not update rows themselves). Every device that
forgets does this for the ops it knows are on the server, so the server forgets even if the
op's own device never syncs again; a purge needs none of this (the server erases on its own).
"""

from __future__ import annotations

from typing import Any

import psycopg
from sqlalchemy import and_, delete, select, tuple_

from models.database import Store
from sync.core.codec import op_from_row
from sync.core.oplog import OP_COLUMNS
from sync.core.schema import SyncOp, SyncServerRewrite
from sync.postgres_ops import seal_ops

_BATCH = 500
_FORGET = "SELECT listening_post.forget_body(%s, %s, %s, %s)"


def forget_on_server(store: Store, connection: psycopg.Connection[Any], key: bytes) -> list[str]:
    """Replace the server's bodies of the ops noted as forgotten; returns warnings."""
    while True:
        with store.session() as session:
            refs = [
                tuple(row)
                for row in session.execute(
                    select(
                        SyncServerRewrite.device_id,
                        SyncServerRewrite.changeset,
                        SyncServerRewrite.idx,
                    ).limit(_BATCH)
                )
            ]
            if not refs:
                return []
            rows = session.execute(
                select(*OP_COLUMNS).where(
                    and_(
                        tuple_(SyncOp.device_id, SyncOp.changeset, SyncOp.idx).in_(refs),
                        SyncOp.on_server.is_(True),
                        SyncOp.body != "{}",  # removed here only (delete after sync): theirs
                    )
                )
            ).all()
        ops = [op_from_row(row) for row in rows]
        try:
            with connection.transaction(), connection.cursor() as cursor:
                cursor.executemany(
                    _FORGET,
                    [(*op.ref, body) for op, body in zip(ops, seal_ops(ops, key), strict=True)],
                )
        except psycopg.errors.UndefinedFunction:
            return [
                "the server cannot yet forget earlier versions of edited text: ask the "
                "administrator to run server-init again (this device will retry)"
            ]
        with store.session() as session:
            session.execute(
                delete(SyncServerRewrite).where(
                    tuple_(
                        SyncServerRewrite.device_id,
                        SyncServerRewrite.changeset,
                        SyncServerRewrite.idx,
                    ).in_(refs)
                )
            )


__all__ = ["forget_on_server"]
