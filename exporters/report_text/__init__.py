"""One text model for every report format: the report content (domain.report_content) turned
into an ordered sequence of text blocks that the PDF, HTML and plain-text writers all consume,
so every format says the same words in the same order.

No ReportLab, no Session: plain data in, plain data out, on any thread.
"""

from __future__ import annotations

from typing import Final, Literal

from domain.report_content import ReportContent
from exporters.report_text.blocks import ReportText, report_texts
from exporters.report_text.community import community_text
from exporters.report_text.coordinator import coordinator_text
from exporters.report_text.easy_read import easy_read_text

CommunityVariant = Literal["standard", "large-print", "easy-read"]
COMMUNITY_VARIANTS: Final = ("standard", "large-print", "easy-read")

__all__ = [
    "COMMUNITY_VARIANTS",
    "CommunityVariant",
    "ReportText",
    "community_report_text",
    "coordinator_text",
    "report_texts",
]


def community_report_text(content: ReportContent, variant: str) -> ReportText:
    """The community report in `variant` as text blocks.

    Raises EmptyScopeError, MissingOrganisationError, EasyReadContentError (Easy Read text
    missing or too long) or ValueError for an unknown variant.
    """
    if variant not in COMMUNITY_VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {COMMUNITY_VARIANTS}")
    if variant == "easy-read":
        return easy_read_text(content)
    return community_text(content, variant)
