"""Clear and large print: UKAAF minimum size of every word, nothing cut off, plain zeros,
patterned chart series, tables that split sensibly."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from fontTools.ttLib import TTFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics

from domain.report_content import GroupReachedRow, ThemeSentiment
from exporters.pdf import build_coordinator_report
from exporters.pdf.charts import PATTERNS, bar_chart, patterned_rect, stacked_chart
from exporters.pdf.document import StoryBuilder, build_pdf
from exporters.pdf.fonts import BODY, BUNDLED_FONTS, register_fonts
from exporters.pdf.sample_content import coordinator_sample
from exporters.pdf.styles import style_set
from exporters.pdf.tables import MIN_ROWS
from tests.exporters.pdf.conftest import ALL_KEYS, Built

MINIMUM = {"standard": 12.0, "large-print": 18.0, "easy-read": 14.0, "coordinator": 12.0}
LONG_GROUP = "Core20: people living in the most deprived 20% of areas in England, by postcode"


def _variant(key: str) -> str:
    return key.split("-", 1)[1]


def _words(path: Path) -> list[dict[str, object]]:
    with pdfplumber.open(path) as pdf:
        return [
            {**word, "page_width": page.width}
            for page in pdf.pages
            for word in page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
        ]


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_word_is_at_least_the_variant_minimum(built: Built, key: str) -> None:
    words = _words(built.path(key))
    assert len(words) > 100
    smallest = min(words, key=lambda w: float(w["size"]))  # type: ignore[arg-type]
    assert float(smallest["size"]) >= MINIMUM[_variant(key)] - 0.01, smallest  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ALL_KEYS)
def test_nothing_runs_off_the_page_or_is_cut_short(built: Built, key: str) -> None:
    for word in _words(built.path(key)):
        assert float(word["x0"]) >= 0 and float(word["x1"]) <= float(word["page_width"]), word  # type: ignore[arg-type]
        assert "…" not in str(word["text"]), word


def test_long_chart_labels_wrap_in_full(tmp_path: Path) -> None:
    content = dataclasses.replace(
        coordinator_sample(),
        groups_reached=(GroupReachedRow("core20", LONG_GROUP, 3, 40),),
        sentiment=(ThemeSentiment("t", LONG_GROUP, 1, 2, 3, 4),),
    )
    out = tmp_path / "coordinator.pdf"
    build_coordinator_report(content, out)
    with pdfplumber.open(out) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    # group chart label and table cell, sentiment chart label and table cell: all complete
    for word in ("Core20:", "deprived", "20%", "England,", "postcode"):
        assert len(re.findall(re.escape(word), text)) >= 4, word
    assert "…" not in text


def test_sentiment_series_differ_by_pattern_not_colour_alone() -> None:
    from reportlab.lib import colors

    drawn = {p: patterned_rect(0, 0, 60, 14, colors.red, p).contents for p in PATTERNS}
    signatures = {(len(c), type(c[-1]).__name__) for c in drawn.values()}
    assert len(signatures) == len(PATTERNS)
    chart = stacked_chart(
        [("A theme", [1, 1, 1, 1])],
        [
            ("Positive", colors.green),
            ("Negative", colors.red),
            ("Mixed", colors.orange),
            ("Neutral", colors.grey),
        ],
        width=400,
        font_size=12,
    )
    assert len(chart.contents) > 12  # legend swatches and bar segments carry their patterns


def test_figures_have_a_plain_zero(built: Built) -> None:
    register_fonts()
    face = pdfmetrics.getFont(BODY).face
    assert face.name == b"ListeningPostSans-Regular" or str(face.name).endswith(
        "ListeningPostSans-Regular"
    )
    for filename in ("ListeningPostSans-Regular.ttf", "ListeningPostSans-Bold.ttf"):
        font = TTFont(str(BUNDLED_FONTS / filename))
        glyph = font["glyf"][font.getBestCmap()[ord("0")]]
        assert glyph.numberOfContours == 2  # outer and counter: no slash between them
    with pikepdf.open(built.path("sample-standard")) as pdf:
        names = {
            str(font.BaseFont)
            for page in pdf.pages
            for font in page.Resources.Font.values()
            if "/BaseFont" in font
        }
    assert any("ListeningPostSans" in name for name in names), names


def _table_builder(rows: int) -> tuple[StoryBuilder, object]:
    builder = StoryBuilder(style_set("standard"))
    builder.section()
    builder.heading("A long table", 1)
    builder.table(["Name", "Count"], [[f"Row {i}", str(i)] for i in range(rows)])
    return builder, builder.story[-2]


def test_table_never_leaves_its_header_with_one_row_nor_one_row_alone() -> None:
    _builder, table = _table_builder(12)
    width = A4[0] - 40 * 2.83
    table.wrap(width, 10_000)  # type: ignore[attr-defined]
    heights = table._rowHeights  # type: ignore[attr-defined]
    assert table.split(width, sum(heights[:2]) + 1) == []  # type: ignore[attr-defined]
    head, tail = table.split(width, sum(heights[:-1]) + 1)  # type: ignore[attr-defined]
    assert len(head._cellvalues) - 1 >= MIN_ROWS
    assert len(tail._cellvalues) - 1 == MIN_ROWS  # header repeated above the last two rows


def test_a_long_table_starts_on_the_page_of_its_heading(tmp_path: Path) -> None:
    builder = StoryBuilder(style_set("standard"))
    builder.section()
    builder.heading("Before", 1)
    for _ in range(4):
        builder.paragraph("Some words to fill a third of the first page. " * 4)
    builder.heading("Table heading", 2)
    builder.table(["Name", "Count"], [[f"Row {i}", str(i)] for i in range(40)])
    out = tmp_path / "table.pdf"
    build_pdf(builder, out, title="Tables", language="en-GB", progress=None)
    with pdfplumber.open(out) as pdf:
        first = pdf.pages[0].extract_text() or ""
    assert "Table heading" in first and "Row 0" in first and "Row 5" in first


def test_a_chart_taller_than_a_page_continues_on_the_next(tmp_path: Path) -> None:
    groups = tuple(GroupReachedRow(f"g{i}", f"{LONG_GROUP} {i}", 40 - i, i) for i in range(40))
    content = dataclasses.replace(coordinator_sample(), groups_reached=groups)
    out = tmp_path / "tall.pdf"
    result = build_coordinator_report(content, out)
    with pdfplumber.open(out) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
        last_page = pdf.pages[-1].extract_text() or ""
    assert result.pages >= 4
    assert text.count("postcode 39") >= 2  # the last bar's label and its table row
    assert len(last_page.split()) > 6  # no page holding only its running head


def test_chart_labels_are_shaped_in_any_script(tmp_path: Path) -> None:
    register_fonts()
    chart = bar_chart([("ডাক্তার খুব ভালো", 3), ("الطبيب لا يعرف", 2)], width=400, font_size=12)
    assert [type(label).__name__ for label in chart.labels[:2]] == ["ShapedLines"] * 2
    builder = StoryBuilder(style_set("standard"))
    builder.section()
    builder.figure(chart, "Bar chart")
    out = tmp_path / "chart.pdf"
    build_pdf(builder, out, title="Chart", language="en-GB", progress=None)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "ডাক্তার খুব ভালো" in text
    # a right-to-left label beside its number: pdftotext's line order varies, the letters do not
    assert set("الطبيبلايعرف") <= set(text)
