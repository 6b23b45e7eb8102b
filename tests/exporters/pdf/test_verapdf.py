"""veraPDF PDF/UA-1: zero failed rules for every variant, sample and hostile content."""

from __future__ import annotations

import pytest

from exporters.pdf.verapdf import ValidationReport
from tests.exporters.pdf.conftest import ALL_KEYS


@pytest.mark.parametrize("key", ALL_KEYS)
def test_pdf_ua_1_has_no_failed_rules(
    key: str, verapdf_reports: dict[str, ValidationReport]
) -> None:
    report = verapdf_reports[key]
    assert not report.error, report.error
    assert report.checks > 1000  # the profile really ran
    assert report.failed == [], "\n".join(str(f) for f in report.failed)
    assert report.compliant


def test_harness_reports_failures_of_an_untagged_pdf(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfgen.canvas import Canvas

    from exporters.pdf.verapdf import validate

    path = tmp_path / "untagged.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(72, 72, "Hello")
    canvas.save()
    (report,) = validate([path])
    clauses = {f.clause for f in report.failed}
    assert not report.compliant
    assert {"6.2", "7.1", "7.21.4.1"} <= clauses
