"""Store and key files are private to their owner; key-file settings and keyrings are checked."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import ClassVar

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import text

from models.database import StoreError, create_store, open_store, store_warnings
from models.keys import KeyringCache, key_file_for, secure_keyring
from tests.conftest import NO_KEYRING, PASSPHRASE


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_store_and_its_key_file_are_0600_in_a_0700_folder(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)  # the usual desktop umask, which made them 0644 before
    try:
        path = tmp_path / "data" / "ListeningPost" / "s.lpstore"
        store = create_store(path, PASSPHRASE, device_name="A", keyring=NO_KEYRING)
        with store.engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM notes")).scalar()
            sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
            assert all(sidecar.exists() for sidecar in sidecars)
            assert {_mode(p) for p in (path, key_file_for(path), *sidecars)} == {0o600}
        store.close()
    finally:
        os.umask(old_umask)
    assert _mode(path.parent) == 0o700
    assert _mode(path.parent.parent) == 0o700
    assert store_warnings(path) == []


def test_an_existing_store_readable_by_others_gets_a_plain_warning(
    empty_store_path: Path,
) -> None:
    os.chmod(empty_store_path, 0o644)
    os.chmod(key_file_for(empty_store_path), 0o644)
    warnings = store_warnings(empty_store_path)
    assert len(warnings) == 2
    assert f"{empty_store_path} can be read by other users" in warnings[0]
    assert "chmod 600" in warnings[0]
    # A changed passphrase rewrites the key file private again.
    store = open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)
    store.change_passphrase(PASSPHRASE, "another long passphrase")
    store.close()
    assert _mode(key_file_for(empty_store_path)) == 0o600


@pytest.mark.parametrize(
    ("field", "value"),
    [("memory_kib", 4294967295), ("time_cost", 0), ("time_cost", 10**9), ("parallelism", 0)],
)
def test_key_file_settings_out_of_bounds_are_refused_plainly(
    empty_store_path: Path, field: str, value: int
) -> None:
    key_file = key_file_for(empty_store_path)
    payload = json.loads(key_file.read_text())
    payload["kdf"][field] = value
    key_file.write_text(json.dumps(payload))
    with pytest.raises(StoreError, match=f"key file's {field} is {value}, outside"):
        open_store(empty_store_path, PASSPHRASE, keyring=NO_KEYRING)


class _VaultKeyring(KeyringBackend):
    """A real keyring backend keeping passwords in a dict, as any third-party backend might."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.vault: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.vault.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.vault[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.vault.pop((service, username), None)


@pytest.fixture
def restore_keyring() -> object:
    before = keyring.get_keyring()
    yield before
    keyring.set_keyring(before)


def test_a_plaintext_file_keyring_is_refused_saying_why(
    tmp_path: Path, restore_keyring: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_backends = pytest.importorskip("keyrings.alt.file")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    plaintext = file_backends.PlaintextKeyring()
    keyring.set_keyring(plaintext)
    cache = KeyringCache(enabled=True)
    path = tmp_path / "s.lpstore"
    create_store(path, PASSPHRASE, device_name="A", keyring=cache).close()
    assert not Path(plaintext.file_path).exists()  # the data key was never written there
    assert "PlaintextKeyring is not one of the operating system's secure keyrings" in (
        cache.refusal
    )
    with pytest.raises(StoreError, match="a passphrase is needed"):
        open_store(path, None, keyring=cache)
    open_store(path, PASSPHRASE, keyring=cache).close()


def test_any_other_backend_is_refused_too(restore_keyring: object) -> None:
    vault = _VaultKeyring()
    keyring.set_keyring(vault)
    assert secure_keyring()[0] is None
    assert KeyringCache(enabled=True).save("store", b"k" * 32) is False
    assert vault.vault == {}


def test_the_operating_systems_keyring_is_used(restore_keyring: object, tmp_path: Path) -> None:
    from keyring.backends import SecretService

    class SessionVault(SecretService.Keyring):  # type: ignore[misc]
        """The Secret Service backend with its D-Bus calls answered from a dict."""

        vault: ClassVar[dict[str, str]] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.vault.get(username)

        def set_password(self, service: str, username: str, password: str) -> None:
            self.vault[username] = password

    keyring.set_keyring(SessionVault())
    cache = KeyringCache(enabled=True)
    path = tmp_path / "s.lpstore"
    create_store(path, PASSPHRASE, device_name="A", keyring=cache).close()
    assert cache.refusal == ""
    open_store(path, None, keyring=cache).close()
