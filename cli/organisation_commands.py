"""`organisation`: the name, logo and contact details reports print, shown or changed."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from cli.context import BadInput, opened_store, store_path
from domain.organisation import Organisation, organisation, save_organisation
from domain.report_content import ContactDetails

_FIELDS = ("phone", "email", "post", "text_relay", "other_formats")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    org = commands.add_parser(
        "organisation",
        help="show or set who reports come from and how people contact you",
        description="With no options, shows what is stored. Reports need the name and at "
        "least one of phone, email or postal address.",
    )
    org.add_argument("--name", help="the organisation's name, as reports print it")
    org.add_argument("--phone", help="phone number for questions and other formats")
    org.add_argument("--email", help="email address")
    org.add_argument("--post", help="postal address, lines separated by commas")
    org.add_argument("--text-relay", help="number to dial through Relay UK, e.g. 18001 0113…")
    org.add_argument(
        "--other-formats", help="formats you offer (default: large print, Easy Read, …)"
    )
    logo = org.add_mutually_exclusive_group()
    logo.add_argument("--logo", type=Path, metavar="FILE", help="PNG or JPEG logo")
    logo.add_argument("--no-logo", action="store_true", help="remove the logo")
    org.set_defaults(func=cmd_organisation)


def _changed(current: Organisation, args: argparse.Namespace) -> Organisation | None:
    given = {f: getattr(args, f) for f in _FIELDS if getattr(args, f) is not None}
    if "post" in given:
        given["post"] = "\n".join(part.strip() for part in given["post"].split(","))
    contact: ContactDetails = dataclasses.replace(current.contact, **given)
    if args.logo is not None:
        try:
            contact = dataclasses.replace(contact, logo=args.logo.read_bytes())
        except OSError as error:
            raise BadInput(f"--logo: cannot read {args.logo}: {error.strerror}") from error
    elif args.no_logo:
        contact = dataclasses.replace(contact, logo=None)
    if not given and args.name is None and args.logo is None and not args.no_logo:
        return None
    return Organisation(name=current.name if args.name is None else args.name, contact=contact)


def _show(details: Organisation) -> None:
    print(f"name: {details.name or '(not set)'}")
    for how, text in details.contact.ways:
        print(f"{how.lower()}: {text}")
    formats = details.contact.other_formats or "(the standard list)"
    print(f"other formats: {formats}")
    print(f"logo: {'yes' if details.contact.logo else 'none'}")
    if details.missing:
        print("reports still need: " + " and ".join(details.missing))


def cmd_organisation(args: argparse.Namespace) -> int:
    with opened_store(store_path(args.store)) as store, store.session() as session:
        current = organisation(session)
        wanted = _changed(current, args)
        if wanted is not None:
            current = save_organisation(session, wanted)
    _show(current)
    return 0
