"""The data-held summary: counts and ages from the store itself, copies named in words."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.backup import back_up
from domain.data_held import data_held
from models.database import Store
from models.entities import Note


def test_counts_match_the_store_and_backups_are_listed(sample_store: Store, tmp_path: Path) -> None:
    with sample_store.session() as session:
        held = data_held(session)
        notes = session.scalar(select(func.count()).select_from(Note)) or 0
        oldest = session.scalar(select(func.min(Note.created_at)))
    by_kind = {record.kind: record for record in held.records}
    assert by_kind["Notes"].count == notes > 0
    assert by_kind["Notes"].oldest == oldest
    assert by_kind["Activities"].count == 6
    assert "special category" in by_kind["Notes"].holds
    assert any("none taken yet" in copy for copy in held.copies)

    back_up(sample_store, tmp_path / "b.lpbackup", "backup passphrase 42")
    with sample_store.session() as session:
        copies = data_held(session).copies
    assert any(copy.startswith("encrypted backups: the last taken ") for copy in copies)


def test_changes_held_on_the_server_are_counted(sample_store: Store) -> None:
    from sqlalchemy import text

    with sample_store.session() as session:
        assert not any("PostgreSQL" in copy for copy in data_held(session).copies)
        session.execute(text("UPDATE sync_ops SET on_server = 1 WHERE idx % 3 = 0"))
        on_server = session.scalar(text("SELECT count(*) FROM sync_ops WHERE on_server = 1"))
        copies = data_held(session).copies
    assert on_server and f"PostgreSQL server: {on_server:,} change" in " ".join(copies)


def test_every_figure_equals_a_plain_count_of_the_rows(sample_store: Store) -> None:
    from domain.note_fields import NoteEdit
    from domain.notes import delete_note, update_note
    from models.entities import AuditEntry, NoteGroup
    from sync.core.schema import SyncOp

    with sample_store.session() as session:
        first, second = session.scalars(select(Note.id).limit(2)).all()
        update_note(session, note_id=first, edit=NoteEdit.of(safeguarding=True, needs_review=True))
        delete_note(session, note_id=second)
    with sample_store.session() as session:
        held = data_held(session)
        notes = list(session.scalars(select(Note)))
        tagged = set(session.scalars(select(NoteGroup.note_id)))
        ops = session.scalar(select(func.count()).select_from(SyncOp))
        audit = list(session.scalars(select(AuditEntry)))
    live = [n for n in notes if n.deleted_at is None]
    binned = [n for n in notes if n.deleted_at is not None]
    by_kind = {record.kind: record for record in held.records}
    assert by_kind["Notes"].count == len(live)
    assert by_kind["Notes"].oldest == min(n.created_at for n in live)
    assert by_kind["Notes"].newest == max(n.created_at for n in live)
    assert by_kind["Notes in the bin"].count == len(binned) == 1
    assert by_kind["Notes in the bin"].oldest == binned[0].deleted_at
    assert by_kind["Change history"].count == ops
    assert by_kind["Audit entries"].count == len(audit) > 0
    assert by_kind["Audit entries"].oldest == min(a.at for a in audit)
    assert by_kind["Audit entries"].newest == max(a.at for a in audit)
    plain = (
        sum(1 for n in live if n.id in tagged),
        sum(1 for n in live if n.safeguarding),
        sum(1 for n in live if n.needs_review),
        sum(1 for n in live if n.consent_to_quote),
    )
    shown = tuple(int(fact.split(" ")[0].replace(",", "")) for fact in held.facts)
    assert shown == plain
