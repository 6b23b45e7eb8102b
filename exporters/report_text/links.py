"""Contact details as links a reader can follow: tel: for numbers, mailto: for addresses."""

from __future__ import annotations

import re
from urllib.parse import quote

from exporters.report_text.blocks import Line, Link

_NOT_DIALLED = re.compile(r"[^\d+]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def phone_href(number: str) -> str | None:
    """tel:+441134960000 style, or None when there is nothing to dial."""
    dialled = _NOT_DIALLED.sub("", number)
    if len(dialled.lstrip("+")) < 3 or "+" in dialled[1:]:
        return None
    return f"tel:{dialled}"


def email_href(address: str) -> str | None:
    """mailto: with the address percent-encoded, or None when it is not an address."""
    address = address.strip()
    if not _EMAIL.match(address):
        return None
    return "mailto:" + quote(address, safe="@.+-_")


def contact_line(before: str, how: str, details: str) -> Line:
    """ "Phone: 0113 …" as a link where the way has one (phone, text relay, email)."""
    href = None
    if how in ("Phone", "Text relay"):
        href = phone_href(details)
    elif how == "Email":
        href = email_href(details)
    return Link(before, details, href) if href else before + details
