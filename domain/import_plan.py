"""Checks every imported row against the store and plans the writes; writes nothing itself.

Every problem is collected (sheet, row, column, reason) so a person can fix them all at once.
The same rules as the app's own forms apply: the domain modules' field checks are reused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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
from domain.import_lookups import (
    Plan,
    Write,
    action_exists,
    current_links,
    load_by_id,
    note_bodies,
)
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
    Service,
    Theme,
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
        pending = self._taxonomy_rows_to_add(sheet, rows, known)
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
                self._add_taxonomy_row(row, known, model, target)
            pending = [row for row in pending if row not in ready]

    def _taxonomy_rows_to_add(self, sheet: str, rows: Sequence[Any], known: Taxonomy) -> list[Any]:
        sound = []
        for row in rows:
            if not self.faulty(sheet, row.row):
                sound.append(row)
            elif row.key and row.key not in known.ids:
                known.add(row.key, row.label, "")  # so rows naming it are not faulted too
        return [row for row in sound if row.key not in known.ids]

    @staticmethod
    def _add_taxonomy_row(row: Any, known: Taxonomy, model: Any, target: list[Write]) -> None:
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

    def _resolve(
        self, sheet: str, row: int, names: Sequence[str], family: str, resolve: Any
    ) -> list[Any]:
        found = []
        for name in names:
            try:
                found.append(resolve(name))
            except Unresolved as error:
                self.problem(sheet, row, self._family_column(sheet, family), str(error))
        return found

    def _family_column(self, sheet: str, family: str) -> str:
        """The column a tag family was read from: its ids, its labels or numbered columns."""
        candidates = (family, f"{family[:-1]}_labels", f"{family[:-1]}_1")
        return next((name for name in candidates if self.batch.column(sheet, name)), family)

    # -- activities --

    def _activities(self) -> None:
        seen: set[str] = set()
        ids = [row.id for row in self.batch.activities if row.id]
        existing = load_by_id(self.session, Activity, ids)
        for row in self.batch.activities:
            if self.faulty(ACTIVITIES, row.row):
                self.activities.add(row.id or new_id(), row.title, row.starts_at)
                continue
            values = self._activity_values(row)
            if values is None:
                continue
            current = existing.get(row.id) if row.id else None
            if self._already_in_store(row, values):
                self.plan.matched += 1
                continue
            if current is None and not self._complete_new_activity(row):
                continue
            reached = self._groups_reached(row)
            activity_id = row.id or new_id()
            if activity_id in seen:
                self.problem(ACTIVITIES, row.row, "id", "this activity appears twice")
                continue
            seen.add(activity_id)
            # A new activity without a start was refused above: one without is an update.
            starts = values.get("starts_at") or getattr(current, "starts_at", None)
            self.activities.add(activity_id, values.get("title", ""), starts)
            self.plan.activities.append(Write(activity_id, values, current, {"reached": reached}))

    def _complete_new_activity(self, row: ImportedActivity) -> bool:
        if row.kind is not None and row.starts_at is not None:
            return True
        missing = "kind" if row.kind is None else "starts_at"
        self.problem(ACTIVITIES, row.row, missing, "a new activity needs a kind and a start")
        return False

    def _already_in_store(self, row: ImportedActivity, values: dict[str, Any]) -> bool:
        """A row without an id that names an activity already held (same title and start)."""
        if row.id is not None or row.starts_at is None:
            return False
        return self.activities.matching(values["title"], row.starts_at) is not None

    def _groups_reached(self, row: ImportedActivity) -> dict[str, Any] | None:
        if row.groups_reached is None:
            return None
        names = [name for name, _ in row.groups_reached]
        keys = self._resolve(ACTIVITIES, row.row, names, "groups_reached", self.groups.key_for)
        counts = [count for _, count in row.groups_reached]
        return dict(zip(keys, counts, strict=False))

    def _activity_values(self, row: ImportedActivity) -> dict[str, Any] | None:
        raw = {
            name: getattr(row, name)
            for name in activity_rules.EDITABLE_FIELDS
            if getattr(row, name, None) is not None  # fields the workbook has no column for
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
        existing = load_by_id(self.session, Theme, [row.id for row in self.batch.themes if row.id])
        for row in self.batch.themes:
            if self.faulty(THEMES, row.row):
                self.themes.add(row.id or new_id(), row.title)
                continue
            raw = {
                name: getattr(row, name)
                for name in theme_rules.THEME_FIELDS
                if getattr(row, name, None) is not None  # fields the workbook has no column for
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
        existing = load_by_id(self.session, Note, ids)
        self.plan.existing_links = current_links(self.session, list(existing))
        known_bodies: dict[str, set[str]] = {}
        for row in self.batch.notes:
            if self.faulty(NOTES, row.row):
                continue
            activity_id = self._note_activity(row)
            values = self._note_values(row)
            links = self._note_links(row)
            if activity_id is None or values is None:
                continue
            current = existing.get(row.id) if row.id else None
            if row.id is None and self._seen_before(activity_id, values["body"], known_bodies):
                self.plan.matched += 1
                continue
            values["activity_id"] = activity_id
            _flag_and_date(values, row, current)
            self.plan.notes.append(Write(row.id or new_id(), values, current, links))

    def _seen_before(self, activity_id: str, body: str, known: dict[str, set[str]]) -> bool:
        """Whether the activity already has this text (in the store or earlier in the workbook)."""
        bodies = known.get(activity_id)
        if bodies is None:
            bodies = known[activity_id] = note_bodies(self.session, activity_id)
        key = normalised_body(body)
        if key in bodies:
            return True
        bodies.add(key)
        return False

    def _note_values(self, row: ImportedNote) -> dict[str, Any] | None:
        try:
            return note_rules._clean(dict(row.fields))
        except InvalidInput as error:
            self.problem(NOTES, row.row, error.field, error.reason)
            return None

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
        resolvers = {
            "groups": self.groups.key_for,
            "principles": self.principles.number_for,
            "services": self.services.key_for,
        }
        links: dict[str, Any] = {
            tag: set(self._resolve(NOTES, row.row, names, tag, resolvers[tag]))
            for tag, names in row.tags.items()
        }
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

    # -- actions --

    def _actions(self) -> None:
        existing = load_by_id(
            self.session, Action, [row.id for row in self.batch.actions if row.id]
        )
        seen: set[tuple[str, str]] = set()
        for row in self.batch.actions:
            if self.faulty(ACTIONS, row.row):
                continue
            theme_id = self._action_theme(row)
            if theme_id is None:
                continue
            current = existing.get(row.id) if row.id else None
            raw = {
                name: getattr(row, name)
                for name in theme_rules.ACTION_FIELDS
                if getattr(row, name, None) is not None  # fields the workbook has no column for
            }
            try:
                values = theme_rules._check_action_values(raw, current)
            except InvalidInput as error:
                self.problem(ACTIONS, row.row, error.field, error.reason)
                continue
            key = (theme_id, " ".join(row.what_we_did.split()).casefold())
            if row.id is None:
                if key in seen or action_exists(self.session, *key):
                    self.plan.matched += 1
                    continue
                seen.add(key)
            values["theme_id"] = theme_id
            self.plan.actions.append(Write(row.id or new_id(), values, current))

    def _action_theme(self, row: Any) -> str | None:
        if row.theme_id is not None:
            if row.theme_id in self.themes.ids:
                return str(row.theme_id)
            reason = "no theme with this id in the workbook or the store"
            self.problem(ACTIONS, row.row, "theme_id", reason)
            return None
        try:
            return self.themes.id_for(row.theme_ref)
        except Unresolved as error:
            self.problem(ACTIONS, row.row, "theme_ref", str(error))
            return None


def _flag_and_date(values: dict[str, Any], row: ImportedNote, current: Note | None) -> None:
    """New text goes through the identifier check; a new note keeps the workbook's time."""
    if (current is None or current.body != values["body"]) and find_identifiers(values["body"]):
        values["needs_review"] = True
    if current is None:
        values["created_at"] = row.created_at or utc_now().replace(microsecond=0)
