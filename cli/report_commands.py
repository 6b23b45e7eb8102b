"""`report`: accessible "You said, we did" PDFs and the coordinator report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.context import BadInput, TerminalProgress, opened_store, store_path
from cli.scope_options import add_scope_arguments, scope_from_args
from domain.reports import community_report_content, coordinator_report_content
from exporters.pdf import (
    ReportContentError,
    ReportResult,
    build_community_report,
    build_coordinator_report,
)

VARIANTS = ("standard", "large-print", "easy-read", "coordinator")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("report", help="write an accessible PDF report")
    report.add_argument("--variant", choices=VARIANTS, default="standard")
    report.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument("--quotes", type=int, default=3, help="quotes per theme (default 3)")
    add_scope_arguments(report)
    report.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        raise BadInput(f"--out: {out} should end in .pdf")
    if not out.parent.exists():
        raise BadInput(f"--out: the folder {out.parent} does not exist")
    scope = scope_from_args(args)
    with opened_store(store_path(args.store)) as store, store.session() as session:
        if args.variant == "coordinator":
            coordinator = coordinator_report_content(session, scope=scope)
        else:
            content = community_report_content(
                session, scope=scope, max_quotes_per_theme=args.quotes
            )
    try:
        if args.variant == "coordinator":
            result = build_coordinator_report(coordinator, out, TerminalProgress())
        else:
            result = build_community_report(content, args.variant, out, TerminalProgress())
    except ReportContentError as error:
        raise BadInput(str(error)) from error
    _tell(result)
    return 0


def _tell(result: ReportResult) -> None:
    print(f"wrote {result.path} ({result.pages} pages, {result.variant})")
    by_reason: dict[str, list[str]] = {}
    for quote in result.left_out_quotes:
        by_reason.setdefault(quote.reason, []).append(quote.note_id)
    # Identifier hits are worth a look one by one; the others are expected and only counted.
    for note_id in by_reason.pop("personal identifiers", []):
        print(f"left out (personal identifiers): note {note_id}", file=sys.stderr)
    for reason, note_ids in sorted(by_reason.items()):
        print(f"left out ({reason}): {len(note_ids)} notes", file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
