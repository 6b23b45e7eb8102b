"""Every text in the HTML page equals the text in the PDF of the same variant and scope, in the
same order: both are written from one report text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from exporters.html import html_page
from exporters.pdf import write_pdf
from exporters.pdf.sample_content import community_sample, coordinator_sample
from exporters.report_text import community_report_text, coordinator_text, report_texts
from exporters.report_text.blocks import Chart, Logo, Point, ReportText, Table, block_texts
from exporters.report_text.plain import plain_text
from tests.exporters.html.texts import html_texts, pdf_texts, squash
from tests.exporters.pdf.hostile import HUGE, LONG_WORD, MARKUP, POLISH


def _reports() -> dict[str, ReportText]:
    sample = community_sample()
    # Markup, a very long word and a note long enough to break across pages, in a real scope.
    hostile_theme = dataclasses.replace(
        sample.themes[0],
        title=f"Markup {MARKUP}",
        summary=f"{POLISH} {LONG_WORD} {HUGE[:3000]}",
    )
    hostile = dataclasses.replace(sample, themes=(hostile_theme, *sample.themes[1:]))
    reports = {
        f"{name}-{variant}": community_report_text(content, variant)
        for name, content in (("sample", sample), ("hostile", hostile))
        for variant in ("standard", "large-print", "easy-read")
    }
    reports["sample-coordinator"] = coordinator_text(coordinator_sample())
    return reports


REPORTS = _reports()


@pytest.mark.parametrize("key", list(REPORTS))
def test_html_and_pdf_say_the_same_texts_in_the_same_order(key: str, tmp_path: Path) -> None:
    report = REPORTS[key]
    pdf = write_pdf(report, tmp_path / f"{key}.pdf").path
    from_pdf = [squash(t) for t in pdf_texts(pdf)]
    from_html = [squash(t) for t in html_texts(html_page(report))]
    assert from_html == from_pdf
    # ...and both are the report text itself, nothing added or lost on the way.
    assert from_html == [squash(t) for t in report_texts(report)]
    assert len(from_html) > 20


@pytest.mark.parametrize("key", list(REPORTS))
def test_plain_text_says_the_same_texts_in_the_same_order(key: str) -> None:
    report = REPORTS[key]
    plain = plain_text(report)
    position = 0
    for block in report.blocks():
        texts = block_texts(block)
        if isinstance(block, Chart | Logo):
            continue  # a chart's numbers are in the table after it; a logo says nothing
        if isinstance(block, Point):
            texts = texts[1:]  # the picture's alt text: the words beside it say it all
        if isinstance(block, Table):  # row by row, each value named by its column
            texts = [block.caption, *(cell for row in block.rows for cell in row)]
        for text in texts:
            found = plain.find(text, position)
            assert found >= 0, f"{text!r} missing or out of order"
            position = found + len(text)
