"""The server schema against a real PostgreSQL: idempotent set-up, roles, row-level security."""

from __future__ import annotations

import psycopg
import pytest

from sync.postgres_connect import connect, parse_server_url
from sync.postgres_schema import initialise_server
from tests.sync.postgres.conftest import Server

OP = (
    "INSERT INTO listening_post.ops (device_id, changeset, idx, wall, counter, entity, key, kind,"
    " body) VALUES (%s, 1, %s, 1, 0, 'note', 'n1', 'put', 'x')"
)


def as_device(url: str, password: str) -> psycopg.Connection:
    return connect(parse_server_url(url), password, autocommit=True)


def test_server_init_twice_keeps_the_server_id_and_the_ops(pg_server: Server) -> None:
    url, password = pg_server.add_device("Leeds Healthwatch", "Laptop 1")
    with as_device(url, password) as device:
        device.execute(OP, ("dev-a", 0))
    with pg_server.admin() as admin:
        first = admin.execute("SELECT server_id FROM listening_post.server").fetchone()
        admin.commit()
        again = initialise_server(admin)
    assert str(first[0]) == again
    assert pg_server.scalar("SELECT count(*) FROM listening_post.ops") == 1


def test_a_device_sees_none_of_another_organisations_ops(pg_server: Server) -> None:
    a_url, a_password = pg_server.add_device("Org A", "Laptop A")
    b_url, b_password = pg_server.add_device("Org B", "Laptop B")
    with as_device(a_url, a_password) as a:
        a.execute(OP, ("dev-a", 0))
        a.execute(OP, ("dev-a", 1))
    with as_device(b_url, b_password) as b:
        b.execute(OP, ("dev-b", 0))
        # The database itself filters: B's role reads only B's row, even asking for A's.
        assert b.execute("SELECT count(*) FROM listening_post.ops").fetchone() == (1,)
        assert b.execute(
            "SELECT count(*) FROM listening_post.ops WHERE organisation = 'Org A'"
        ).fetchone() == (0,)
        # A row claiming A's organisation is refused by the policy, not by the app.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute(
                "INSERT INTO listening_post.ops (organisation, device_id, changeset, idx, wall,"
                " counter, entity, key, kind) VALUES ('Org A', 'x', 1, 0, 1, 0, 'note', 'n', 'put')"
            )
        # Append-only: no updates or deletes, not even of its own organisation's ops.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute("UPDATE listening_post.ops SET body = NULL")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute("DELETE FROM listening_post.ops")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute("SELECT * FROM listening_post.device_roles")
    assert pg_server.scalar("SELECT count(*) FROM listening_post.ops") == 3


def test_sequence_numbers_and_organisation_come_from_the_server(pg_server: Server) -> None:
    url, password = pg_server.add_device("Org A", "Laptop A")
    with as_device(url, password) as device:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            device.execute(
                "INSERT INTO listening_post.ops (seq, device_id, changeset, idx, wall, counter,"
                " entity, key, kind) VALUES (1, 'x', 1, 0, 1, 0, 'note', 'n', 'put')"
            )
        device.execute(OP, ("dev-a", 0))
        row = device.execute("SELECT organisation, pushed_by FROM listening_post.ops").fetchone()
    assert row == ("Org A", parse_server_url(url).user)


def test_a_purge_blanks_the_content_the_server_holds_for_that_record(pg_server: Server) -> None:
    url, password = pg_server.add_device("Org A", "Laptop A")
    with as_device(url, password) as device:
        device.execute(OP, ("dev-a", 0))
        device.execute(
            "INSERT INTO listening_post.ops (device_id, changeset, idx, wall, counter, entity,"
            " key, kind) VALUES ('dev-a', 2, 0, 2, 0, 'note', 'n1', 'purge')"
        )
        device.execute(OP.replace("changeset, idx", "changeset, idx"), ("dev-b", 5))
    assert pg_server.scalar("SELECT count(*) FROM listening_post.ops WHERE body IS NOT NULL") == 0


def test_the_ops_table_refuses_a_user_that_is_not_a_device(pg_server: Server) -> None:
    with pg_server.superuser() as connection:
        connection.execute("CREATE ROLE lp_stranger LOGIN PASSWORD 'stranger-pw'")
    stranger = pg_server.cluster.url("lp_stranger", pg_server.dbname)
    with (
        as_device(stranger, "stranger-pw") as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("SELECT count(*) FROM listening_post.ops")
