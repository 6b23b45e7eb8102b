"""Commands for sync (`sync` through a folder or the server, with its key choices) and `digest`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.sync import (
    CloneDetected,
    KeyChoice,
    SyncError,
    SyncFolderUnavailable,
    SyncKeyError,
    canonical_lines,
    choose_key,
    state_digest,
    sync_with_folder,
)
from cli import server_commands
from cli.context import EXIT_FAILED, BadInput, TerminalProgress, opened_store, store_path, warn
from domain.plain_words import plural
from models.database import Store
from models.private_files import exposure_warnings, open_private


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = commands.add_parser(
        "sync", help="share changes through a shared folder or the organisation's PostgreSQL"
    )
    where = sync.add_mutually_exclusive_group(required=True)
    where.add_argument("--folder", help="the shared folder (OneDrive, share, USB)")
    where.add_argument(
        "--postgres",
        metavar="URL",
        help="the server, as postgresql://DEVICE-USER@HOST:PORT/DATABASE (no password in it)",
    )
    sync.add_argument(
        "--password-file",
        metavar="FILE",
        help="with --postgres: the device's password (else LISTENING_POST_PG_PASSWORD, the one "
        "kept from an earlier sync, or pgpass)",
    )
    sync.add_argument(
        "--key-file",
        help="the organisation sync key file (a copy from the first device); kept in the store "
        "after the first sync",
    )
    sync.add_argument(
        "--new-organisation-key",
        action="store_true",
        help="first device only: create the organisation sync key and save it to --key-file "
        "(a new file)",
    )
    sync.add_argument(
        "--rebind-key",
        action="store_true",
        help="tie this store to the organisation key in --key-file instead of the one it holds "
        "(after a mistake)",
    )
    sync.add_argument(
        "--new-device-identity",
        action="store_true",
        help="if this store turns out to be a restored or copied one, give it a new device id "
        "(keeping its data) so its changes are sent under it and the sync completes",
    )
    sync.set_defaults(func=cmd_sync)

    digest = commands.add_parser("digest", help="print a hash of the synced state")
    digest.add_argument("--out", help="also write the canonical state (JSON lines) to this file")
    digest.set_defaults(func=cmd_digest)


def _choice(args: argparse.Namespace) -> KeyChoice:
    key_file = Path(args.key_file) if args.key_file else None
    return KeyChoice(key_file, args.new_organisation_key, args.rebind_key)


def _store_key(store: Store, choice: KeyChoice, folder: Path | None) -> bytes:
    """The organisation key for this sync, kept in the store from now on."""
    if choice.key_file is not None and choice.key_file.expanduser().exists():
        for message in exposure_warnings(choice.key_file.expanduser()):
            warn(message)  # the organisation key opens every synced note
    try:
        key, message = choose_key(store, choice, folder)
    except SyncKeyError as error:
        raise BadInput(f"--key-file: {error}" if choice.key_file else str(error)) from error
    except SyncFolderUnavailable as error:
        raise BadInput(f"--folder: {error}") from error
    if message:
        warn(message)
    return key


def cmd_sync(args: argparse.Namespace) -> int:
    if args.postgres is not None:
        return server_commands.run_postgres_sync(
            args, lambda store: _store_key(store, _choice(args), None)
        )
    if args.password_file is not None:
        raise BadInput("--password-file goes with --postgres")
    folder = Path(args.folder).expanduser()
    if not folder.is_dir():
        raise BadInput(f"--folder: {folder} is not a folder (is the drive connected?)")
    with opened_store(store_path(args.store)) as store:
        key = _store_key(store, _choice(args), folder)
        try:
            result = sync_with_folder(
                store, folder, key, TerminalProgress(), recover=args.new_device_identity
            )
        except SyncKeyError as error:
            raise BadInput(str(error)) from error
        except CloneDetected as error:
            warn(f"error: {error}")
            warn(
                "to keep this copy's changes and sync it as a new device, run the same command "
                "again with --new-device-identity"
            )
            return EXIT_FAILED
        except SyncError as error:
            warn(f"error: {error}")
            return EXIT_FAILED
    report = result.report
    for line in result.notices:
        warn(line)
    for line in (*report.warnings, *report.problems):
        warn(f"warning: {line}")
    print(
        f"sent {plural(report.published, 'bundle')}; applied {plural(report.applied, 'bundle')} "
        f"({plural(report.ops_applied, 'change')}); {report.waiting} waiting; "
        f"{report.quarantined} set aside; {plural(report.conflicts, 'conflict')} to review"
    )
    if report.forgotten:
        print(
            f"removed {plural(report.forgotten, 'note')} from this laptop only: the "
            "coordinator's store holds them (delete after sync)"
        )
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    with opened_store(store_path(args.store)) as store, store.session() as session:
        if args.out:
            # The canonical state holds every note's text: readable by this user only.
            descriptor = open_private(Path(args.out))
            with open(descriptor, "w", encoding="utf-8", newline="\n") as handle:
                for line in canonical_lines(session):
                    handle.write(line + "\n")
        sys.stdout.write(state_digest(session) + "\n")
    return 0
