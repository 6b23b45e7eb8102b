"""Round trip: export → import into an empty store → export gives the same workbook data."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from domain.activities import create_activity
from domain.identifiers import find_identifiers
from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.themes import create_action, create_theme
from domain.vocabulary import ActionStatus, ActivityKind, NoteKind, Sentiment, ThemeStatus, choices
from models.database import Store, build_engine
from models.entities import Meta
from models.keys import key_file_for, read_key_file, unwrap_key
from tests.conftest import PASSPHRASE, copy_store
from tests.exporters.xlsx.helpers import export_store, import_file, store_dump, workbook_data

GROUPS = ["core20", "homelessness", "carers", "ethnic-minority", "vulnerable-migrants"]
SERVICES = ["gp-and-primary-care", "nhs-111", "ambulance"]
_keys: dict[Path, bytes] = {}

# Any text a person might type or paste, including text Excel would take for a formula;
# not control characters, which a cell cannot hold (export replaces them).
free_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\n=+-@ "),
    max_size=30,
)
needed_text = free_text.filter(lambda text: text.strip() != "")
# List items are joined with semicolons in a cell, so an item cannot hold one.
list_item = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp")), min_size=1, max_size=12
).filter(lambda item: ";" not in item and item.strip() == item and item != "")
moments = st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0)
)
days = st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31))

notes = st.fixed_dictionaries(
    {
        "body": needed_text,
        "kind": st.sampled_from(choices(NoteKind)),
        "sentiment": st.sampled_from(choices(Sentiment)),
        "speaker": free_text,
        "consent_to_quote": st.booleans(),
        "consent_to_share": st.booleans(),
        "safeguarding": st.booleans(),
        "needs_review": st.booleans(),
        "groups": st.lists(st.sampled_from(GROUPS), unique=True, max_size=3),
        "principles": st.lists(st.integers(1, 10), unique=True, max_size=3),
        "services": st.lists(st.sampled_from(SERVICES), unique=True, max_size=2),
    }
)
activities = st.fixed_dictionaries(
    {
        "title": needed_text,
        "kind": st.sampled_from(choices(ActivityKind)),
        "starts_at": moments,
        "place": free_text,
        "partners": st.lists(list_item, max_size=2),
        "people_reached": st.integers(0, 500),
        "groups_reached": st.dictionaries(
            st.sampled_from(GROUPS), st.none() | st.integers(0, 99), max_size=2
        ),
        "notes": st.lists(notes, max_size=4),
    }
)
actions = st.fixed_dictionaries(
    {
        "what_we_did": needed_text,
        "status": st.sampled_from(choices(ActionStatus)),
        "not_possible_reason": needed_text,
        "due_on": days,
        "fed_back_on": days,
    }
)
themes = st.fixed_dictionaries(
    {
        "title": needed_text,
        "status": st.sampled_from(choices(ThemeStatus)),
        "description": free_text,
        "links": st.lists(st.integers(0, 50), max_size=4),
        "actions": st.lists(actions, max_size=2),
    }
)


def _open_copy(template: Path, folder: Path) -> Store:
    """A store copied from the template, opened with its key (skipping the slow passphrase KDF)."""
    path = copy_store(template, folder)
    if template not in _keys:
        _keys[template] = unwrap_key(read_key_file(key_file_for(template)), PASSPHRASE)
    engine = build_engine(path, _keys[template])
    with engine.connect() as connection:
        device_id = connection.execute(select(Meta.value).where(Meta.key == "device_id")).scalar()
    return Store(path=path, engine=engine, data_key=_keys[template], device_id=str(device_id))


def _fill(store: Store, plan: dict[str, Any]) -> None:
    with store.session() as session:
        note_ids = []
        for activity in plan["activities"]:
            made = create_activity(
                session,
                **{k: v for k, v in activity.items() if k not in {"notes", "groups_reached"}},
                groups_reached=activity["groups_reached"],
            )
            for note in activity["notes"]:
                typed = {k: v for k, v in note.items() if k not in {"speaker", "needs_review"}}
                made_note = create_note(
                    session,
                    activity_id=made.id,
                    fields=NoteFields(**typed),
                    speaker=note["speaker"],
                    needs_review=note["needs_review"],
                )
                note_ids.append(made_note.id)
        for theme in plan["themes"]:
            linked = (
                sorted({note_ids[i % len(note_ids)] for i in theme["links"]}) if note_ids else []
            )
            values = {k: v for k, v in theme.items() if k not in {"links", "actions"}}
            made_theme = create_theme(session, note_ids=linked, **values)
            for action in theme["actions"]:
                if action["status"] != "not_possible":
                    action = {**action, "not_possible_reason": ""}
                create_action(session, theme_id=made_theme.id, **action)


def _expected_after_import(data: dict[str, list[tuple[Any, ...]]]) -> dict[str, Any]:
    """Imported notes that seem to hold identifiers are flagged for review; nothing else moves."""
    header, *rows = data["Notes"]
    body, review = header.index("Note"), header.index("Needs review")
    flagged = [
        (*row[:review], "Yes", *row[review + 1 :]) if find_identifiers(row[body] or "") else row
        for row in rows
    ]
    return {**data, "Notes": [header, *flagged]}


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=st.fixed_dictionaries({"activities": st.lists(activities, min_size=1, max_size=3),
                                   "themes": st.lists(themes, max_size=2)}))  # fmt: skip
def test_export_import_export_keeps_the_data(empty_template: Path, plan: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = _open_copy(empty_template, root / "source")
        target = _open_copy(empty_template, root / "target")
        try:
            _fill(source, plan)
            first = workbook_data(export_store(source, root / "first.xlsx"))
            import_file(target, root / "first.xlsx")
            second = workbook_data(export_store(target, root / "second.xlsx"))
            assert second == _expected_after_import(first)
            before = store_dump(target)
            again = import_file(target, root / "first.xlsx")  # the same file a second time
            assert not again.changed_anything
            assert store_dump(target) == before
        finally:
            source.close()
            target.close()
            shutil.rmtree(root, ignore_errors=True)
