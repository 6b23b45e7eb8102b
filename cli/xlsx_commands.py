"""Commands for Excel exchange: export-xlsx, xlsx-template, import-xlsx."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from app import excel
from cli.context import EXIT_BAD_INPUT, BadInput, TerminalProgress, opened_store, store_path, warn
from cli.selection_options import add_selection_arguments, selection_from_args
from domain.exchange import ImportRefused, ImportSummary
from domain.plain_words import plural
from models.entities import Base
from models.taxonomy import seed_reference_data


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser("export-xlsx", help="export to an Excel workbook")
    export.add_argument("--out", required=True, metavar="FILE.xlsx", help="workbook to write")
    add_selection_arguments(export)
    export.set_defaults(func=cmd_export)

    template = commands.add_parser("xlsx-template", help="write a template for typing up notes")
    template.add_argument("--out", required=True, metavar="FILE.xlsx", help="workbook to write")
    template.set_defaults(func=cmd_template)

    imported = commands.add_parser("import-xlsx", help="import an export or a filled-in template")
    imported.add_argument("file", metavar="FILE.xlsx", help="workbook to import")
    imported.set_defaults(func=cmd_import)


def _out_path(given: str) -> Path:
    path = Path(given).expanduser()
    if path.suffix.lower() != ".xlsx":
        raise BadInput(f"--out: {path} should end in .xlsx")
    if not path.parent.is_dir():
        raise BadInput(f"--out: there is no folder {path.parent}")
    return path


def cmd_export(args: argparse.Namespace) -> int:
    out = _out_path(args.out)
    selection = selection_from_args(args)
    progress = TerminalProgress()
    with opened_store(store_path(args.store)) as store, store.session() as session:
        done = excel.export_workbook(session, selection=selection, out=out, progress=progress)
    print(
        f"exported {plural(done.activity_count, 'activity')} and "
        f"{plural(done.note_count, 'note')} to {out}"
    )
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    out = _out_path(args.out)
    path = store_path(args.store)
    if path.exists():
        with opened_store(path) as store, store.session() as session:
            excel.write_template_workbook(session, out=out)
    else:
        with _blank_session() as session:
            excel.write_template_workbook(session, out=out)
    print(f"wrote a typing-up template to {out}")
    return 0


def _blank_session() -> Session:
    """No store yet: a throwaway in-memory database holding only the default groups, services
    and principles, so a blank template needs no store."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    session = Session(engine)
    seed_reference_data(session)
    session.flush()
    return session


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    progress = TerminalProgress()
    try:
        # The workbook is read and checked before the store is even opened.
        batch = excel.read_import(path, progress=progress)
        with opened_store(store_path(args.store)) as store, store.session() as session:
            summary = excel.apply_workbook(session, batch=batch, progress=progress).value
    except ImportRefused as refused:
        for problem in refused.problems:
            sys.stderr.write(f"{problem}\n")
        warn(f"error: {path.name}: {refused}")
        return EXIT_BAD_INPUT
    print(f"imported {path.name}: {describe(summary)}")
    return 0


def _count(number: int, entity: str) -> str:
    return plural(number, entity)


def describe(summary: ImportSummary) -> str:
    if not summary.changed_anything:
        return f"nothing new ({plural(summary.unchanged, 'row')} already in the store)"
    created = ", ".join(_count(n, entity) for entity, n in sorted(summary.created.items()) if n)
    updated = ", ".join(_count(n, entity) for entity, n in sorted(summary.updated.items()) if n)
    parts = [f"added {created}" if created else "", f"updated {updated}" if updated else ""]
    parts.append(f"{summary.unchanged} unchanged")
    if summary.flagged_for_review:
        parts.append(f"{plural(summary.flagged_for_review, 'note')} flagged for review")
    return "; ".join(part for part in parts if part)
