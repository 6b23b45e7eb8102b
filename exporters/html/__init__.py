"""Accessible HTML reports: one self-contained page per variant (inline CSS and SVG, no
scripts, no outside requests), written from the same report text as the PDF, so the two say the
same words in the same order.

No Qt, no Session; one page per call, on any thread.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from exporters.html.document import html_page
from exporters.private_output import start_private_file
from exporters.report_text.blocks import ReportText

__all__ = ["html_page", "write_html", "write_private_text"]


def write_private_text(path: Path, content: str) -> None:
    """Write `content` as UTF-8 to `path` atomically, readable by this user only (reports hold
    what people said)."""
    fd, tmp_name = tempfile.mkstemp(prefix=".report-", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        start_private_file(tmp)
        tmp.write_text(content, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_html(report: ReportText, out_path: Path | str) -> Path:
    """Write `report` as one HTML page at `out_path` (atomically); returns the path."""
    path = Path(out_path)
    write_private_text(path, html_page(report))
    return path
