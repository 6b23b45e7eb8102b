"""Accessible (PDF/UA-1) reports: community "You said, we did" variants and the coordinator
report, laid out from the shared report text (exporters.report_text, made from the plain data
in domain.report_content) on a hand-written ReportLab tagging layer.

Entry points run on any thread (no Qt, no Session); one build per call.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from domain.progress import Progress
from domain.report_content import CoordinatorContent, ReportContent
from exporters.pdf.document import ReportCancelled, ReportLayoutError, StoryBuilder, build_pdf
from exporters.pdf.render import render
from exporters.pdf.styles import Variant, style_set
from exporters.report_text import (
    COMMUNITY_VARIANTS,
    CommunityVariant,
    ReportText,
    community_report_text,
    coordinator_text,
)
from exporters.report_text.result import (
    EasyReadContentError,
    EmptyScopeError,
    LeftOutQuote,
    MissingOrganisationError,
    ReportContentError,
    ReportResult,
)

__all__ = [
    "COMMUNITY_VARIANTS",
    "CommunityVariant",
    "EasyReadContentError",
    "EmptyScopeError",
    "LeftOutQuote",
    "MissingOrganisationError",
    "ReportCancelled",
    "ReportContentError",
    "ReportLayoutError",
    "ReportResult",
    "build_community_report",
    "build_coordinator_report",
    "write_pdf",
]


def write_pdf(
    report: ReportText, out_path: Path | str, progress: Progress | None = None
) -> ReportResult:
    """Lay `report` out as a tagged PDF at `out_path` (atomically).

    Raises ReportLayoutError or ReportCancelled; on any error no file is written.
    """
    builder = StoryBuilder(style_set(cast(Variant, report.variant)))  # one of the four
    render(builder, report)
    if progress is not None:
        progress.report(0, len(builder.story), "Laying out pages")
    pages = build_pdf(
        builder,
        Path(out_path),
        title=report.title,
        language=report.language,
        progress=progress,
    )
    return ReportResult(
        path=Path(out_path),
        variant=report.variant,
        pages=pages,
        left_out_quotes=report.left_out,
        warnings=tuple(dict.fromkeys(builder.problems)),
    )


def build_community_report(
    content: ReportContent,
    variant: CommunityVariant,
    out_path: Path | str,
    progress: Progress | None = None,
) -> ReportResult:
    """Write the "You said, we did" report in `variant` to `out_path` (atomically).

    Raises EmptyScopeError, EasyReadContentError (Easy Read text missing or too long),
    ReportLayoutError, ReportCancelled; on any error no file is written.
    """
    return write_pdf(community_report_text(content, variant), out_path, progress)


def build_coordinator_report(
    content: CoordinatorContent,
    out_path: Path | str,
    progress: Progress | None = None,
) -> ReportResult:
    """Write the coordinator report to `out_path` (atomically)."""
    return write_pdf(coordinator_text(content), out_path, progress)
