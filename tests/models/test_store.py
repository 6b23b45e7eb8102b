"""The encrypted store: encryption at rest, keys, passphrases and refusals."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text

from domain.activities import create_activity
from domain.note_fields import NoteFields
from domain.notes import create_note, list_notes
from models.database import (
    StoreError,
    StoreTooNew,
    WrongPassphraseOrDamaged,
    create_store,
    open_store,
)
from models.keys import KeyAhead, PassphraseRejected, key_file_for
from tests.conftest import NO_KEYRING, PASSPHRASE

SECRET = "Zebrafish-lantern said the crisis line never answered"


def _add_note(store_path: Path) -> None:
    store = open_store(store_path, PASSPHRASE, keyring=NO_KEYRING)
    with store.session() as session:
        activity = create_activity(
            session, title="Drop-in at the hub", kind="drop_in", starts_at=datetime(2026, 5, 1)
        )
        create_note(session, activity_id=activity.id, fields=NoteFields(body=SECRET))
    store.close()


def test_note_text_is_in_neither_the_database_nor_its_wal_nor_shm(tmp_path: Path) -> None:
    path = tmp_path / "s.lpstore"
    store = create_store(path, PASSPHRASE, device_name="A", keyring=NO_KEYRING)
    with store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 1)
        )
        create_note(session, activity_id=activity.id, fields=NoteFields(body=SECRET))
    # While the store is open the note lives in the WAL: check all three files as they are now.
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    for file in files:
        data = file.read_bytes()
        assert SECRET.encode() not in data, file.name
        assert b"Zebrafish" not in data, file.name
        assert b"SQLite format 3" not in data[:16]
    store.close()
    # And the plain sqlite3 module cannot read it.
    plain = sqlcipher3.connect(str(path))
    with pytest.raises(sqlcipher3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()


def test_the_right_passphrase_reads_the_note_back(tmp_path: Path) -> None:
    path = tmp_path / "s.lpstore"
    create_store(path, PASSPHRASE, device_name="A", keyring=NO_KEYRING).close()
    _add_note(path)
    store = open_store(path, PASSPHRASE, keyring=NO_KEYRING)
    with store.session() as session:
        assert [n.body for n in list_notes(session)] == [SECRET]
    store.close()


def test_wrong_passphrase_is_refused_with_the_same_words_as_a_damaged_file(
    empty_store_path: Path,
) -> None:
    with pytest.raises(WrongPassphraseOrDamaged) as wrong:
        open_store(empty_store_path, "not the passphrase", keyring=NO_KEYRING)
    assert str(wrong.value) == f"wrong passphrase or damaged file: {empty_store_path}"

    data = bytearray(empty_store_path.read_bytes())
    data[5000:5064] = bytes(64)  # damage the first page after the header
    damaged = empty_store_path.with_name("damaged.lpstore")
    damaged.write_bytes(bytes(data))
    key_file_for(damaged).write_bytes(key_file_for(empty_store_path).read_bytes())
    with pytest.raises(WrongPassphraseOrDamaged) as broken:
        open_store(damaged, PASSPHRASE, keyring=NO_KEYRING)
    assert str(broken.value) == f"wrong passphrase or damaged file: {damaged}"


def test_a_damaged_key_file_reads_as_wrong_passphrase_or_damaged(empty_store_path: Path) -> None:
    key_file = key_file_for(empty_store_path)
    payload = json.loads(key_file.read_text())
    payload["wrapped_key"] = payload["wrapped_key"][:-8] + "AAAAAAA="
    key_file.write_text(json.dumps(payload))
    with pytest.raises(WrongPassphraseOrDamaged):
        open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)
    key_file.write_text("{not json")
    with pytest.raises(WrongPassphraseOrDamaged):
        open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)


def test_change_passphrase_rotates_the_wrapping_key(empty_store_path: Path) -> None:
    before = empty_store_path.read_bytes()
    store = open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)
    with pytest.raises(WrongPassphraseOrDamaged):
        store.change_passphrase("not the old one", "a brand new passphrase")
    store.change_passphrase(PASSPHRASE, "a brand new passphrase")
    store.close()
    with pytest.raises(WrongPassphraseOrDamaged):
        open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)
    reopened = open_store(empty_store_path, "a brand new passphrase", keyring=NO_KEYRING)
    with reopened.session() as session:
        assert session.execute(text("SELECT count(*) FROM principles")).scalar() == 10
    reopened.close()
    assert len(before) > 0


@pytest.mark.parametrize("passphrase", ["", "   ", "short"])
def test_empty_or_short_passphrases_are_refused_and_nothing_is_written(
    tmp_path: Path, passphrase: str
) -> None:
    path = tmp_path / "s.lpstore"
    with pytest.raises(PassphraseRejected):
        create_store(path, passphrase, device_name="A", keyring=NO_KEYRING)
    assert list(tmp_path.iterdir()) == []


def test_new_passphrase_is_checked_too(empty_store_path: Path) -> None:
    store = open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)
    with pytest.raises(PassphraseRejected):
        store.change_passphrase(PASSPHRASE, "")
    store.close()
    open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING).close()


def test_a_store_from_a_newer_version_is_refused_untouched(empty_store_path: Path) -> None:
    store = open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    before = empty_store_path.read_bytes()
    with pytest.raises(StoreTooNew, match="newer version of Listening Post"):
        open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)
    assert empty_store_path.read_bytes() == before
    assert not list(empty_store_path.parent.glob("*.bak"))


def test_creating_over_an_existing_store_is_refused(empty_store_path: Path) -> None:
    with pytest.raises(StoreError, match="already exists"):
        create_store(empty_store_path, PASSPHRASE, device_name="B", keyring=NO_KEYRING)


def test_opening_a_missing_store_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"python main\.py init"):
        open_store(tmp_path / "nope.lpstore", PASSPHRASE, keyring=NO_KEYRING)


def test_pragmas_are_set_on_every_connection(empty_store_path: Path) -> None:
    store = open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    store.close()


def test_the_keyring_copy_opens_without_a_passphrase(tmp_path: Path) -> None:
    class MemoryKeyring(type(NO_KEYRING)):  # type: ignore[misc]
        """A keyring whose backend is a dict: the real KeyringCache logic, a stand-in vault."""

        def __init__(self) -> None:
            super().__init__(enabled=True)
            self.vault: dict[str, bytes] = {}

        def load(self, store_id: str) -> bytes | None:
            return self.vault.get(store_id)

        def save(self, store_id: str, data_key: bytes) -> bool:
            self.vault[store_id] = data_key
            return True

    vault = MemoryKeyring()
    path = tmp_path / "s.lpstore"
    create_store(path, PASSPHRASE, device_name="A", keyring=vault).close()
    open_store(path, None, keyring=vault).close()
    with pytest.raises(StoreError, match="passphrase is needed"):
        open_store(path, None, keyring=NO_KEYRING)


def test_a_key_found_ahead_on_a_thread_opens_the_store_or_fails_as_the_direct_way(
    empty_store_path: Path, tmp_path: Path
) -> None:
    ahead = KeyAhead(empty_store_path, PASSPHRASE, NO_KEYRING)
    store = open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING, ahead=ahead)
    assert store.device_id
    store.close()
    wrong = KeyAhead(empty_store_path, "not the passphrase", NO_KEYRING)
    with pytest.raises(WrongPassphraseOrDamaged):
        open_store(empty_store_path, "not the passphrase", keyring=NO_KEYRING, ahead=wrong)
    without = KeyAhead(empty_store_path, None, NO_KEYRING)  # no passphrase, no keyring copy
    with pytest.raises(StoreError, match="passphrase is needed"):
        open_store(empty_store_path, None, keyring=NO_KEYRING, ahead=without)
    missing = KeyAhead(tmp_path / "none.lpstore", PASSPHRASE, NO_KEYRING)
    assert missing.result() is None  # nothing to derive for a store that is not there
