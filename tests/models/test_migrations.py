"""Alembic migrations: they build exactly the models' schema, and upgrade old stores intact."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from domain.search import search_notes
from models import migrate
from models.database import build_engine, open_store
from models.entities import Base
from models.keys import key_file_for, new_data_key, wrap_key, write_key_file
from tests.conftest import NO_KEYRING, PASSPHRASE


def _ignore_search_index(obj: object, name: str | None, type_: str, *_: object) -> bool:
    return not (type_ == "table" and (name or "").startswith("note_search"))


def test_migrations_build_the_schema_the_models_describe(empty_store_path: Path) -> None:
    store = open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": _ignore_search_index, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []
        assert migrate.current_revision(connection) == migrate.head_revision()
    store.close()


def _make_store_at_revision(path: Path, revision: str) -> None:
    data_key = new_data_key()
    engine = build_engine(path, data_key)
    with engine.begin() as connection:
        migrate.upgrade_to(connection, revision)
        connection.execute(
            text(
                "INSERT INTO meta(key, value) VALUES ('device_id', 'dev-1'), "
                "('organisation', 'Old org')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO activities(id, title, kind, starts_at, place, area, postcode_outward,"
                " lead, partners, topic, people_reached, adjustments, status, created_at,"
                " updated_at) VALUES ('a1', 'Food bank outreach', 'outreach',"
                " '2025-01-10 10:00:00', '', '', '', '', '[]', '', 12, '[]', 'done',"
                " '2025-01-10 10:00:00', '2025-01-10 10:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO notes(id, activity_id, body, kind, sentiment, speaker,"
                " consent_to_quote, consent_to_share, safeguarding, needs_review, created_at,"
                " updated_at) VALUES ('n1', 'a1', 'The pharmacy closes before the bus arrives',"
                " 'concern', 'negative', '', 1, 1, 0, 0, '2025-01-10 10:05:00',"
                " '2025-01-10 10:05:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO themes(id, title, description, status, created_at,"
                " updated_at) VALUES ('t1', 'Pharmacy hours', '', 'open',"
                " '2025-01-11 09:00:00', '2025-01-11 09:00:00')"
            )
        )
    engine.dispose()
    write_key_file(key_file_for(path), wrap_key(data_key, PASSPHRASE))


def test_an_old_store_is_backed_up_then_upgraded_with_its_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.lpstore"
    _make_store_at_revision(path, "0001")

    store = open_store(path, PASSPHRASE, keyring=NO_KEYRING)
    with store.session() as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            migrate.head_revision()
        )
        assert session.execute(text("SELECT body FROM notes WHERE id = 'n1'")).scalar() == (
            "The pharmacy closes before the bus arrives"
        )
        assert session.execute(
            text("SELECT title, easy_read_summary FROM themes WHERE id = 't1'")
        ).one() == ("Pharmacy hours", "")
        # The search index survives the table copies of batch migrations.
        found = search_notes(session, text="pharmacy bus")
        assert [note.id for note in found.notes] == ["n1"]
    store.close()

    backups = list(tmp_path.glob("old.lpstore.before-0001-*.bak"))
    assert len(backups) == 1
    assert stat.S_IMODE(os.stat(backups[0]).st_mode) == 0o600  # a copy of notes: private too
    # The backup is still encrypted and opens with the same key at the old revision.
    engine = build_engine(backups[0], store.data_key)
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == "0001"
    engine.dispose()
    assert b"pharmacy" not in backups[0].read_bytes()


def test_opening_an_up_to_date_store_makes_no_backup(empty_store_path: Path) -> None:
    open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING).close()
    assert not list(empty_store_path.parent.glob("*.bak"))


def test_the_written_down_head_is_the_newest_migration() -> None:
    assert migrate.head_revision() == migrate.SCHEMA_HEAD
