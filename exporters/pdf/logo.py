"""The organisation's logo on a report's cover, as a Figure with alternative text."""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing, Image
from reportlab.lib.utils import ImageReader

from domain.report_content import ReportContent
from exporters.pdf.document import StoryBuilder
from exporters.pdf.fonts import BODY

LOGO_HEIGHT = 56.0  # points: about 2 cm, enough to recognise and leaving the title room
LOGO_MAX_WIDTH = 220.0


def logo_drawing(data: bytes) -> Drawing:
    """The logo scaled to the cover's logo box, keeping its shape."""
    reader = ImageReader(io.BytesIO(data))
    width, height = reader.getSize()
    scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
    w, h = width * scale, height * scale
    drawing = Drawing(w, h, initialFontName=BODY)
    drawing.add(Image(0, 0, w, h, reader))
    return drawing


def logo_figure(builder: StoryBuilder, content: ReportContent) -> None:
    """The organisation's logo, when it has one."""
    if content.contact.logo:
        builder.figure(logo_drawing(content.contact.logo), f"Logo of {content.organisation}")
