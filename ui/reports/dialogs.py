"""The Reports page's modal questions (where to save, how to print) and opening the system
browser: replaced in tests, so none of them ever opens for real there."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.widgets import answered

ChooseSavePath = Callable[[QWidget, str], str]
AskPrint = Callable[[QPrinter, QWidget], bool]
OpenFile = Callable[[Path], bool]

#: Formats a report is saved in: (key, name shown, file suffix).
FORMATS = (("pdf", "PDF document", ".pdf"), ("html", "Web page (HTML)", ".html"))


def choose_save_path(parent: QWidget, suggested: str) -> str:
    web = suggested.lower().endswith(".html")
    kind = parent.tr("Web pages (*.html)") if web else parent.tr("PDF files (*.pdf)")
    path, _filter = QFileDialog.getSaveFileName(
        parent, parent.tr("Save the report"), suggested, kind
    )
    return path


def open_in_browser(path: Path) -> bool:
    """Open a local file in the system's browser (or whatever opens .html files)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def ask_print(printer: QPrinter, parent: QWidget) -> bool:
    return answered(QPrintDialog(printer, parent))


def report_path(chosen: str, suffix: str = ".pdf") -> Path:
    """The chosen file name, ending in `suffix`."""
    target = Path(chosen)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    return target


def save_copy(parent: QWidget, source: Path, target: Path) -> str:
    """Copy the made report to where the person chose; returns what to tell them."""
    try:
        shutil.copyfile(source, target)
    except OSError as error:
        why = error.strerror or error
        return parent.tr("Error: could not save to {path}: {why}").format(path=target, why=why)
    return parent.tr("Saved to {path}.").format(path=target)
