"""Sync real stores through a real PostgreSQL: convergence, TLS, credentials, clocks, cancel."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from domain.activities import create_activity
from domain.conflicts import list_conflicts
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, get_note, set_note_tags, update_note
from models.database import Store
from models.entities import Note
from sync.core.clock import SettableClock
from sync.digest import state_digest
from sync.errors import CloneDetected, SyncKeyError
from sync.keys import new_sync_key
from sync.postgres_connect import (
    ServerCredentialsRejected,
    ServerNotTrusted,
    ServerUnavailable,
    ServerUrlInvalid,
)
from sync.postgres_sync import postgres_status, sync_with_postgres
from tests.sync.conftest import MakeDevice
from tests.sync.postgres.conftest import Server


def digest(store: Store) -> str:
    with store.session() as session:
        return state_digest(session)


def first_note(store: Store, body: str = "The bus is late") -> str:
    with store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 3, 2, 10)
        )
        return create_note(
            session, activity_id=activity.id, fields=NoteFields(body=body, groups=["carers"])
        ).id


class Fleet:
    """Devices of one organisation, each with its own role and password on the server."""

    def __init__(self, server: Server, make_device: MakeDevice, key: bytes) -> None:
        self.server, self.make_device, self.key = server, make_device, key
        self.logins: dict[str, tuple[str, str]] = {}

    def device(self, name: str, organisation: str = "Org A") -> Store:
        store = self.make_device(name)
        self.logins[store.device_id] = self.server.add_device(organisation, name)
        return store

    def sync(self, store: Store, **options: object):  # type: ignore[no-untyped-def]
        url, password = self.logins[store.device_id]
        report = sync_with_postgres(store, url, self.key, password=password, **options)  # type: ignore[arg-type]
        assert not report.problems, report.problems
        return report

    def sync_all(self, stores: list[Store], rounds: int = 2) -> None:
        for _ in range(rounds):
            for store in stores:
                self.sync(store)


@pytest.fixture
def fleet(pg_server: Server, make_device: MakeDevice, org_key: bytes) -> Fleet:
    return Fleet(pg_server, make_device, org_key)


def test_three_devices_converge_with_edits_tags_and_a_conflict(fleet: Fleet) -> None:
    a, b, c = (fleet.device(name) for name in "abc")
    note_id = first_note(a)
    fleet.sync_all([a, b, c])
    with a.session() as session:
        update_note(session, note_id=note_id, edit=NoteEdit.of(body="The 49 bus is always late"))
        set_note_tags(session, note_id=note_id, groups=["carers", "older-people"])
    with b.session() as session:
        update_note(
            session, note_id=note_id, edit=NoteEdit.of(body="The bus is late, so I miss my slot")
        )
        set_note_tags(session, note_id=note_id, groups=[], principles=[4])
    fleet.sync_all([a, b, c])
    assert digest(a) == digest(b) == digest(c)
    with c.session() as session:
        note = get_note(session, note_id=note_id)
        assert [(x.entity, x.field) for x in list_conflicts(session)] == [("note", "body")]
    # Add-wins: a's new tag survives b's clearing of the tags it had seen; b's principle too.
    assert note.group_keys == ("older-people",) and note.principle_numbers == (4,)
    # Each op is on the server once, however many times devices synced.
    assert (
        fleet.server.scalar(
            "SELECT count(*) - count(DISTINCT (device_id, changeset, idx)) FROM listening_post.ops"
        )
        == 0
    )
    # The server never holds what people said, only sealed bodies.
    assert (
        fleet.server.scalar(
            "SELECT count(*) FROM listening_post.ops"
            " WHERE position('bus' in encode(body, 'escape')) > 0"
        )
        == 0
    )


def test_status_counts_changes_until_sent_and_remembers_the_server(fleet: Fleet) -> None:
    a = fleet.device("a")
    first_note(a)
    with a.session() as session:
        before = postgres_status(session)
    assert before.changes_waiting > 0 and before.last_sync_at is None
    report = fleet.sync(a)
    assert report.published == before.changes_waiting
    with a.session() as session:
        after = postgres_status(session)
    assert after.changes_waiting == 0 and after.last_sync_at is not None
    assert after.server is not None and "password" not in after.server
    # The password given once is kept in the encrypted store: the next sync needs only the URL.
    url, _ = fleet.logins[a.device_id]
    assert sync_with_postgres(a, url, fleet.key).published == 0


def test_batches_resume_from_the_cursor(fleet: Fleet) -> None:
    a, b = fleet.device("a"), fleet.device("b")
    with a.session() as session:
        activity = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 1, 1)
        )
        for i in range(30):
            create_note(session, activity_id=activity.id, fields=NoteFields(body=f"said {i}"))
    fleet.sync(a, batch_size=7)
    report = fleet.sync(b, batch_size=7)
    assert report.applied >= 5 and report.ops_applied > 30
    assert digest(a) == digest(b)
    assert fleet.sync(b).ops_applied == 0


def test_tls_is_verified_by_default_and_a_weakened_url_warns(fleet: Fleet) -> None:
    a = fleet.device("a")
    url, password = fleet.logins[a.device_id]
    assert not fleet.sync(a).warnings  # verify-full against the test CA: no warning
    weak = sync_with_postgres(a, url + "&sslmode=require", fleet.key, password=password)
    assert any("sslmode=require" in w and "weakened" in w for w in weak.warnings)
    plain = sync_with_postgres(a, url + "&sslmode=disable", fleet.key, password=password)
    assert any("no encryption" in w for w in plain.warnings)


def test_a_server_with_an_unknown_certificate_is_refused(fleet: Fleet, tmp_path) -> None:
    a = fleet.device("a")
    first_note(a)
    url, password = fleet.logins[a.device_id]
    other_ca = tmp_path / "other-ca.pem"
    from bench.pg_cluster import _certificates

    other_ca.write_bytes(_certificates(tmp_path)[0].read_bytes())
    wrong = url.replace(str(fleet.server.cluster.ca), str(other_ca))
    with pytest.raises(ServerNotTrusted, match="did not prove its identity"):
        sync_with_postgres(a, wrong, fleet.key, password=password)
    no_ca = url.split("?")[0] + "?sslrootcert=" + str(tmp_path / "missing.pem")
    with pytest.raises(ServerNotTrusted, match="no CA certificate"):
        sync_with_postgres(a, no_ca, fleet.key, password=password)
    assert fleet.server.scalar("SELECT count(*) FROM listening_post.ops") == 0


def test_bad_urls_wrong_passwords_and_a_down_server_give_clear_errors(
    fleet: Fleet, capfd: pytest.CaptureFixture[str]
) -> None:
    a = fleet.device("a")
    first_note(a)
    url, password = fleet.logins[a.device_id]
    with pytest.raises(ServerUrlInvalid, match="holds a password"):
        sync_with_postgres(a, url.replace("@", ":secret@"), fleet.key)
    with pytest.raises(ServerCredentialsRejected, match="refused this device"):
        sync_with_postgres(a, url, fleet.key, password="not-the-password")
    port = str(fleet.server.cluster.port)
    with pytest.raises(ServerUnavailable, match="cannot reach"):
        sync_with_postgres(a, url.replace(port, "1"), fleet.key, password=password)
    with a.session() as session:
        assert postgres_status(session).last_sync_at is None
    assert fleet.sync(a).published > 0  # then everything goes through
    assert password not in capfd.readouterr().err


def test_a_device_with_another_organisation_key_is_refused(fleet: Fleet) -> None:
    a, b = fleet.device("a"), fleet.device("b")
    first_note(a)
    fleet.sync(a)
    url, password = fleet.logins[b.device_id]
    first_note(b)
    with pytest.raises(SyncKeyError, match="different organisation key"):
        sync_with_postgres(b, url, new_sync_key(), password=password)
    assert fleet.server.scalar("SELECT count(DISTINCT device_id) FROM listening_post.ops") == 1


def test_organisations_share_a_server_but_never_ops(fleet: Fleet) -> None:
    a = fleet.device("a", "Org A")
    b = fleet.device("b", "Org B")
    first_note(a)
    fleet.sync(a)
    # Org B has its own organisation key; it syncs but receives nothing of A's.
    url, password = fleet.logins[b.device_id]
    report = sync_with_postgres(b, url, new_sync_key(), password=password)
    assert report.ops_applied == 0
    with b.session() as session:
        assert session.scalar(select(Note.id)) is None


def test_changes_stamped_far_ahead_are_held_then_applied_when_plausible(
    fleet: Fleet, clock: SettableClock
) -> None:
    a, b = fleet.device("a"), fleet.device("b")
    clock.offset_ms = 3 * 24 * 3600 * 1000
    note_id = first_note(a)
    fleet.sync(a)  # ingest never fails on skew
    clock.reset()
    report = sync_with_postgres(
        b, *fleet.logins[b.device_id][:1], fleet.key, password=fleet.logins[b.device_id][1]
    )
    assert report.waiting > 0 and report.quarantined == 1
    assert "in the future" in report.problems[0]
    with b.session() as session:
        assert session.get(Note, note_id) is None
    # Two days on (or a coordinator fixes the clock), the held changes apply in order.
    clock.offset_ms = 2 * 24 * 3600 * 1000 + 1
    later = fleet.sync(b)
    assert later.waiting == 0 and later.quarantined == 0
    with b.session() as session:
        assert session.get(Note, note_id) is not None


def test_cancel_stops_between_batches_and_the_next_sync_completes(fleet: Fleet) -> None:
    a, b = fleet.device("a"), fleet.device("b")
    first_note(a)
    fleet.sync(a)

    class CancelAfterFirstBatch:
        def __init__(self) -> None:
            self.batches = 0

        def report(self, done: int, total: int, label: str) -> None:
            self.batches += 1

        @property
        def cancelled(self) -> bool:
            return self.batches >= 1

    url, password = fleet.logins[b.device_id]
    report = sync_with_postgres(
        b, url, fleet.key, CancelAfterFirstBatch(), password=password, batch_size=2
    )
    assert report.cancelled and report.ops_applied > 0
    assert digest(a) != digest(b)
    fleet.sync(b)
    assert digest(a) == digest(b)


def test_a_copied_store_is_refused_before_it_sends_anything(
    fleet: Fleet, tmp_path, make_device: MakeDevice
) -> None:
    import shutil

    from models.database import open_store
    from tests.conftest import NO_KEYRING, PASSPHRASE

    a = fleet.device("a")
    first_note(a)
    a.close()
    backup = tmp_path / "backup"
    backup.mkdir()
    for suffix in ("", ".key"):
        shutil.copy2(f"{a.path}{suffix}", backup / f"store.lpstore{suffix}")
    a = open_store(a.path, PASSPHRASE, keyring=NO_KEYRING)
    fleet.sync(a)
    first_note(a, "made after the backup")
    fleet.sync(a)
    restored = open_store(backup / "store.lpstore", PASSPHRASE, keyring=NO_KEYRING)
    try:
        first_note(restored, "made on the restored copy")
        with pytest.raises(CloneDetected, match="restored from a backup"):
            fleet.sync(restored)
    finally:
        restored.close()
        a.close()
