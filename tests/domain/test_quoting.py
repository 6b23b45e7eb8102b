"""The one privacy rule for quotes, and the readiness counts and the report agreeing on it."""

from __future__ import annotations

from dataclasses import replace
from itertools import product
from pathlib import Path
from typing import Any

import pytest

from domain.loop import report_readiness
from domain.quoting import QUOTABLE, NotQuoted, QuoteDecision, quote_decision, reasons_not_quoted
from domain.report_content import Quote
from domain.reports import community_report_content
from domain.selection import Selection
from exporters.pdf import build_community_report
from models.database import Store

SHOWABLE = Quote(
    note_id="n1",
    text="The bus never comes on time",
    speaker="Parent, LS8",
    consent_to_quote=True,
    safeguarding=False,
    has_identifiers=False,
    needs_review=False,
)


def test_a_note_with_consent_and_nothing_to_hide_may_be_quoted() -> None:
    assert quote_decision(SHOWABLE) == QUOTABLE == QuoteDecision(True, None)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"safeguarding": True}, NotQuoted.SAFEGUARDING),
        ({"consent_to_quote": False}, NotQuoted.NO_CONSENT),
        ({"needs_review": True}, NotQuoted.WAITING_FOR_REVIEW),
        ({"has_identifiers": True}, NotQuoted.PERSONAL_IDENTIFIERS),
    ],
)
def test_each_reason_on_its_own(change: dict[str, Any], reason: NotQuoted) -> None:
    assert quote_decision(replace(SHOWABLE, **change)) == QuoteDecision(False, reason)


def test_every_combination_gives_the_first_reason_in_order() -> None:
    for safeguarding, consent, review, identifiers in product((False, True), repeat=4):
        quote = replace(
            SHOWABLE,
            safeguarding=safeguarding,
            consent_to_quote=consent,
            needs_review=review,
            has_identifiers=identifiers,
        )
        decision = quote_decision(quote)
        expected = (
            NotQuoted.SAFEGUARDING
            if safeguarding
            else NotQuoted.NO_CONSENT
            if not consent
            else NotQuoted.WAITING_FOR_REVIEW
            if review
            else NotQuoted.PERSONAL_IDENTIFIERS
            if identifiers
            else None
        )
        assert decision.reason == expected
        assert decision.allowed is (expected is None)


def test_readiness_counts_what_the_report_leaves_out(sample_store: Store, tmp_path: Path) -> None:
    with sample_store.session() as session:
        content = community_report_content(session, selection=Selection())
        ready = report_readiness(session, selection=Selection())
    result = build_community_report(content, "standard", tmp_path / "r.pdf")
    left_out = reasons_not_quoted(q for t in content.themes for q in t.quotes)
    assert sum(left_out.values()) == len(result.left_out_quotes) > 0
    by_reason = {reason: 0 for reason in NotQuoted}
    for quote in result.left_out_quotes:
        by_reason[quote.reason] += 1
    assert by_reason == {
        NotQuoted.SAFEGUARDING: ready.quotes_safeguarding,
        NotQuoted.NO_CONSENT: ready.quotes_without_consent,
        NotQuoted.WAITING_FOR_REVIEW: ready.quotes_waiting_for_review,
        NotQuoted.PERSONAL_IDENTIFIERS: ready.quotes_with_identifiers,
    }
