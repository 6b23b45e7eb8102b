"""Drafts: saved, replaced, loaded after reopening the store, cleared; bad input changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.drafts import clear_draft, list_drafts, load_draft, save_draft
from domain.errors import InvalidInput
from domain.notes import MAX_NOTE_LENGTH
from models.database import Store, open_store
from tests.conftest import NO_KEYRING, PASSPHRASE


def test_a_saved_draft_survives_reopening_the_store(empty_store: Store) -> None:
    with empty_store.session() as session:
        save_draft(
            session, slot="capture", activity_id="a1", body="first", fields={"kind": "quote"}
        )
        save_draft(session, slot="capture", activity_id="a1", body="second", fields={"p": [1, 2]})
    path: Path = empty_store.path
    empty_store.close()
    reopened = open_store(path, PASSPHRASE, keyring=NO_KEYRING)
    try:
        with reopened.session() as session:
            draft = load_draft(session, slot="capture")
            assert draft is not None
            assert (draft.activity_id, draft.body, dict(draft.fields)) == (
                "a1",
                "second",
                {"p": [1, 2]},
            )
            assert [d.slot for d in list_drafts(session)] == ["capture"]
            clear_draft(session, slot="capture")
        with reopened.session() as session:
            assert load_draft(session, slot="capture") is None
            assert list_drafts(session) == []
    finally:
        reopened.close()


def test_blank_drafts_are_not_listed_as_work_to_recover(empty_store: Store) -> None:
    with empty_store.session() as session:
        save_draft(session, slot="capture", activity_id=None, body="   \n")
        assert list_drafts(session) == []
        assert load_draft(session, slot="capture") is not None


def test_bad_drafts_are_refused_and_change_nothing(empty_store: Store) -> None:
    with empty_store.session() as session:
        save_draft(session, slot="capture", activity_id=None, body="kept")
    with pytest.raises(InvalidInput) as error, empty_store.session() as session:
        save_draft(session, slot="capture", activity_id=None, body="x" * (MAX_NOTE_LENGTH + 1))
    assert error.value.field == "body"
    with pytest.raises(InvalidInput) as error, empty_store.session() as session:
        save_draft(session, slot=" ", activity_id=None, body="text")
    assert error.value.field == "slot"
    with empty_store.session() as session:
        draft = load_draft(session, slot="capture")
        assert draft is not None and draft.body == "kept"
