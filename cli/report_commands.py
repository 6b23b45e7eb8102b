"""`report`: accessible "You said, we did" PDFs and the coordinator report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.reports import (
    DEFAULT_QUOTES_PER_THEME,
    VARIANTS,
    ReportContentError,
    ReportRequest,
    ReportResult,
    make_report,
)
from cli.context import BadInput, TerminalProgress, opened_store, store_path
from cli.selection_options import add_selection_arguments, selection_from_args
from domain.organisation import OrganisationIncomplete
from domain.plain_words import plural
from domain.quoting import NotQuoted


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("report", help="write an accessible PDF report")
    report.add_argument("--variant", choices=VARIANTS, default="standard")
    report.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument(
        "--quotes",
        type=int,
        default=DEFAULT_QUOTES_PER_THEME,
        help=f"quotes per theme (default {DEFAULT_QUOTES_PER_THEME})",
    )
    add_selection_arguments(report)
    report.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        raise BadInput(f"--out: {out} should end in .pdf")
    if not out.parent.exists():
        raise BadInput(f"--out: the folder {out.parent} does not exist")
    request = ReportRequest(args.variant, selection_from_args(args), out, args.quotes)
    try:
        with opened_store(store_path(args.store)) as store, store.session() as session:
            result = make_report(session, request, TerminalProgress())
    except OrganisationIncomplete as error:
        raise BadInput(
            f"{error} Set them with: python main.py organisation --name NAME "
            "--phone NUMBER --email ADDRESS --post ADDRESS"
        ) from error
    except ReportContentError as error:
        raise BadInput(str(error)) from error
    _tell(result)
    return 0


def _tell(result: ReportResult) -> None:
    print(f"wrote {result.path} ({plural(result.pages, 'page')}, {result.variant})")
    by_reason: dict[str, list[str]] = {}
    for quote in result.left_out_quotes:
        by_reason.setdefault(quote.reason, []).append(quote.note_id)
    # Identifier hits are worth a look one by one; the others are expected and only counted.
    for note_id in by_reason.pop(NotQuoted.PERSONAL_IDENTIFIERS, []):
        print(f"left out (personal identifiers): note {note_id}", file=sys.stderr)
    for reason, note_ids in sorted(by_reason.items()):
        print(f"left out ({reason}): {plural(len(note_ids), 'note')}", file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
