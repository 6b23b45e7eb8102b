"""When a report's themes and actions are due, late or next reported on: plain data only (no
store), so the exporters can ask too."""

from __future__ import annotations

from datetime import date

from domain.report_content import ReportAction, ReportTheme
from domain.vocabulary import OPEN_ACTION_STATUSES

OPEN = OPEN_ACTION_STATUSES


def is_late(action: ReportAction, today: date) -> bool:
    """Planned or in progress, and its due date has passed."""
    return action.status in OPEN and action.due_on is not None and action.due_on < today


def report_back_date(theme: ReportTheme, today: date) -> date | None:
    """When we will next tell people about the theme: its own date, else the next due action."""
    if theme.report_back_on is not None and theme.report_back_on >= today:
        return theme.report_back_on
    due = [a.due_on for a in theme.actions if a.status in OPEN and a.due_on and a.due_on >= today]
    return min(due) if due else None
