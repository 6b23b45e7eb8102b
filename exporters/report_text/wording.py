"""Shared plain-language wording for reports: dates, statuses, sentences."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from domain.plain_words import long_date, with_full_stop
from domain.report_content import ContactDetails, ReportAction, ReportPeriod
from domain.vocabulary import OPEN_ACTION_STATUSES, ActionStatus, label

EASY_READ_MAX_WORDS: Final = 15

STANDARD_FORMATS: Final = "large print, Easy Read, another language, audio or braille"

__all__ = ["long_date", "with_full_stop"]


def other_formats(contact: ContactDetails) -> str:
    """How to ask for another format, in one paragraph (Accessible Information Standard)."""
    formats = contact.other_formats.strip().rstrip(".") or STANDARD_FORMATS
    return (
        f"You can ask for this report in {formats}. We can also arrange a British Sign "
        "Language or spoken language interpreter. Tell us what you need and we will record "
        "it, as the Accessible Information Standard asks us to."
    )


def period(covered: ReportPeriod) -> str:
    """The period a report covers, in words."""
    return f"{long_date(covered.period_start)} to {long_date(covered.period_end)}"


def late_words(action: ReportAction, today: dt.date | None) -> str:
    """ "This is late…" for a planned or in-progress action past its due date, else ""."""
    due = action.due_on
    open_ = action.status in OPEN_ACTION_STATUSES
    if not open_ or due is None or today is None or due >= today:
        return ""
    said = f"This is late: it was due {long_date(due)}."
    reason = action.late_reason.strip()
    if reason:
        return f"{said} Why: {with_full_stop(reason)}"
    return f"{said} We are sorry. We will give you a new date."


def action_line(action: ReportAction, today: dt.date | None = None) -> str:
    """One line describing an action and where it stands (and whether it is late)."""
    status = label(action.status)
    parts = [f"{status}: {with_full_stop(action.what_we_did)}"]
    if action.status is ActionStatus.NOT_POSSIBLE:
        reason = action.not_possible_reason.strip() or "No reason was recorded."
        parts.append(f"Why not: {with_full_stop(reason)}")
    late = late_words(action, today)
    if action.status is ActionStatus.DONE and action.completed_on:
        parts.append(f"Completed {long_date(action.completed_on)}.")
    elif late:
        parts.append(late)
    elif action.due_on and action.status in OPEN_ACTION_STATUSES:
        parts.append(f"Due {long_date(action.due_on)}.")
    if action.owner.strip():
        parts.append(f"Who: {with_full_stop(action.owner)}")
    return " ".join(parts)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    """Split plain text into sentences (one per line in Easy Read)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def too_long(sentence: str) -> bool:
    """Easy Read sentences have at most 15 words."""
    return len(sentence.split()) > EASY_READ_MAX_WORDS
