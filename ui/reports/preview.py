"""The in-app preview of a generated report (page images), and printing those pages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget


class ReportPreview(QScrollArea):
    """Pages one below the other; arrow keys and Page Up/Down scroll. GUI thread only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # keyboard scrolling
        self.setAccessibleName(self.tr("Report preview"))
        self.pages: list[QLabel] = []
        self._images: list[QPixmap] = []
        self._inner = QWidget()
        self._column = QVBoxLayout(self._inner)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)
        self.show_pages([], self.tr("Generate a report to see its pages here."))

    def show_pages(self, images: Sequence[Path], note: str = "") -> None:
        self.pages = []
        self._images = [QPixmap(str(image)) for image in images]
        while self._column.count():
            item = self._column.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if note:
            text = QLabel(note)
            text.setWordWrap(True)
            self._column.addWidget(text)
        for number, _image in enumerate(images, start=1):
            page = QLabel()
            page.setFrameShape(QFrame.Shape.Box)
            page.setAccessibleName(
                self.tr("Page {n} of {total}").format(n=number, total=len(images))
            )
            page.setAccessibleDescription(
                self.tr("A picture of the page; the saved PDF is tagged for screen readers.")
            )
            self._column.addWidget(page)
            self.pages.append(page)
        self.setAccessibleDescription(
            self.tr("{n} pages").format(n=len(images)) if images else note
        )
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Pages as wide as the view (never wider than rendered), so no sideways scrolling."""
        width = self.viewport().width() - 2 * self._column.contentsMargins().left() - 4
        for page, image in zip(self.pages, self._images, strict=True):
            if image.width() > width > 50:
                image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            page.setPixmap(image)


def print_pages(images: Sequence[Path], printer: QPrinter) -> int:
    """Paint each page image to fill the printer's page, keeping its shape; returns pages printed.

    The images are rendered from the PDF at print resolution, so the print matches the file.
    """
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not start")
    printed = 0
    try:
        for number, path in enumerate(images):
            if number:
                printer.newPage()
            image = QImage(str(path))
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), size), image)
            printed += 1
    finally:
        painter.end()
    return printed
