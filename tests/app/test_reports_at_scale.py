"""Every report variant from a 100,000-note store reaching 300 groups: a report never fails
because the data grew (charts and tables split or scale), and its content is gathered quickly.
The Excel export's rows come from the same store, every note with all its tags."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import func, insert, select

from app.reports import VARIANTS, ReportRequest, make_report
from domain.sample_data import generate_sample_data
from domain.selection import Selection
from exporters.xlsx.writer import sheet_values
from models.database import Store, create_store, open_store
from models.entities import Activity, ActivityGroup, Group, Note, NoteGroup
from models.ids import new_id
from tests.conftest import NO_KEYRING, PASSPHRASE

GROUPS = 300
ACTIVITIES, NOTES_PER_ACTIVITY = 1000, 100


def _add_groups(store: Store) -> None:
    """Groups up to 300 in all, each reached by some activities and tagged on some notes."""
    rng = random.Random(5)
    with store.session() as session:
        have = len(session.scalars(select(Group.id)).all())
        rows = [
            {"id": new_id(), "key": f"scale-group-{n}", "label": f"Community group {n:03d}"}
            for n in range(GROUPS - have)
        ]
        session.execute(insert(Group), rows)
        activity_ids = list(session.scalars(select(Activity.id)))
        note_ids = list(session.scalars(select(Note.id).limit(30_000)))
        reached = {(rng.choice(activity_ids), row["id"]) for row in rows for _ in range(3)}
        session.execute(
            insert(ActivityGroup),
            [{"activity_id": a, "group_id": g, "count": rng.randint(1, 9)} for a, g in reached],
        )
        tagged = {(rng.choice(note_ids), row["id"]) for row in rows for _ in range(20)}
        session.execute(insert(NoteGroup), [{"note_id": n, "group_id": g} for n, g in tagged])


@pytest.fixture(scope="session")
def large_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per test session: about 100,000 notes, 1,000 activities, 300 groups."""
    path = tmp_path_factory.mktemp("large-store") / "large.lpstore"
    store = create_store(path, PASSPHRASE, device_name="Large laptop", keyring=NO_KEYRING)
    with store.session() as session:
        generate_sample_data(
            session, activities=ACTIVITIES, notes_per_activity=NOTES_PER_ACTIVITY, seed=7
        )
    _add_groups(store)
    store.close()
    return path


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_is_made_from_100k_notes_and_300_groups(
    large_store_path: Path, tmp_path: Path, variant: str
) -> None:
    store = open_store(large_store_path, PASSPHRASE, keyring=NO_KEYRING)
    out = tmp_path / f"{variant}.pdf"
    try:
        with store.read_session() as session:
            assert session.scalar(select(Group.id).offset(GROUPS - 1).limit(1)) is not None
            started = time.perf_counter()
            result = make_report(session, ReportRequest(variant, Selection(), out))
            seconds = time.perf_counter() - started
    finally:
        store.close()
    assert result.path == out and result.pages >= 1
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == result.pages
    assert seconds < 120, f"the {variant} report took {seconds:.0f} s"


def test_the_excel_export_turns_every_note_into_a_row(large_store_path: Path) -> None:
    from domain.export_rows import gather_export
    from exporters.xlsx.layout import EXPORT_SHEETS, NOTES
    from models.entities import NoteGroup

    store = open_store(large_store_path, PASSPHRASE, keyring=NO_KEYRING)
    try:
        with store.read_session() as session:
            live = session.scalar(select(func.count()).where(Note.deleted_at.is_(None)))
            links = session.scalar(
                select(func.count())
                .select_from(NoteGroup)
                .join(Note, Note.id == NoteGroup.note_id)
                .where(Note.deleted_at.is_(None))
            )
            data = gather_export(session, selection=Selection())
            sheets = dict(sheet_values(data))
            notes = list(sheets.pop(NOTES))
            for rows in sheets.values():
                for _ in rows:
                    pass
    finally:
        store.close()
    spec = next(spec for spec in EXPORT_SHEETS if spec.name == NOTES)
    assert len(notes) == data.note_count == live
    assert {len(row) for row in notes} == {len(spec.columns)}
    keys_at = spec.headers.index("Group keys")
    tagged = sum(len(row[keys_at].split("; ")) for row in notes if row[keys_at])
    assert tagged == links  # every note's every group, the 300 of them included
