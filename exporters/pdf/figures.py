"""Makes the report body fonts: Atkinson Hyperlegible with its zero drawn without the slash."""

# Readers found the slashed zero odd in dates ("2Ø26"), and Atkinson Hyperlegible has no OpenType
# feature or alternate for a plain zero, so this redraws it: the slash splits the zero's counter
# into two contours, which are replaced by one counter, the outer contour scaled into their joint
# bounding box (the stroke keeps the font's own thickness). Nothing else changes. The result is
# renamed (OFL: a modified font takes a new name) and bundled in resources/fonts. Run once when
# the source wheel changes: ``python -m exporters.pdf.figures``.

from __future__ import annotations

from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

from exporters.pdf.fonts import BUNDLED_FONTS, atkinson_dir

FAMILY = "Listening Post Sans"
FACES = {"Regular": "ListeningPostSans-Regular.ttf", "Bold": "ListeningPostSans-Bold.ttf"}


def _bbox(points: list[tuple[int, int]]) -> tuple[int, int, int, int]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _unslash(font: Any, name: str) -> None:
    glyf = font["glyf"]
    glyph = glyf[name]
    if glyph.isComposite():
        return  # built from "zero", so it follows it
    coords, ends, flags = glyph.getCoordinates(glyf)
    contours, start = [], 0
    for end in ends:
        contours.append((list(coords[start : end + 1]), list(flags[start : end + 1])))
        start = end + 1
    if len(contours) != 3:
        raise ValueError(f"{name}: expected a slashed zero of 3 contours, found {len(contours)}")
    contours.sort(
        key=lambda c: -(_bbox(c[0])[2] - _bbox(c[0])[0]) * (_bbox(c[0])[3] - _bbox(c[0])[1])
    )
    (outer, outer_flags), *inner = contours
    ox0, oy0, ox1, oy1 = _bbox(outer)
    ix0, iy0, ix1, iy1 = _bbox([p for points, _f in inner for p in points])
    sx, sy = (ix1 - ix0) / (ox1 - ox0), (iy1 - iy0) / (oy1 - oy0)
    counter = [(round(ix0 + (x - ox0) * sx), round(iy0 + (y - oy0) * sy)) for x, y in outer]
    points = outer + counter[::-1]
    glyph.coordinates = type(coords)(points)
    glyph.flags = bytearray([*outer_flags, *outer_flags[::-1]])
    glyph.endPtsOfContours = [len(outer) - 1, len(points) - 1]
    glyph.numberOfContours = 2
    glyph.program = type(glyph.program)()
    glyph.program.fromBytecode(b"")
    glyph.recalcBounds(glyf)


def make_body_fonts(out_dir: Path = BUNDLED_FONTS) -> list[Path]:
    """Write the plain-zero faces into `out_dir`; returns their paths."""
    written = []
    for face, filename in FACES.items():
        font = TTFont(str(atkinson_dir() / f"AtkinsonHyperlegible-{face}.ttf"))
        for name in ("zero", "zero.tf"):
            _unslash(font, name)
        for record in font["name"].names:
            if record.nameID in (1, 16):
                record.string = FAMILY
            elif record.nameID == 4:
                record.string = f"{FAMILY} {face}"
            elif record.nameID == 6:
                record.string = f"ListeningPostSans-{face}"
            elif record.nameID == 3:
                record.string = f"{FAMILY} {face}; from Atkinson Hyperlegible 1.006"
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / filename
        font.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in make_body_fonts():
        print(written_path)
