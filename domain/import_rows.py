"""Imports a checked workbook into the store in one transaction: every row, or nothing.

The caller owns the session and commits; any problem, error or cancel leaves the store as it was.
New rows go in as plain inserts that log their sync ops in the same call (insert_new_rows: many
times faster than one object per row, or the ORM's bulk insert); changed rows are updated
through their ORM objects, whose flush logs them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.audit import local_device_id
from domain.exchange import ImportBatch, ImportSummary
from domain.import_lookups import Plan, Write
from domain.import_plan import Planner
from domain.progress import Cancelled, NoProgress, Progress
from models.entities import (
    Action,
    Activity,
    ActivityGroup,
    AuditEntry,
    Group,
    Note,
    NoteGroup,
    NotePrinciple,
    NoteService,
    Service,
    Theme,
    ThemeNote,
)
from sync.core.oplog import insert_new_rows

_LINKS: dict[str, tuple[Any, str]] = {
    "groups": (NoteGroup, "group_id"),
    "principles": (NotePrinciple, "principle_number"),
    "services": (NoteService, "service_id"),
    "themes": (ThemeNote, "theme_id"),
}


def apply_import(
    session: Session, *, batch: ImportBatch, progress: Progress | None = None
) -> ImportSummary:
    """Check every row, then write them all; raises ImportRefused (listing every problem)
    before writing anything, and Cancelled if the person cancels (the caller rolls back)."""
    progress = progress or NoProgress()
    progress.report(0, 0, "Checking rows")
    plan = Planner(session, batch).run()
    return _Writer(session, plan, progress).write()


class _Writer:
    """Carries out a plan on the caller's session, changing only what differs."""

    def __init__(self, session: Session, plan: Plan, progress: Progress) -> None:
        self.session = session
        self.plan = plan
        self.progress = progress
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        self.counted: set[tuple[str, str]] = set()
        self.flagged = 0
        self.pending: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        self.device_id = local_device_id(session)
        self.total = len(plan.notes) + len(plan.activities) + len(plan.themes) + len(plan.actions)
        self.done = 0

    def write(self) -> ImportSummary:
        plan = self.plan
        for write in plan.groups:
            self._upsert("group", Group, write)
        for write in plan.services:
            self._upsert("service", Service, write)
        self._stage()
        for write in plan.activities:
            self._upsert("activity", Activity, write)
        self._stage()
        for write in plan.activities:
            self._groups_reached(write)
        for write in plan.themes:
            self._upsert("theme", Theme, write)
        self._stage()
        for write in plan.notes:
            self._upsert("note", Note, write)
        self._stage()
        for write in plan.notes:
            self._note_links(write)
        for write in plan.actions:
            self._upsert("action", Action, write)
        self._stage()
        updates = [
            (entity, write.entity_id)
            for entity, writes in (
                ("activity", plan.activities),
                ("theme", plan.themes),
                ("note", plan.notes),
                ("action", plan.actions),
            )
            for write in writes
            if write.existing is not None
        ]
        return ImportSummary(
            created=dict(self.created),
            updated=dict(self.updated),
            unchanged=plan.matched + sum(1 for key in updates if key not in self.counted),
            flagged_for_review=self.flagged,
        )

    def _stage(self) -> None:
        # Flush table by table: SQLite checks foreign keys statement by statement.
        if self.progress.cancelled:
            raise Cancelled
        insert_new_rows(self.session, list(self.pending.items()))  # flushes edits first
        self.pending.clear()
        self.progress.report(self.done, self.total, "Importing")

    def _changed(self, write: Write) -> dict[str, Any]:
        current = write.existing
        return {
            name: value for name, value in write.values.items() if getattr(current, name) != value
        }

    def _upsert(self, entity: str, model: Any, write: Write) -> None:
        self.done += 1
        if self.done % 1000 == 0 and self.progress.cancelled:
            raise Cancelled
        flag = write.values.get("needs_review") is True
        if write.existing is None:
            self.pending[model].append({"id": write.entity_id, **write.values})
            self._count(entity, write.entity_id, created=True)
            self.flagged += flag
            return
        changed = self._changed(write)
        if not changed:
            return
        self.flagged += flag and "needs_review" in changed
        for name, value in changed.items():
            setattr(write.existing, name, value)
        self._count(entity, write.entity_id, created=False)

    def _count(self, entity: str, entity_id: str, *, created: bool) -> None:
        if (entity, entity_id) in self.counted:
            return
        self.counted.add((entity, entity_id))
        verb = "create" if created else "update"
        (self.created if created else self.updated)[entity] += 1
        self.pending[AuditEntry].append(
            {
                "device_id": self.device_id,
                "action": f"import.{entity}.{verb}",
                "entity": entity,
                "entity_id": entity_id,
            }
        )

    def _groups_reached(self, write: Write) -> None:
        reached = write.links.get("reached")
        if reached is None:
            return
        wanted = {self.plan.group_ids[key]: count for key, count in reached.items()}
        if write.existing is None:
            self.pending[ActivityGroup].extend(
                {"activity_id": write.entity_id, "group_id": group_id, "count": count}
                for group_id, count in wanted.items()
            )
            return
        activity = write.existing or self.session.get(Activity, write.entity_id)
        assert activity is not None  # created in the stage before
        current = {link.group_id: link.count for link in activity.groups_reached}
        if current == wanted:
            return
        activity.groups_reached = [
            ActivityGroup(activity_id=write.entity_id, group_id=group_id, count=count)
            for group_id, count in wanted.items()
        ]
        if write.existing is not None:
            self._count("activity", write.entity_id, created=False)

    def _note_links(self, write: Write) -> None:
        have = self.plan.existing_links.get(write.entity_id, {})
        changed = False
        for family, wanted_keys in write.links.items():
            model, column = _LINKS[family]
            wanted = self._ids(family, wanted_keys)
            current = self._ids(family, have.get(family, set()))
            self.pending[model].extend(
                {"note_id": write.entity_id, column: value} for value in wanted - current
            )
            gone = current - wanted
            if gone:
                for link in self.session.scalars(
                    select(model).where(
                        model.note_id == write.entity_id, getattr(model, column).in_(gone)
                    )
                ):
                    self.session.delete(link)
            changed = changed or wanted != current
        if changed and write.existing is not None:
            self._count("note", write.entity_id, created=False)

    def _ids(self, family: str, keys: set[Any]) -> set[Any]:
        if family == "groups":
            return {self.plan.group_ids[key] for key in keys}
        if family == "services":
            return {self.plan.service_ids[key] for key in keys}
        return set(keys)
