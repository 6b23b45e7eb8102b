"""Themes ("you said") and their actions ("we did"): start, edit, file notes, bin and restore."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.changes import Changes, Outcome, returning
from domain import themes
from domain.theme_detail import FiledNotes, file_notes_under_theme
from domain.views import ActionView

THEMES = Changes(themes=True)
ACTIONS = Changes(actions=True)

start_theme = returning(THEMES, themes.create_theme)
save_theme = returning(THEMES, themes.update_theme)
add_notes_to_theme = returning(THEMES, themes.add_notes_to_theme)
remove_notes_from_theme = returning(THEMES, themes.remove_notes_from_theme)
bin_theme = returning(THEMES, themes.delete_theme)
restore_theme = returning(THEMES, themes.restore_theme)
bin_action = returning(ACTIONS, themes.delete_action)
restore_action = returning(ACTIONS, themes.restore_action)


def file_notes(
    session: Session, *, title: str, note_ids: Sequence[str], theme_id: str | None = None
) -> Outcome[FiledNotes]:
    """Add notes to a chosen theme, or the live one with this title, or a new one."""
    filed = file_notes_under_theme(session, title=title, note_ids=note_ids, theme_id=theme_id)
    return Outcome(filed, THEMES)


def save_action(
    session: Session, *, theme_id: str, action_id: str | None, values: dict[str, Any]
) -> Outcome[ActionView]:
    """A new action on the theme when `action_id` is empty, otherwise that action's fields."""
    if action_id:
        return Outcome(themes.update_action(session, action_id=action_id, **values), ACTIONS)
    rest = dict(values)
    what = rest.pop("what_we_did")
    action = themes.create_action(session, theme_id=theme_id, what_we_did=what, **rest)
    return Outcome(action, ACTIONS)
