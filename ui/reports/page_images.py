"""Renders a PDF's pages to PNG files with poppler's pdftoppm, for the in-app preview and print.

Hand-written because PySide6-Essentials has no QtPdf; pdftoppm is on the CI machines (poppler-
utils) and most Linux desktops. Where it is missing the preview says so and Save still works.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

RENDER_TIMEOUT_S = 120


class PreviewUnavailable(RuntimeError):
    """Pages cannot be rendered here; the message says why in words people can act on."""


def renderer() -> str | None:
    return shutil.which("pdftoppm")


def render_pages(pdf: Path, folder: Path, *, dpi: int, prefix: str = "page") -> list[Path]:
    """PNG files of every page of `pdf`, in page order. Runs on any thread (no Qt)."""
    program = renderer()
    if program is None:
        raise PreviewUnavailable(
            "the preview needs pdftoppm (poppler-utils); the saved PDF is not affected"
        )
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{prefix}-*.png"):
        old.unlink()
    completed = subprocess.run(
        [program, "-r", str(dpi), "-png", str(pdf), str(folder / prefix)],
        capture_output=True,
        timeout=RENDER_TIMEOUT_S,
        check=False,
    )
    if completed.returncode != 0:
        raise PreviewUnavailable(
            f"pdftoppm could not read {pdf.name} (exit {completed.returncode})"
        )

    def page_number(path: Path) -> int:
        match = re.search(r"-(\d+)\.png$", path.name)
        return int(match.group(1)) if match else 0

    # pdftoppm pads numbers to the page count's width (page-01 … page-12): sort by value.
    return sorted(folder.glob(f"{prefix}-*.png"), key=page_number)
