"""Faults and concurrency on a real server: killed mid-push and mid-pull, lost replies, many
devices at once, serialised ingest, and a team moving from a shared folder to the server."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import update

from domain.activities import create_activity
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, update_note
from models.database import Store
from sync.core.schema import SyncOp
from sync.digest import state_digest
from sync.folder_sync import sync_now
from sync.postgres_connect import ServerUnavailable
from sync.postgres_sync import postgres_status, sync_with_postgres
from tests.sync.conftest import MakeDevice
from tests.sync.postgres.conftest import Server
from tests.sync.postgres.test_postgres_sync import Fleet
from tests.sync.postgres.test_server_schema import OP, as_device


@pytest.fixture
def fleet(pg_server: Server, make_device: MakeDevice, org_key: bytes) -> Fleet:
    return Fleet(pg_server, make_device, org_key)


def digest(store: Store) -> str:
    with store.session() as session:
        return state_digest(session)


def many_notes(store: Store, count: int, title: str = "Stall") -> str:
    with store.session() as session:
        activity = create_activity(
            session, title=title, kind="outreach", starts_at=datetime(2026, 2, 1)
        )
        for i in range(count):
            create_note(
                session, activity_id=activity.id, fields=NoteFields(body=f"{title} said {i}")
            )
        return activity.id


def no_duplicates_on(server: Server) -> bool:
    return (
        server.scalar(
            "SELECT count(*) - count(DISTINCT (device_id, changeset, idx)) FROM listening_post.ops"
        )
        == 0
    )


def test_server_killed_mid_push_and_mid_pull_then_everything_resumes(fleet: Fleet) -> None:
    a, b = fleet.device("a"), fleet.device("b")
    many_notes(a, 120)
    cluster = fleet.server.cluster
    # The server stalls inside the insert of the fourth batch, so the kill lands mid-statement.
    with fleet.server.superuser() as su:
        su.execute(
            "CREATE FUNCTION public.stall() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF (SELECT count(*) FROM listening_post.ops) > 60 THEN PERFORM pg_sleep(30); "
            "END IF; RETURN NULL; END $$"
        )
        su.execute(
            "CREATE TRIGGER stall AFTER INSERT ON listening_post.ops "
            "FOR EACH STATEMENT EXECUTE FUNCTION public.stall()"
        )

    def kill_when_stalled() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with fleet.server.superuser() as su:
                stalled = su.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"
                ).fetchone()
            if stalled and stalled[0]:
                cluster.kill()
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_when_stalled)
    killer.start()
    with pytest.raises(ServerUnavailable, match=r"lost the connection.*next sync carries on"):
        fleet.sync(a, batch_size=20)
    killer.join()
    cluster.start()
    with fleet.server.superuser() as su:
        su.execute("DROP TRIGGER stall ON listening_post.ops")
    on_server = fleet.server.scalar("SELECT count(*) FROM listening_post.ops")
    assert on_server == 60  # three whole batches; the fourth rolled back with the crash
    with a.session() as session:
        assert postgres_status(session).changes_waiting > 0
    fleet.sync(a, batch_size=20)
    assert no_duplicates_on(fleet.server)

    class KillAfterTwoBatches:
        batches = 0
        cancelled = False

        def report(self, done: int, total: int, label: str) -> None:
            if label.startswith("Receiving"):
                self.batches += 1
                if self.batches == 2:
                    cluster.kill()

    url, password = fleet.logins[b.device_id]
    with pytest.raises(ServerUnavailable):
        sync_with_postgres(
            b, url, fleet.key, KillAfterTwoBatches(), password=password, batch_size=20
        )
    cluster.start()
    assert digest(a) != digest(b)  # two batches applied, whole; the rest to come
    report = fleet.sync(b, batch_size=20)
    assert report.ops_applied > 0
    assert digest(a) == digest(b)


def test_a_lost_reply_means_a_resend_that_the_server_ignores(fleet: Fleet) -> None:
    a, b = fleet.device("a"), fleet.device("b")
    many_notes(a, 10)
    first = fleet.sync(a)
    # As if the server committed but its reply never arrived: the store still thinks they wait.
    with a.session() as session:
        session.execute(update(SyncOp).values(on_server=False))
    again = fleet.sync(a)
    assert first.published > 0 and again.published == 0
    assert no_duplicates_on(fleet.server)
    fleet.sync(b)
    assert digest(a) == digest(b)


def test_ingest_is_serialised_so_no_reader_skips_a_late_commit(pg_server: Server) -> None:
    url, password = pg_server.add_device("Org A", "Laptop A")
    slow = psycopg.connect(**_params(url), password=password)
    slow.execute(OP, ("slow", 0))  # holds its sequence number, uncommitted
    with as_device(url, password) as fast:
        fast.execute("SET statement_timeout = '300ms'")
        # A second writer must wait for the first to commit, so it can never commit a later
        # sequence number first (a reader past it would then skip the earlier one forever).
        with pytest.raises(psycopg.errors.QueryCanceled):
            fast.execute(OP, ("fast", 0))
        slow.commit()
        fast.execute(OP, ("fast", 0))
        rows = fast.execute("SELECT device_id FROM listening_post.ops ORDER BY seq").fetchall()
    slow.close()
    assert rows == [("slow",), ("fast",)]


def _params(url: str) -> dict[str, str]:
    from sync.postgres_connect import parse_server_url

    return dict(parse_server_url(url).params)


def test_devices_syncing_at_once_converge(fleet: Fleet) -> None:
    stores = [fleet.device(f"d{i}") for i in range(6)]
    shared = many_notes(stores[0], 3, "Shared")
    fleet.sync(stores[0])
    errors: list[BaseException] = []

    def work(index: int, store: Store) -> None:
        try:
            fleet.sync(store)
            for round_ in range(3):
                with store.session() as session:
                    for i in range(15):
                        create_note(
                            session,
                            activity_id=shared,
                            fields=NoteFields(body=f"{index}/{round_}/{i}"),
                        )
                fleet.sync(store, batch_size=10)
        except BaseException as error:  # reported in the main thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i, s)) for i, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    fleet.sync_all(stores, rounds=1)
    assert len({digest(store) for store in stores}) == 1
    assert no_duplicates_on(fleet.server)


def test_a_team_moves_from_a_shared_folder_to_the_server_without_losing_anything(
    fleet: Fleet, sync_folder: Path
) -> None:
    field = fleet.make_device("field laptop")  # folder only
    coordinator = fleet.device("coordinator")  # both
    newcomer = fleet.device("newcomer")  # server only
    activity = many_notes(field, 5, "Market stall")
    sync_now(field, sync_folder, fleet.key)
    sync_now(coordinator, sync_folder, fleet.key)
    with coordinator.session() as session:
        note = create_note(
            session, activity_id=activity, fields=NoteFields(body="Coordinator's own note")
        )
    fleet.sync(coordinator)
    sync_now(coordinator, sync_folder, fleet.key)  # ops pulled from the server never reseal
    fleet.sync(newcomer)
    assert digest(newcomer) == digest(coordinator)
    sync_now(field, sync_folder, fleet.key)
    assert digest(field) == digest(coordinator)
    # The field laptop keeps working through the folder; the coordinator carries it over.
    with field.session() as session:
        update_note(session, note_id=note.id, edit=NoteEdit.of(sentiment="positive"))
    sync_now(field, sync_folder, fleet.key)
    sync_now(coordinator, sync_folder, fleet.key)
    fleet.sync(coordinator)
    fleet.sync(newcomer)
    assert digest(newcomer) == digest(coordinator) == digest(field)


def test_a_server_restored_from_an_older_backup_gets_the_lost_changes_again(
    fleet: Fleet,
) -> None:
    a, b = fleet.device("a"), fleet.device("b")
    many_notes(a, 3, "Before the backup")
    fleet.sync(a)
    many_notes(a, 3, "After the backup")
    fleet.sync(a)
    # The administrator restores last night's backup: the later changeset is gone.
    with fleet.server.superuser() as su:
        su.execute(
            "DELETE FROM listening_post.ops WHERE changeset = "
            "(SELECT max(changeset) FROM listening_post.ops)"
        )
    assert fleet.sync(a).published > 0
    fleet.sync(b)
    assert digest(a) == digest(b)
