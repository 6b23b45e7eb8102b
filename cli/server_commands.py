"""Commands for the PostgreSQL server: `server-init`, `server-add-device`, and `sync --postgres`.

Passwords never go in arguments: the administrator's and the device's come from a file
(--password-file) or LISTENING_POST_PG_PASSWORD, else from libpq's pgpass or service file.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from app.server_admin import (
    PASSWORD_ENV,
    ServerAddress,
    ServerCredentialsRejected,
    ServerSetupError,
    ServerUrlInvalid,
    add_server_device,
    parse_server_url,
    set_up_server,
)
from app.sync import SyncError, SyncKeyError, sync_with_server
from cli.context import EXIT_FAILED, BadInput, TerminalProgress, opened_store, store_path, warn
from domain.plain_words import plural
from models.database import Store


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser(
        "server-init", help="set up (or update) the Listening Post schema on a PostgreSQL server"
    )
    _server_options(init, "the administrator's URL (the database owner, with CREATEROLE)")
    init.set_defaults(func=cmd_server_init)

    device = commands.add_parser(
        "server-add-device", help="make a PostgreSQL login for one device of an organisation"
    )
    _server_options(device, "the administrator's URL (the database owner, with CREATEROLE)")
    device.add_argument("--organisation", required=True, help="the device's organisation")
    device.add_argument("--device-name", required=True, help="a name for the device")
    device.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="new file to write the device's password to (readable only by you)",
    )
    device.set_defaults(func=cmd_server_add_device)


def _server_options(parser: argparse.ArgumentParser, url_help: str) -> None:
    parser.add_argument("--postgres", required=True, metavar="URL", help=url_help)
    parser.add_argument(
        "--password-file", metavar="FILE", help=f"the password, else {PASSWORD_ENV} or pgpass"
    )


def server_address(url: str) -> ServerAddress:
    try:
        address = parse_server_url(url)
    except ServerUrlInvalid as error:
        raise BadInput(f"--postgres: {error}") from error
    for line in address.warnings:
        warn(f"warning: {line}")
    return address


def read_password(password_file: str | None) -> str | None:
    """From --password-file, else the environment, else None (libpq's own sources)."""
    if password_file is None:
        return os.environ.get(PASSWORD_ENV)
    path = Path(password_file).expanduser()
    try:
        password = path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise BadInput(f"--password-file: cannot read {path}: {error.strerror}") from error
    if not password:
        raise BadInput(f"--password-file: {path} is empty")
    return password


def cmd_server_init(args: argparse.Namespace) -> int:
    address = server_address(args.postgres)
    try:
        server_id = set_up_server(address, read_password(args.password_file))
    except ServerCredentialsRejected as error:
        raise BadInput(str(error)) from error
    except (SyncError, ServerSetupError) as error:
        warn(f"error: {error}")
        return EXIT_FAILED
    print(f"Listening Post schema ready on {address.describe()} (server id {server_id})")
    return 0


def _write_secret(path: Path, secret: str) -> None:
    """A new file only its owner can read; never overwrites (it may be another device's)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise BadInput(f"--out: {path} already exists; choose a new file") from error
    except OSError as error:
        raise BadInput(f"--out: cannot write {path}: {error.strerror}") from error
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")


def cmd_server_add_device(args: argparse.Namespace) -> int:
    address = server_address(args.postgres)
    out = Path(args.out).expanduser()
    if out.exists():
        raise BadInput(f"--out: {out} already exists; choose a new file")
    try:
        made = add_server_device(
            address,
            read_password(args.password_file),
            organisation=args.organisation,
            device_name=args.device_name,
        )
    except ServerCredentialsRejected as error:
        raise BadInput(str(error)) from error
    except ServerSetupError as error:
        raise BadInput(str(error)) from error
    except SyncError as error:
        warn(f"error: {error}")
        return EXIT_FAILED
    _write_secret(out, made.password)
    device_url = address.url(user=made.role)
    print(f"device user: {made.role}")
    print(f"organisation: {made.organisation}")
    print(f"password: written to {out} (give it to the device out of band, then delete it)")
    print(f"server URL: {device_url}")
    print("on the device, run (with the organisation's sync key file and the server's CA):")
    print(f"  python main.py sync --postgres '{device_url}' --password-file FILE --key-file KEY")
    return 0


def run_postgres_sync(args: argparse.Namespace, key_for_store: Callable[[Store], bytes]) -> int:
    """`sync --postgres URL`: the caller's key_for_store(store) gives the organisation key."""
    address = server_address(args.postgres)  # a bad URL is refused before the passphrase
    password = read_password(args.password_file)
    with opened_store(store_path(args.store)) as store:
        key = key_for_store(store)
        try:
            report = sync_with_server(store, args.postgres, key, TerminalProgress(), password)
        except (SyncKeyError, ServerCredentialsRejected, ServerUrlInvalid) as error:
            raise BadInput(str(error)) from error
        except SyncError as error:
            warn(f"error: {error}")
            return EXIT_FAILED
    shown = set(address.warnings)
    for line in (*report.warnings, *report.problems):
        if line not in shown:
            warn(f"warning: {line}")
    cancelled = " (cancelled)" if report.cancelled else ""
    print(
        f"sent {plural(report.published, 'change')}; received "
        f"{plural(report.ops_applied, 'change')} in {plural(report.applied, 'batch')}; "
        f"{report.waiting} held; {report.quarantined} set aside; "
        f"{plural(report.conflicts, 'conflict')} to review{cancelled}"
    )
    return 0
