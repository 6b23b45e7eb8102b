"""Command `sync-quarantine list|release|discard` for a coordinator's held-back sync bundles."""

from __future__ import annotations

import argparse

from cli.context import opened_store, store_path
from domain.plain_words import plural
from domain.quarantine import (
    DISCARDED_STATE,
    QuarantinedBundle,
    SetAsideChange,
    discard_bundle,
    list_quarantine,
    list_set_aside_changes,
    release_bundle,
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    quarantine = commands.add_parser(
        "sync-quarantine", help="list, release or discard sync bundles set aside"
    )
    actions = quarantine.add_subparsers(dest="quarantine_action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help="bundles and single changes set aside, why, from which device, when"
    )
    listing.add_argument("--all", action="store_true", help="include discarded bundles")
    listing.set_defaults(func=cmd_list)
    for name, func, text in (
        ("release", cmd_release, "let the next sync apply this bundle anyway"),
        ("discard", cmd_discard, "never apply this cloned device's bundle"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("bundle", metavar="BUNDLE", help="the bundle's file name, as listed")
        action.add_argument("--device", help="the device id, if several devices hold that name")
        action.set_defaults(func=func)


def _line(bundle: QuarantinedBundle) -> str:
    who = f"{bundle.device_name} ({bundle.device_id})" if bundle.device_name else bundle.device_id
    return (
        f"{bundle.name}\t{bundle.state}\tfrom {who}\tseen {bundle.seen_at:%Y-%m-%d %H:%M} UTC"
        f"\t{bundle.cause}: {bundle.explanation}"
    )


def cmd_list(args: argparse.Namespace) -> int:
    with opened_store(store_path(args.store)) as store, store.session() as session:
        bundles = list_quarantine(session, include_discarded=args.all)
        changes = list_set_aside_changes(session)
    for bundle in bundles:
        print(_line(bundle))
    if not bundles:
        print("no sync bundles are set aside")
    if changes:
        print(f"{plural(len(changes), 'single change')} set aside, never applied:")
    for change in changes:
        print(_change_line(change))
    return 0


def _change_line(change: SetAsideChange) -> str:
    who = f"{change.device_name} ({change.device_id})" if change.device_name else change.device_id
    return f"{change.change}\t{change.what}\tfrom {who}\tin {change.source}\t{change.reason}"


def cmd_release(args: argparse.Namespace) -> int:
    with opened_store(store_path(args.store)) as store, store.session() as session:
        bundle = release_bundle(session, name=args.bundle, device_id=args.device)
    print(f"released {bundle.name}: the next sync applies it")
    return 0


def cmd_discard(args: argparse.Namespace) -> int:
    with opened_store(store_path(args.store)) as store, store.session() as session:
        bundle = discard_bundle(session, name=args.bundle, device_id=args.device)
    assert bundle.state == DISCARDED_STATE
    print(f"discarded {bundle.name}: it will never be applied here")
    return 0
