"""The command line of DESIGN §7: one sub-command per module, registered here."""

from __future__ import annotations

import argparse

from cli import (
    backup_commands,
    organisation_commands,
    privacy_commands,
    quarantine_commands,
    repair_commands,
    report_commands,
    retention_commands,
    server_commands,
    store_commands,
    sync_commands,
    xlsx_commands,
)

# Each module adds its sub-commands; new features add their module to this tuple.
COMMAND_MODULES = (
    store_commands,
    repair_commands,
    report_commands,
    organisation_commands,
    xlsx_commands,
    sync_commands,
    quarantine_commands,
    server_commands,
    backup_commands,
    privacy_commands,
    retention_commands,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Listening Post: capture community engagement offline and close the loop.",
    )
    parser.add_argument("--store", metavar="PATH", help="store file (default: your data folder)")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a throwaway store of sample data"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser
