"""Accessible (PDF/UA-1) reports: community "You said, we did" variants and the coordinator
report, built from plain data in domain.report_content on a hand-written ReportLab tagging layer.

Entry points run on any thread (no Qt, no Session); one build per call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal

from domain.progress import Progress
from domain.report_content import CoordinatorContent, ReportContent
from exporters.pdf.community import community_story
from exporters.pdf.coordinator import coordinator_story
from exporters.pdf.document import ReportCancelled, ReportLayoutError, StoryBuilder, build_pdf
from exporters.pdf.easy_read import easy_read_story
from exporters.pdf.result import (
    EasyReadContentError,
    EmptyScopeError,
    LeftOutQuote,
    MissingOrganisationError,
    ReportContentError,
    ReportResult,
)
from exporters.pdf.styles import style_set

CommunityVariant = Literal["standard", "large-print", "easy-read"]
COMMUNITY_VARIANTS: Final = ("standard", "large-print", "easy-read")

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
]


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
    if variant not in COMMUNITY_VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {COMMUNITY_VARIANTS}")
    builder = StoryBuilder(style_set(variant))
    if variant == "easy-read":
        left_out = easy_read_story(builder, content)
    else:
        left_out = community_story(builder, content)
    if progress is not None:
        progress.report(0, len(builder.story), "Laying out pages")
    pages = build_pdf(
        builder,
        Path(out_path),
        title=content.title,
        language=content.language,
        progress=progress,
    )
    return ReportResult(
        path=Path(out_path),
        variant=variant,
        pages=pages,
        left_out_quotes=tuple(left_out),
        warnings=tuple(dict.fromkeys(builder.problems)),
    )


def build_coordinator_report(
    content: CoordinatorContent,
    out_path: Path | str,
    progress: Progress | None = None,
) -> ReportResult:
    """Write the coordinator report to `out_path` (atomically)."""
    builder = StoryBuilder(style_set("coordinator"))
    coordinator_story(builder, content)
    if progress is not None:
        progress.report(0, len(builder.story), "Laying out pages")
    pages = build_pdf(
        builder,
        Path(out_path),
        title=content.title,
        language=content.language,
        progress=progress,
    )
    return ReportResult(
        path=Path(out_path),
        variant="coordinator",
        pages=pages,
        warnings=tuple(dict.fromkeys(builder.problems)),
    )
