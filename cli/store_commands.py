"""Commands on the store itself: init, demo, search."""

from __future__ import annotations

import argparse
import socket
import sys

from cli.context import (
    TerminalProgress,
    opened_store,
    read_passphrase,
    store_path,
)
from cli.selection_options import add_selection_arguments, selection_from_args
from domain.plain_words import plural
from domain.sample_data import generate_sample_data
from domain.search import search_notes
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
    add_selection_arguments(search)
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
        f"added {plural(summary.activities, 'activity')}, {plural(summary.notes, 'note')}, "
        f"{plural(summary.themes, 'theme')} and {plural(summary.actions, 'action')}"
    )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    selection = selection_from_args(args)
    with opened_store(store_path(args.store)) as store, store.session() as session:
        page = search_notes(
            session, text=" ".join(args.query), selection=selection, limit=args.limit
        )
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
