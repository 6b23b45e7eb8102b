"""Checks every imported row against the store and plans the writes; writes nothing itself.

Every problem is collected (sheet, row, column, reason) so a person can fix them all at once.
The same rules as the app's own forms apply: the domain modules' field checks are reused.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import activities as activity_rules
from domain import notes as note_rules
from domain import themes as theme_rules
from domain.errors import InvalidInput
from domain.exchange import (
    ImportBatch,
    ImportedActivity,
    ImportedNote,
    ImportRefused,
    Problem,
)
from domain.identifiers import find_identifiers
from domain.import_refs import (
    Activities,
    Principles,
    Taxonomy,
    Themes,
    Unresolved,
    load_groups,
    load_services,
    normalised_body,
)
from models.entities import (
    Action,
    Activity,
    Group,
    Note,
    NoteGroup,
    NotePrinciple,
    NoteService,
    Service,
    Theme,
    ThemeNote,
)
from models.ids import new_id, utc_now

ACTIVITIES, NOTES, THEMES, ACTIONS, GROUPS, SERVICES = (
    "Activities",
    "Notes",
    "Themes",
    "Actions",
    "Groups",
    "Services",
)
_CHUNK = 500


@dataclass
class Write:
    """One row to create (existing is None) or bring up to date."""

    entity_id: str
    values: dict[str, Any]
    existing: Any = None
    links: dict[str, Any] = field(default_factory=dict)  # tag family → wanted keys


@dataclass
class Plan:
    groups: list[Write] = field(default_factory=list)
    services: list[Write] = field(default_factory=list)
    activities: list[Write] = field(default_factory=list)
    themes: list[Write] = field(default_factory=list)
    notes: list[Write] = field(default_factory=list)
    actions: list[Write] = field(default_factory=list)
    existing_links: dict[str, dict[str, set[Any]]] = field(default_factory=dict)
    matched: int = 0  # rows that matched a record by content key and so change nothing
    group_ids: dict[str, str] = field(default_factory=dict)
    service_ids: dict[str, str] = field(default_factory=dict)


class Planner:
    """Resolves and checks a batch. Single-use; runs on the caller's thread and session."""

    def __init__(self, session: Session, batch: ImportBatch) -> None:
        self.session = session
        self.batch = batch
        self.problems: list[Problem] = list(batch.problems)
        self.plan = Plan()
        self.groups: Taxonomy = load_groups(session)
        self.services: Taxonomy = load_services(session)
        self.principles = Principles(session)
        self.activities = Activities(session)
        self.themes = Themes(session)

    def problem(self, sheet: str, row: int, field_name: str, reason: str) -> None:
        self.problems.append(Problem(sheet, row, self.batch.column(sheet, field_name), reason))

    def faulty(self, sheet: str, row: int) -> bool:
        return (sheet, row) in self.batch.faulty_rows

    def run(self) -> Plan:
        self._taxonomy(GROUPS, self.batch.groups, self.groups, Group)
        self._taxonomy(SERVICES, self.batch.services, self.services, Service)
        self._activities()
        self._themes()
        self._notes()
        self._actions()
        if self.problems:
            raise ImportRefused(self.problems)
        self.plan.group_ids = self.groups.ids
        self.plan.service_ids = self.services.ids
        return self.plan

    # -- reference lists: additive, so a coordinator's own taxonomy edits are never undone --

    def _taxonomy(self, sheet: str, rows: Sequence[Any], known: Taxonomy, model: Any) -> None:
        for row in rows:
            if self.faulty(sheet, row.row) and row.key and row.key not in known.ids:
                known.add(row.key, row.label, "")  # so rows naming it are not faulted too
        pending = [
            row for row in rows if row.key not in known.ids and not self.faulty(sheet, row.row)
        ]
        target = self.plan.groups if model is Group else self.plan.services
        while pending:  # parents before children, whatever the order of the rows
            ready = [
                row for row in pending if getattr(row, "parent_key", None) in (None, *known.ids)
            ]
            if not ready:
                for row in pending:
                    self.problem(sheet, row.row, "parent_key", f"unknown parent {row.parent_key!r}")
                return
            for row in ready:
                row_id = new_id()
                values: dict[str, Any] = {"key": row.key, "label": row.label, "active": row.active}
                if model is Group:
                    values.update(
                        parent_id=known.ids[row.parent_key] if row.parent_key else None,
                        note=row.note,
                        source="imported",
                    )
                values["position"] = 10_000 + len(target)  # after the existing ones
                target.append(Write(row_id, values))
                known.add(row.key, row.label, row_id)
            pending = [row for row in pending if row not in ready]

    def _resolve(
        self, sheet: str, row: int, names: Sequence[str], family: str, resolve: Any
    ) -> list[Any]:
        found = []
        for name in names:
            try:
                found.append(resolve(name))
            except Unresolved as error:
                column = next(
                    (
                        f
                        for f in (family, f"{family[:-1]}_labels", f"{family[:-1]}_1")
                        if self.batch.column(sheet, f)
                    ),
                    family,
                )
                self.problem(sheet, row, column, str(error))
        return found

    # -- activities --

    def _activities(self) -> None:
        seen: set[str] = set()
        ids = [row.id for row in self.batch.activities if row.id]
        existing = self._load(Activity, ids)
        for row in self.batch.activities:
            if self.faulty(ACTIVITIES, row.row):
                self.activities.add(row.id or new_id(), row.title, row.starts_at)
                continue
            values = self._activity_values(row)
            if values is None:
                continue
            current = existing.get(row.id) if row.id else None
            if row.id is None and row.starts_at is not None:
                match = self.activities.matching(values["title"], row.starts_at)
                if match is not None:
                    self.plan.matched += 1
                    continue
            if current is None and (row.kind is None or row.starts_at is None):
                missing = "kind" if row.kind is None else "starts_at"
                self.problem(
                    ACTIVITIES, row.row, missing, "a new activity needs a kind and a start"
                )
                continue
            reached = None
            if row.groups_reached is not None:
                keys = self._resolve(
                    ACTIVITIES,
                    row.row,
                    [name for name, _ in row.groups_reached],
                    "groups_reached",
                    self.groups.key_for,
                )
                counts = [count for _, count in row.groups_reached]
                reached = dict(zip(keys, counts, strict=False))
            activity_id = row.id or new_id()
            if activity_id in seen:
                self.problem(ACTIVITIES, row.row, "id", "this activity appears twice")
                continue
            seen.add(activity_id)
            if "starts_at" in values:
                starts = values["starts_at"]
            else:
                assert current is not None  # a new activity without a start was refused above
                starts = current.starts_at
            self.activities.add(activity_id, values.get("title", ""), starts)
            self.plan.activities.append(Write(activity_id, values, current, {"reached": reached}))

    def _activity_values(self, row: ImportedActivity) -> dict[str, Any] | None:
        raw = {
            name: getattr(row, name)
            for name in activity_rules.EDITABLE_FIELDS
            if getattr(row, name) is not None
        }
        for listed in ("partners", "adjustments"):
            if listed in raw:
                raw[listed] = list(raw[listed])
        try:
            return activity_rules._clean(raw)
        except InvalidInput as error:
            self.problem(ACTIVITIES, row.row, error.field, error.reason)
            return None

    # -- themes --

    def _themes(self) -> None:
        existing = self._load(Theme, [row.id for row in self.batch.themes if row.id])
        for row in self.batch.themes:
            if self.faulty(THEMES, row.row):
                self.themes.add(row.id or new_id(), row.title)
                continue
            raw = {
                name: getattr(row, name)
                for name in theme_rules.THEME_FIELDS
                if getattr(row, name) is not None
            }
            try:
                values = theme_rules._check_theme_values(raw)
            except InvalidInput as error:
                self.problem(THEMES, row.row, error.field, error.reason)
                continue
            values["title"] = values["title"].strip()
            if row.id is None and self.themes.matching(row.title) is not None:
                self.plan.matched += 1
                continue
            theme_id = row.id or new_id()
            self.themes.add(theme_id, row.title)
            self.plan.themes.append(Write(theme_id, values, existing.get(theme_id)))

    # -- notes --

    def _notes(self) -> None:
        ids = [row.id for row in self.batch.notes if row.id]
        existing = self._load(Note, ids)
        self.plan.existing_links = self._links(list(existing))
        known_bodies: dict[str, set[str]] = {}
        for row in self.batch.notes:
            if self.faulty(NOTES, row.row):
                continue
            activity_id = self._note_activity(row)
            raw = {
                name: getattr(row, name)
                for name in note_rules.EDITABLE_FIELDS
                if getattr(row, name) is not None
            }
            try:
                values = note_rules._clean(raw)
            except InvalidInput as error:
                self.problem(NOTES, row.row, error.field, error.reason)
                continue
            links = self._note_links(row)
            if activity_id is None:
                continue
            current = existing.get(row.id) if row.id else None
            if row.id is None:
                bodies = known_bodies.get(activity_id)
                if bodies is None:
                    bodies = known_bodies[activity_id] = self._bodies(activity_id)
                key = normalised_body(values["body"])
                if key in bodies:
                    self.plan.matched += 1
                    continue
                bodies.add(key)
            values["activity_id"] = activity_id
            new_text = current is None or current.body != values["body"]
            if new_text and find_identifiers(values["body"]):
                values["needs_review"] = True
            if current is None:
                values["created_at"] = row.created_at or utc_now().replace(microsecond=0)
            self.plan.notes.append(Write(row.id or new_id(), values, current, links))

    def _note_activity(self, row: ImportedNote) -> str | None:
        if row.activity_id:
            if row.activity_id in self.activities.ids:
                return row.activity_id
            self.problem(
                NOTES,
                row.row,
                "activity_id",
                "no activity with this id in the workbook or the store",
            )
            return None
        if not row.activity_ref.strip():
            self.problem(NOTES, row.row, "activity_ref", "say which activity the note belongs to")
            return None
        try:
            return self.activities.id_for(row.activity_ref)
        except Unresolved as error:
            self.problem(NOTES, row.row, "activity_ref", str(error))
            return None

    def _note_links(self, row: ImportedNote) -> dict[str, Any]:
        links: dict[str, Any] = {}
        if row.groups is not None:
            links["groups"] = set(
                self._resolve(NOTES, row.row, row.groups, "groups", self.groups.key_for)
            )
        if row.principles is not None:
            links["principles"] = set(
                self._resolve(
                    NOTES, row.row, row.principles, "principles", self.principles.number_for
                )
            )
        if row.services is not None:
            links["services"] = set(
                self._resolve(NOTES, row.row, row.services, "services", self.services.key_for)
            )
        if row.theme_ids is not None:
            unknown = [t for t in row.theme_ids if t not in self.themes.ids]
            for theme_id in unknown:
                if theme_id in self.themes.deleted:
                    reason = f"theme {theme_id} is in the bin: restore it first, or remove it here"
                    self.problem(NOTES, row.row, "theme_ids", reason)
                    continue
                self.problem(
                    NOTES,
                    row.row,
                    "theme_ids",
                    f"no theme with id {theme_id} in the workbook or the store",
                )
            links["themes"] = set(row.theme_ids) - set(unknown)
        return links

    def _bodies(self, activity_id: str) -> set[str]:
        bodies = self.session.scalars(select(Note.body).where(Note.activity_id == activity_id))
        return {normalised_body(body) for body in bodies}

    def _links(self, note_ids: list[str]) -> dict[str, dict[str, set[Any]]]:
        """The current tags of notes the workbook updates, to change only what differs."""
        links: dict[str, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
        for start in range(0, len(note_ids), _CHUNK):
            chunk = note_ids[start : start + _CHUNK]
            queries = {
                "groups": select(NoteGroup.note_id, Group.key)
                .join(Group, Group.id == NoteGroup.group_id)
                .where(NoteGroup.note_id.in_(chunk)),
                "principles": select(NotePrinciple.note_id, NotePrinciple.principle_number).where(
                    NotePrinciple.note_id.in_(chunk)
                ),
                "services": select(NoteService.note_id, Service.key)
                .join(Service, Service.id == NoteService.service_id)
                .where(NoteService.note_id.in_(chunk)),
                "themes": select(ThemeNote.note_id, ThemeNote.theme_id)
                .join(Theme, Theme.id == ThemeNote.theme_id)
                .where(ThemeNote.note_id.in_(chunk), Theme.deleted_at.is_(None)),
            }
            for family, query in queries.items():
                for note_id, value in self.session.execute(query):
                    links[note_id][family].add(value)
        return links

    # -- actions --

    def _actions(self) -> None:
        existing = self._load(Action, [row.id for row in self.batch.actions if row.id])
        seen: set[tuple[str, str]] = set()
        for row in self.batch.actions:
            if self.faulty(ACTIONS, row.row):
                continue
            theme_id = row.theme_id
            if theme_id is not None and theme_id not in self.themes.ids:
                self.problem(
                    ACTIONS,
                    row.row,
                    "theme_id",
                    "no theme with this id in the workbook or the store",
                )
                continue
            if theme_id is None:
                try:
                    theme_id = self.themes.id_for(row.theme_ref)
                except Unresolved as error:
                    self.problem(ACTIONS, row.row, "theme_ref", str(error))
                    continue
            current = existing.get(row.id) if row.id else None
            raw = {
                name: getattr(row, name)
                for name in theme_rules.ACTION_FIELDS
                if getattr(row, name) is not None
            }
            try:
                values = theme_rules._check_action_values(raw, current)
            except InvalidInput as error:
                self.problem(ACTIONS, row.row, error.field, error.reason)
                continue
            key = (theme_id, " ".join(row.what_we_did.split()).casefold())
            if row.id is None:
                if key in seen or self._action_exists(*key):
                    self.plan.matched += 1
                    continue
                seen.add(key)
            values["theme_id"] = theme_id
            self.plan.actions.append(Write(row.id or new_id(), values, current))

    def _action_exists(self, theme_id: str, what: str) -> bool:
        texts = self.session.scalars(select(Action.what_we_did).where(Action.theme_id == theme_id))
        return any(" ".join(text.split()).casefold() == what for text in texts)

    def _load(self, model: Any, ids: list[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            found.update(
                (row.id, row)
                for row in self.session.scalars(select(model).where(model.id.in_(chunk)))
            )
        return found
