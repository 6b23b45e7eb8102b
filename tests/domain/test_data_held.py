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
