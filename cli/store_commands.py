"""Commands on the store itself: init, demo, search."""

from __future__ import annotations

import argparse
import socket
import sys

from cli.context import (
    BadInput,
    TerminalProgress,
    opened_store,
    read_passphrase,
    store_path,
)
from cli.scope_options import parse_date
from domain.sample_data import generate_sample_data
from domain.search import SearchFilters, search_notes
from domain.vocabulary import NoteKind, Sentiment, choices
from models.database import create_store


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser("init", help="create a new encrypted store")
    init.add_argument("--device-name", default=socket.gethostname(), help="name of this laptop")
    init.add_argument("--organisation", default="", help="your organisation's name")
    init.set_defaults(func=cmd_init)

    demo = commands.add_parser("demo", help="fill a store with realistic sample data")
    demo.add_argument("--activities", type=_positive, default=12)
    demo.add_argument("--notes-per-activity", type=_positive, default=15)
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(func=cmd_demo)

    search = commands.add_parser("search", help="full-text search over notes")
    search.add_argument("query", nargs="*", help="words to find (all must match)")
    search.add_argument("--group", help="group key (includes its sub-groups)")
    search.add_argument("--principle", type=int, help="principle number, 1 to 10")
    search.add_argument("--service", help="service key")
    search.add_argument("--theme", help="theme id")
    search.add_argument("--sentiment", choices=choices(Sentiment))
    search.add_argument("--kind", choices=choices(NoteKind))
    search.add_argument("--from", dest="date_from", type=parse_date, help="YYYY-MM-DD")
    search.add_argument("--to", dest="date_to", type=parse_date, help="YYYY-MM-DD")
    search.add_argument("--limit", type=_positive, default=50)
    search.set_defaults(func=cmd_search)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from error
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text!r}")
    return value


def cmd_init(args: argparse.Namespace) -> int:
    path = store_path(args.store)
    passphrase = read_passphrase("New passphrase: ", confirm=True)
    store = create_store(
        path, passphrase, device_name=args.device_name, organisation=args.organisation
    )
    store.close()
    print(f"created an encrypted store at {path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    path = store_path(args.store)
    if not path.exists():
        passphrase = read_passphrase("New passphrase: ", confirm=True)
        create_store(path, passphrase, device_name=socket.gethostname()).close()
    with opened_store(path) as store, store.session() as session:
        summary = generate_sample_data(
            session,
            activities=args.activities,
            notes_per_activity=args.notes_per_activity,
            seed=args.seed,
            progress=TerminalProgress(),
        )
    print(
        f"added {summary.activities} activities, {summary.notes} notes, "
        f"{summary.themes} themes and {summary.actions} actions"
    )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    if args.principle is not None and not 1 <= args.principle <= 10:
        raise BadInput(f"--principle: there is no principle {args.principle} (1 to 10)")
    filters = SearchFilters(
        group_key=args.group,
        principle=args.principle,
        service_key=args.service,
        theme_id=args.theme,
        sentiment=args.sentiment,
        kind=args.kind,
        date_from=args.date_from,
        date_to=args.date_to,
    )
    with opened_store(store_path(args.store)) as store, store.session() as session:
        page = search_notes(session, text=" ".join(args.query), filters=filters, limit=args.limit)
    out = sys.stdout
    for note in page.notes:
        day = note.created_at.date().isoformat()
        tags = ",".join(note.group_keys)
        out.write(
            f"{note.id}\t{day}\t{note.sentiment}\t{tags}\t{_one_line(note.activity_title, 60)}"
            f"\t{_one_line(note.body)}\n"
        )
    if not page.notes:
        print("no notes match", file=sys.stderr)
    elif page.has_more:
        print(f"showing the first {len(page.notes)}; narrow the search for more", file=sys.stderr)
    return 0


def _one_line(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
