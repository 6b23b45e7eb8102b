"""Build every report variant once per session (sample and hostile content) and validate them
all with veraPDF in one JVM."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from exporters.pdf import ReportResult, build_community_report, build_coordinator_report
from exporters.pdf.sample_content import community_sample, coordinator_sample
from exporters.pdf.verapdf import ValidationReport, validate
from tests.exporters.pdf.hostile import hostile_content


@dataclass(frozen=True)
class Built:
    """All PDFs built for this session, keyed "<content>-<variant>"."""

    results: dict[str, ReportResult]

    def path(self, key: str) -> Path:
        return self.results[key].path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("reports")
    results: dict[str, ReportResult] = {}
    for name, content in (("sample", community_sample()), ("hostile", hostile_content())):
        for variant in ("standard", "large-print", "easy-read"):
            key = f"{name}-{variant}"
            results[key] = build_community_report(content, variant, out / f"{key}.pdf")
    results["sample-coordinator"] = build_coordinator_report(
        coordinator_sample(), out / "sample-coordinator.pdf"
    )
    return Built(results)


@pytest.fixture(scope="session")
def verapdf_reports(built: Built) -> dict[str, ValidationReport]:
    keys = list(built.results)
    reports = validate([built.path(k) for k in keys])
    return dict(zip(keys, reports, strict=True))


ALL_KEYS = [
    f"{name}-{variant}"
    for name in ("sample", "hostile")
    for variant in ("standard", "large-print", "easy-read")
] + ["sample-coordinator"]
