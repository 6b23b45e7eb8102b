"""The command line of DESIGN §7: one sub-command per module, registered here.

Command modules import the use cases they run (ReportLab, openpyxl, psycopg…), so a parser for
one command imports only that command's module: `--version` and the window start without them.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

# Each module adds its sub-commands; new features add their module here, with the names of the
# sub-commands it registers (a test checks the names against what the module registers).
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "cli.store_commands": ("init", "demo", "search"),
    "cli.repair_commands": ("check", "recover"),
    "cli.report_commands": ("report",),
    "cli.organisation_commands": ("organisation",),
    "cli.xlsx_commands": ("export-xlsx", "xlsx-template", "import-xlsx"),
    "cli.sync_commands": ("sync", "digest"),
    "cli.quarantine_commands": ("sync-quarantine",),
    "cli.server_commands": ("server-init", "server-add-device"),
    "cli.backup_commands": ("backup", "restore"),
    "cli.privacy_commands": ("data-summary", "erase"),
    "cli.retention_commands": ("retention",),
}
HELP_FLAGS = ("-h", "--help")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the arguments about to be parsed, only what they need of it.

    With `argv`, modules of commands it does not name stay unimported: their commands are
    placeholders (still valid choices, so a mistyped command is reported as before). Asking
    for help imports them all, since help lists every command.
    """
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Listening Post: capture community engagement offline and close the loop.",
    )
    parser.add_argument("--store", metavar="PATH", help="store file (default: your data folder)")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a throwaway store of sample data"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = set(argv) if argv is not None else set()
    everything = argv is None or not named.isdisjoint(HELP_FLAGS)
    for module, names in COMMAND_MODULES.items():
        if everything or not named.isdisjoint(names):
            importlib.import_module(module).register(commands)
        else:
            for name in names:
                commands.add_parser(name, add_help=False)
    return parser
