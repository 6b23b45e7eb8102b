"""Variant styles: sizes, contrast >= 7:1, no justification, no italics."""

from __future__ import annotations

import pytest
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY

from exporters.pdf import styles
from exporters.pdf.fonts import BODY, BOLD


def _luminance(c: colors.Color) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red) + 0.7152 * channel(c.green) + 0.0722 * channel(c.blue)


def contrast(a: colors.Color, b: colors.Color) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("variant", ["standard", "large-print", "easy-read", "coordinator"])
def test_every_text_style_is_high_contrast_left_aligned_upright(variant: str) -> None:
    s = styles.style_set(variant)  # type: ignore[arg-type]
    for value in vars(s).values():
        if not hasattr(value, "fontName"):
            continue
        assert value.alignment != TA_JUSTIFY
        assert value.fontName in (BODY, BOLD)  # no italic faces
        assert contrast(value.textColor, colors.white) >= 7.0, value.name
    assert contrast(colors.black, styles.TABLE_HEAD_BG) >= 7.0


@pytest.mark.parametrize(
    ("variant", "body", "footer_at_least"),
    [("standard", 14, 12), ("large-print", 18, 18), ("easy-read", 16, 14)],
)
def test_type_sizes(variant: str, body: float, footer_at_least: float) -> None:
    s = styles.style_set(variant)  # type: ignore[arg-type]
    assert s.body.fontSize == body
    assert s.footer_size >= footer_at_least
    assert min(s.table_cell.fontSize, s.quote.fontSize) >= body


@pytest.mark.parametrize(
    ("variant", "least"),
    [("standard", 12), ("large-print", 18), ("easy-read", 14), ("coordinator", 12)],
)
def test_every_style_shapes_and_is_at_least_the_variant_minimum(variant: str, least: float) -> None:
    s = styles.style_set(variant)  # type: ignore[arg-type]
    assert s.min_size == least
    assert min(s.footer_size, s.chart_font_size, s.speaker.fontSize) >= least
    for value in vars(s).values():
        if hasattr(value, "fontName"):
            assert value.shaping == 1, value.name  # ReportLab shapes nothing without it
            assert value.fontSize >= least, value.name
