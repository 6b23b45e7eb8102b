"""Shared plain-language wording for reports: dates, statuses, sentences."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from domain.report_content import ReportAction, ReportPeriod
from domain.vocabulary import ActionStatus, label

EASY_READ_MAX_WORDS: Final = 15

OTHER_FORMATS: Final = (
    "You can ask for this report in another format. We can give you large print, Easy Read, "
    "or a copy in another language. We can also arrange British Sign Language or an "
    "interpreter. Tell us what you need and we will record it, as the Accessible Information "
    "Standard asks us to."
)


def long_date(day: dt.date) -> str:
    """1 April 2025 (no leading zero, month in words)."""
    return f"{day.day} {day:%B %Y}"


def period(covered: ReportPeriod) -> str:
    """The period a report covers, in words."""
    return f"{long_date(covered.period_start)} to {long_date(covered.period_end)}"


def action_line(action: ReportAction) -> str:
    """One line describing an action and where it stands."""
    status = label(action.status)
    parts = [f"{status}: {action.what_we_did.strip()}"]
    if action.status is ActionStatus.NOT_POSSIBLE:
        reason = action.not_possible_reason.strip() or "No reason was recorded."
        parts.append(f"Why not: {reason}")
    if action.status is ActionStatus.DONE and action.completed_on:
        parts.append(f"Completed {long_date(action.completed_on)}.")
    elif action.due_on and action.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS):
        parts.append(f"Due {long_date(action.due_on)}.")
    if action.owner.strip():
        parts.append(f"Who: {action.owner.strip()}.")
    return " ".join(parts)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    """Split plain text into sentences (one per line in Easy Read)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def too_long(sentence: str) -> bool:
    """Easy Read sentences have at most 15 words."""
    return len(sentence.split()) > EASY_READ_MAX_WORDS
