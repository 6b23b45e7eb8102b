"""Op capture's installation: light stand-ins for the hooks of sync.core.capture.

A store's sessions are hooked when it opens, but nothing writes before the window's first
paint; the op log's modules (and the ORM classes of its tables) are imported by the first
write, or by the app once it has painted, instead of at every start.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, SessionTransaction
from sqlalchemy.orm import sessionmaker as SessionMaker

from models import database
from models.entities import Base
from sync.core.clock import CLOCK, SYSTEM_CLOCK, Clock

# Sessions whose info carries CAPTURE log their changes as ops (sync.core.oplog.capturing).
CAPTURE = "oplog.capture"
_MAPPER_EVENTS = ("after_insert", "after_update", "after_delete")
_installed: list[Clock] = []


def install(clock: Clock | None = None) -> None:
    """Make every store opened from now on capture ops stamped by `clock` (entry points call it).

    Without a clock, an earlier installation's clock is kept (a test's clock survives the
    command-line entry point it runs), else the machine's clock is used.
    """
    if clock is None:
        clock = _installed[-1] if _installed else SYSTEM_CLOCK
    _installed[:] = [clock]
    for name, listener in zip(_MAPPER_EVENTS, (_inserted, _updated, _deleted), strict=True):
        if not event.contains(Base, name, listener):
            event.listen(Base, name, listener, propagate=True)

    chosen = clock

    def hook(sessions: SessionMaker[Session]) -> None:
        info = sessions.kw.setdefault("info", {})
        info[CAPTURE] = True
        info[CLOCK] = chosen
        event.listen(sessions, "after_flush", _after_flush)
        event.listen(sessions, "do_orm_execute", _on_execute)
        event.listen(sessions, "after_transaction_end", _after_transaction_end)

    database.set_session_hook("op capture", hook)


def load_capture() -> ModuleType:
    """The capture hooks themselves (the op log with them), imported on first use."""
    from sync.core import capture

    return capture


def _inserted(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    load_capture().inserted(mapper, connection, target)


def _updated(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    load_capture().updated(mapper, connection, target)


def _deleted(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    load_capture().deleted(mapper, connection, target)


def _after_flush(session: Session, flush_context: Any) -> None:
    load_capture().after_flush(session, flush_context)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    # Only the op log leaves state in a session: before it is imported there is none to clear.
    if "sync.core.oplog" in sys.modules:
        load_capture().after_transaction_end(session, transaction)


def _on_execute(state: ORMExecuteState) -> Any:
    # Every read passes here too: only a write needs the op log.
    if state.is_insert or state.is_update or state.is_delete:
        return load_capture().on_execute(state)
    return None
