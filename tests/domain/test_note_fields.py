"""NoteFields: one declaration of a note's fields, shared by capture, editor, domain and Excel."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import datetime

import pytest

from domain.activities import create_activity
from domain.errors import InvalidInput
from domain.export_rows import gather_export
from domain.note_fields import (
    CONSENT_FIELDS,
    EDIT_FIELDS,
    FLAG_FIELDS,
    OWN_FIELDS,
    TAG_FIELDS,
    NoteEdit,
    NoteFields,
    field_shapes,
)
from domain.notes import EDITABLE_FIELDS, create_note
from domain.selection import Selection
from domain.vocabulary import Consent, NoteKind, Sentiment, choices, label
from exporters.xlsx.imported_rows import build_batch
from exporters.xlsx.layout import (
    NOTE_COLUMNS,
    NOTE_OWN_COLUMNS,
    NOTE_TAG_COLUMNS,
    NOTES,
    TEMPLATE_NOTE_COLUMNS,
    note_field_columns,
)
from models.database import Store
from sync.core.tables import BY_ENTITY, own_fields


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
        saved = create_note(session, activity_id=activity.id, fields=typed)
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


def test_an_edit_between_two_states_names_only_what_changed() -> None:
    before = NoteFields(body="a", groups=("carers", "rural"))
    after = NoteFields(body="a", safeguarding=True, groups=("rural", "carers"))
    back, forward = NoteEdit.between(before, after)
    assert (back.values(), forward.values()) == ({"safeguarding": False}, {"safeguarding": True})
    back, forward = NoteEdit.between(before, NoteFields(body="b", groups=("carers",)))
    assert back == NoteEdit({"body": "a"}, {"groups": ("carers", "rural")})
    assert forward == NoteEdit({"body": "b"}, {"groups": ("carers",)})
    assert not any(NoteEdit.between(before, before))


def test_an_edit_is_checked_against_the_declaration() -> None:
    edit = NoteEdit.of(kind="quote", needs_review=1, principles=[3, 1])
    assert edit.fields == {"kind": NoteKind.QUOTE, "needs_review": True}
    assert edit.tags == {"principles": (1, 3)}
    assert edit.adding(speaker="Carer, 40s").fields["speaker"] == "Carer, 40s"
    for wrong in ({"colour": "red"}, {"sentiment": "furious"}, {"principles": ["three"]}):
        with pytest.raises(InvalidInput) as error:
            NoteEdit.of(**wrong)
        assert error.value.field == next(iter(wrong))
    assert set(EDIT_FIELDS) == set(EDITABLE_FIELDS)  # the entity's editable columns


def test_one_declaration_reaches_the_domain_and_the_excel_layout() -> None:
    declared = [f.name for f in fields(NoteFields)]
    assert declared == [*OWN_FIELDS, *TAG_FIELDS]
    assert set(OWN_FIELDS) <= set(EDITABLE_FIELDS)
    assert set(declared) <= {column.field for column in NOTE_COLUMNS}
    # The template spreads groups over numbered columns; its own fields are the same.
    assert set(OWN_FIELDS) <= {column.field for column in TEMPLATE_NOTE_COLUMNS}


def test_every_layer_lists_a_note_field_from_one_place() -> None:
    """Adding a field to NoteFields (and the entity, with its migration) is the whole change:
    each layer below derives its list, or a test here names the one that did not."""
    # The store and sync: the entity's columns are what syncs and what people may edit.
    synced = BY_ENTITY["note"].fields
    assert set(OWN_FIELDS) <= set(synced) and set(OWN_FIELDS) <= set(EDITABLE_FIELDS)
    assert set(EDITABLE_FIELDS) == set(OWN_FIELDS) | {"speaker", "needs_review"}
    assert own_fields("note") == EDITABLE_FIELDS
    # The workbook: each declared field is a column, headed as declared, with the same words.
    columns = {column.field: column for column in NOTE_COLUMNS}
    for shape in field_shapes():
        column = columns[shape.name]
        assert (column.header, column.kind, column.choices) == (
            shape.heading,
            shape.kind,
            shape.choices,
        )
    assert columns["kind"].choices == choices(NoteKind)
    # The rows an export writes and an import reads carry every editable field and tag,
    # named as declared (exporting and importing a note show it: see below).
    assert set(EDIT_FIELDS) == set(EDITABLE_FIELDS)
    # The consents are flags of a note, named by the Consent enum, headed by its labels.
    assert set(CONSENT_FIELDS) == set(Consent) and set(Consent) <= set(FLAG_FIELDS)
    assert BY_ENTITY["note"].withdraw_fields == set(Consent)  # a withdrawal wins in sync
    assert {columns[c].header for c in Consent} == {label(c) for c in Consent}


def test_export_and_import_rows_carry_every_declared_field(sample_store: Store) -> None:
    with sample_store.session() as session:
        exported = next(iter(gather_export(session, selection=Selection()).notes))
    assert set(exported.fields) == set(EDIT_FIELDS) | set(TAG_FIELDS)
    # A row read from a workbook with a column for each, then one with only the text.
    assert set(exported.fields) <= {column.field for column in NOTE_COLUMNS}
    batch = build_batch(
        "x.xlsx", {NOTES: [{**exported.fields, "row": 2}, {"row": 3, "body": "y"}]}, {}, ()
    )
    full, bare = batch.notes
    assert full.fields == {name: exported.fields[name] for name in EDIT_FIELDS}
    assert full.tags == {tag: tuple(exported.fields[tag]) for tag in TAG_FIELDS}
    assert (bare.fields, bare.tags) == ({"body": "y"}, {})


@dataclass(frozen=True)
class _WithInterpreter(NoteFields):
    """The declaration with one more flag, as a release adding a field would write it."""

    interpreter_needed: bool = field(
        default=False, metadata={"heading": "Interpreter needed", "width": 10, "labels_width": 0}
    )


def test_a_field_added_to_the_declaration_reaches_the_workbook_layout() -> None:
    shapes = field_shapes(_WithInterpreter)
    assert shapes[:-1] == field_shapes()
    own, tags = note_field_columns(shapes)
    added = own[-1]  # a flag: with the other flags, after the declared ones
    assert (added.header, added.field, added.kind) == (
        "Interpreter needed",
        "interpreter_needed",
        "bool",
    )
    assert own[:-1] == NOTE_OWN_COLUMNS and tags == NOTE_TAG_COLUMNS


def test_bad_typed_values_are_refused_with_the_field_named() -> None:
    with pytest.raises(InvalidInput) as error:
        NoteFields(body="x", sentiment="furious")  # type: ignore[arg-type]
    assert error.value.field == "sentiment"
    with pytest.raises(InvalidInput) as error:
        NoteFields(body="x", principles=("three",))  # type: ignore[arg-type]
    assert error.value.field == "principles"
    typed = NoteFields(kind="quote", groups=["carers"])  # type: ignore[arg-type]
    assert typed.kind is NoteKind.QUOTE and typed.groups == ("carers",)
