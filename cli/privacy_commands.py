"""Commands about the data held: `data-summary` and `erase`."""

from __future__ import annotations

import argparse
import sys

from app.erasure import erase
from cli.context import BadInput, opened_store, store_path
from domain.data_held import data_held
from domain.erasure import find_notes_to_erase
from domain.retention import HELD_KINDS, retention_rules


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    summary = commands.add_parser(
        "data-summary", help="what personal data this store holds, how old, and where copies are"
    )
    summary.set_defaults(func=cmd_data_summary)
    register_erase(commands)


def cmd_data_summary(args: argparse.Namespace) -> int:
    with opened_store(store_path(args.store)) as store, store.session() as session:
        held = data_held(session)
        rules = {rule.kind: rule for rule in retention_rules(session)}
    print("What this store holds")
    for record in held.records:
        ages = ""
        if record.oldest and record.newest:
            ages = f", from {record.oldest:%-d %B %Y} to {record.newest:%-d %B %Y}"
        print(f"- {record.kind}: {record.count:,}{ages}")
        print(f"    {record.holds}")
        if record.kind in HELD_KINDS:
            print(f"    kept for {rules[HELD_KINDS[record.kind]].in_words}")
    print("\nOf the notes")
    for fact in held.facts:
        print(f"- {fact}")
    print("\nWhere copies are")
    for copy in held.copies:
        print(f"- {copy}")
    return 0


def register_erase(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    erase = commands.add_parser(
        "erase", help="erase notes for good, on every device at its next sync (withdrawal)"
    )
    erase.add_argument("--note", action="append", default=[], metavar="ID", help="a note's id")
    erase.add_argument("--activity", metavar="ID", help="the notes of this activity")
    erase.add_argument("--text", default="", metavar="WORDS", help="notes containing all these")
    erase.add_argument("--yes", action="store_true", help="erase without asking")
    erase.set_defaults(func=cmd_erase)


def cmd_erase(args: argparse.Namespace) -> int:
    with opened_store(store_path(args.store)) as store:
        with store.session() as session:
            found = find_notes_to_erase(
                session, note_ids=args.note, activity_id=args.activity, words=args.text
            )
        if not found:
            print("no notes match: nothing erased")
            return 0
        print(f"{_count(len(found), 'note')} to erase for good:")
        for candidate in found:
            print(
                f"  {candidate.note_id}  {candidate.created_at:%-d %b %Y}  "
                f"{candidate.activity_title}: {candidate.preview}"
            )
        if not args.yes and not _confirmed(len(found)):
            print("nothing erased")
            return 1
        erased, _changes = erase(store, [candidate.note_id for candidate in found])
    print(
        f"erased {_count(erased, 'note')}; every other laptop and the server erase "
        "them at their next sync"
    )
    return 0


def _confirmed(count: int) -> bool:
    if not sys.stdin.isatty():
        raise BadInput("erasing cannot be undone: add --yes to go ahead without a terminal")
    answer = input(f"Erase these {count} for good? This cannot be undone. Type 'erase': ")
    return answer.strip().lower() == "erase"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
