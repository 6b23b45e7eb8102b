"""Sync benchmarks: applying 10,000 ops, incremental sync cost vs store size, bundle size.

Figures: apply_10k_ops_s (target ≤ 2 s); incremental_ratio_100k_vs_1k (an incremental sync of
100 changes on a 100,000-note store over the same on a 1,000-note store, measured alternately in
the same run; target ≤ 1.5); bundle_vs_gzip_json_ratio (bundle bytes over gzip of the same ops as
JSON; target ≤ 1.2).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select, text, update

from domain.note_fields import NoteEdit
from domain.notes import update_note
from domain.sample_data import generate_sample_data
from models.database import Store, create_store, open_store
from models.entities import Note
from models.ids import new_id
from models.keys import KeyringCache
from sync.apply import apply_ops
from sync.bundles import seal
from sync.core.oplog import iter_outbox
from sync.core.ops import Op
from sync.core.schema import SyncOp
from sync.folder_sync import sync_now
from sync.keys import new_sync_key

PASSPHRASE = "benchmark passphrase"
NO_KEYRING = KeyringCache(enabled=False)


def _store(folder: Path, name: str) -> Store:
    return create_store(
        folder / f"{name}.lpstore", PASSPHRASE, device_name=name, keyring=NO_KEYRING
    )


def _ops(store: Store, count: int) -> list[Op]:
    with store.session() as session:
        ops = list(iter_outbox(session.connection(), store.device_id))
    return ops[:count]


def bench_apply(folder: Path) -> tuple[float, list[Op]]:
    source = _store(folder, "source")
    with source.session() as session:
        generate_sample_data(session, activities=13, notes_per_activity=100, seed=2)
    ops = _ops(source, 10_000)
    source.close()
    target = _store(folder, "target")
    started = time.perf_counter()
    with target.session() as session:
        apply_ops(session, ops, bundle_seq=1)
    elapsed = time.perf_counter() - started
    target.close()
    return elapsed, ops


def bundle_ratio(ops: list[Op]) -> float:
    device = ops[0].ref[0]
    _, data = seal(
        ops,
        device_id=device,
        device_name="bench",
        seq=1,
        schema="0003",
        deps={},
        key=new_sync_key(),
        nonce=os.urandom(12),
    )
    as_json = json.dumps(
        [
            {
                "device": op.ref[0],
                "changeset": op.ref[1],
                "index": op.ref[2],
                "wall": op.hlc.wall,
                "counter": op.hlc.counter,
                "entity": op.entity,
                "key": op.key,
                "kind": op.kind,
                "values": dict(op.values),
                "prev": {k: [list(r) for r in v] for k, v in op.prev.items()},
            }
            for op in ops
        ]
    ).encode()
    return len(data) / len(gzip.compress(as_json))


class _Pair:
    """A store of N notes already in sync with a copy of itself (another device)."""

    def __init__(self, folder: Path, notes: int, key: bytes) -> None:
        folder.mkdir(parents=True)
        self.shared = folder / "shared"
        self.shared.mkdir()
        self.key = key
        mine = _store(folder, "mine")
        with mine.session() as session:
            generate_sample_data(session, activities=notes // 100, notes_per_activity=100, seed=4)
            # As if already shared: the setup's ops are not part of the measured sync.
            session.execute(update(SyncOp).values(bundle_seq=0))
        mine.close()
        other_dir = folder / "other"
        other_dir.mkdir()
        for suffix in ("", ".key"):
            shutil.copy2(folder / f"mine.lpstore{suffix}", other_dir / f"mine.lpstore{suffix}")
        self.mine = open_store(folder / "mine.lpstore", PASSPHRASE, keyring=NO_KEYRING)
        self.other = open_store(other_dir / "mine.lpstore", PASSPHRASE, keyring=NO_KEYRING)
        device_id = new_id()
        with self.other.engine.begin() as connection:
            connection.execute(
                text("UPDATE meta SET value = :id WHERE key = 'device_id'"), {"id": device_id}
            )
        self.other.device_id = device_id
        with self.mine.session() as session:
            self.note_ids = list(session.scalars(select(Note.id).limit(400)))
        self.round = 0

    def _edit(self, store: Store, ids: list[str]) -> None:
        with store.session() as session:
            for note_id in ids:
                update_note(
                    session, note_id=note_id, edit=NoteEdit.of(body=f"edited in round {self.round}")
                )

    def measure(self) -> float:
        """Another device's 100 changes arrive while 100 local ones go out: one sync, timed."""
        self.round += 1
        self._edit(self.other, self.note_ids[100:200])
        sync_now(self.other, self.shared, self.key)
        self._edit(self.mine, self.note_ids[:100])
        started = time.perf_counter()
        report = sync_now(self.mine, self.shared, self.key)
        elapsed = time.perf_counter() - started
        assert report.applied == 1 and report.published == 1
        return elapsed

    def close(self) -> None:
        self.mine.close()
        self.other.close()


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="lp-sync-bench-") as tmp:
        folder = Path(tmp)
        apply_s, ops = bench_apply(folder / "apply")
        ratio = bundle_ratio(ops)
        key = new_sync_key()
        small = _Pair(folder / "small", 1_000, key)
        big = _Pair(folder / "big", 100_000, key)
        small_times, big_times = [], []
        try:
            for _ in range(5):  # alternated, side by side
                small_times.append(small.measure())
                big_times.append(big.measure())
        finally:
            small.close()
            big.close()
    return {
        "apply_10k_ops_s": round(apply_s, 3),
        "incremental_ratio_100k_vs_1k": round(
            statistics.median(big_times) / statistics.median(small_times), 3
        ),
        "bundle_vs_gzip_json_ratio": round(ratio, 3),
    }


if __name__ == "__main__":
    print(json.dumps(run()))
