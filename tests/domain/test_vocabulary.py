"""The word lists: every value has a label, stored values are unchanged, bad values are refused."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput
from domain.vocabulary import (
    LABELS,
    ActionStatus,
    ActivityKind,
    ActivityStatus,
    Consent,
    NoteKind,
    Sentiment,
    ThemeStatus,
    choices,
    label,
    parse,
)

WORD_LISTS = (NoteKind, Sentiment, ActivityKind, ActivityStatus, ThemeStatus, ActionStatus, Consent)


@pytest.mark.parametrize("vocabulary", WORD_LISTS)
def test_every_value_has_a_display_label(vocabulary: type) -> None:
    for member in vocabulary:
        assert member in LABELS
        assert label(member) == LABELS[member]
        assert "_" not in label(member)


def test_stored_values_are_those_of_earlier_releases() -> None:
    # Stores, bundles and workbooks made by earlier releases hold these exact strings.
    assert choices(NoteKind) == (
        "quote",
        "observation",
        "suggestion",
        "concern",
        "compliment",
        "question",
    )
    assert choices(Sentiment) == ("positive", "negative", "mixed", "neutral")
    assert choices(ThemeStatus) == ("open", "acted_on", "closed")
    assert choices(ActionStatus) == ("planned", "in_progress", "done", "not_possible")
    assert choices(ActivityStatus) == ("planned", "done", "cancelled")
    assert choices(Consent) == ("consent_to_quote", "consent_to_share")


def test_parse_names_the_field_and_the_choices() -> None:
    assert parse(ActionStatus, "not_possible", "status") is ActionStatus.NOT_POSSIBLE
    with pytest.raises(InvalidInput) as refused:
        parse(Sentiment, "angry", "sentiment")
    assert refused.value.field == "sentiment"
    assert refused.value.reason == "must be one of positive, negative, mixed, neutral"


def test_an_unknown_value_is_shown_readably() -> None:
    assert label("something_new") == "something new"
