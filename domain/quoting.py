"""The one privacy rule for quotes: whether a note may be quoted in a report, and why not."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class QuoteFacts(Protocol):
    """What the rule reads about a note (report_content.Quote has exactly these)."""

    @property
    def consent_to_quote(self) -> bool: ...

    @property
    def safeguarding(self) -> bool: ...

    @property
    def needs_review(self) -> bool: ...

    @property
    def has_identifiers(self) -> bool: ...  # domain.identifiers.find_identifiers found some


class NotQuoted(StrEnum):
    """Why a note may not be quoted, in the words shown to the worker."""

    SAFEGUARDING = "safeguarding"
    NO_CONSENT = "no consent to quote"
    WAITING_FOR_REVIEW = "waiting for review"
    PERSONAL_IDENTIFIERS = "personal identifiers"


@dataclass(frozen=True)
class QuoteDecision:
    allowed: bool
    reason: NotQuoted | None = None


QUOTABLE = QuoteDecision(True)


def quote_decision(note: QuoteFacts) -> QuoteDecision:
    """May this note be quoted? When not, the one reason a reviewer most needs to see.

    The reasons are checked in this order, so each note is counted once, under the first:
    safeguarding (never quoted, whatever else holds), then consent, then a review still pending
    (the capture box kept it for a person to check), then identifiers found in its text.
    """
    if note.safeguarding:
        return QuoteDecision(False, NotQuoted.SAFEGUARDING)
    if not note.consent_to_quote:
        return QuoteDecision(False, NotQuoted.NO_CONSENT)
    if note.needs_review:
        return QuoteDecision(False, NotQuoted.WAITING_FOR_REVIEW)
    if note.has_identifiers:
        return QuoteDecision(False, NotQuoted.PERSONAL_IDENTIFIERS)
    return QUOTABLE


def reasons_not_quoted(notes: Iterable[QuoteFacts]) -> Counter[NotQuoted]:
    """How many of these notes may not be quoted, by reason (quotable ones are not counted)."""
    return Counter(
        decision.reason for decision in map(quote_decision, notes) if decision.reason is not None
    )
