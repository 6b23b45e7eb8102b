"""The encrypted store: SQLCipher engine, pragmas, sessions, creation, opening and migration."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from models import migrate
from models.entities import Device, Meta
from models.ids import new_id, utc_now
from models.keys import (
    KeyAhead,
    KeyFileError,
    KeyFileSettingsRejected,
    KeyringCache,
    check_passphrase,
    find_data_key,
    key_file_for,
    new_data_key,
    read_key_file,
    unwrap_key,
    wrap_key,
    write_key_file,
)
from models.private_files import create_private_file, exposure_warnings, make_private_folder
from models.taxonomy import seed_reference_data

SessionHook = Callable[["sessionmaker[Session]"], None]
# What every store's sessions need, installed by the entry point (sync's op capture).
_SESSION_HOOKS: dict[str, SessionHook] = {}


def set_session_hook(name: str, hook: SessionHook) -> None:
    """Install (or replace) a hook run on the sessionmaker of every store opened after this."""
    _SESSION_HOOKS[name] = hook


class StoreError(Exception):
    """A store could not be created or opened; the message is safe to show to a person."""


class WrongPassphraseOrDamaged(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"wrong passphrase or damaged file: {path}")
        self.path = path


class StoreTooNew(StoreError):
    """The store was written by a newer Listening Post; opening it could damage it."""


# How long a writer waits for another (a second capture window, an import, a sync) to commit.
BUSY_TIMEOUT_MS = 30_000
# Execution option of the store's write sessions: they begin by taking the write lock.
IMMEDIATE = "listening_post_immediate"


def _connect(path: Path, data_key: bytes) -> sqlcipher3.Connection:
    connection = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    # SQLCipher's own log would print decryption failures to stderr; we report them ourselves.
    connection.execute("PRAGMA cipher_log_level = NONE")
    # Raw key: skips SQLCipher's own per-connection KDF (the passphrase KDF ran once, in keys.py).
    connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as error:
        connection.close()
        raise WrongPassphraseOrDamaged(path) from error
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA foreign_keys = ON")
    # FULL: a note reported as saved survives a power cut (WAL's NORMAL could lose the last ones).
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Text a redaction, an edit or a purge removed is zeroed where that costs no extra I/O, not
    # left readable in free space (an erasure turns on the full setting for its connection).
    connection.execute("PRAGMA secure_delete = FAST")
    # 16 MiB of decrypted pages per connection: searches and lists revisit the same pages. Each
    # of the pool's connections keeps its own, so at 100,000 notes 32 MiB each came to a tenth
    # of the app's peak memory; pages count from tallies now, and read far fewer pages.
    connection.execute("PRAGMA cache_size = -16384")
    return connection


def build_engine(path: Path, data_key: bytes) -> Engine:
    """An engine whose every connection is keyed and configured before SQLAlchemy sees it."""
    engine = create_engine(
        "sqlite://",
        creator=lambda: _connect(path, data_key),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # The driver's implicit transactions are off (isolation_level=None); SQLAlchemy owns BEGIN.
        # IMMEDIATE takes the write lock up front, where the busy timeout applies: a deferred
        # transaction that upgrades to a write after reading fails at once with "database is
        # locked" when another writer got there first. Reads (and checkpoints) stay deferred.
        if connection.get_execution_options().get(IMMEDIATE):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


@dataclass
class Store:
    """An open store. Thread rules: the engine is shared; each thread opens its own Session."""

    path: Path
    engine: Engine
    data_key: bytes
    device_id: str

    def __post_init__(self) -> None:
        writer = self.engine.execution_options(**{IMMEDIATE: True})
        self._sessions = sessionmaker(writer, expire_on_commit=False)
        if not _SESSION_HOOKS:
            # A store without op capture would make changes that never sync: refuse outright.
            raise RuntimeError("op capture is not installed: call sync.core.install() at start-up")
        self._readers = sessionmaker(self.engine, expire_on_commit=False)
        for hook in _SESSION_HOOKS.values():
            hook(self._sessions)  # every write through this store's sessions is logged
            hook(self._readers)

    def new_session(self) -> Session:
        # Sessions know this device up front, so every audited or logged write skips a lookup.
        return self._sessions(info={"device_id": self.device_id})

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends normally, rolled back otherwise."""
        session = self.new_session()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A unit of work for reading: it begins without the write lock, so in WAL mode it never
        waits for a writer (a GUI list page while an import runs). A write in it is still kept
        (and logged), but takes the lock only when it comes: use session() for writes."""
        session = self._readers(info={"device_id": self.device_id})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def organisation(self) -> str:
        with self.session() as session:
            row = session.get(Meta, "organisation")
            return row.value if row else ""

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the data key under a new passphrase; the database itself is untouched."""
        check_passphrase(new)
        key_file = key_file_for(self.path)
        try:
            current = unwrap_key(read_key_file(key_file), old)
        except KeyFileError as error:
            raise WrongPassphraseOrDamaged(self.path) from error
        if current != self.data_key:
            raise WrongPassphraseOrDamaged(self.path)
        write_key_file(key_file, wrap_key(self.data_key, new))

    def close(self) -> None:
        self.engine.dispose()


