"""Listening Post's composition root: parse the command line, then run a command or the app."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cli.parser import build_parser

if TYPE_CHECKING:
    from domain.first_look import FirstLook
    from models.database import Store
    from models.keys import KeyAhead
    from ui.unlock.store_access import StoreAccess

    Unlocked = tuple[StoreAccess, Store | None]

# Everything else is imported once the arguments are known: `--version` and `--help` stay
# instant, and the window's start pays only for what the window needs.


class ShowVersion(argparse.Action):
    """--version, looking the version up only when asked (package metadata is slow to read)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the version and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from appbuild.notices import APP_NAME, app_version

        print(f"{APP_NAME} {app_version()}")
        parser.exit()


def add_app_flags(parser: argparse.ArgumentParser) -> None:
    """Flags of the app itself rather than of one command."""
    if getattr(sys, "frozen", False):
        parser.prog = Path(sys.executable).stem
    parser.add_argument("--version", action=ShowVersion)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation on throwaway stores (reports, Excel, sync, window); "
        "exit 0 when all is well, 1 naming what failed",
    )
    # For the package bench: print one line once the window has painted, then quit.
    parser.add_argument("--exit-when-idle", action="store_true", help=argparse.SUPPRESS)


def check_window(store: Path) -> str | None:
    from ui.self_check import check_window as check  # Qt is loaded only for this check

    return check(store)


def find_key_ahead(store: str | None) -> KeyAhead:
    """Start finding the store's key without asking (environment passphrase or keyring) on a
    thread, before the slow imports: Argon2id runs outside the GIL, so they go on beside it."""
    from models.keys import KeyAhead, KeyringCache
    from models.location import store_path

    path = store_path(store, lambda message: print(message, file=sys.stderr))
    return KeyAhead(path, os.environ.get("LISTENING_POST_PASSPHRASE"), KeyringCache())


def first_look_at(ahead: KeyAhead) -> FirstLook | None:
    """The activities list's first page, read with sqlcipher3 alone once the key is found: the
    window paints it before SQLAlchemy and the ORM load (a third of a second), then opens the
    store. None whenever anything is out of the ordinary: the store then opens as before."""
    from domain.first_look import first_look

    try:
        key = ahead.result()
    except Exception:  # opening the store says what is wrong, in words
        return None
    return None if key is None else first_look(ahead.store_path, key)


def install_op_capture() -> None:
    """Every store opened after this logs its changes for sync."""
    from sync.core import install

    install()


def unlock_before_qt(ahead: KeyAhead) -> Unlocked:
    """Open the store before Qt loads when no one need be asked (keyring, environment).

    Argon2id takes 64 MiB for a moment; run before Qt is in memory, that is given back before
    the window's own peak, instead of adding to it.
    """
    from ui.unlock.store_access import StoreAccess

    access = StoreAccess(ahead.store_path, keyring=ahead.keyring)
    return access, access.open_without_asking(ahead)


def exit_when_idle(window: object) -> None:
    from PySide6.QtCore import QCoreApplication, QTimer

    print("idle", flush=True)
    QTimer.singleShot(0, QCoreApplication.quit)


def self_test(parser: argparse.ArgumentParser) -> int:
    from appbuild.self_test import run_self_test

    if sys.stdout is not None:
        return run_self_test(main, parser, window_check=check_window, out=sys.stdout)
    # A windowed app (Windows, macOS) has no console: the results go to a file here instead.
    with open("listening-post-self-test.txt", "w", encoding="utf-8") as out:
        return run_self_test(main, parser, window_check=check_window, out=out)


def load_what_the_first_write_needs() -> None:
    """Op capture's modules, imported once the window has painted rather than before it (or
    by the first save)."""
    from sync.core.hooks import load_capture

    load_capture()


def collect_garbage_again() -> None:
    """Undo start_up's gc.disable(); what start-up built lives as long as the app, so it is
    frozen out of later collections rather than scanned by each of them."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    # Start-up makes over 100,000 objects (classes, mappers, Qt wrappers) that all live on:
    # the collector would scan them again and again (a sixth of the start-up time).
    gc.disable()
    try:
        return start_up(sys.argv[1:] if argv is None else argv)
    finally:
        collect_garbage_again()


def start_up(arguments: list[str]) -> int:
    parser = build_parser(arguments)
    add_app_flags(parser)
    args = parser.parse_args(arguments)
    window_start = args.command is None and not args.self_test
    ahead = find_key_ahead(args.store) if window_start and not args.demo else None
    look = first_look_at(ahead) if ahead is not None else None
    from models.location import private_temp_root
    from models.temp_folder import claim_private_temp

    if look is None:  # with a first look, capture is installed as the store opens (once painted)
        install_op_capture()
    claim_private_temp(private_temp_root())  # temporary files hold note text: keep them private
    if args.self_test:
        collect_garbage_again()
        full = build_parser()  # the self-test runs every command
        add_app_flags(full)
        return self_test(full)
    if args.command is None:
        return start_window(args, ahead, look)
    collect_garbage_again()
    from cli.context import run_command

    return run_command(args.func, args)


def start_window(args: argparse.Namespace, ahead: KeyAhead | None, look: FirstLook | None) -> int:
    open_live: Callable[[], Store | None] | None = None
    if ahead is not None and look is not None:
        from ui.unlock.store_access import StoreAccess

        access = StoreAccess(ahead.store_path, keyring=ahead.keyring)

        def open_live() -> Store | None:  # once the first look has painted
            install_op_capture()
            return access.open_without_asking(ahead)

        unlocked: Unlocked | None = (access, None)
    else:
        unlocked = None if ahead is None else unlock_before_qt(ahead)
    from ui.app import run_app  # Qt is loaded only when a window is wanted

    return run_app(
        store=args.store,
        demo=args.demo,
        on_workspace_painted=exit_when_idle if args.exit_when_idle else None,
        unlocked=unlocked,
        after_start=collect_garbage_again,  # the window is built: the loop runs with it
        after_paint=load_what_the_first_write_needs,
        first_look=look,
        open_live=open_live,
    )


if __name__ == "__main__":
    sys.exit(main())
