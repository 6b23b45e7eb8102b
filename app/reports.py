"""Reports: check what a report would lack, then gather its content and write the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final, cast

from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.loop import ReportReadiness, report_readiness
from domain.organisation import require_organisation
from domain.progress import Cancelled, NoProgress, Progress
from domain.reports import community_report_content, coordinator_report_content
from domain.selection import Selection
from exporters.pdf import (
    CommunityVariant,
    ReportCancelled,
    build_community_report,
    build_coordinator_report,
)

# What callers of make_report receive or catch (part of this use case's interface).
from exporters.pdf import ReportContentError as ReportContentError
from exporters.pdf import ReportResult as ReportResult

VARIANTS: Final = ("standard", "large-print", "easy-read", "coordinator")
DEFAULT_QUOTES_PER_THEME: Final = 3


@dataclass(frozen=True)
class ReportRequest:
    """Which report, of which notes, written where."""

    variant: str
    selection: Selection
    out: Path
    quotes_per_theme: int = DEFAULT_QUOTES_PER_THEME


def check_report(session: Session, *, selection: Selection) -> ReportReadiness:
    """What the report of `selection` would lack (Easy Read text) or leave out (quotes), and
    why."""
    return report_readiness(session, selection=selection)


def check_request(request: ReportRequest) -> None:
    """Refuse a request that cannot be made, before any work starts."""
    if request.variant not in VARIANTS:
        raise InvalidInput("variant", f"choose one of {', '.join(VARIANTS)}")
    if request.quotes_per_theme < 0:
        raise InvalidInput("quotes", "the number of quotes per theme cannot be negative")
    if request.out.suffix.lower() != ".pdf":
        raise InvalidInput("out", f"{request.out} should end in .pdf")
    if not request.out.parent.is_dir():
        raise InvalidInput("out", f"the folder {request.out.parent} does not exist")


def make_report(
    session: Session, request: ReportRequest, progress: Progress | None = None
) -> ReportResult:
    """Gather the content of the request's selection and write its PDF.

    Raises InvalidInput (a bad request, an empty selection, or OrganisationIncomplete naming
    what reports still need), ReportContentError (e.g. Easy Read text missing) or Cancelled.
    """
    check_request(request)
    progress = progress or NoProgress()
    progress.report(0, 0, "Gathering what the report shows")
    try:
        if request.variant == "coordinator":
            coordinator = coordinator_report_content(session, selection=request.selection)
            require_organisation(session)  # reports say who they are from, how to reach them
            result = build_coordinator_report(coordinator, request.out, progress)
        else:
            content = community_report_content(
                session, selection=request.selection, max_quotes_per_theme=request.quotes_per_theme
            )
            require_organisation(session)
            variant = cast(CommunityVariant, request.variant)  # checked above
            result = build_community_report(content, variant, request.out, progress)
    except ReportCancelled:
        raise Cancelled() from None
    if progress.cancelled:
        raise Cancelled()
    return result
