"""End to end by command line: server-init, server-add-device, then `sync --postgres` processes.

The happy path runs real processes; the refusals call `main.main` in this process (same code,
without paying an interpreter start-up for each).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

import main
from bench.pg_cluster import OWNER, OWNER_PASSWORD, Cluster
from domain.activities import create_activity
from domain.note_fields import NoteFields
from domain.notes import create_note
from models.database import Store
from sync.digest import state_digest
from tests.conftest import NO_KEYRING, PASSPHRASE
from tests.sync.conftest import MakeDevice

ROOT = Path(__file__).resolve().parents[3]


def cli(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        env={
            **os.environ,
            "LISTENING_POST_PASSPHRASE": PASSPHRASE,
            "LISTENING_POST_KEYRING": "0",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def closed(store: Store) -> Path:
    store.close()
    return store.path


def digest(path: Path) -> str:
    from models.database import open_store

    store = open_store(path, PASSPHRASE, keyring=NO_KEYRING)
    try:
        with store.session() as session:
            return state_digest(session)
    finally:
        store.close()


def test_an_administrator_sets_up_the_server_and_two_laptops_sync(
    pg_cluster: Cluster,
    make_device: MakeDevice,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if pg_cluster.process is None:
        pg_cluster.start()
    with psycopg.connect(**pg_cluster.superuser_params(), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE lp_cli OWNER {}").format(sql.Identifier(OWNER)))
    admin_url = pg_cluster.url(OWNER, "lp_cli")
    admin_password = tmp_path / "admin.pw"
    admin_password.write_text(OWNER_PASSWORD)
    init = cli("server-init", "--postgres", admin_url, "--password-file", admin_password)
    assert init.returncode == 0, init.stderr
    assert "schema ready" in init.stdout

    a, b = make_device("a"), make_device("b")
    with a.session() as session:
        activity = create_activity(
            session, title="Café", kind="drop_in", starts_at=datetime(2026, 4, 1)
        )
        create_note(
            session, activity_id=activity.id, fields=NoteFields(body="The lift is broken again")
        )
    stores = [closed(a), closed(b)]
    urls, secrets = [], []
    for name in ("a", "b"):
        secret = tmp_path / f"{name}.pw"
        added = cli(
            "server-add-device",
            "--postgres",
            admin_url,
            "--organisation",
            "Leeds Healthwatch",
            "--device-name",
            f"Laptop {name}",
            "--out",
            secret,
            LISTENING_POST_PG_PASSWORD=OWNER_PASSWORD,
        )
        assert added.returncode == 0, added.stderr
        password = secret.read_text().strip()
        assert (secret.stat().st_mode & 0o777) == 0o600
        assert password not in added.stdout + added.stderr
        url = next(
            line.split(": ", 1)[1] for line in added.stdout.splitlines() if "server URL" in line
        )
        assert "sslmode=verify-full" in url and "@127.0.0.1" in url
        urls.append(url)
        secrets.append(secret)

    key_file = tmp_path / "org.lpkey"
    for store, url, secret in zip(stores, urls, secrets, strict=True):
        create = () if key_file.exists() else ("--new-organisation-key",)
        done = cli(
            "--store", store, "sync", "--postgres", url, "--password-file", secret,
            "--key-file", key_file, *create,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    # The password was kept in the encrypted store: later syncs need only the URL.
    weak = cli("--store", stores[0], "sync", "--postgres", urls[0] + "&sslmode=disable")
    assert weak.returncode == 0, weak.stderr
    assert "TLS is weakened by sslmode=disable" in weak.stderr
    assert digest(stores[0]) == digest(stores[1])

    # Refusals, in this process: exit 2 with a reason, exit 1 when the server is down.
    monkeypatch.setenv("LISTENING_POST_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("LISTENING_POST_PG_PASSWORD", OWNER_PASSWORD)
    with_password = admin_url.replace(OWNER, f"{OWNER}:{OWNER_PASSWORD}")
    assert main.main(["server-init", "--postgres", with_password]) == 2
    again = ["--organisation", "X", "--device-name", "Y", "--out", str(secrets[0])]
    assert main.main(["server-add-device", "--postgres", admin_url, *again]) == 2
    monkeypatch.setenv("LISTENING_POST_PG_PASSWORD", "wrong")
    assert main.main(["--store", str(stores[1]), "sync", "--postgres", urls[1]]) == 2
    down = urls[1].replace(str(pg_cluster.port), "1")
    assert main.main(["--store", str(stores[1]), "sync", "--postgres", down]) == 1
    errors = capsys.readouterr().err
    assert "holds a password" in errors and "already exists" in errors
    assert "refused this device" in errors and "cannot reach the PostgreSQL server" in errors
    assert OWNER_PASSWORD not in errors
