"""Listening Post's composition root: parse the command line, then run a command or the app."""

from __future__ import annotations

import sys

from cli.context import private_temp_root, run_command
from cli.parser import build_parser
from models.temp_folder import claim_private_temp
from sync.core import install as install_op_capture


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    install_op_capture()  # every store opened below logs its changes for sync
    claim_private_temp(private_temp_root())  # temporary files hold note text: keep them private
    if args.command is None:
        from ui.app import run_app  # Qt is loaded only when a window is wanted

        return run_app(store=args.store, demo=args.demo)
    return run_command(args.func, args)


if __name__ == "__main__":
    sys.exit(main())
