"""Who reports come from: the organisation's name, logo and contact details, checked and saved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from domain import audit
from domain.errors import InvalidInput
from domain.report_content import ContactDetails, missing_for_reports
from models.entities import Meta, OrganisationProfile

MAX_LOGO_BYTES = 2_000_000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,}$")
_LIMITS = {"name": 200, "phone": 60, "email": 200, "text_relay": 60}


@dataclass(frozen=True)
class Organisation:
    """The organisation a report speaks for, and how people reach it."""

    name: str = ""
    contact: ContactDetails = field(default_factory=ContactDetails)

    @property
    def missing(self) -> tuple[str, ...]:
        """What reports still need, in words ("the organisation's name", …)."""
        return missing_for_reports(self.name, self.contact)


class OrganisationIncomplete(InvalidInput):
    """A report was asked for before the organisation's details were given."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        super().__init__(
            "organisation",
            "before the first report, give " + " and ".join(missing) + ". Reports say who they "
            "are from and how to ask for other formats.",
        )
        self.missing = missing


SAMPLE_ORGANISATION = Organisation(
    name="Leeds Community Voices (sample organisation)",
    contact=ContactDetails(
        phone="0113 496 0000",
        email="listening@example.org.uk",
        post="Leeds Community Voices\nFREEPOST LISTENING POST\nLeeds LS1 4AP",
        text_relay="18001 0113 496 0000",
    ),
)


def organisation(session: Session) -> Organisation:
    """The stored organisation (its name from older stores' settings when not set here)."""
    row = session.get(OrganisationProfile, 1)
    legacy = session.get(Meta, "organisation")
    name = (row.name if row else "") or (legacy.value if legacy else "")
    if row is None:
        return Organisation(name=name)
    return Organisation(
        name=name,
        contact=ContactDetails(
            phone=row.phone,
            email=row.email,
            post=row.post,
            text_relay=row.text_relay,
            other_formats=row.other_formats,
            logo=row.logo,
        ),
    )


def require_organisation(session: Session) -> Organisation:
    """The stored organisation; raises OrganisationIncomplete naming what reports still need."""
    found = organisation(session)
    if found.missing:
        raise OrganisationIncomplete(found.missing)
    return found


def _check(details: Organisation) -> None:
    c = details.contact
    for name, limit in _LIMITS.items():
        value = details.name if name == "name" else getattr(c, name)
        if len(value) > limit:
            raise InvalidInput(name, f"at most {limit} characters, please")
        if "\n" in value:
            raise InvalidInput(name, "one line only, please")
    if c.email and not _EMAIL.match(c.email):
        raise InvalidInput("email", f"{c.email!r} does not look like an email address")
    for name in ("phone", "text_relay"):
        value = getattr(c, name)
        if value and not _PHONE.match(value):
            raise InvalidInput(name, f"{value!r} does not look like a phone number")
    if c.logo is not None:
        if len(c.logo) > MAX_LOGO_BYTES:
            raise InvalidInput("logo", "the picture is over 2 MB: use a smaller PNG or JPEG")
        if not (c.logo.startswith(b"\x89PNG\r\n\x1a\n") or c.logo.startswith(b"\xff\xd8\xff")):
            raise InvalidInput("logo", "the logo must be a PNG or JPEG picture")


def _tidy(details: Organisation) -> Organisation:
    c = details.contact
    post = "\n".join(line.strip() for line in c.post.splitlines() if line.strip())
    return Organisation(
        name=" ".join(details.name.split()),
        contact=replace(
            c,
            phone=c.phone.strip(),
            email=c.email.strip(),
            post=post,
            text_relay=c.text_relay.strip(),
            other_formats=c.other_formats.strip(),
        ),
    )


def save_organisation(session: Session, details: Organisation) -> Organisation:
    """Check and store the organisation; raises InvalidInput (nothing changed) on bad input."""
    details = _tidy(details)
    _check(details)
    row = session.get(OrganisationProfile, 1)
    if row is None:
        row = OrganisationProfile(id=1)
        session.add(row)
    c = details.contact
    row.name, row.phone, row.email = details.name, c.phone, c.email
    row.post, row.text_relay, row.other_formats, row.logo = (
        c.post,
        c.text_relay,
        c.other_formats,
        c.logo,
    )
    # Older parts of the app (the sync key's label) read the name from the settings table.
    legacy = session.get(Meta, "organisation")
    if legacy is None:
        session.add(Meta(key="organisation", value=details.name))
    else:
        legacy.value = details.name
    audit.record(session, "organisation.save", "organisation", "1")
    return details


def give_sample_organisation(session: Session) -> None:
    """Fill what a store's organisation lacks from the sample one, so sample data makes reports
    at once (a name already given is kept)."""
    found = organisation(session)
    if found.missing:
        contact = found.contact if found.contact.ways else SAMPLE_ORGANISATION.contact
        save_organisation(
            session, Organisation(name=found.name or SAMPLE_ORGANISATION.name, contact=contact)
        )
