"""Use cases for themes ("you said") and actions ("we did")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import audit
from domain.errors import InvalidInput, NotFound
from domain.pictures import BY_CODE
from domain.views import ActionView, ThemeView
from domain.vocabulary import ActionStatus, ThemeStatus, parse
from models.entities import Action, Note, Theme, ThemeNote
from models.ids import utc_now
from sync.core.tables import own_fields

# What people edit on a theme and an action: declared once, by the entities.
THEME_FIELDS = own_fields("theme")
ACTION_FIELDS = own_fields("action")


def _load_theme(session: Session, theme_id: str) -> Theme:
    theme = session.get(Theme, theme_id)
    if theme is None:
        raise NotFound("theme", theme_id)
    return theme


def _load_action(session: Session, action_id: str) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound("action", action_id)
    return action


def _check_theme_values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(THEME_FIELDS)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], "not a field of a theme")
    if "title" in values and not str(values["title"]).strip():
        raise InvalidInput("title", "a theme needs a title")
    if "status" in values:
        values["status"] = parse(ThemeStatus, values["status"], "status").value
    if values.get("picture") and values["picture"] not in BY_CODE:
        raise InvalidInput("picture", f"no Easy Read picture {values['picture']!r}")
    if values.get("report_back_on") is not None and not isinstance(values["report_back_on"], date):
        raise InvalidInput("report_back_on", "must be a date")
    if len(str(values.get("easy_read_title", ""))) > 120:
        raise InvalidInput("easy_read_title", "at most 120 characters: Easy Read titles are short")
    return values


def theme_view(session: Session, theme: Theme) -> ThemeView:
    note_ids = tuple(
        session.scalars(
            select(ThemeNote.note_id)
            .join(Note, Note.id == ThemeNote.note_id)
            .where(ThemeNote.theme_id == theme.id, Note.deleted_at.is_(None))
            .order_by(ThemeNote.note_id)
        )
    )
    return ThemeView(
        id=theme.id,
        title=theme.title,
        description=theme.description,
        easy_read_summary=theme.easy_read_summary,
        status=theme.status,
        note_ids=note_ids,
        deleted=theme.deleted_at is not None,
        easy_read_title=theme.easy_read_title,
        picture=theme.picture,
        report_back_on=theme.report_back_on,
    )


def create_theme(
    session: Session, *, title: str, note_ids: Sequence[str] = (), **values: Any
) -> ThemeView:
    cleaned = _check_theme_values({"title": title.strip(), **values})
    theme = Theme(**cleaned)
    session.add(theme)
    session.flush()
    audit.record(session, "theme.create", "theme", theme.id)
    if note_ids:
        add_notes_to_theme(session, theme_id=theme.id, note_ids=note_ids)
    return theme_view(session, theme)


def update_theme(session: Session, *, theme_id: str, **values: Any) -> ThemeView:
    theme = _load_theme(session, theme_id)
    for name, value in _check_theme_values(values).items():
        setattr(theme, name, value)
    session.flush()
    audit.record(session, "theme.update", "theme", theme.id)
    return theme_view(session, theme)


def add_notes_to_theme(session: Session, *, theme_id: str, note_ids: Sequence[str]) -> ThemeView:
    theme = _load_theme(session, theme_id)
    wanted = set(note_ids)
    known = set(session.scalars(select(Note.id).where(Note.id.in_(wanted))))
    if wanted - known:
        raise NotFound("note", sorted(wanted - known)[0])
    linked = set(session.scalars(select(ThemeNote.note_id).where(ThemeNote.theme_id == theme_id)))
    session.add_all(ThemeNote(theme_id=theme_id, note_id=n) for n in sorted(wanted - linked))
    session.flush()
    audit.record(session, "theme.add_notes", "theme", theme.id)
    return theme_view(session, theme)


def remove_notes_from_theme(
    session: Session, *, theme_id: str, note_ids: Sequence[str]
) -> ThemeView:
    theme = _load_theme(session, theme_id)
    for link in session.scalars(
        select(ThemeNote).where(ThemeNote.theme_id == theme_id, ThemeNote.note_id.in_(note_ids))
    ):
        session.delete(link)
    session.flush()
    audit.record(session, "theme.remove_notes", "theme", theme.id)
    return theme_view(session, theme)


def delete_theme(session: Session, *, theme_id: str) -> None:
    _load_theme(session, theme_id).deleted_at = utc_now()
    audit.record(session, "theme.delete", "theme", theme_id)


def restore_theme(session: Session, *, theme_id: str) -> None:
    _load_theme(session, theme_id).deleted_at = None
    audit.record(session, "theme.restore", "theme", theme_id)


def get_theme(session: Session, *, theme_id: str) -> ThemeView:
    return theme_view(session, _load_theme(session, theme_id))


@dataclass(frozen=True)
class ThemeTitle:
    """A live theme as lists of choices offer it."""

    id: str
    title: str


def theme_titles(session: Session) -> list[ThemeTitle]:
    """Every live theme's id and title, oldest first: without their notes, which list_themes
    reads for every theme (a third of a second at 100,000 notes)."""
    query = select(Theme.id, Theme.title).where(Theme.deleted_at.is_(None))
    rows = session.execute(query.order_by(Theme.created_at, Theme.id))
    return [ThemeTitle(theme_id, title) for theme_id, title in rows]


def list_themes(session: Session, *, include_deleted: bool = False) -> list[ThemeView]:
    query = select(Theme).order_by(Theme.created_at, Theme.id)
    if not include_deleted:
        query = query.where(Theme.deleted_at.is_(None))
    return [theme_view(session, theme) for theme in session.scalars(query)]


def _check_action_values(values: dict[str, Any], current: Action | None) -> dict[str, Any]:
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], "not a field of an action")
    if "what_we_did" in values and not str(values["what_we_did"]).strip():
        raise InvalidInput("what_we_did", "say what was done or decided")
    status = values.get("status", current.status if current else ActionStatus.PLANNED)
    status = parse(ActionStatus, status, "status")
    reason = values.get("not_possible_reason", current.not_possible_reason if current else "")
    if status is ActionStatus.NOT_POSSIBLE and not str(reason).strip():
        raise InvalidInput(
            "not_possible_reason", "say why the change is not possible: people are owed a reason"
        )
    for field in ("due_on", "completed_on", "fed_back_on"):
        if values.get(field) is not None and not isinstance(values[field], date):
            raise InvalidInput(field, "must be a date")
    return values


def _action_view(action: Action) -> ActionView:
    return ActionView(
        id=action.id,
        theme_id=action.theme_id,
        what_we_did=action.what_we_did,
        easy_read_summary=action.easy_read_summary,
        status=action.status,
        not_possible_reason=action.not_possible_reason,
        owner=action.owner,
        due_on=action.due_on,
        completed_on=action.completed_on,
        decision_forum=action.decision_forum,
        fed_back_on=action.fed_back_on,
        fed_back_how=action.fed_back_how,
        deleted=action.deleted_at is not None,
        late_reason=action.late_reason,
    )


def create_action(
    session: Session, *, theme_id: str, what_we_did: str, **values: Any
) -> ActionView:
    _load_theme(session, theme_id)
    cleaned = _check_action_values({"what_we_did": what_we_did, **values}, None)
    action = Action(theme_id=theme_id, **cleaned)
    session.add(action)
    session.flush()
    audit.record(session, "action.create", "action", action.id)
    return _action_view(action)


def update_action(session: Session, *, action_id: str, **values: Any) -> ActionView:
    action = _load_action(session, action_id)
    for name, value in _check_action_values(values, action).items():
        setattr(action, name, value)
    session.flush()
    audit.record(session, "action.update", "action", action.id)
    return _action_view(action)


def delete_action(session: Session, *, action_id: str) -> None:
    _load_action(session, action_id).deleted_at = utc_now()
    audit.record(session, "action.delete", "action", action_id)


def restore_action(session: Session, *, action_id: str) -> None:
    _load_action(session, action_id).deleted_at = None
    audit.record(session, "action.restore", "action", action_id)


def list_actions(session: Session, *, theme_id: str | None = None) -> list[ActionView]:
    query = select(Action).where(Action.deleted_at.is_(None))
    if theme_id is not None:
        query = query.where(Action.theme_id == theme_id)
    return [_action_view(a) for a in session.scalars(query.order_by(Action.created_at, Action.id))]
