"""The selection options shared by search, report and export-xlsx, read into a Selection."""

from __future__ import annotations

import argparse
from datetime import date

from domain.errors import InvalidInput
from domain.selection import Selection, parse_date
from domain.vocabulary import NoteKind, Sentiment, choices


def date_argument(text: str) -> date | None:
    """argparse's type for a YYYY-MM-DD date, refusing anything else in the domain's words."""
    try:
        return parse_date(text, "date")
    except InvalidInput as error:
        raise argparse.ArgumentTypeError(error.reason) from None


def principle_argument(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1 <= number <= 10:
        raise argparse.ArgumentTypeError(f"there is no principle {number} (1 to 10)")
    return number


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """Options that narrow what a command covers; all optional, each repeatable one ORs its
    values and different options combine to narrow."""
    chosen = parser.add_argument_group("selection (all optional; combine to narrow)")
    chosen.add_argument("--from", dest="date_from", type=date_argument, metavar="YYYY-MM-DD")
    chosen.add_argument("--to", dest="date_to", type=date_argument, metavar="YYYY-MM-DD")
    chosen.add_argument("--activity", action="append", default=[], metavar="ID")
    chosen.add_argument("--area", help="area name, as recorded on activities")
    chosen.add_argument(
        "--group", action="append", default=[], metavar="KEY",
        help="notes tagged with this group or any of its sub-groups",
    )  # fmt: skip
    chosen.add_argument(
        "--without-subgroups", dest="include_subgroups", action="store_false",
        help="--group matches only the groups named, not their sub-groups",
    )  # fmt: skip
    chosen.add_argument("--theme", action="append", default=[], metavar="ID")
    chosen.add_argument("--service", action="append", default=[], metavar="KEY")
    chosen.add_argument("--principle", action="append", default=[], type=principle_argument)
    chosen.add_argument("--kind", action="append", default=[], choices=choices(NoteKind))
    chosen.add_argument("--sentiment", action="append", default=[], choices=choices(Sentiment))
    review = chosen.add_mutually_exclusive_group()
    review.add_argument(
        "--needs-review", dest="needs_review", action="store_const", const=True, default=None
    )
    review.add_argument("--reviewed", dest="needs_review", action="store_const", const=False)


def selection_from_args(args: argparse.Namespace, *, text: str = "") -> Selection:
    return Selection(
        date_from=args.date_from,
        date_to=args.date_to,
        activity_ids=tuple(args.activity),
        area=args.area,
        group_keys=tuple(args.group),
        include_subgroups=args.include_subgroups,
        theme_ids=tuple(args.theme),
        service_keys=tuple(args.service),
        principles=tuple(args.principle),
        kinds=tuple(args.kind),
        sentiments=tuple(args.sentiment),
        text=text,
        needs_review=args.needs_review,
    )
