"""Which quotes a report may show: consent, safeguarding and identifiers, enforced here."""

from __future__ import annotations

from domain.report_content import Quote, ReportTheme
from exporters.pdf.result import LeftOutQuote, LeftOutReason


def _reason(quote: Quote) -> LeftOutReason | None:
    # Safeguarding first: it is the reason a reviewer most needs to see.
    if quote.safeguarding:
        return "safeguarding"
    if not quote.consent_to_quote:
        return "no consent to quote"
    if quote.needs_review:
        return "waiting for review"
    if quote.has_identifiers:
        return "personal identifiers"
    return None


def select_quotes(theme: ReportTheme, limit: int) -> tuple[list[Quote], list[LeftOutQuote]]:
    """Up to `limit` showable quotes in the theme's order, and every quote left out with why."""
    shown: list[Quote] = []
    left_out: list[LeftOutQuote] = []
    for quote in theme.quotes:
        reason = _reason(quote)
        if reason is not None:
            left_out.append(LeftOutQuote(theme.theme_id, quote.note_id, reason))
        elif len(shown) < limit and quote.text.strip():
            shown.append(quote)
    return shown, left_out
