"""The capture box (and so the note editor, which is the same box) covers every NoteFields field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain.note_fields import CONSENT_FIELDS, FLAG_FIELDS, NoteFields
from domain.taxonomy import list_groups, list_principles, list_services
from domain.vocabulary import Consent, NoteKind, Sentiment, label, prompt, short_label
from models.database import Store
from ui.capture import box_parts
from ui.capture import shortcuts as keys
from ui.capture.capture_box import CaptureBox
from ui.display import word


def test_every_declared_field_round_trips_through_the_box(qtbot: QtBot, empty_store: Store) -> None:
    box = CaptureBox()
    qtbot.addWidget(box)
    with empty_store.session() as session:
        box.set_principles(list_principles(session))
        box.set_groups(list_groups(session), [])
        box.set_services(list_services(session))
    assert tuple(box.flags) == FLAG_FIELDS  # one check box per flag, in declared order
    assert set(Consent) <= set(box.flags)
    typed = NoteFields(
        body="The lift has been broken for a month",
        kind=NoteKind.CONCERN,
        sentiment=Sentiment.NEGATIVE,
        consent_to_quote=True,
        consent_to_share=True,
        safeguarding=True,
        groups=("carers",),
        principles=(2, 7),
        services=("gp-and-primary-care",),
    )
    box.set_state(typed)
    assert box.fields() == typed
    box.flags[Consent.TO_SHARE].setChecked(False)
    assert box.fields() == NoteFields(**{**typed.__dict__, "consent_to_share": False})


def test_a_flag_declared_once_gets_its_box_key_and_words(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new flag in NoteFields (here added to the box's view of the declaration) gets a
    check box in the capture box and the note editor, named, in the Tab order and toggled
    from the text by a key of its own that no other capture key or mnemonic uses."""
    monkeypatch.setattr(box_parts, "FLAG_FIELDS", (*FLAG_FIELDS, "interpreter_needed"))
    box = CaptureBox()
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    added = box.flags["interpreter_needed"]
    key = keys.flag_keys(box.flags)["interpreter_needed"]
    assert key not in keys.FLAG_KEYS.values() and key not in keys.keyboard_help_text().split(":")
    assert added.text() == f"{prompt('interpreter_needed')} ({key})" == added.accessibleName()
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    box.text.setFocus()
    letter = Qt.Key(ord(key.removeprefix("Alt+")))
    qtbot.keyClick(box.text, letter, Qt.KeyboardModifier.AltModifier)
    assert added.isChecked() and box.text.hasFocus()
    chain, widget = [], box.flags[FLAG_FIELDS[-1]]
    for _ in range(3):
        widget = widget.nextInFocusChain()
        chain.append(widget)
    assert added in chain
    # The flags as the notes list shows them and the keys the help lists come from the same
    # words: each declared flag reads as its label.
    assert {label(flag) for flag in FLAG_FIELDS} == {word(flag) for flag in FLAG_FIELDS}
    assert all(f"{prompt(f).lower()}, on or off" in keys.keyboard_help_text() for f in FLAG_FIELDS)


def test_the_notes_list_names_each_flag_in_the_vocabulary_words(empty_store: Store) -> None:
    from datetime import datetime

    from domain.activities import create_activity
    from domain.notes import create_note
    from ui.capture.note_table_model import _flags

    with empty_store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 1, 10)
        )
        typed = NoteFields(body="x", **{flag: True for flag in FLAG_FIELDS})
        note = create_note(session, activity_id=activity.id, fields=typed, needs_review=True)
    shown = _flags(note).split(", ")
    assert shown[0] == label("needs_review")
    assert set(shown[1:]) == {short_label(f) for f in FLAG_FIELDS}
    assert (
        shown[-len(Consent) :]
        == [short_label(c) for c in CONSENT_FIELDS]
        == ["May quote", "May share"]
    )
