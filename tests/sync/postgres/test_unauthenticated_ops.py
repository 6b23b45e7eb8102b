"""Rows slipped into the server by its owner: no op applies without the organisation key."""

from __future__ import annotations

import pytest

from models.entities import Note
from sync.core.schema import SyncSetAside
from tests.sync.conftest import MakeDevice
from tests.sync.postgres.conftest import Server
from tests.sync.postgres.test_postgres_sync import Fleet, first_note

_FORGE = """
INSERT INTO listening_post.ops
    (organisation, device_id, changeset, idx, wall, counter, entity, key, kind, body)
VALUES ('Org A', %s, %s, 0, %s, 0, %s, %s, %s, %s)
"""


@pytest.fixture
def fleet(pg_server: Server, make_device: MakeDevice, org_key: bytes) -> Fleet:
    return Fleet(pg_server, make_device, org_key)


def forge(
    server: Server, changeset: int, entity: str, key: str, kind: str, body: bytes | None
) -> None:
    with server.superuser() as su:
        su.execute(_FORGE, ("forger", changeset, 1_700_000_000_000, entity, key, kind, body))


def test_body_less_and_forged_ops_are_set_aside_and_the_sync_goes_on(fleet: Fleet) -> None:
    a, b = fleet.device("a"), fleet.device("b")
    note_id = first_note(a)
    fleet.sync(a)
    fleet.sync(b)
    forge(fleet.server, 1, "note", note_id, "purge", None)  # would erase the note everywhere
    forge(fleet.server, 2, "note", "new-note", "put", None)  # crashed every sync (NOT NULL)
    forge(fleet.server, 3, "note", note_id, "purge", b"\0" * 40)  # a body, but not sealed
    first_note(a, "Said after the forgery")
    assert sync_with_problems(fleet, a).set_aside == 3
    report = sync_with_problems(fleet, b)
    assert report.set_aside == 3 and report.ops_applied > 0
    assert sum("no sealed body" in p for p in report.problems) == 2
    assert sum("cannot be authenticated" in p for p in report.problems) == 3
    with b.session() as session:
        assert session.get(Note, note_id) is not None
        assert session.query(SyncSetAside).filter_by(device_id="forger").count() == 3
        assert session.get(Note, "new-note") is None
    again = sync_with_problems(fleet, b)  # the cursor moved on: nothing stuck, nothing repeated
    assert again.set_aside == 0 and not again.problems


def sync_with_problems(fleet: Fleet, store):  # type: ignore[no-untyped-def]
    from sync.postgres_sync import sync_with_postgres

    url, password = fleet.logins[store.device_id]
    return sync_with_postgres(store, url, fleet.key, password=password)
