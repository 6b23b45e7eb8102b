"""The folder issue's convergence property, over the PostgreSQL transport: real stores, random
edits, syncs and interrupted syncs (cancelled after one small batch) end in one state."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.pg_cluster import Cluster
from domain.activities import create_activity
from models.database import Store, open_store
from sync.digest import state_digest
from sync.keys import new_sync_key
from sync.postgres_sync import sync_with_postgres
from tests.conftest import NO_KEYRING, PASSPHRASE, copy_store
from tests.sync.conftest import as_new_device
from tests.sync.postgres.conftest import new_server
from tests.sync.test_store_convergence import _has, act

ACTIONS = st.tuples(
    st.sampled_from(("note", "edit", "tag", "delete", "restore", "sync", "interrupt", "sync")),
    st.integers(0, 2),
    st.integers(0, 5),
)


class StopAfterOneBatch:
    """A sync that is cut short: one batch goes through, then the person cancels."""

    def __init__(self) -> None:
        self.batches = 0

    def report(self, done: int, total: int, label: str) -> None:
        self.batches += 1

    @property
    def cancelled(self) -> bool:
        return self.batches >= 1


@pytest.mark.parametrize("examples", [6])
def test_random_histories_converge_through_the_server(
    examples: int,
    pg_cluster: Cluster,
    empty_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(ACTIONS, min_size=4, max_size=16))
    def run(actions: list[tuple[str, int, int]]) -> None:
        server = new_server(pg_cluster)
        root = tmp_path_factory.mktemp("pg-converge")
        key = new_sync_key()
        stores: list[Store] = []
        logins: list[tuple[str, str]] = []
        for name in "abc":
            path = copy_store(empty_template, root / name)
            stores.append(as_new_device(open_store(path, PASSPHRASE, keyring=NO_KEYRING), name))
            logins.append(server.add_device("Org", name))

        def sync(who: int, **options: object) -> None:
            url, password = logins[who]
            report = sync_with_postgres(stores[who], url, key, password=password, **options)  # type: ignore[arg-type]
            assert not report.problems

        try:
            with stores[0].session() as session:
                activity = create_activity(
                    session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 1)
                ).id
            for who in range(3):
                sync(who)
            known: list[list[str]] = [[], [], []]
            for action, who, pick in actions:
                if action == "sync":
                    sync(who)
                    known[who] = sorted({n for k in known for n in k})  # filtered by _has
                elif action == "interrupt":
                    sync(who, progress=StopAfterOneBatch(), batch_size=2)
                else:
                    visible = [n for n in known[who] if _has(stores[who], n)]
                    act(stores[who], action, pick, visible, activity)
                    known[who] = sorted(set(known[who]) | set(visible))
            for _ in range(2):
                for who in range(3):
                    sync(who)
            digests = set()
            for store in stores:
                with store.session() as session:
                    digests.add(state_digest(session))
            assert len(digests) == 1
        finally:
            for store in stores:
                store.close()

    run()
