"""Dates and times typed as people write them."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from domain.typed_dates import NotADate, parse_typed_date, parse_typed_time, say_date

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3/12", date(2026, 12, 3)),
        ("03/12/2026", date(2026, 12, 3)),
        ("3/12/27", date(2027, 12, 3)),
        ("3.12", date(2026, 12, 3)),
        ("3 Dec", date(2026, 12, 3)),
        ("3rd December 2026", date(2026, 12, 3)),
        ("Dec 3", date(2026, 12, 3)),
        ("sept 9", date(2026, 9, 9)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 12, 3)),
        ("yesterday", date(2026, 12, 1)),
        ("2026-12-03", date(2026, 12, 3)),
        ("Thu 3 Dec 2026", date(2026, 12, 3)),  # as the form says it back
        ("Thursday, 3 December", date(2026, 12, 3)),
    ],
)
def test_dates_as_people_write_them(typed: str, expected: date) -> None:
    assert parse_typed_date(typed, today=TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2pm", time(14, 0)),
        ("2 PM", time(14, 0)),
        ("2:30pm", time(14, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("noon", time(12, 0)),
        ("14:30", time(14, 30)),
        ("14.30", time(14, 30)),
        ("1430", time(14, 30)),
        ("9", time(9, 0)),
    ],
)
def test_times_as_people_write_them(typed: str, expected: time) -> None:
    assert parse_typed_time(typed) == expected


@pytest.mark.parametrize("typed", ["31/2", "next week", "", "3 Smarch", "13/13"])
def test_unreadable_dates_say_what_would_do(typed: str) -> None:
    with pytest.raises(NotADate, match="such as 3/12, 3 Dec"):
        parse_typed_date(typed, today=TODAY)


@pytest.mark.parametrize("typed", ["25:00", "13pm", "half two", ""])
def test_unreadable_times_are_refused_in_words(typed: str) -> None:
    with pytest.raises(NotADate):
        parse_typed_time(typed)


def test_dates_are_said_back_in_words_that_read_back() -> None:
    assert say_date(date(2026, 12, 3)) == "Thu 3 Dec 2026"
    for offset in range(0, 400, 7):
        day = date(2026, 1, 1) + timedelta(days=offset)
        assert parse_typed_date(say_date(day), today=TODAY) == day
