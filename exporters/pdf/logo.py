"""The organisation's logo on a report's cover, as a Figure with alternative text."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from reportlab.graphics.shapes import Drawing, Image

from exporters.pdf.fonts import BODY

LOGO_HEIGHT = 56.0  # points: about 2 cm, enough to recognise and leaving the title room
LOGO_MAX_WIDTH = 220.0


def _flattened(picture: PILImage.Image) -> PILImage.Image:
    """RGB on white: transparent parts stay white, and ReportLab embeds the pixels it is given
    (never re-reading a JPEG's file)."""
    picture.load()
    if picture.mode in ("RGBA", "LA", "P"):
        rgba = picture.convert("RGBA")
        flat = PILImage.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return picture.convert("RGB")


def logo_drawing(data: bytes) -> Drawing:
    """The logo scaled to the cover's logo box, keeping its shape."""
    picture = _flattened(PILImage.open(io.BytesIO(data)))
    width, height = picture.size
    scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
    w, h = width * scale, height * scale
    drawing = Drawing(w, h, initialFontName=BODY)
    drawing.add(Image(0, 0, w, h, picture))
    return drawing
