"""`retention`: the organisation's retention rules, what is past its date, and purging it."""

from __future__ import annotations

import argparse
import sys

from app.retention import (
    apply_retention,
    change_device_settings,
    change_rules,
    retention_view,
)
from cli.context import BadInput, opened_store, store_path
from domain.retention import Period, RecordKind, parse_kind, parse_period
from domain.retention_due import Due


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    retention = commands.add_parser(
        "retention",
        help="how long records are kept, what is past its date, and purging it everywhere",
        description="With no options, shows the rules and what is past its date. Kinds: "
        + ", ".join(kind.value for kind in RecordKind)
        + ". Periods: 30d, 18m, 2y, or never.",
    )
    retention.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KIND=PERIOD",
        help="change a rule for the whole organisation, e.g. --set notes=18m (repeatable)",
    )
    retention.add_argument(
        "--apply", action="store_true", help="purge what is past its date, on every device"
    )
    retention.add_argument("--yes", action="store_true", help="with --apply: purge without asking")
    retention.add_argument(
        "--delete-after-sync",
        choices=("on", "off"),
        help="this laptop only: remove notes once the coordinator's store holds them (for shared "
        "or borrowed laptops; today's and planned activities' notes stay)",
    )
    retention.add_argument(
        "--coordinator",
        choices=("on", "off"),
        help="this laptop only: this is the coordinator's store, which tells other laptops "
        "what it holds",
    )
    retention.set_defaults(func=cmd_retention)


def _periods(settings: list[str]) -> dict[RecordKind, Period]:
    periods: dict[RecordKind, Period] = {}
    for setting in settings:
        kind, equals, period = setting.partition("=")
        if not equals:
            raise BadInput(f"--set {setting}: give KIND=PERIOD, for example notes=2y")
        chosen = parse_kind(kind)
        periods[chosen] = parse_period(period, field=chosen.value)
    return periods


def cmd_retention(args: argparse.Namespace) -> int:
    if args.yes and not args.apply:
        raise BadInput("--yes goes with --apply")
    periods = _periods(args.set)  # checked before the store is opened: bad input changes nothing
    with opened_store(store_path(args.store)) as store:
        if periods:
            change_rules(store, periods)
            print("rules changed; every other device follows them after its next sync")
        if args.delete_after_sync or args.coordinator:
            change_device_settings(
                store,
                delete_after_sync=_on(args.delete_after_sync),
                coordinator=_on(args.coordinator),
            )
        view = retention_view(store)
        print("How long records are kept")
        for rule in view.rules:
            origin = " (default)" if rule.is_default else ""
            print(f"- {rule.label} [{rule.kind.value}]: {rule.in_words}{origin}")
        print(
            f"This laptop: delete after sync {_word(view.device.delete_after_sync)}; "
            f"coordinator's store {_word(view.device.coordinator)}"
        )
        _print_due(view.due)
        if not args.apply or not view.due:
            return 0
        if not args.yes and not _confirmed(sum(due.count for due in view.due)):
            print("nothing purged")
            return 1
        counts, _changes = apply_retention(store, view.due)
    total = sum(counts.values())
    print(
        f"purged {_count(total, 'record')}; every other laptop and the server purge them at "
        "their next sync (audit entries and drafts are this laptop's own)"
    )
    return 0


def _on(choice: str | None) -> bool | None:
    return None if choice is None else choice == "on"


def _word(on: bool) -> str:
    return "on" if on else "off"


def _print_due(due: tuple[Due, ...]) -> None:
    if not due:
        print("\nNothing is past its date.")
        return
    print("\nPast its date")
    for listed in due:
        also = f" ({listed.also})" if listed.also else ""
        oldest = f", the oldest from {listed.oldest:%-d %B %Y}" if listed.oldest else ""
        print(f"- {listed.label}: {listed.count:,}{also}{oldest}")


def _confirmed(count: int) -> bool:
    if not sys.stdin.isatty():
        raise BadInput("purging cannot be undone: add --yes to go ahead without a terminal")
    answer = input(f"Purge these {count:,} records for good, on every device? Type 'purge': ")
    return answer.strip().lower() == "purge"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
