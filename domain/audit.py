"""The audit trail: one entry per write, naming the verb and the entity, never its text."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.entities import AuditEntry, Meta


def local_device_id(session: Session) -> str:
    device_id = session.info.get("device_id")
    if device_id is None:
        device_id = session.scalar(select(Meta.value).where(Meta.key == "device_id")) or ""
        session.info["device_id"] = device_id
    return str(device_id)


# A plain insert in the caller's transaction: entries are never read back as objects, and the
# unit of work would add a mapper and a row-id fetch to every save.
_INSERT = insert(AuditEntry)


def record(session: Session, action: str, entity: str, entity_id: str) -> None:
    values = {"action": action, "entity": entity, "entity_id": entity_id}
    session.connection().execute(_INSERT, {"device_id": local_device_id(session), **values})
