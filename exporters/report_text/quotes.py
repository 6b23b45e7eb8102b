"""Which quotes a report shows: the domain's privacy rule (domain.quoting), applied per theme."""

from __future__ import annotations

from domain.quoting import quote_decision
from domain.report_content import Quote, ReportTheme
from exporters.report_text.result import LeftOutQuote


def select_quotes(theme: ReportTheme, limit: int) -> tuple[list[Quote], list[LeftOutQuote]]:
    """Up to `limit` showable quotes in the theme's order, and every quote left out with why."""
    shown: list[Quote] = []
    left_out: list[LeftOutQuote] = []
    for quote in theme.quotes:
        decision = quote_decision(quote)
        if decision.reason is not None:
            left_out.append(LeftOutQuote(theme.theme_id, quote.note_id, decision.reason))
        elif len(shown) < limit and quote.text.strip():
            shown.append(quote)
    return shown, left_out
