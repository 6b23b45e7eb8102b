"""Editing the taxonomies: add, rename, move, retire and reinstate groups and services.

Retiring never deletes: a retired group or service stays on the notes already tagged with it
and disappears only from the pickers. The 10 principles are fixed and read-only.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain import audit
from domain.errors import InvalidInput, NotFound
from domain.views import GroupView, PrincipleView, ServiceView
from models.entities import Group, Principle, Service

MAX_LABEL_LENGTH = 200
_NOT_KEY = re.compile(r"[^a-z0-9]+")


def _clean_label(label: str) -> str:
    label = " ".join(str(label).split())
    if not label:
        raise InvalidInput("label", "give a name")
    if len(label) > MAX_LABEL_LENGTH:
        raise InvalidInput("label", f"longer than {MAX_LABEL_LENGTH} characters")
    return label


def _unique_key(session: Session, model: type[Group] | type[Service], label: str) -> str:
    """A readable key from the label ("Young carers" → "young-carers"), made unique."""
    base = _NOT_KEY.sub("-", label.lower()).strip("-")[:70] or "item"
    taken = set(session.scalars(select(model.key).where(model.key.like(f"{base}%"))))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _next_position(session: Session, model: type[Group] | type[Service]) -> int:
    return int(session.scalar(select(func.coalesce(func.max(model.position), 0))) or 0) + 1


# ----- groups -------------------------------------------------------------------------------


def _load_group(session: Session, key: str) -> Group:
    group = session.scalars(select(Group).where(Group.key == key)).one_or_none()
    if group is None:
        raise NotFound("group", key)
    return group


def _group_views(session: Session, groups: list[Group]) -> list[GroupView]:
    keys = {gid: key for gid, key in session.execute(select(Group.id, Group.key))}
    return [
        GroupView(
            id=g.id,
            key=g.key,
            label=g.label,
            parent_key=keys.get(g.parent_id) if g.parent_id else None,
            active=g.active,
            note=g.note,
        )
        for g in groups
    ]


def list_groups(session: Session, *, include_retired: bool = True) -> list[GroupView]:
    """Groups in tree order (each parent followed by its children), by position."""
    groups = list(session.scalars(select(Group).order_by(Group.position, Group.label)))
    children: dict[str | None, list[Group]] = {}
    for group in groups:
        children.setdefault(group.parent_id, []).append(group)
    ordered: list[Group] = []

    def walk(parent_id: str | None) -> None:
        for group in children.get(parent_id, []):
            if include_retired or group.active:
                ordered.append(group)
                walk(group.id)

    walk(None)
    return _group_views(session, ordered)


def get_group(session: Session, *, key: str) -> GroupView:
    return _group_views(session, [_load_group(session, key)])[0]


def add_group(
    session: Session, *, label: str, parent_key: str | None = None, note: str = ""
) -> GroupView:
    label = _clean_label(label)
    parent = _load_group(session, parent_key) if parent_key else None
    group = Group(
        key=_unique_key(session, Group, label),
        label=label,
        parent_id=parent.id if parent else None,
        source="added here",
        note=note.strip(),
        position=_next_position(session, Group),
    )
    session.add(group)
    session.flush()
    audit.record(session, "group.add", "group", group.id)
    return get_group(session, key=group.key)


def rename_group(session: Session, *, key: str, label: str) -> GroupView:
    """Change what people see; the key (used by filters, exports and sync) stays."""
    group = _load_group(session, key)
    group.label = _clean_label(label)
    session.flush()
    audit.record(session, "group.rename", "group", group.id)
    return get_group(session, key=key)


def move_group(session: Session, *, key: str, parent_key: str | None) -> GroupView:
    """Put a group under another parent (None: top level); a group never goes under itself."""
    group = _load_group(session, key)
    parent = _load_group(session, parent_key) if parent_key else None
    ancestor = parent
    while ancestor is not None:
        if ancestor.id == group.id:
            raise InvalidInput("parent", "a group cannot go inside itself or its own sub-groups")
        ancestor = session.get(Group, ancestor.parent_id) if ancestor.parent_id else None
    group.parent_id = parent.id if parent else None
    group.position = _next_position(session, Group)
    session.flush()
    audit.record(session, "group.move", "group", group.id)
    return get_group(session, key=key)


def retire_group(session: Session, *, key: str) -> GroupView:
    return _set_group_active(session, key, active=False)


def reinstate_group(session: Session, *, key: str) -> GroupView:
    return _set_group_active(session, key, active=True)


def _set_group_active(session: Session, key: str, *, active: bool) -> GroupView:
    group = _load_group(session, key)
    group.active = active
    session.flush()
    audit.record(session, "group.reinstate" if active else "group.retire", "group", group.id)
    return get_group(session, key=key)


# ----- services -----------------------------------------------------------------------------


def _load_service(session: Session, key: str) -> Service:
    service = session.scalars(select(Service).where(Service.key == key)).one_or_none()
    if service is None:
        raise NotFound("service", key)
    return service


def _service_view(service: Service) -> ServiceView:
    return ServiceView(id=service.id, key=service.key, label=service.label, active=service.active)


def list_services(session: Session, *, include_retired: bool = True) -> list[ServiceView]:
    query = select(Service).order_by(Service.position, Service.label)
    if not include_retired:
        query = query.where(Service.active.is_(True))
    return [_service_view(s) for s in session.scalars(query)]


def add_service(session: Session, *, label: str) -> ServiceView:
    label = _clean_label(label)
    service = Service(
        key=_unique_key(session, Service, label),
        label=label,
        position=_next_position(session, Service),
    )
    session.add(service)
    session.flush()
    audit.record(session, "service.add", "service", service.id)
    return _service_view(service)


def rename_service(session: Session, *, key: str, label: str) -> ServiceView:
    service = _load_service(session, key)
    service.label = _clean_label(label)
    session.flush()
    audit.record(session, "service.rename", "service", service.id)
    return _service_view(service)


def retire_service(session: Session, *, key: str) -> ServiceView:
    return _set_service_active(session, key, active=False)


def reinstate_service(session: Session, *, key: str) -> ServiceView:
    return _set_service_active(session, key, active=True)


def _set_service_active(session: Session, key: str, *, active: bool) -> ServiceView:
    service = _load_service(session, key)
    service.active = active
    session.flush()
    action = "service.reinstate" if active else "service.retire"
    audit.record(session, action, "service", service.id)
    return _service_view(service)


# ----- principles ---------------------------------------------------------------------------


def list_principles(session: Session) -> list[PrincipleView]:
    """The 10 principles, fixed reference data (read-only everywhere)."""
    return [
        PrincipleView(number=p.number, short=p.short, text=p.text)
        for p in session.scalars(select(Principle).order_by(Principle.number))
    ]
