"""OpenMoji pictograms (CC BY-SA 4.0) as ReportLab vector drawings for Easy Read pictures."""

from __future__ import annotations

import copy
import io
from functools import lru_cache

from reportlab.graphics.shapes import Drawing, Group
from svglib.svglib import svg2rlg

from domain.pictures import DEFAULT_PICTURE, picture_shows, picture_svg
from exporters.pdf.fonts import BODY


class UnknownPicture(ValueError):
    """No OpenMoji pictogram has this code."""


@lru_cache(maxsize=256)
def _drawing(code: str) -> Drawing:
    data = picture_svg(code)
    if data is None:
        raise UnknownPicture(f"no OpenMoji picture {code!r}")
    drawing = svg2rlg(io.BytesIO(data))
    if drawing is None:
        raise UnknownPicture(f"the OpenMoji picture {code!r} could not be read")
    return drawing


def pictogram(code: str, size: float) -> tuple[Drawing, str]:
    """The pictogram scaled to `size` points square, and its alt text ("Picture of a bus").

    An unknown code falls back to the speech bubble rather than failing a whole report.
    """
    try:
        source = _drawing(code)
    except UnknownPicture:
        code = DEFAULT_PICTURE
        source = _drawing(code)
    scale = size / max(source.width, source.height)
    group = Group(*copy.deepcopy(source.contents))
    group.scale(scale, scale)
    # The drawing's initial font is set on the page even with no text: use an embedded one.
    drawing = Drawing(size, size, initialFontName=BODY)
    drawing.add(group)
    return drawing, f"Picture of {picture_shows(code)}"
