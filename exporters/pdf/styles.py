"""Style sets for the report variants: one pipeline, different type sizes and spacing.

All text is black or near-black on white (contrast well above 7:1), left-aligned (never
justified), and no style uses italics: emphasis is bold or structure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from exporters.pdf.fonts import BODY, BOLD

Variant = Literal["standard", "large-print", "easy-read", "coordinator"]
VARIANTS: Final = ("standard", "large-print", "easy-read")

#: Text colours and their contrast against white (WCAG relative luminance), all >= 7:1.
TEXT: Final = colors.HexColor("#000000")  # 21:1
HEADING: Final = colors.HexColor("#003087")  # NHS dark blue, 12.6:1
MUTED: Final = colors.HexColor("#212B32")  # NHS dark grey, 14.8:1
RULE: Final = colors.HexColor("#425563")  # rules are artifacts, not text
TABLE_HEAD_BG: Final = colors.HexColor("#E8EDEE")  # black text on it: 17.9:1
CHART_BAR: Final = colors.HexColor("#005EB8")
CHART_BAR_2: Final = colors.HexColor("#ED8B00")


@dataclass(frozen=True)
class StyleSet:
    """Every style a report layout needs, for one variant."""

    name: str
    body_size: float
    min_size: float  # UKAAF: no word in the variant smaller (charts, attributions, page furniture)
    footer_size: float
    margin: float
    body: ParagraphStyle
    lead: ParagraphStyle  # intro paragraph on the cover
    title: ParagraphStyle  # H1 on the cover
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    quote: ParagraphStyle
    speaker: ParagraphStyle
    table_header: ParagraphStyle
    table_cell: ParagraphStyle
    label: ParagraphStyle  # list bullet
    list_indent: float
    icon_size: float
    chart_font_size: float


def _style(
    name: str, size: float, *, font: str = BODY, leading: float = 1.4, **kw: object
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=round(size * leading, 1),
        alignment=TA_LEFT,
        shaping=1,  # without it ReportLab shapes nothing (DESIGN §5)
        textColor=kw.pop("textColor", TEXT),
        **kw,
    )


def style_set(variant: Variant) -> StyleSet:
    """The style set for a variant; the coordinator report uses the standard sizes."""
    if variant in ("standard", "coordinator"):
        body, least, margin, icon = 14.0, 12.0, 20 * mm, 0.0
        heads = (28.0, 21.0, 17.0)
    elif variant == "large-print":
        body, least, margin, icon = 18.0, 18.0, 18 * mm, 0.0
        heads = (34.0, 26.0, 22.0)
    elif variant == "easy-read":
        body, least, margin, icon = 16.0, 14.0, 18 * mm, 22 * mm
        heads = (30.0, 24.0, 20.0)
    else:
        raise ValueError(f"unknown report variant: {variant!r}")
    space = body * 0.6
    return StyleSet(
        name=variant,
        body_size=body,
        min_size=least,
        footer_size=least,
        margin=margin,
        body=_style(f"{variant}-body", body, spaceAfter=space),
        lead=_style(f"{variant}-lead", body * 1.15, spaceAfter=space * 1.5),
        title=_style(
            f"{variant}-title",
            heads[0] * 1.25,
            font=BOLD,
            leading=1.2,
            textColor=HEADING,
            spaceAfter=space * 2,
        ),
        h1=_style(
            f"{variant}-h1",
            heads[0],
            font=BOLD,
            leading=1.2,
            textColor=HEADING,
            spaceBefore=space * 2,
            spaceAfter=space * 1.2,
        ),
        h2=_style(
            f"{variant}-h2",
            heads[1],
            font=BOLD,
            leading=1.25,
            textColor=HEADING,
            spaceBefore=space * 1.6,
            spaceAfter=space,
        ),
        h3=_style(
            f"{variant}-h3",
            heads[2],
            font=BOLD,
            leading=1.3,
            textColor=TEXT,
            spaceBefore=space * 1.2,
            spaceAfter=space * 0.6,
        ),
        quote=_style(f"{variant}-quote", body, leftIndent=8 * mm, spaceAfter=space * 0.3),
        speaker=_style(
            f"{variant}-speaker",
            max(body * 0.9, least),
            leftIndent=8 * mm,
            textColor=MUTED,
            spaceAfter=space * 1.2,
        ),
        table_header=_style(f"{variant}-th", body, font=BOLD, leading=1.3),
        table_cell=_style(f"{variant}-td", body, leading=1.3),
        label=_style(f"{variant}-label", body, font=BOLD),
        list_indent=body * 1.6,
        icon_size=icon,
        chart_font_size=max(body * 0.8, least),
    )
