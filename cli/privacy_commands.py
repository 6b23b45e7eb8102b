"""Commands about the data held: `data-summary`."""

from __future__ import annotations

import argparse

from cli.context import opened_store, store_path
from domain.data_held import data_held


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    summary = commands.add_parser(
        "data-summary", help="what personal data this store holds, how old, and where copies are"
    )
    summary.set_defaults(func=cmd_data_summary)


def cmd_data_summary(args: argparse.Namespace) -> int:
    with opened_store(store_path(args.store)) as store, store.session() as session:
        held = data_held(session)
    print("What this store holds")
    for record in held.records:
        ages = ""
        if record.oldest and record.newest:
            ages = f", from {record.oldest:%-d %B %Y} to {record.newest:%-d %B %Y}"
        print(f"- {record.kind}: {record.count:,}{ages}")
        print(f"    {record.holds}")
    print("\nOf the notes")
    for fact in held.facts:
        print(f"- {fact}")
    print("\nWhere copies are")
    for copy in held.copies:
        print(f"- {copy}")
    return 0
