"""The scope options shared by reports and exports: dates, activities, area, groups, themes."""

from __future__ import annotations

import argparse
from datetime import date

from domain.report_scope import Scope


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {text!r}") from error


def add_scope_arguments(parser: argparse.ArgumentParser) -> None:
    scope = parser.add_argument_group("scope (all optional; combine to narrow)")
    scope.add_argument("--from", dest="date_from", type=parse_date, metavar="YYYY-MM-DD")
    scope.add_argument("--to", dest="date_to", type=parse_date, metavar="YYYY-MM-DD")
    scope.add_argument("--activity", action="append", default=[], metavar="ID")
    scope.add_argument("--area", help="area name, as recorded on activities")
    scope.add_argument("--group", action="append", default=[], metavar="KEY")
    scope.add_argument("--theme", action="append", default=[], metavar="ID")


def scope_from_args(args: argparse.Namespace) -> Scope:
    return Scope(
        date_from=args.date_from,
        date_to=args.date_to,
        activity_ids=tuple(args.activity),
        area=args.area,
        group_keys=tuple(args.group),
        theme_ids=tuple(args.theme),
    )
