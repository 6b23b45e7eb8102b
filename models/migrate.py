"""Alembic, driven from code: the store carries its own schema revision and upgrades in place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# SQLAlchemy is imported by what runs, not for SCHEMA_HEAD (read before the window paints).
if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest revision, written down so that opening an up-to-date store needs no Alembic import
# (a fifth of start-up). A test checks it against the migration scripts.
SCHEMA_HEAD = "0019"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def is_known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return any(rev.revision == revision for rev in script.walk_revisions())


def current_revision(connection: Connection) -> str | None:
    """The store's revision, read directly (None for an empty database)."""
    from sqlalchemy import inspect

    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return str(rows[0][0]) if rows else None


def upgrade_to_head(connection: Connection) -> None:
    from alembic import command

    from models.tallies import recount_tallies

    command.upgrade(alembic_config(connection), "head")
    rebuild_search_index(connection)
    recount_tallies(connection)


def upgrade_to(connection: Connection, revision: str) -> None:
    from alembic import command

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
