"""The personal-identifier detector: what it finds, what it leaves alone, and redaction."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.identifiers import find_identifiers, nhs_number_is_valid, redact


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in find_identifiers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ring me on 07700 900123 please", [("07700 900123", "phone")]),
        ("landline 0113 496 0000", [("0113 496 0000", "phone")]),
        ("+44 7700 900123 is mine", [("+44 7700 900123", "phone")]),
        ("email amir.k@example.org", [("amir.k@example.org", "email")]),
        ("NHS number 943 476 5919", [("943 476 5919", "nhs_number")]),
        ("nhs no 9434765919.", [("9434765919", "nhs_number")]),
        ("I live at LS8 1AB now", [("LS8 1AB", "postcode")]),
        ("I live at ls81ab now", [("ls81ab", "postcode")]),
        ("Hi, my name is Sarah Jones and", [("Sarah Jones", "name")]),
        ("Hello I'm Tomasz, I work nights", [("Tomasz", "name")]),
    ],
)
def test_identifiers_are_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call the carers' line on (020) 7946 0321 on Tuesdays", "(020) 7946 0321"),
        ("ring (0113) 496 0000.", "(0113) 496 0000"),
        ("from abroad +44 (0)20 7946 0321 works", "+44 (0)20 7946 0321"),
        ("or +44 (0) 113 496 0000, evenings", "+44 (0) 113 496 0000"),
        ("the line is 020-7946-0321 now", "020-7946-0321"),
        ("mobile 07700-900-123", "07700-900-123"),
        ("spaced 020 7946 0321.", "020 7946 0321"),
        ("no gaps 02079460321", "02079460321"),
        ("text +447700900123 anytime", "+447700900123"),
        ("freephone 0800 123 4567", "0800 123 4567"),
        ("0113 496 0000 or 2 others", "0113 496 0000"),
    ],
)
def test_uk_phone_number_formats_are_found(text: str, number: str) -> None:
    assert _found(text) == [(number, "phone")]


@pytest.mark.parametrize(
    "text",
    [
        "between 2020 and 2021 (0 cases)",
        "open 09 00 to 17 00",
        "I'm Muslim and I am Deaf",
        "We met in LS8, near the park",
        "It took 3 buses and 45 minutes",
        "Reference 943 476 5910 is not an NHS number",  # wrong check digit
        "I am not sure; I'm sorry",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert _found(text) == []


def test_redaction_replaces_every_identifier_and_keeps_the_rest() -> None:
    text = "My name is Amira, call 07700 900123 or amira@example.org; LS8 1AB."
    assert redact(text) == (
        "My name is [name removed], call [phone number removed] or "
        "[email address removed]; [full postcode removed]."
    )


@given(st.lists(st.integers(0, 9), min_size=9, max_size=9))
def test_the_check_digit_rule(digits: list[int]) -> None:
    total = sum(d * (10 - i) for i, d in enumerate(digits))
    check = (11 - total % 11) % 11
    number = "".join(map(str, digits))
    if check == 10:
        assert not any(nhs_number_is_valid(number + str(d)) for d in range(10))
    else:
        assert nhs_number_is_valid(number + str(check))
        assert not nhs_number_is_valid(number + str((check + 1) % 10))


@given(st.text(max_size=300))
def test_spans_are_ordered_and_never_overlap(text: str) -> None:
    spans = find_identifiers(text)
    for left, right in itertools.pairwise(spans):
        assert left.end <= right.start
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
