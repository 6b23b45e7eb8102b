"""Another organisation can neither stall our uploads nor read names out of pg_roles."""

from __future__ import annotations

import threading

import psycopg
import pytest

from sync.postgres_connect import connect, parse_server_url
from sync.postgres_schema import LOCK_CLASS
from tests.sync.conftest import MakeDevice
from tests.sync.postgres.conftest import Server
from tests.sync.postgres.test_postgres_sync import Fleet, first_note


@pytest.fixture
def fleet(pg_server: Server, make_device: MakeDevice, org_key: bytes) -> Fleet:
    return Fleet(pg_server, make_device, org_key)


def test_another_organisations_device_cannot_hold_our_ingest_lock(fleet: Fleet) -> None:
    a = fleet.device("a", organisation="Org A")
    url, password = fleet.server.add_device("Org B", "intruder")
    first_note(a)
    with connect(parse_server_url(url), password, autocommit=True) as intruder:
        # What held Org A's uploads before: the advisory lock Org A's ingest took.
        intruder.execute(
            "SELECT pg_advisory_lock(%s, hashtext(%s))", (LOCK_CLASS, "Org A")
        ).fetchone()
        # And the row the ingest now locks may not be locked by anyone else.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            intruder.execute(
                "SELECT 1 FROM listening_post.organisations WHERE name = 'Org A' FOR UPDATE"
            )
        done: list[object] = []
        worker = threading.Thread(target=lambda: done.append(fleet.sync(a)), daemon=True)
        worker.start()
        worker.join(60)
        assert done, "Org A's sync was stalled by another organisation's device"
    assert fleet.server.scalar("SELECT count(*) FROM listening_post.ops") > 0


def test_role_names_say_nothing_about_organisations_or_devices(fleet: Fleet) -> None:
    fleet.device("Reception laptop", organisation="Leeds Carers Centre")
    names = [
        row[0]
        for row in fleet.server.superuser().execute("SELECT rolname FROM pg_roles").fetchall()
    ]
    device_roles = [n for n in names if n.startswith("lp_")]
    assert device_roles
    assert not [n for n in device_roles if "leeds" in n or "reception" in n or "carers" in n]
