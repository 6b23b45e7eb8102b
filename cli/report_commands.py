"""`report`: accessible "You said, we did" reports (PDF or web page), the coordinator report,
and the publish pack of every public version."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.reports import (
    DEFAULT_QUOTES_PER_THEME,
    FORMATS,
    SUFFIXES,
    VARIANTS,
    PackRequest,
    PackResult,
    ReportContentError,
    ReportRequest,
    ReportResult,
    make_pack,
    make_report,
)
from cli.context import BadInput, TerminalProgress, opened_store, store_path
from cli.selection_options import add_selection_arguments, selection_from_args
from domain.organisation import OrganisationIncomplete
from domain.plain_words import plural
from domain.quoting import NotQuoted


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report", help="write an accessible report (PDF or web page), or a publish pack"
    )
    report.add_argument("--variant", choices=VARIANTS, default=None, help="default: standard")
    report.add_argument(
        "--format", choices=FORMATS, default=None, help="pdf (default) or html: one web page"
    )
    where = report.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="FILE.pdf|FILE.html")
    where.add_argument(
        "--pack",
        type=Path,
        metavar="DIR",
        help="write standard, large print and Easy Read as HTML, PDF and plain text, "
        "with an index.html linking them",
    )
    report.add_argument(
        "--quotes",
        type=int,
        default=DEFAULT_QUOTES_PER_THEME,
        help=f"quotes per theme (default {DEFAULT_QUOTES_PER_THEME})",
    )
    add_selection_arguments(report)
    report.set_defaults(func=cmd_report)


def _request(args: argparse.Namespace) -> ReportRequest:
    out: Path = args.out
    format_ = args.format or ("html" if out.suffix.lower() in SUFFIXES["html"] else "pdf")
    suffixes = SUFFIXES[format_]
    if out.suffix.lower() not in suffixes:
        raise BadInput(f"--out: {out} should end in {' or '.join(suffixes)} for --format {format_}")
    if not out.parent.exists():
        raise BadInput(f"--out: the folder {out.parent} does not exist")
    variant = args.variant or "standard"
    return ReportRequest(variant, selection_from_args(args), out, args.quotes, format_)


def _pack_request(args: argparse.Namespace) -> PackRequest:
    if args.variant or args.format:
        raise BadInput(
            "--pack writes every public version in every format: leave out --variant and --format"
        )
    folder: Path = args.pack
    if not folder.parent.exists():
        raise BadInput(f"--pack: the folder {folder.parent} does not exist")
    if folder.exists() and not folder.is_dir():
        raise BadInput(f"--pack: {folder} is a file, not a folder")
    return PackRequest(selection_from_args(args), folder, args.quotes)


def cmd_report(args: argparse.Namespace) -> int:
    request: ReportRequest | PackRequest = (
        _pack_request(args) if args.pack is not None else _request(args)
    )
    try:
        with opened_store(store_path(args.store)) as store, store.session() as session:
            if isinstance(request, PackRequest):
                result: ReportResult | PackResult = make_pack(session, request, TerminalProgress())
            else:
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


def _tell(result: ReportResult | PackResult) -> None:
    if isinstance(result, PackResult):
        for path in result.files:
            print(f"wrote {path}")
        print(f"open {result.index} to see the pack")
    elif result.format == "html":
        print(f"wrote {result.path} (web page, {result.variant})")
    else:
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
