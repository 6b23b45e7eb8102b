"""The capture hooks: every change to a synced table becomes ops in the same transaction.

Mapper events see each row the ORM writes (including orphan deletes and row switches that never
show in `Session.deleted`), and `do_orm_execute` sees bulk `insert(Model)` statements such as the
sample-data generator's. Nothing is hooked at import: each entry point (main.py, the benchmarks,
the test fixtures) calls `sync.core.install` once, whose stand-ins (sync.core.hooks) call these.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, inspect
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, SessionTransaction, object_session

from sync.core.oplog import (
    DRAFTS,
    TX,
    Draft,
    OpLogError,
    capturing,
    current_changeset,
    inserted_drafts,
    write_drafts,
)
from sync.core.oplog_rows import with_defaults
from sync.core.ops import ADD, PURGE, PUT, REMOVE
from sync.core.tables import BY_MODEL, BY_TABLE, SyncedTable


def _row_values(target: Any, spec: SyncedTable) -> dict[str, Any]:
    names = (*spec.identity, *spec.fields)
    return {name: getattr(target, name) for name in names}


def _draft(kind: str, target: Any, changed: tuple[str, ...] = ()) -> None:
    spec = BY_MODEL.get(type(target))
    session = object_session(target)
    if spec is None or session is None or not capturing(session):
        return
    session.info.setdefault(DRAFTS, []).append(
        Draft(spec, kind, _row_values(target, spec), changed)
    )


def inserted(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    spec = BY_MODEL.get(type(target))
    if spec is not None:
        _draft(ADD if spec.link else PUT, target, (*spec.identity, *spec.fields))


def updated(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    spec = BY_MODEL.get(type(target))
    if spec is None:
        return
    state = inspect(target)
    changed = tuple(name for name in spec.fields if state.attrs[name].history.has_changes())
    identity_changed = any(state.attrs[name].history.has_changes() for name in spec.identity)
    if spec.link:
        # A row switch (delete and re-add of the same link) re-affirms the link: an add.
        if changed or identity_changed:
            _draft(ADD, target, spec.fields)
        return
    if identity_changed:
        raise OpLogError(f"the {spec.entity} key cannot change once made")
    if changed:
        # The ORM's onupdate stamp is not in the attribute history; it changed with the row.
        stamped = ("updated_at",) if "updated_at" in spec.fields else ()
        _draft(PUT, target, tuple(dict.fromkeys((*changed, *stamped))))


def deleted(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    spec = BY_MODEL.get(type(target))
    if spec is not None:
        # Records are deleted to the bin with `deleted_at`; a real DELETE is a purge (erasure).
        _draft(REMOVE if spec.link else PURGE, target)


def after_flush(session: Session, flush_context: Any) -> None:
    drafts: list[Draft] = session.info.pop(DRAFTS, [])
    if drafts and capturing(session):
        write_drafts(session.connection(), current_changeset(session), drafts)


def after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(TX, None)
        session.info.pop(DRAFTS, None)


def on_execute(state: ORMExecuteState) -> Any:
    session = state.session
    if not capturing(session) or not (state.is_insert or state.is_update or state.is_delete):
        return None
    table = getattr(state.statement, "table", None)
    spec = BY_TABLE.get(getattr(table, "name", ""))
    if spec is None:
        return None
    params: Any = state.parameters
    if state.is_update or state.is_delete or not params:
        raise OpLogError(
            f"bulk UPDATE/DELETE or INSERT … VALUES on {spec.table.name} would not sync; "
            "use the ORM, or insert(Model) with a list of rows"
        )
    rows = [
        with_defaults(spec, dict(row)) for row in (params if isinstance(params, list) else [params])
    ]
    write_drafts(session.connection(), current_changeset(session), inserted_drafts(spec, rows))
    # Execute with the very values logged (defaults filled in here, not by SQLAlchemy later).
    return state.invoke_statement(params=rows if isinstance(params, list) else rows[0])
