"""Every colour pair the design draws meets WCAG contrast: text 4.5:1 (7:1 in high contrast),
control edges and the focus ring 3:1."""

from __future__ import annotations

import pytest

from ui.design.tokens import (
    EDGE_PAIRS,
    TEXT_PAIRS,
    ThemeName,
    colour_names,
    contrast_ratio,
    minimum_text_contrast,
    palette,
    space,
)


def test_the_wcag_formula_gives_the_known_ratios() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#005EB8", "#FFFFFF") == pytest.approx(6.4, abs=0.05)  # NHS Blue


@pytest.mark.parametrize("theme", list(ThemeName))
def test_every_text_pair_used_is_readable(theme: ThemeName) -> None:
    colours = palette(theme)
    least = minimum_text_contrast(theme)
    weak = {
        (text, back): round(contrast_ratio(getattr(colours, text), getattr(colours, back)), 2)
        for text, back in TEXT_PAIRS
        if contrast_ratio(getattr(colours, text), getattr(colours, back)) < least
    }
    assert not weak, f"{theme}: below {least}:1 {weak}"


@pytest.mark.parametrize("theme", list(ThemeName))
def test_control_edges_and_the_focus_ring_stand_out(theme: ThemeName) -> None:
    colours = palette(theme)
    for edge, back in EDGE_PAIRS:
        ratio = contrast_ratio(getattr(colours, edge), getattr(colours, back))
        assert ratio >= 3, f"{theme}: {edge} on {back} is {ratio:.2f}:1"


def test_the_pairs_name_real_tokens_and_the_grid_is_eight_pixels() -> None:
    names = set(colour_names())
    for pair in (*TEXT_PAIRS, *EDGE_PAIRS):
        assert set(pair) <= names
    assert [space(n) for n in (0.5, 1, 2, 3)] == [4, 8, 16, 24]


def test_no_page_writes_a_colour_of_its_own() -> None:
    """Colours come from the tokens: no colour literal or named Qt colour outside ui/design."""
    import re
    from pathlib import Path

    ui = Path(__file__).resolve().parents[2] / "ui"
    literal = re.compile(r"#[0-9a-fA-F]{6}\b|QColor\(\s*['\"]|Qt\.GlobalColor\.(?!transparent)")
    found = [
        f"{path.relative_to(ui.parent)}:{number}"
        for path in ui.rglob("*.py")
        if "design" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert not found, f"colours outside the design tokens: {found}"
