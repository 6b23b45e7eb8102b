"""The report job the task runner runs on its worker thread: content from the store, the PDF,
then page images for the preview. No widgets here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from domain.progress import Cancelled, Progress
from domain.report_scope import Scope
from domain.reports import community_report_content, coordinator_report_content
from exporters.pdf import (
    ReportCancelled,
    ReportResult,
    build_community_report,
    build_coordinator_report,
)
from ui.reports.page_images import PreviewUnavailable, render_pages

PREVIEW_DPI = 90
PRINT_DPI = 200
VARIANTS = ("standard", "large-print", "easy-read", "coordinator")


@dataclass(frozen=True)
class ReportRequest:
    variant: str
    scope: Scope
    quotes_per_theme: int
    out: Path


@dataclass(frozen=True)
class MadeReport:
    request: ReportRequest
    result: ReportResult
    pages: tuple[Path, ...]  # preview images, page order; empty when no preview is possible
    preview_problem: str = ""


class ProgressRelay(QObject):
    """Lives on the GUI thread; the worker emits, the page's slot runs queued on the GUI thread."""

    progressed = Signal(int, int, str)


class RelayedProgress:
    """The runner's Progress (its dialog and cancel flag), also told to the page's own bar."""

    def __init__(self, inner: Progress, relay: ProgressRelay) -> None:
        self._inner = inner
        self._relay = relay

    def report(self, done: int, total: int, label: str) -> None:
        self._inner.report(done, total, label)
        self._relay.progressed.emit(done, total, label)

    @property
    def cancelled(self) -> bool:
        return self._inner.cancelled


def make_report(session: Session, progress: Progress, request: ReportRequest) -> MadeReport:
    """Raises the domain's InvalidInput (empty scope), ReportContentError, or Cancelled."""
    progress.report(0, 0, "Gathering what the report shows")
    try:
        if request.variant == "coordinator":
            coordinator = coordinator_report_content(session, scope=request.scope)
            result = build_coordinator_report(coordinator, request.out, progress)
        else:
            content = community_report_content(
                session, scope=request.scope, max_quotes_per_theme=request.quotes_per_theme
            )
            result = build_community_report(
                content,
                request.variant,  # type: ignore[arg-type]  # one of VARIANTS, checked by the page
                request.out,
                progress,
            )
    except ReportCancelled:
        raise Cancelled() from None
    if progress.cancelled:
        raise Cancelled()
    progress.report(result.pages, result.pages, "Drawing the preview")
    try:
        pages = render_pages(result.path, request.out.parent / "preview", dpi=PREVIEW_DPI)
    except PreviewUnavailable as problem:
        return MadeReport(request, result, (), str(problem))
    return MadeReport(request, result, tuple(pages))


def print_images(pdf: Path, folder: Path, *, dpi: int = PRINT_DPI) -> list[Path]:
    """Pages at print resolution (for QPrinter), rendered on the worker thread."""
    return render_pages(pdf, folder, dpi=dpi, prefix="print")
