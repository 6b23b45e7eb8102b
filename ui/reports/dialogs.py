"""The Reports page's two modal questions (where to save, how to print), replaced in tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

ChooseSavePath = Callable[[QWidget, str], str]
AskPrint = Callable[[QPrinter, QWidget], bool]


def choose_save_path(parent: QWidget, suggested: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(
        parent, parent.tr("Save the report"), suggested, parent.tr("PDF files (*.pdf)")
    )
    return path


def ask_print(printer: QPrinter, parent: QWidget) -> bool:
    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


def pdf_path(chosen: str) -> Path:
    """The chosen file name, ending in .pdf."""
    target = Path(chosen)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    return target
