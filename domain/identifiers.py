"""Finds personal identifiers in note text so the capture screen can warn and offer redaction.

Notes must not identify people. No library covers UK identifiers (NHS numbers with their
check digit, UK phone formats, full postcodes), so these few patterns are written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KIND_LABELS = {
    "nhs_number": "NHS number",
    "phone": "phone number",
    "email": "email address",
    "postcode": "full postcode",
    "name": "name",
}


@dataclass(frozen=True)
class IdentifierSpan:
    start: int
    end: int
    kind: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


_NHS = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run that could be a UK phone number as people write it: "(020) 7946 0321",
# "+44 (0)20 7946 0321", "020-7946-0321", "07700 900123"; _is_uk_phone decides.
_PHONE = re.compile(r"(?<![\w+(])(?:\+44|\(0|0)[\d\s()\-]{8,18}\d(?![\d])")
_PHONE_DIGITS = re.compile(r"0[1237-9]\d{8,9}")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
_NAME = re.compile(
    r"\b(?:my name is|my name's|my name’s|call me|i'm|i’m|i am|this is)\s+"
    r"([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)",
    re.IGNORECASE,
)
# Capitalised words that follow "I'm"/"I am" without being names.
_NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "not",
        "so",
        "very",
        "just",
        "really",
        "sure",
        "sorry",
        "fine",
        "ok",
        "okay",
        "here",
        "there",
        "new",
        "from",
        "in",
        "on",
        "at",
        "muslim",
        "christian",
        "jewish",
        "hindu",
        "sikh",
        "buddhist",
        "english",
        "british",
        "scottish",
        "welsh",
        "irish",
        "polish",
        "pakistani",
        "indian",
        "bangladeshi",
        "somali",
        "african",
        "caribbean",
        "asian",
        "black",
        "white",
        "gay",
        "lesbian",
        "bi",
        "bisexual",
        "trans",
        "deaf",
        "disabled",
        "blind",
        "autistic",
        "homeless",
        "pregnant",
        "retired",
        "unemployed",
        "worried",
        "scared",
        "afraid",
        "tired",
        "happy",
        "sad",
        "glad",
        "grateful",
        "lucky",
    ]
)


def nhs_number_is_valid(digits: str) -> bool:
    """Modulus 11 check of a 10-digit NHS number."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _phone_end(candidate: str) -> int:
    """Length of the UK phone number at the start of candidate (0: none).

    The candidate may run on into other digits ("0113 496 0000 or 2"), so the longest prefix
    whose digits make a UK number wins; "+44" and "+44 (0)" stand for the leading 0.
    """
    for end in range(len(candidate), 0, -1):
        if not candidate[end - 1].isdigit():
            continue
        head = candidate[:end]
        if head.count("(") != head.count(")") and not head.startswith("(0"):
            continue
        digits = re.sub(r"\D", "", head.replace("(0)", "", 1) if head.startswith("+44") else head)
        if digits.startswith("44"):
            digits = "0" + digits[2:]
        if _PHONE_DIGITS.fullmatch(digits):
            return end
    return 0


def find_identifiers(text: str) -> list[IdentifierSpan]:
    """Spans of likely personal identifiers, in text order, never overlapping."""
    found: list[IdentifierSpan] = []

    def add(start: int, end: int, kind: str) -> None:
        if any(start < s.end and s.start < end for s in found):
            return
        found.append(IdentifierSpan(start, end, kind))

    for match in _EMAIL.finditer(text):
        add(match.start(), match.end(), "email")
    for match in _NHS.finditer(text):
        if nhs_number_is_valid("".join(match.groups())):
            add(match.start(), match.end(), "nhs_number")
    for match in _PHONE.finditer(text):
        end = _phone_end(match.group())
        if end:
            add(match.start(), match.start() + end, "phone")
    for match in _POSTCODE.finditer(text):
        add(match.start(), match.end(), "postcode")
    for match in _NAME.finditer(text):
        name = match.group(1)
        first = name.split()[0]
        if first[0].isupper() and first.lower() not in _NOT_NAMES:
            words = name.split()
            if len(words) == 2 and (not words[1][0].isupper() or words[1].lower() in _NOT_NAMES):
                add(match.start(1), match.start(1) + len(first), "name")
            else:
                add(match.start(1), match.end(1), "name")
    return sorted(found, key=lambda span: span.start)


def redact(text: str, spans: list[IdentifierSpan] | None = None) -> str:
    """Replace each identifier by a bracketed placeholder such as "[phone number removed]"."""
    if spans is None:
        spans = find_identifiers(text)
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        text = f"{text[: span.start]}[{span.label} removed]{text[span.end :]}"
    return text


def outward_half(text: str) -> str | None:
    """The outward half ("LS11") when text is a whole full postcode ("ls11 5ab"), else None."""
    match = _POSTCODE.fullmatch(text.strip())
    if match is None:
        return None
    compact = match.group().replace(" ", "").upper()
    return compact[:-3]
