"""Commands for a damaged store: check (a plain verdict) and recover (copy what can be read)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.context import EXIT_FAILED, EXIT_OK, BadInput, read_passphrase, store_path
from domain.plain_words import plural
from models.integrity import CannotCheck, check_store, data_key_for
from models.recovery import Recovery, recover_store


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check", help="check every page of the store (exit 0 healthy, 1 damaged, 2 cannot check)"
    )
    check.set_defaults(func=cmd_check)
    recover = commands.add_parser(
        "recover", help="copy what can be read from a damaged store into a new store"
    )
    recover.add_argument("--out", required=True, metavar="NEW", help="the new store file")
    recover.set_defaults(func=cmd_recover)


def _data_key(path: Path) -> bytes:
    try:
        return data_key_for(path, read_passphrase())
    except CannotCheck as error:
        raise BadInput(str(error)) from error


def cmd_check(args: argparse.Namespace) -> int:
    path = store_path(args.store)
    verdict = check_store(path, _data_key(path))
    print(f"{path}: {verdict.summary}")
    for problem in verdict.problems[:20]:
        print(f"  {problem}")
    if len(verdict.problems) > 20:
        print(f"  … and {len(verdict.problems) - 20} more")
    return EXIT_OK if verdict.healthy else EXIT_FAILED


def cmd_recover(args: argparse.Namespace) -> int:
    path = store_path(args.store)
    out = Path(args.out).expanduser()
    if out.resolve() == path.resolve():
        raise BadInput("--out: choose a new file, not the damaged store itself")
    recovery = recover_store(path, _data_key(path), out, read_passphrase())
    print(describe(recovery, out))
    return EXIT_OK if recovery.complete else EXIT_FAILED


def describe(recovery: Recovery, out: Path) -> str:
    lines = [f"recovered into {out} (same passphrase):"]
    for table in recovery.tables:
        if not (table.copied or table.damaged_stretches or table.unlinked):
            continue
        line = f"  {table.table}: {table.copied:,} copied"
        if table.damaged_stretches:
            stretches = plural(table.damaged_stretches, "damaged stretch", "damaged stretches")
            line += f"; {stretches} could not be read"
        if table.unlinked:
            line += f"; {table.unlinked:,} left out because what they belonged to was lost"
        lines.append(line)
    lines.append(
        "nothing was lost"
        if recovery.complete
        else "some records were lost (above); check the new store, then use it in place of the old"
    )
    return "\n".join(lines)
