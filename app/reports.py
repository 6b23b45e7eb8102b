"""Reports: check what a report would lack, then gather its content once and write it as a PDF,
a web page, or a publish pack of every version."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.loop import ReportReadiness, report_readiness
from domain.organisation import require_organisation
from domain.progress import Cancelled, NoProgress, Progress
from domain.reports import community_report_content, coordinator_report_content
from domain.selection import Selection
from exporters.report_text import COMMUNITY_VARIANTS, community_report_text, coordinator_text
from exporters.report_text.blocks import ReportText
from exporters.report_text.plain import plain_text
from exporters.report_text.result import LeftOutQuote

# What callers of make_report receive or catch (part of this use case's interface).
from exporters.report_text.result import ReportContentError as ReportContentError
from exporters.report_text.result import ReportResult as ReportResult

# The writers (ReportLab, the web page's pictures) are imported when a report is written:
# importing them with this module made the Reports page's first showing wait for them.

VARIANTS: Final = ("standard", "large-print", "easy-read", "coordinator")
FORMATS: Final = ("pdf", "html")
SUFFIXES: Final = {"pdf": (".pdf",), "html": (".html", ".htm")}
DEFAULT_QUOTES_PER_THEME: Final = 3
#: The versions in a publish pack, and how its index names them. The coordinator report is for
#: the organisation itself (owners, late actions), so it is never in a pack meant for the public.
PACK_VERSIONS: Final = (
    ("standard", "Standard"),
    ("large-print", "Large print"),
    ("easy-read", "Easy Read"),
)


@dataclass(frozen=True)
class ReportRequest:
    """Which report, of which notes, written where, as a PDF or a web page."""

    variant: str
    selection: Selection
    out: Path
    quotes_per_theme: int = DEFAULT_QUOTES_PER_THEME
    format: str = "pdf"


@dataclass(frozen=True)
class PackRequest:
    """Every public version of the report of `selection`, written into `folder`."""

    selection: Selection
    folder: Path
    quotes_per_theme: int = DEFAULT_QUOTES_PER_THEME


@dataclass(frozen=True)
class PackResult:
    """A written publish pack: its index page and every file, in the index's order."""

    folder: Path
    index: Path
    files: tuple[Path, ...]
    left_out_quotes: tuple[LeftOutQuote, ...] = ()
    warnings: tuple[str, ...] = ()


def check_report(session: Session, *, selection: Selection) -> ReportReadiness:
    """What the report of `selection` would lack (Easy Read text) or leave out (quotes), and
    why."""
    return report_readiness(session, selection=selection)


def _check_quotes(quotes_per_theme: int) -> None:
    if quotes_per_theme < 0:
        raise InvalidInput("quotes", "the number of quotes per theme cannot be negative")


def check_request(request: ReportRequest) -> None:
    """Refuse a request that cannot be made, before any work starts."""
    if request.variant not in VARIANTS:
        raise InvalidInput("variant", f"choose one of {', '.join(VARIANTS)}")
    if request.format not in FORMATS:
        raise InvalidInput("format", f"choose one of {', '.join(FORMATS)}")
    _check_quotes(request.quotes_per_theme)
    suffixes = SUFFIXES[request.format]
    if request.out.suffix.lower() not in suffixes:
        raise InvalidInput("out", f"{request.out} should end in {' or '.join(suffixes)}")
    if not request.out.parent.is_dir():
        raise InvalidInput("out", f"the folder {request.out.parent} does not exist")


def _report_text(
    session: Session, variant: str, selection: Selection, quotes_per_theme: int
) -> ReportText:
    """The report's text: content gathered from the store, then composed for `variant`."""
    if variant == "coordinator":
        coordinator = coordinator_report_content(session, selection=selection)
        require_organisation(session)  # reports say who they are from, how to reach them
        return coordinator_text(coordinator)
    content = community_report_content(
        session, selection=selection, max_quotes_per_theme=quotes_per_theme
    )
    require_organisation(session)
    return community_report_text(content, variant)


def make_report(
    session: Session, request: ReportRequest, progress: Progress | None = None
) -> ReportResult:
    """Gather the content of the request's selection and write it as a PDF or a web page.

    Raises InvalidInput (a bad request, an empty selection, or OrganisationIncomplete naming
    what reports still need), ReportContentError (e.g. Easy Read text missing) or Cancelled.
    """
    from exporters.html import write_html
    from exporters.pdf import ReportCancelled, write_pdf

    check_request(request)
    progress = progress or NoProgress()
    progress.report(0, 0, "Gathering what the report shows")
    report = _report_text(session, request.variant, request.selection, request.quotes_per_theme)
    if request.format == "html":
        write_html(report, request.out)
        return ReportResult(
            request.out, request.variant, 0, left_out_quotes=report.left_out, format="html"
        )
    try:
        result = write_pdf(report, request.out, progress)
    except ReportCancelled:
        raise Cancelled() from None
    if progress.cancelled:
        raise Cancelled()
    return result


def make_pack(
    session: Session, request: PackRequest, progress: Progress | None = None
) -> PackResult:
    """Write every public version (standard, large print, Easy Read) as a web page, a PDF and
    plain text into `request.folder` (made if missing), with an index.html linking them.

    Every version is composed before anything is written, so missing Easy Read text or an
    empty scope refuses the pack whole; a cancelled pack removes what it had written.
    """
    from exporters.html.pack_index import PackVersion, write_index
    from exporters.pdf import ReportCancelled

    _check_quotes(request.quotes_per_theme)
    folder = request.folder
    if not folder.parent.is_dir():
        raise InvalidInput("pack", f"the folder {folder.parent} does not exist")
    if folder.exists() and not folder.is_dir():
        raise InvalidInput("pack", f"{folder} is a file, not a folder")
    progress = progress or NoProgress()
    progress.report(0, 0, "Gathering what the report shows")
    content = community_report_content(
        session, selection=request.selection, max_quotes_per_theme=request.quotes_per_theme
    )
    require_organisation(session)
    texts = [community_report_text(content, variant) for variant, _label in PACK_VERSIONS]
    assert tuple(variant for variant, _label in PACK_VERSIONS) == COMMUNITY_VARIANTS
    folder.mkdir(exist_ok=True)
    written: list[Path] = []
    try:
        warnings = _write_versions(texts, folder, written, progress)
        versions = [
            PackVersion(label, f"{variant}.html", f"{variant}.pdf", f"{variant}.txt")
            for variant, label in PACK_VERSIONS
        ]
        index = write_index(folder / "index.html", content.title, content.language, versions)
        written.append(index)
    except (ReportCancelled, Cancelled):
        _remove(written)
        raise Cancelled() from None
    except BaseException:
        _remove(written)
        raise
    return PackResult(folder, index, tuple(written), texts[0].left_out, warnings)


def _write_versions(
    texts: list[ReportText], folder: Path, written: list[Path], progress: Progress
) -> tuple[str, ...]:
    from exporters.html import write_html, write_private_text
    from exporters.pdf import write_pdf

    warnings: list[str] = []
    for report in texts:
        if progress.cancelled:
            raise Cancelled()
        written.append(write_html(report, folder / f"{report.variant}.html"))
        result = write_pdf(report, folder / f"{report.variant}.pdf", progress)
        written.append(result.path)
        warnings.extend(result.warnings)
        text_path = folder / f"{report.variant}.txt"
        write_private_text(text_path, plain_text(report))
        written.append(text_path)
    return tuple(dict.fromkeys(warnings))


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()
