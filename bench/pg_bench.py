"""PostgreSQL transport benchmarks, against a throwaway server started here (like the tests').

Figures:
- concurrent_20x1000_s: 20 device processes of one organisation, started together, each with
  1,000 new ops; wall time until every device has pushed its own and pulled and applied the
  other 19,000 (each device syncs until nothing is left).
- ops_per_s: ops moved in that run (20,000 pushed + 380,000 pulled and applied) per second.
- pull_vs_folder_ratio: pulling 100,000 ops into a fresh store over PostgreSQL, over applying
  the same ops from folder bundles into another fresh store; alternated in the same run,
  medians compared (target ≤ 1.5).
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import func, insert, select, text

# The bench reuses the tests' throwaway cluster (initdb as an unprivileged user, TLS on).
from bench.pg_cluster import OWNER, OWNER_PASSWORD, Cluster, find_bindir
from domain.activities import create_activity
from models.database import Store, create_store, open_store
from models.entities import Note
from models.ids import new_id
from models.keys import KeyringCache
from sync.core.schema import SyncOp
from sync.folder_sync import sync_now
from sync.keys import new_sync_key
from sync.postgres_connect import connect, parse_server_url
from sync.postgres_schema import add_device, initialise_server
from sync.postgres_sync import sync_with_postgres

PASSPHRASE = "benchmark passphrase"
NO_KEYRING = KeyringCache(enabled=False)
DEVICES, OPS_EACH, PULL_OPS = 20, 1_000, 100_000


def _database(cluster: Cluster, name: str) -> str:
    with psycopg.connect(**cluster.superuser_params(), autocommit=True) as connection:
        connection.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(OWNER)
            )
        )
    with connect(parse_server_url(cluster.url(OWNER, name)), OWNER_PASSWORD) as admin:
        initialise_server(admin)
    return name


def _device(cluster: Cluster, database: str, name: str) -> tuple[str, str]:
    with connect(parse_server_url(cluster.url(OWNER, database)), OWNER_PASSWORD) as admin:
        made = add_device(admin, organisation="Bench org", device_name=name)
    return cluster.url(made.role, database), made.password


def _copy_as_new_device(template: Path, folder: Path, name: str) -> Store:
    folder.mkdir(parents=True)
    for suffix in ("", ".key"):
        shutil.copy2(f"{template}{suffix}", folder / f"store.lpstore{suffix}")
    store = open_store(folder / "store.lpstore", PASSPHRASE, keyring=NO_KEYRING)
    device_id = new_id()
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE meta SET value = :id WHERE key = 'device_id'"), {"id": device_id}
        )
        connection.execute(
            text(
                "INSERT INTO devices (id, display_name, created_at) VALUES (:id, :n, '2026-01-01')"
            ),
            {"id": device_id, "n": name},
        )
    store.device_id = device_id
    return store


def _add_ops(store: Store, count: int) -> None:
    """One activity and count-1 notes: exactly `count` ops."""
    with store.session() as session:
        activity = create_activity(
            session, title="Bench", kind="meeting", starts_at=datetime(2026, 1, 5)
        )
    with store.session() as session:
        rows = [
            {"id": new_id(), "activity_id": activity.id, "body": f"bench note {i}"}
            for i in range(count - 1)
        ]
        for start in range(0, len(rows), 5000):
            session.execute(insert(Note), rows[start : start + 5000])


def _ops_in(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(SyncOp)) or 0)


def _device_process(
    path: str, url: str, password: str, key: bytes, target: int, barrier: Any, out: Any
) -> None:
    """One laptop: sync until it holds all `target` ops; report (pushed, applied) or an error."""
    try:
        store = open_store(Path(path), PASSPHRASE, keyring=NO_KEYRING)
    except BaseException as error:
        barrier.abort()
        out.put(("error", repr(error)))
        return
    barrier.wait()
    pushed = applied = 0
    try:
        while True:
            report = sync_with_postgres(store, url, key, password=password)
            pushed += report.published
            applied += report.ops_applied
            if _ops_in(store) >= target:
                break
            time.sleep(0.05)  # others are still pushing
        out.put(("done", pushed, applied))
    except BaseException as error:
        out.put(("error", repr(error)))
    finally:
        store.close()


def bench_concurrent(cluster: Cluster, template: Path, folder: Path) -> tuple[float, float]:
    database = _database(cluster, "bench_concurrent")
    key = new_sync_key()
    jobs = []
    for index in range(DEVICES):
        store = _copy_as_new_device(template, folder / f"d{index}", f"device {index}")
        _add_ops(store, OPS_EACH)
        store.close()
        url, password = _device(cluster, database, f"device {index}")
        jobs.append((str(store.path), url, password))
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(DEVICES + 1)
    out = context.Queue()
    processes = [
        context.Process(target=_device_process, args=(*job, key, DEVICES * OPS_EACH, barrier, out))
        for job in jobs
    ]
    for process in processes:
        process.start()
    barrier.wait()
    started = time.perf_counter()
    results = [out.get(timeout=1800) for _ in processes]
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join()
    failed = [result[1] for result in results if result[0] == "error"]
    if failed:
        raise RuntimeError(f"a device process failed: {failed[0]}")
    moved = sum(result[1] + result[2] for result in results)
    return elapsed, moved / elapsed


def bench_pull_vs_folder(cluster: Cluster, template: Path, folder: Path) -> float:
    database = _database(cluster, "bench_pull")
    key = new_sync_key()
    source = _copy_as_new_device(template, folder / "source", "source")
    _add_ops(source, PULL_OPS)
    shared = folder / "shared"
    shared.mkdir()
    url, password = _device(cluster, database, "source")
    sync_with_postgres(source, url, key, password=password)
    sync_now(source, shared, key)
    source.close()
    pg_times: list[float] = []
    folder_times: list[float] = []
    for round_ in range(3):  # alternated, side by side
        for transport in ("pg", "folder"):
            store = _copy_as_new_device(template, folder / f"{transport}{round_}", transport)
            if transport == "pg":
                url, password = _device(cluster, database, f"reader {round_}")
            started = time.perf_counter()
            if transport == "pg":
                applied = sync_with_postgres(store, url, key, password=password).ops_applied
            else:
                applied = sync_now(store, shared, key).ops_applied
            elapsed = time.perf_counter() - started
            assert applied == PULL_OPS, (transport, applied)
            (pg_times if transport == "pg" else folder_times).append(elapsed)
            store.close()
    return float(statistics.median(pg_times) / statistics.median(folder_times))


def run() -> dict[str, float]:
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries are not installed (Debian: postgresql)")
    cluster = Cluster(bindir)
    try:
        cluster.start()
        with psycopg.connect(**cluster.superuser_params(), autocommit=True) as connection:
            connection.execute(
                sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
                    sql.Identifier(OWNER), sql.Literal(OWNER_PASSWORD)
                )
            )
        with tempfile.TemporaryDirectory(prefix="lp-pg-bench-") as tmp:
            folder = Path(tmp)
            template = folder / "template.lpstore"
            create_store(template, PASSPHRASE, device_name="template", keyring=NO_KEYRING).close()
            concurrent_s, ops_per_s = bench_concurrent(cluster, template, folder / "concurrent")
            ratio = bench_pull_vs_folder(cluster, template, folder / "pull")
    finally:
        cluster.destroy()
    return {
        "concurrent_20x1000_s": round(concurrent_s, 3),
        "ops_per_s": round(ops_per_s, 1),
        "pull_vs_folder_ratio": round(ratio, 3),
    }


if __name__ == "__main__":
    print(json.dumps(run()))
