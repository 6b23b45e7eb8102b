"""Commands for sync: `sync --folder PATH [--key-file FILE] [--new-device-identity]`, `digest`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli import server_commands
from cli.context import EXIT_FAILED, BadInput, TerminalProgress, opened_store, store_path, warn
from domain.plain_words import plural
from models.database import Store
from models.private_files import exposure_warnings, open_private
from sync.digest import canonical_lines, state_digest
from sync.errors import CloneDetected, SyncError, SyncKeyError
from sync.folder_sync import SyncReport, sync_now
from sync.identity import take_new_device_identity
from sync.keys import (
    fingerprint,
    new_sync_key,
    read_key_file,
    store_sync_key,
    stored_sync_key,
    write_key_file,
)


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
        help="organisation sync key: created here if FILE does not exist, imported if it does",
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


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _sync_key(
    store_key: bytes | None, key_file: str | None, folder: Path | None
) -> tuple[bytes, str]:
    """The key to use, and what to tell the person about where it came from."""
    if key_file is None:
        if store_key is None:
            raise BadInput(
                "this store has no organisation sync key yet: give --key-file FILE "
                "(a new FILE creates the key, an existing one imports it)"
            )
        return store_key, ""
    path = Path(key_file).expanduser()
    if folder is not None and _inside(path, folder):
        raise BadInput(
            f"--key-file: {path} is inside the sync folder; keep the key file elsewhere "
            "(anyone who can read the folder could read everything)"
        )
    try:
        if path.exists():
            for message in exposure_warnings(path):
                warn(message)  # the organisation key opens every synced note
            given = read_key_file(path)
            if store_key is not None and given != store_key:
                raise BadInput(
                    f"--key-file: {path} holds a different organisation key "
                    f"({fingerprint(given)}) from this store's ({fingerprint(store_key)})"
                )
            return given, f"using the organisation sync key from {path}"
        key = store_key or new_sync_key()
        write_key_file(path, key)
    except SyncKeyError as error:
        raise BadInput(f"--key-file: {error}") from error
    except OSError as error:
        raise BadInput(f"--key-file: cannot write {path}: {error.strerror}") from error
    verb = "exported this store's" if store_key else "created a new"
    return key, (
        f"{verb} organisation sync key in {path} (fingerprint {fingerprint(key)}); give a copy "
        "to each other device out of band, and print its recovery phrase for safe keeping"
    )


def _store_key(store: Store, key_file: str | None, folder: Path | None) -> bytes:
    """The organisation key for this sync, kept in the store from now on."""
    with store.session() as session:
        key, message = _sync_key(stored_sync_key(session), key_file, folder)
        store_sync_key(session, key)
    if message:
        warn(message)
    return key


def cmd_sync(args: argparse.Namespace) -> int:
    if args.postgres is not None:
        return server_commands.run_postgres_sync(
            args, lambda store: _store_key(store, args.key_file, None)
        )
    if args.password_file is not None:
        raise BadInput("--password-file goes with --postgres")
    folder = Path(args.folder).expanduser()
    if not folder.is_dir():
        raise BadInput(f"--folder: {folder} is not a folder (is the drive connected?)")
    with opened_store(store_path(args.store)) as store:
        with store.session() as session:
            key, message = _sync_key(stored_sync_key(session), args.key_file, folder)
            store_sync_key(session, key)
        if message:
            warn(message)
        try:
            report = _sync_or_recover(store, folder, key, recover=args.new_device_identity)
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
    for line in (*report.warnings, *report.problems):
        warn(f"warning: {line}")
    print(
        f"sent {plural(report.published, 'bundle')}; applied {plural(report.applied, 'bundle')} "
        f"({plural(report.ops_applied, 'change')}); {report.waiting} waiting; "
        f"{report.quarantined} set aside; {plural(report.conflicts, 'conflict')} to review"
    )
    return 0


def _sync_or_recover(store: Store, folder: Path, key: bytes, *, recover: bool) -> SyncReport:
    """Sync; a clone with `recover` takes a new device identity and syncs again."""
    try:
        return sync_now(store, folder, key, TerminalProgress())
    except CloneDetected:
        if not recover:
            raise
    identity = take_new_device_identity(store, folder)
    warn(
        f"this store was restored or copied: it is now device {identity.new_device_id} "
        f"({identity.device_name}); {identity.shared_bundles} bundle(s) it had shared stay "
        f"as they were, {identity.resent_changes} change(s) go out under the new identity"
    )
    return sync_now(store, folder, key, TerminalProgress())


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
