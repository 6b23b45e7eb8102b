"""A real PostgreSQL server for the transport tests: one cluster per run, one database per test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from psycopg import sql

from bench.pg_cluster import OWNER, OWNER_PASSWORD, Cluster, find_bindir
from sync.postgres_connect import connect, parse_server_url
from sync.postgres_schema import add_device, initialise_server

REQUIRE = "LISTENING_POST_REQUIRE_POSTGRES"
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    bindir = find_bindir()
    if bindir is None:
        reason = (
            "PostgreSQL server binaries (initdb, pg_ctl) are not installed: install Debian's "
            "`postgresql` package to run the PostgreSQL transport tests"
        )
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{REQUIRE}=1 but {reason}")
        pytest.skip(reason)
    cluster = Cluster(bindir)
    try:
        cluster.start()
        with psycopg.connect(**cluster.superuser_params(), autocommit=True) as connection:
            connection.execute(
                sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
                    sql.Identifier(OWNER), sql.Literal(OWNER_PASSWORD)
                )
            )
        yield cluster
    finally:
        cluster.destroy()


@dataclass
class Server:
    """One database set up by server-init, with helpers to add devices and look inside."""

    cluster: Cluster
    dbname: str

    @property
    def admin_url(self) -> str:
        return self.cluster.url(OWNER, self.dbname)

    def admin(self) -> psycopg.Connection[Any]:
        return connect(parse_server_url(self.admin_url), OWNER_PASSWORD)

    def add_device(self, organisation: str, name: str) -> tuple[str, str]:
        """(URL, password) of a new device of `organisation`."""
        with self.admin() as connection:
            made = add_device(connection, organisation=organisation, device_name=name)
        return self.cluster.url(made.role, self.dbname), made.password

    def superuser(self) -> psycopg.Connection[Any]:
        return psycopg.connect(**self.cluster.superuser_params(self.dbname), autocommit=True)

    def scalar(self, query: str, *params: Any) -> Any:
        with self.superuser() as connection:
            row = connection.execute(query, params).fetchone()
        return row[0] if row else None


def new_server(cluster: Cluster) -> Server:
    """A new database, set up as server-init does."""
    if cluster.process is None:  # a test killed it and did not restart it
        cluster.start()
    dbname = f"lp_test_{next(_numbers)}"
    with psycopg.connect(**cluster.superuser_params(), autocommit=True) as connection:
        connection.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(dbname), sql.Identifier(OWNER)
            )
        )
    server = Server(cluster, dbname)
    with server.admin() as connection:
        initialise_server(connection)
    return server


@pytest.fixture
def pg_server(pg_cluster: Cluster) -> Server:
    return new_server(pg_cluster)
