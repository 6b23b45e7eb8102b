"""The report job the task runner runs on its worker thread: the report use case, then page
images for the preview. No widgets here."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    web_page: Path | None = None  # the same report as HTML, for "Open in browser" and saving

    def file_for(self, format_: str) -> tuple[Path, str]:
        """The made file to save in `format_` ("pdf" or "html") and its suffix."""
        if format_ == "html" and self.web_page is not None:
            return self.web_page, ".html"
        return self.result.path, ".pdf"


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
    """The PDF (previewed as page images) and the same report as a web page, both from one
    request. Raises the domain's InvalidInput (empty scope), ReportContentError, or Cancelled."""
    result = make_report(session, request, progress)
    web = replace(request, out=request.out.with_suffix(".html"), format="html")
    web_page = make_report(session, web, progress).path
    progress.report(result.pages, result.pages, "Drawing the preview")
    try:
        pages = render_pages(result.path, request.out.parent / "preview", dpi=PREVIEW_DPI)
    except PreviewUnavailable as problem:
        return MadeReport(request, result, (), str(problem), web_page)
    return MadeReport(request, result, tuple(pages), web_page=web_page)


def print_images(pdf: Path, folder: Path, *, dpi: int = PRINT_DPI) -> list[Path]:
    """Pages at print resolution (for QPrinter), rendered on the worker thread."""
    return render_pages(pdf, folder, dpi=dpi, prefix="print")
