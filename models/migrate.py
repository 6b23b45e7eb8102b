"""Alembic, driven from code: the store carries its own schema revision and upgrades in place."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def is_known_revision(revision: str) -> bool:
    script = ScriptDirectory.from_config(alembic_config())
    return any(rev.revision == revision for rev in script.walk_revisions())


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")
    rebuild_search_index(connection)


def upgrade_to(connection: Connection, revision: str) -> None:
    command.upgrade(alembic_config(connection), revision)


def rebuild_search_index(connection: Connection) -> None:
    """Refill the full-text index from the notes.

    The index is keyed by the notes' rowid, which SQLite may renumber when a migration copies a
    table (batch mode) or on VACUUM; rebuilding after every schema change keeps it exact.
    """
    connection.exec_driver_sql("DELETE FROM note_search")
    connection.exec_driver_sql(
        "INSERT INTO note_search(rowid, body, activity_title) "
        "SELECT n.rowid, n.body, a.title FROM notes n JOIN activities a ON a.id = n.activity_id"
    )
