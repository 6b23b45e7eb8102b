"""--self-test runs the real commands end to end and names what failed."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import main as entry
from appbuild.self_test import (
    CheckFailed,
    check_pdf,
    check_workbook,
    report_variants,
    run_self_test,
)
from cli.parser import build_parser


def test_report_variants_are_read_from_the_report_command() -> None:
    assert report_variants(build_parser()) == (
        "standard",
        "large-print",
        "easy-read",
        "coordinator",
    )


def test_self_test_passes_on_a_working_installation(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    status = run_self_test(entry.main, build_parser(), out=out)
    lines = out.getvalue().splitlines()
    assert status == 0, out.getvalue()
    assert [line.split(" (")[0] for line in lines[:-1]] == [
        "ok   encrypted stores with demo data",
        "ok   report: standard",
        "ok   report: large-print",
        "ok   report: easy-read",
        "ok   report: coordinator",
        "ok   Easy Read pictures",
        "ok   Easy Read web page",
        "ok   Excel export",
        "ok   sync of two stores through a folder",
    ]
    assert lines[-1] == "self-test: 9 passed, 0 failed"


def test_a_failing_command_fails_the_self_test_and_is_named() -> None:
    def broken_easy_read(argv: list[str]) -> int:
        if "easy-read" in argv:
            print("error: no picture for 'wheelchair' (a packaging mistake)", file=sys.stderr)
            return 1
        return entry.main(argv)

    out = io.StringIO()
    status = run_self_test(broken_easy_read, build_parser(), out=out)
    assert status == 1
    text = out.getvalue()
    assert "FAIL report: easy-read" in text and "no picture for 'wheelchair'" in text
    assert "ok   report: standard" in text
    assert text.splitlines()[-1] == "self-test: 6 passed, 3 failed"


def test_window_check_failure_is_reported() -> None:
    out = io.StringIO()
    status = run_self_test(
        entry.main,
        build_parser(),
        window_check=lambda _store: "Qt found no platform plugin",
        out=out,
    )
    assert status == 1
    assert "FAIL the window opens on a store" in out.getvalue()


def test_pdf_and_workbook_checks_reject_broken_files(tmp_path: Path) -> None:
    half = tmp_path / "half.pdf"
    half.write_bytes(b"%PDF-1.7\n1 0 obj")
    with pytest.raises(CheckFailed, match="not a complete PDF"):
        check_pdf(half)
    with pytest.raises(CheckFailed, match="not a complete PDF"):
        check_pdf(tmp_path / "missing.pdf")
    not_a_book = tmp_path / "export.xlsx"
    not_a_book.write_text("hello", encoding="utf-8")
    with pytest.raises(CheckFailed, match="does not open as a workbook"):
        check_workbook(not_a_book)


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        entry.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("Listening Post 0.")
