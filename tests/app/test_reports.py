"""The report use case on a real store: checks, the PDF, cancelling, and refused requests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pikepdf
import pytest

from app.reports import ReportRequest, check_report, make_report
from domain.errors import InvalidInput
from domain.progress import Cancelled
from domain.selection import Selection
from models.database import Store


class StopAtOnce:
    def __init__(self) -> None:
        self.labels: list[str] = []

    def report(self, done: int, total: int, label: str) -> None:
        self.labels.append(label)

    @property
    def cancelled(self) -> bool:
        return True


def test_a_standard_report_is_written(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    with sample_store.session() as session:
        readiness = check_report(session, selection=Selection())
        result = make_report(session, ReportRequest("standard", Selection(), out, 2))
    assert readiness.themes_in_scope > 0
    assert result.path == out and result.variant == "standard"
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == result.pages > 1


def test_the_coordinator_report_shares_the_request(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "coordinator.pdf"
    with sample_store.session() as session:
        result = make_report(session, ReportRequest("coordinator", Selection(), out))
    assert result.pages >= 1 and out.exists()


@pytest.mark.parametrize(
    ("variant", "name", "field"),
    [("tiny", "r.pdf", "variant"), ("standard", "r.txt", "out"), ("standard", "no/r.pdf", "out")],
)
def test_bad_requests_are_refused_before_any_work(
    sample_store: Store, tmp_path: Path, variant: str, name: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused, sample_store.session() as session:
        make_report(session, ReportRequest(variant, Selection(), tmp_path / name))
    assert refused.value.field == field
    assert not list(tmp_path.rglob("r.*"))


def test_an_empty_scope_is_refused(sample_store: Store, tmp_path: Path) -> None:
    selection = Selection(date_from=date(1990, 1, 1), date_to=date(1990, 1, 2))
    with pytest.raises(InvalidInput), sample_store.session() as session:
        make_report(session, ReportRequest("standard", selection, tmp_path / "r.pdf"))


def test_cancelling_raises_cancelled(sample_store: Store, tmp_path: Path) -> None:
    progress = StopAtOnce()
    with pytest.raises(Cancelled), sample_store.session() as session:
        make_report(
            session, ReportRequest("large-print", Selection(), tmp_path / "r.pdf"), progress
        )
    assert progress.labels[0] == "Gathering what the report shows"
