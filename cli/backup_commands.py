"""Commands for backups: `backup --out FILE` and `restore FILE --store NEW`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.backup import back_up, restore
from cli.context import BadInput, opened_store, read_passphrase, store_path
from models.store_backup import BackupError

BACKUP_PASSPHRASE_ENV = "LISTENING_POST_BACKUP_PASSPHRASE"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = commands.add_parser(
        "backup", help="write an encrypted, checked backup of the store to one file"
    )
    backup.add_argument("--out", required=True, help="the backup file to write")
    backup.set_defaults(func=cmd_backup)

    restoring = commands.add_parser(
        "restore", help="restore a backup as a new store (with its own device identity)"
    )
    restoring.add_argument("backup", help="the backup file")
    # Its own destination: the global --store names the store a command opens.
    restoring.add_argument(
        "--store", dest="restore_to", required=True, metavar="NEW", help="the new store file"
    )
    restoring.set_defaults(func=cmd_restore)


def _backup_passphrase(*, confirm: bool) -> str:
    """From LISTENING_POST_BACKUP_PASSPHRASE, else typed at the terminal."""
    given = os.environ.get(BACKUP_PASSPHRASE_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise BadInput(f"no backup passphrase: run in a terminal or set {BACKUP_PASSPHRASE_ENV}")
    import getpass

    first = getpass.getpass("Backup passphrase: ")
    if confirm and getpass.getpass("Type it again: ") != first:
        raise BadInput("the two passphrases differ")
    return first


def cmd_backup(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    with opened_store(store_path(args.store)) as store:
        passphrase = _backup_passphrase(confirm=True)
        try:
            info = back_up(store, out, passphrase)
        except BackupError as error:
            raise BadInput(str(error)) from error
    print(f"backed up {info.size_bytes / 1_048_576:.1f} MB to {out} (keep its passphrase safe)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    target = Path(args.restore_to).expanduser()
    passphrase = _backup_passphrase(confirm=False)
    new_passphrase = read_passphrase("Passphrase for the new store: ", confirm=True)
    try:
        result = restore(Path(args.backup), target, passphrase, new_passphrase=new_passphrase)
    except BackupError as error:
        raise BadInput(str(error)) from error
    print(
        f"restored the backup of {result.info.created_at[:16].replace('T', ' ')} UTC to {target}; "
        f"it syncs as a new device ({result.identity.device_name})"
    )
    return 0