def create_store(
    path: Path,
    passphrase: str,
    *,
    device_name: str,
    organisation: str = "",
    keyring: KeyringCache | None = None,
) -> Store:
    """Create a new encrypted store with the reference taxonomy and this device."""
    path = Path(path)
    check_passphrase(passphrase)
    key_file = key_file_for(path)
    if path.exists() or key_file.exists():
        raise StoreError(f"a store already exists at {path}")
    make_private_folder(path.parent)
    data_key = new_data_key()
    create_private_file(path)  # SQLite keeps these permissions, and gives them to -wal and -shm
    engine = build_engine(path, data_key)
    try:
        with engine.begin() as connection:
            migrate.upgrade_to_head(connection)
        device_id = new_id()
        writer = engine.execution_options(**{IMMEDIATE: True})
        with Session(writer) as session, session.begin():
            session.add(Device(id=device_id, display_name=device_name))
            session.add(Meta(key="device_id", value=device_id))
            session.add(Meta(key="organisation", value=organisation))
            session.add(Meta(key="created_at", value=utc_now().isoformat()))
            seed_reference_data(session)
        write_key_file(key_file, wrap_key(data_key, passphrase))
    except BaseException:
        engine.dispose()
        for leftover in (path, key_file, *_sidecars(path)):
            leftover.unlink(missing_ok=True)
        raise
    (keyring or KeyringCache()).save(str(path.resolve()), data_key)
    return Store(path=path, engine=engine, data_key=data_key, device_id=device_id)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def open_store(
    path: Path,
    passphrase: str | None,
    *,
    keyring: KeyringCache | None = None,
    ahead: KeyAhead | None = None,
) -> Store:
    """Open an existing store with the passphrase, or with the keyring's copy of the key.

    `ahead` is the same key lookup (this passphrase, this keyring) already started on a thread.
    Upgrades an older schema after copying the store aside; refuses a newer one.
    """
    path = Path(path)
    if not path.exists():
        raise StoreError(f"no store at {path}: create one with 'python main.py init'")
    keyring = keyring or KeyringCache()
    try:
        data_key = ahead.result() if ahead else find_data_key(path, passphrase, keyring)
    except KeyFileSettingsRejected as error:
        raise StoreError(f"{key_file_for(path)}: {error}") from error
    except KeyFileError as error:
        raise WrongPassphraseOrDamaged(path) from error
    if data_key is None:
        raise StoreError("a passphrase is needed to open this store")
    engine = build_engine(path, data_key)
    try:
        _bring_schema_up_to_date(engine, path)
        with Session(engine) as session:
            # Table columns: opening configures none of the ORM's mappers (the window's first
            # paint does not wait for that; the first ORM read after it does it).
            meta = Meta.__table__.c
            device_id = session.scalar(select(meta.value).where(meta.key == "device_id"))
        if not device_id:
            raise WrongPassphraseOrDamaged(path)
    except (DBAPIError, sqlcipher3.DatabaseError) as error:
        engine.dispose()
        if _is_damage(error):
            raise WrongPassphraseOrDamaged(path) from error
        raise
    except BaseException:
        engine.dispose()
        raise
    if passphrase is not None:
        keyring.save(str(path.resolve()), data_key)
    return Store(path=path, engine=engine, data_key=data_key, device_id=device_id)


def store_warnings(path: Path) -> list[str]:
    """Plain warnings about the store's files: any that other users of this computer can read."""
    path = Path(path)
    return exposure_warnings(path, key_file_for(path), *_sidecars(path))


def _is_damage(error: Exception) -> bool:
    """Undecryptable or malformed pages; not "locked" or "busy" (OperationalError subclasses)."""
    original = error.orig if isinstance(error, DBAPIError) else error
    return type(original) is sqlcipher3.DatabaseError


def _bring_schema_up_to_date(engine: Engine, path: Path) -> None:
    with engine.connect() as connection:
        current = migrate.current_revision(connection)
    if current == migrate.SCHEMA_HEAD:
        return
    if current is not None and not migrate.is_known_revision(current):
        raise StoreTooNew(
            f"{path} was made by a newer version of Listening Post (schema {current}); "
            "update Listening Post to open it"
        )
    backup_before_upgrade(engine, path, current or "empty")
    with engine.begin() as connection:
        migrate.upgrade_to_head(connection)


def backup_before_upgrade(engine: Engine, path: Path, revision: str) -> Path:
    """Copy the (still encrypted) store aside before a migration touches it."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    stamp = utc_now().strftime("%Y%m%dT%H%M%S")
    backup = path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")
    create_private_file(backup)  # copyfile keeps these permissions, whatever the store's
    shutil.copyfile(path, backup)
    return backup
