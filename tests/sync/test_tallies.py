"""The counts the store keeps by triggers equal a plain count of the rows, through every way of
writing: capture and edits, binning, tagging, moving, erasure, sync apply, import and recount."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from app import excel
from app.erasure import erase
from domain.activities import (
    create_activity,
    delete_activity,
    restore_activity,
    set_groups_reached,
)
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, delete_note, restore_note, set_note_tags, update_note
from domain.selection import Selection
from domain.themes import add_notes_to_theme, create_theme, remove_notes_from_theme
from models.database import Store
from models.entities import (
    Activity,
    ActivityGroup,
    AuditEntry,
    Group,
    Note,
    NoteGroup,
    NotePrinciple,
    Tally,
    ThemeNote,
)
from models.tallies import recount_tallies
from sync.core.schema import SyncOp
from sync.folder_sync import sync_now
from tests.sync.conftest import MakeDevice

Key = tuple[str, str, str]


def counted_in_python(session: Session) -> Counter[Key]:
    """Every tally, counted the plain way from the rows themselves."""
    counts: Counter[Key] = Counter()
    notes = {n.id: n for n in session.scalars(select(Note))}
    groups: dict[str, list[str]] = {}
    for link in session.scalars(select(NoteGroup)):
        groups.setdefault(link.note_id, []).append(link.group_id)
    principles: dict[str, list[int]] = {}
    for p in session.scalars(select(NotePrinciple)):
        principles.setdefault(p.note_id, []).append(p.principle_number)
    for note in notes.values():
        activity = note.activity_id
        if note.deleted_at is not None:
            counts["binned", activity, ""] += 1
            continue
        counts["live", activity, ""] += 1
        for flag in ("safeguarding", "needs_review", "consent_to_quote"):
            if getattr(note, flag):
                counts[flag, activity, ""] += 1
        if groups.get(note.id):
            counts["tagged", activity, ""] += 1
        for group_id in groups.get(note.id, []):
            counts["group", activity, group_id] += 1
        for number in principles.get(note.id, []):
            counts["principle", activity, str(number)] += 1
    ops = list(session.scalars(select(SyncOp)))
    counts["ops", "", ""] = len(ops)
    counts["ops_off_server", "", ""] = sum(1 for op in ops if not op.on_server)
    counts["ops_sealed", "", ""] = sum(1 for op in ops if op.bundle_seq is not None)
    counts["audit", "", ""] = len(session.scalars(select(AuditEntry)).all())
    live = {a.id for a in session.scalars(select(Activity)) if a.deleted_at is None}
    for link in session.scalars(select(ThemeNote)):
        note = notes[link.note_id]
        if note.deleted_at is None and note.activity_id in live:
            counts["theme_sentiment", link.theme_id, note.sentiment] += 1
    for link in session.scalars(select(ActivityGroup)):
        if link.activity_id in live:
            counts["reach", "", link.group_id] += 1
            counts["reach_people", "", link.group_id] += link.count or 0
            counts["reach_known", "", link.group_id] += link.count is not None
    return +counts


def tallied(session: Session) -> Counter[Key]:
    rows = session.scalars(select(Tally))
    return +Counter({(t.facet, t.activity_id, str(t.value)): t.count for t in rows})


def assert_tallies_right(store: Store) -> None:
    with store.session() as session:
        kept = tallied(session)
        assert kept == counted_in_python(session)
        recount_tallies(session.connection())
        assert tallied(session) == kept
        session.rollback()


def test_the_sample_data_is_tallied_as_written(sample_store: Store) -> None:
    with sample_store.session() as session:
        assert tallied(session)["live", "", ""] == 0
        assert sum(n for (facet, *_), n in tallied(session).items() if facet == "live") > 20
    assert_tallies_right(sample_store)


def test_edits_binning_tags_and_moves_keep_the_tallies_right(sample_store: Store) -> None:
    with sample_store.session() as session:
        first, second = session.scalars(select(Note.activity_id).distinct().limit(2)).all()
        groups = session.scalars(
            select(Group.key).join(NoteGroup, NoteGroup.group_id == Group.id).distinct().limit(2)
        ).all()
        note = create_note(
            session,
            activity_id=first,
            fields=NoteFields(
                body="The bus stops before the clinic opens",
                groups=groups,
                principles=[2, 7],
                safeguarding=True,
            ),
        ).id
    assert_tallies_right(sample_store)
    with sample_store.session() as session:
        update_note(
            session, note_id=note, edit=NoteEdit.of(needs_review=True, consent_to_quote=True)
        )
        set_note_tags(session, note_id=note, groups=groups[:1], principles=[3])
    assert_tallies_right(sample_store)
    with sample_store.session() as session:
        set_note_tags(session, note_id=note, groups=[], principles=[])
        moved = session.get(Note, note)
        assert moved is not None
        moved.activity_id = second
    assert_tallies_right(sample_store)
    with sample_store.session() as session:
        set_note_tags(session, note_id=note, groups=groups, principles=[1])
        delete_note(session, note_id=note)
    assert_tallies_right(sample_store)
    with sample_store.session() as session:
        restore_note(session, note_id=note)
        session.execute(update(SyncOp).values(on_server=True))
    assert_tallies_right(sample_store)
    erase(sample_store, [note])  # a hard delete, with its links cascading after it
    assert_tallies_right(sample_store)
    with sample_store.session() as session:  # links deleted before their note
        victim = session.scalars(select(NoteGroup.note_id).limit(1)).one()
        session.execute(text("DELETE FROM note_groups WHERE note_id = :n"), {"n": victim})
        session.execute(text("DELETE FROM note_principles WHERE note_id = :n"), {"n": victim})
        session.execute(text("DELETE FROM notes WHERE id = :n"), {"n": victim})
    assert_tallies_right(sample_store)


def test_sync_apply_and_erasure_keep_every_laptops_tallies_right(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b = make_device("a"), make_device("b")
    with a.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 1)
        ).id
        kept = create_note(
            session, activity_id=activity, fields=NoteFields(body="Too dear", principles=[4])
        ).id
        gone = create_note(
            session,
            activity_id=activity,
            fields=NoteFields(body="Hard to reach", principles=[4, 5], safeguarding=True),
        ).id
    for store in (a, b):
        sync_now(store, sync_folder, org_key)
    with b.session() as session:
        update_note(session, note_id=kept, edit=NoteEdit.of(consent_to_quote=True))
        delete_note(session, note_id=gone)
    for store in (b, a):
        sync_now(store, sync_folder, org_key)
    for store in (a, b):
        assert_tallies_right(store)
    with a.session() as session:
        restore_note(session, note_id=gone)
    erase(a, [gone])
    for store in (a, b, a):
        sync_now(store, sync_folder, org_key)
    for store in (a, b):
        assert_tallies_right(store)
        with store.session() as session:
            assert tallied(session)["principle", activity, "4"] == 1


def test_an_import_keeps_the_tallies_right(
    sample_store: Store, empty_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "notes.xlsx"
    with sample_store.session() as session:
        excel.export_workbook(session, selection=Selection(), out=out)
    with empty_store.session() as session:
        excel.import_workbook(session, path=out)
    assert_tallies_right(empty_store)
    with empty_store.session() as session:
        assert sum(n for (facet, *_), n in tallied(session).items() if facet == "live") > 20


def test_groups_reached_stay_counted_through_edits_binning_and_deletes(sample_store: Store) -> None:
    with sample_store.session() as session:
        first, second = session.scalars(select(Activity.id).limit(2)).all()
        keys = session.scalars(select(Group.key).limit(3)).all()
        set_groups_reached(session, activity_id=first, groups={keys[0]: 12, keys[1]: None})
        set_groups_reached(session, activity_id=second, groups={keys[1]: 4, keys[2]: 0})
    assert_tallies_right(sample_store)
    with sample_store.session() as session:
        set_groups_reached(session, activity_id=first, groups={keys[1]: None})
        delete_activity(session, activity_id=second)
    assert_tallies_right(sample_store)
    with sample_store.session() as session:
        restore_activity(session, activity_id=second)
        session.execute(text("UPDATE activity_groups SET count = 3 WHERE count IS NULL"))
    assert_tallies_right(sample_store)
    with sample_store.session() as session:  # a hard delete, its links cascading after it
        session.execute(text("DELETE FROM notes WHERE activity_id = :a"), {"a": second})
        session.execute(text("DELETE FROM activities WHERE id = :a"), {"a": second})
        assert (
            session.scalars(select(ActivityGroup).where(ActivityGroup.activity_id == second)).all()
            == []
        )
    assert_tallies_right(sample_store)


def test_theme_sentiments_stay_counted_through_links_edits_binning_and_deletes(
    sample_store: Store,
) -> None:
    with sample_store.session() as session:
        notes = session.scalars(select(Note).where(Note.deleted_at.is_(None)).limit(4)).all()
        ids = [n.id for n in notes]
        other = session.scalars(select(Activity.id).where(Activity.id != notes[0].activity_id))
        theme = create_theme(session, title="Buses").id
        add_notes_to_theme(session, theme_id=theme, note_ids=ids)
        moved_to = other.first()
    assert_tallies_right(sample_store)
    with sample_store.session() as session:
        update_note(session, note_id=ids[0], edit=NoteEdit.of(sentiment="negative"))
        update_note(session, note_id=ids[1], edit=NoteEdit.of(sentiment="positive"))
        delete_note(session, note_id=ids[2])
        remove_notes_from_theme(session, theme_id=theme, note_ids=[ids[3]])
    assert_tallies_right(sample_store)
    with sample_store.session() as session:
        delete_activity(session, activity_id=notes[0].activity_id)
        moved = session.get(Note, ids[1])
        assert moved is not None
        moved.activity_id = moved_to
    assert_tallies_right(sample_store)
    with sample_store.session() as session:
        restore_activity(session, activity_id=notes[0].activity_id)
        restore_note(session, note_id=ids[2])
    assert_tallies_right(sample_store)
    erase(sample_store, [ids[0]])  # a hard delete, its theme link cascading after it
    with sample_store.session() as session:
        session.execute(text("DELETE FROM themes WHERE id = :t"), {"t": theme})
    assert_tallies_right(sample_store)
