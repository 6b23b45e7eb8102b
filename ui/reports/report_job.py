"""The report job the task runner runs on its worker thread: the report use case, then page
images for the preview. No widgets here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from app.reports import ReportRequest, ReportResult, make_report
from domain.progress import Progress
from ui.reports.page_images import PreviewUnavailable, render_pages

PREVIEW_DPI = 90
PRINT_DPI = 200


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


def make_report_with_preview(
    session: Session, progress: Progress, request: ReportRequest
) -> MadeReport:
    """Raises the domain's InvalidInput (empty scope), ReportContentError, or Cancelled."""
    result = make_report(session, request, progress)
    progress.report(result.pages, result.pages, "Drawing the preview")
    try:
        pages = render_pages(result.path, request.out.parent / "preview", dpi=PREVIEW_DPI)
    except PreviewUnavailable as problem:
        return MadeReport(request, result, (), str(problem))
    return MadeReport(request, result, tuple(pages))


def print_images(pdf: Path, folder: Path, *, dpi: int = PRINT_DPI) -> list[Path]:
    """Pages at print resolution (for QPrinter), rendered on the worker thread."""
    return render_pages(pdf, folder, dpi=dpi, prefix="print")
