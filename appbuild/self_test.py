"""`listening-post --self-test`: real commands on throwaway stores, and checks of their output."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

# The same function `main.py` runs for a command line, so the test follows the real entry points
# wherever their internals move.
RunCommandLine = Callable[[list[str]], int]
# Opens the window on a store and returns what went wrong, or None (Qt lives in ui/, not here).
WindowCheck = Callable[[Path], str | None]

PASSPHRASE = "self-test passphrase, thrown away afterwards"
SQLITE_HEADER = b"SQLite format 3\x00"


class CheckFailed(Exception):
    """One check's failure, worded for the person reading the self-test's output."""


@dataclass(frozen=True)
class Outcome:
    name: str
    seconds: float
    failure: str | None


@contextlib.contextmanager
def _self_test_environment() -> Iterator[None]:
    """The passphrase for the throwaway stores, and never the user's keyring."""
    saved = {
        name: os.environ.get(name)
        for name in ("LISTENING_POST_PASSPHRASE", "LISTENING_POST_KEYRING")
    }
    os.environ["LISTENING_POST_PASSPHRASE"] = PASSPHRASE
    os.environ["LISTENING_POST_KEYRING"] = "0"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class SelfTest:
    """Runs the checks in order on one temporary folder; not thread-safe (it sets environment)."""

    def __init__(self, run: RunCommandLine, folder: Path, variants: tuple[str, ...]) -> None:
        self._run = run
        self.folder = folder
        self.variants = variants
        self.store_a = folder / "first.lpstore"
        self.store_b = folder / "second.lpstore"

    def command(self, *argv: str) -> str:
        """Run one command line; its standard output, or CheckFailed with its last error line."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = self._run(list(argv))
        if status != 0:
            lines = [line for line in err.getvalue().splitlines() if line.strip()]
            reason = lines[-1] if lines else "no message"
            raise CheckFailed(f"`{' '.join(argv[2:3])}` exited {status}: {reason}")
        return out.getvalue()

    def create_stores(self) -> None:
        for path, name, seed in ((self.store_a, "A", "1"), (self.store_b, "B", "2")):
            self.command("--store", str(path), "init", "--device-name", f"Self-test {name}")
            self.command(
                "--store",
                str(path),
                "demo",
                "--activities",
                "3",
                "--notes-per-activity",
                "5",
                "--seed",
                seed,
            )
            with path.open("rb") as handle:
                if handle.read(16) == SQLITE_HEADER:
                    raise CheckFailed(f"{path.name} is not encrypted")

    def report(self, variant: str) -> None:
        out = self.folder / f"report-{variant}.pdf"
        self.command(
            "--store", str(self.store_a), "report", "--variant", variant, "--out", str(out)
        )
        check_pdf(out)

    def easy_read_pictures(self) -> None:
        """The Easy Read report drew pictures (OpenMoji's SVGs and svglib made it into the app)."""
        out = self.folder / "report-easy-read.pdf"
        if not out.is_file():
            raise CheckFailed("no Easy Read report to look at")
        figures = out.read_bytes().count(b"/Figure")
        if figures < 2:
            raise CheckFailed(f"the Easy Read report has {figures} pictures; its points need them")

    def easy_read_web_page(self) -> None:
        """The Easy Read report as a web page, its pictures inline (the HTML writer and OpenMoji
        made it into the app)."""
        out = self.folder / "report-easy-read.html"
        self.command(
            "--store", str(self.store_a), "report", "--format", "html", "--variant",
            "easy-read", "--out", str(out),
        )  # fmt: skip
        page = out.read_text(encoding="utf-8")
        pictures = page.count('<svg class="picture"')
        if not page.startswith("<!DOCTYPE html>") or pictures < 2:
            raise CheckFailed(
                f"the Easy Read web page has {pictures} pictures; its points need them"
            )

    def excel_export(self) -> None:
        out = self.folder / "export.xlsx"
        self.command("--store", str(self.store_a), "export-xlsx", "--out", str(out))
        check_workbook(out)

    def sync_two_stores(self) -> None:
        shared = self.folder / "shared"
        shared.mkdir()
        key = self.folder / "organisation.key"
        create_key = ("--key-file", str(key), "--new-organisation-key")
        for path, key_options in (
            (self.store_a, create_key),
            (self.store_b, ("--key-file", str(key))),
            (self.store_a, ()),  # the store keeps the key it was given
        ):
            self.command("--store", str(path), "sync", "--folder", str(shared), *key_options)
        first = self.command("--store", str(self.store_a), "digest").strip()
        second = self.command("--store", str(self.store_b), "digest").strip()
        if not first or first != second:
            raise CheckFailed(f"the two stores disagree after sync ({first[:12]} vs {second[:12]})")


def check_pdf(path: Path) -> None:
    """A whole PDF, tagged, with its fonts embedded (a font missing from the app fails here)."""
    data = path.read_bytes() if path.is_file() else b""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CheckFailed(f"{path.name} is missing or not a complete PDF")
    for marker, what in ((b"/StructTreeRoot", "structure tags"), (b"/FontFile2", "embedded fonts")):
        if marker not in data:
            raise CheckFailed(f"{path.name} has no {what}")


def check_workbook(path: Path) -> None:
    """A workbook openpyxl reads back, with at least one note row."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CheckFailed(f"{path.name} does not open as a workbook: {error}") from error
    try:
        sheet = next((book[name] for name in book.sheetnames if "note" in name.lower()), None)
        if sheet is None:
            raise CheckFailed(f"{path.name} has no notes sheet ({', '.join(book.sheetnames)})")
        rows = sum(1 for _ in sheet.iter_rows(min_row=2, max_row=3))
        if rows == 0:
            raise CheckFailed(f"{path.name}'s {sheet.title} sheet is empty")
    finally:
        book.close()


def report_variants(parser: argparse.ArgumentParser) -> tuple[str, ...]:
    """The variants the `report` command offers, read from its parser (one list, no copy)."""
    for action in parser._actions:  # argparse keeps sub-commands here, with no public getter
        if isinstance(action, argparse._SubParsersAction):
            report = action.choices.get("report")
            for option in report._actions if report is not None else []:
                if option.dest == "variant" and option.choices:
                    return tuple(str(choice) for choice in option.choices)
    return ()


def _timed(name: str, step: Callable[[], object]) -> Outcome:
    started = time.perf_counter()
    try:
        result = step()
    except CheckFailed as error:
        return Outcome(name, time.perf_counter() - started, str(error))
    except Exception as error:  # a packaging mistake shows up as any error: name it, go on
        return Outcome(name, time.perf_counter() - started, f"{type(error).__name__}: {error}")
    failure = result if isinstance(result, str) else None
    return Outcome(name, time.perf_counter() - started, failure)


def run_self_test(
    run: RunCommandLine,
    parser: argparse.ArgumentParser,
    *,
    window_check: WindowCheck | None = None,
    out: TextIO,
) -> int:
    """Run every check, print one line each, and return 0 when all passed, else 1."""
    variants = report_variants(parser)
    with _self_test_environment(), tempfile.TemporaryDirectory(prefix="lp-self-test-") as tmp:
        test = SelfTest(run, Path(tmp), variants)
        steps: list[tuple[str, Callable[[], object]]] = [
            ("encrypted stores with demo data", test.create_stores),
            *((f"report: {variant}", lambda v=variant: test.report(v)) for variant in variants),
            ("Easy Read pictures", test.easy_read_pictures),
            ("Easy Read web page", test.easy_read_web_page),
            ("Excel export", test.excel_export),
            ("sync of two stores through a folder", test.sync_two_stores),
        ]
        if not variants:
            steps.append(("report variants", lambda: "the report command offers no variants"))
        if window_check is not None:
            steps.append(("the window opens on a store", lambda: window_check(test.store_a)))
        outcomes: list[Outcome] = []
        for name, step in steps:
            outcome = _timed(name, step)
            outcomes.append(outcome)
            mark = "ok  " if outcome.failure is None else "FAIL"
            detail = f": {outcome.failure}" if outcome.failure else ""
            print(f"{mark} {name} ({outcome.seconds:.1f} s){detail}", file=out, flush=True)
            if name.startswith("encrypted stores") and outcome.failure:
                break  # nothing else can run without the stores
    failed = [outcome.name for outcome in outcomes if outcome.failure]
    if failed:
        print(f"failed: {', '.join(failed)}", file=out)
    # The plain closing line CI reads: "N passed, N failed".
    print(f"self-test: {len(outcomes) - len(failed)} passed, {len(failed)} failed", file=out)
    return 1 if failed else 0
