"""Every colour pair the design draws meets WCAG contrast: text 4.5:1 (7:1 in high contrast),
control edges and the focus ring 3:1."""

from __future__ import annotations

import re

import pytest

from ui.design.tokens import (
    DISABLED_PAIRS,
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


@pytest.mark.parametrize("theme", list(ThemeName))
def test_disabled_text_is_still_legible(theme: ThemeName) -> None:
    colours = palette(theme)
    for text, back in DISABLED_PAIRS:
        ratio = contrast_ratio(getattr(colours, text), getattr(colours, back))
        assert ratio >= 3, f"{theme}: {text} on {back} is {ratio:.2f}:1"


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


def _rules_with_token_names() -> list[tuple[str, dict[str, str]]]:
    """The style sheet's rules, built with each colour spelled as its token's name."""
    from ui.design.marks import marks
    from ui.design.style_sheet import sheet
    from ui.design.tokens import METRICS, Palette

    named = Palette(**{name: f"@{name}" for name in colour_names()})
    text = sheet(named, METRICS[ThemeName.LIGHT], marks(ThemeName.LIGHT), 10.0)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declared = dict(re.findall(r"([a-z-]+)\s*:\s*@(\w+)", body))
        rules.append((" ".join(selector.split()), declared))
    return rules


_STATES = re.compile(r":(hover|pressed|checked|selected|focus|disabled|default|!?\w+)\b")


def _inherited_colour(selector: str, rules: list[tuple[str, dict[str, str]]]) -> str | None:
    """The text colour a state rule (`X:hover`) draws with when it sets only a background:
    the colour of its plain rule (`X`), as Qt cascades it."""
    for part in selector.split(", "):
        plain = _STATES.sub("", part)
        for other, declared in rules:
            if plain in other.split(", ") and "color" in declared:
                return declared["color"]
    return None


def test_every_colour_pair_the_style_sheet_draws_is_checked() -> None:
    """Each text colour on the background a rule gives it (its own, or its plain rule's for a
    state such as hover) is in TEXT_PAIRS or DISABLED_PAIRS, so the tests above check it in
    every theme; and every colour the sheet draws belongs to some checked pair."""
    rules = _rules_with_token_names()
    checked = {*TEXT_PAIRS, *DISABLED_PAIRS}
    unchecked = []
    for selector, declared in rules:
        for fore, back in (
            ("color", "background"),
            ("selection-color", "selection-background-color"),
        ):
            colour = declared.get(fore)
            if colour is None and fore == "color":
                colour = _inherited_colour(selector, rules)
            if colour is not None and back in declared:
                pair = (colour, declared[back])
                if pair not in checked:
                    unchecked.append(f"{selector}: {pair}")
    assert not unchecked, unchecked
    in_pairs = {name for pair in (*checked, *EDGE_PAIRS) for name in pair}
    decorative = {"border"}  # separators only: never the one edge that shows a control
    drawn = {name for _selector, declared in rules for name in declared.values()}
    assert drawn - in_pairs - decorative == set()


def test_the_new_parts_are_drawn_from_the_tokens() -> None:
    """Headers, scroll bars, progress bars, drop-downs, spin boxes and the toast are styled."""
    selectors = " ".join(selector for selector, _declared in _rules_with_token_names())
    for part in (
        "QHeaderView::section",
        "QScrollBar::handle",
        "QProgressBar::chunk",
        "QTabBar::tab",
        "QGroupBox",
        "QComboBox::down-arrow",
        "QAbstractSpinBox::up-arrow",
        "QFrame#toast",
    ):
        assert part in selectors, part
