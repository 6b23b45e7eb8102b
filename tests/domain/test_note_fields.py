"""NoteFields: one declaration of a note's fields, shared by capture, editor, domain and Excel."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import datetime

from domain.activities import create_activity
from domain.note_fields import OWN_FIELDS, TAG_FIELDS, NoteFields, changed_fields
from domain.notes import EDITABLE_FIELDS, create_note
from domain.vocabulary import NoteKind, Sentiment
from exporters.xlsx.layout import NOTE_COLUMNS, TEMPLATE_NOTE_COLUMNS
from models.database import Store


def test_a_saved_note_gives_back_the_fields_it_was_saved_with(empty_store: Store) -> None:
    typed = NoteFields(
        body="The ramp at the clinic is too steep",
        kind=NoteKind.CONCERN,
        sentiment=Sentiment.NEGATIVE,
        consent_to_quote=True,
        groups=("disability",),
        principles=(4,),
        services=("gp-and-primary-care",),
    )
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 1, 10)
        )
        saved = create_note(
            session,
            activity_id=activity.id,
            body=typed.body,
            groups=typed.groups,
            principles=typed.principles,
            services=typed.services,
            **{k: v for k, v in typed.own_values().items() if k != "body"},
        )
    assert NoteFields.of(saved) == typed


def test_plain_values_round_trip_and_stay_json() -> None:
    typed = NoteFields(body="x", kind=NoteKind.QUOTE, groups=("carers",), principles=(1, 3))
    plain = typed.as_mapping()
    assert json.loads(json.dumps(plain)) == plain  # a draft keeps exactly this
    assert plain["kind"] == "quote" and type(plain["kind"]) is str
    assert NoteFields.from_mapping(plain) == typed
    # An old draft: missing keys default, unknown words fall back, unknown keys are ignored.
    old = NoteFields.from_mapping({"body": "y", "kind": "rant", "colour": "red"})
    assert old == NoteFields(body="y")


def test_changed_fields_name_only_what_changed() -> None:
    before = NoteFields(body="a", groups=("carers", "rural")).as_mapping()
    after = NoteFields(body="a", safeguarding=True, groups=("rural", "carers")).as_mapping()
    assert changed_fields(before, after) == (
        {"safeguarding": False},
        {"safeguarding": True},
        {},
        {},
    )


def test_one_declaration_reaches_the_domain_and_the_excel_layout() -> None:
    declared = [f.name for f in fields(NoteFields)]
    assert declared == [*OWN_FIELDS, *TAG_FIELDS]
    assert set(OWN_FIELDS) <= set(EDITABLE_FIELDS)
    assert set(declared) <= {column.field for column in NOTE_COLUMNS}
    # The template spreads groups over numbered columns; its own fields are the same.
    assert set(OWN_FIELDS) <= {column.field for column in TEMPLATE_NOTE_COLUMNS}
