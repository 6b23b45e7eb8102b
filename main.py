"""Listening Post's composition root: parse the command line, then run a command or the app."""

from __future__ import annotations

import sys

from cli.context import run_command
from cli.parser import build_parser
from sync.core import install as install_op_capture


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    install_op_capture()  # every store opened below logs its changes for sync
    if args.command is None:
        from ui.app import run_app  # Qt is loaded only when a window is wanted

        return run_app(store=args.store, demo=args.demo)
    return run_command(args.func, args)


if __name__ == "__main__":
    sys.exit(main())
