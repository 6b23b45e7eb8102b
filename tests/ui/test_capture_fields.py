"""The capture box (and so the note editor, which is the same box) covers every NoteFields field."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from domain.note_fields import FLAG_FIELDS, NoteFields
from domain.taxonomy import list_groups, list_principles, list_services
from domain.vocabulary import Consent, NoteKind, Sentiment
from models.database import Store
from ui.capture.capture_box import CaptureBox


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
