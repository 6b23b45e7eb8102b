"""A shared folder written by someone hostile or careless: no hang, no blow-up, no abort."""

from __future__ import annotations

import os
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from domain.quarantine import list_set_aside_changes
from models.database import Store
from models.ids import new_id
from sync import bundles
from sync.bundles import seal
from sync.core.oplog import iter_outbox
from sync.core.ops import Hlc, Op
from sync.core.schema import SyncSetAside
from sync.folder import MAX_BUNDLE_BYTES
from sync.folder_sync import sync_now
from sync.report import SyncReport
from tests.cli.runner import run_main
from tests.sync.conftest import MakeDevice
from tests.sync.test_folder_sync import first_note

BUNDLE = "00000001-0123456789abcdef.bundle"


def within(seconds: float, action: Callable[[], SyncReport]) -> SyncReport:
    """Run a sync on a thread; fail (rather than hang the suite) if it does not finish in time."""
    done: list[SyncReport] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(action())
        except BaseException as error:
            failed.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"sync still running after {seconds} s"
    if failed:
        raise failed[0]
    return done[0]


def device_folder(sync_folder: Path, device_id: str | None = None) -> Path:
    folder = sync_folder / "v1" / "devices" / (device_id or new_id())
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def reseal_as_new_device(
    source: Store, sync_folder: Path, key: bytes, extra: list[Op], seq: int = 1
) -> str:
    """Seal `source`'s waiting ops, plus `extra`, as bundle 1 of a device only this test knows."""
    device_id = new_id()
    with source.engine.connect() as connection:
        own = [
            Op((device_id, op.ref[1], op.ref[2]), op.hlc, op.entity, op.key, op.kind, op.values)
            for op in iter_outbox(connection, source.device_id)
        ]
    ops = own + [
        Op((device_id, 999, i), own[-1].hlc, op.entity, op.key, op.kind, op.values)
        for i, op in enumerate(extra)
    ]
    name, data = seal(
        ops,
        device_id=device_id,
        device_name="Somebody",
        seq=seq,
        schema="0003",
        deps={},
        key=key,
        nonce=os.urandom(12),
    )
    (device_folder(sync_folder, device_id) / name).write_bytes(data)
    return device_id


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_fifo_link_to_dev_zero_and_huge_sparse_file_are_refused_quickly(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b = make_device("a"), make_device("b")
    first_note(a)
    sync_now(a, sync_folder, org_key)
    os.mkfifo(device_folder(sync_folder) / BUNDLE)
    (device_folder(sync_folder) / BUNDLE).symlink_to("/dev/zero")
    with open(device_folder(sync_folder) / BUNDLE, "wb") as sparse:
        sparse.truncate(2 * 1024**3)  # 2 GB that take no disk
    started = time.monotonic()
    report = within(30, lambda: sync_now(b, sync_folder, org_key))
    assert time.monotonic() - started < 15
    assert report.applied == 1  # a's real bundle still arrives
    problems = "\n".join(report.problems)
    assert "not a regular file" in problems
    assert "a link" in problems
    assert f"larger than the {MAX_BUNDLE_BYTES // 1024**2} MiB" in problems


def test_a_bundle_that_inflates_beyond_the_limit_is_refused(
    make_device: MakeDevice,
    sync_folder: Path,
    org_key: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = make_device("a"), make_device("b")
    first_note(a)
    # A sealed body of 300 MB of spaces (valid JSON whitespace) deflated to a few hundred KB.
    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(b" " * (1 << 20)) for _ in range(300))
    bomb += packer.compress(b"[]") + packer.flush()
    assert len(bomb) < 1024**2
    monkeypatch.setattr(bundles, "encode_arrays", lambda ops, writer=None: bomb)
    reseal_as_new_device(a, sync_folder, org_key, [])
    monkeypatch.undo()
    report = within(60, lambda: sync_now(b, sync_folder, org_key))
    assert report.applied == 0
    assert "would inflate beyond 256 MiB" in report.problems[0]


def test_ops_nested_two_hundred_thousand_deep_are_refused_without_a_traceback(
    make_device: MakeDevice,
    sync_folder: Path,
    org_key: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = make_device("a"), make_device("b")
    first_note(a)
    deep = zlib.compress(b"[" * 200_000 + b"]" * 200_000)
    monkeypatch.setattr(bundles, "encode_arrays", lambda ops, writer=None: deep)
    reseal_as_new_device(a, sync_folder, org_key, [])
    monkeypatch.undo()
    report = within(60, lambda: sync_now(b, sync_folder, org_key))
    assert report.applied == 0
    assert "nested too deeply" in report.problems[0]


def test_ops_for_unknown_records_are_set_aside_and_the_rest_applies(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b = make_device("a"), make_device("b")
    _, note_id = first_note(a)
    stamp = Hlc(time.time_ns() // 1_000_000, 0)
    strange = [
        Op(("x", 0, 0), stamp, "spaceship", "s1", "put", {"name": "Enterprise"}),
        Op(("x", 0, 0), stamp, "note_group", f'["{note_id}","no-such-group"]', "add", {}),
        Op(("x", 0, 0), stamp, "note", note_id, "put", {"sentiment": 42}),
    ]
    device_id = reseal_as_new_device(a, sync_folder, org_key, strange)
    report = within(60, lambda: sync_now(b, sync_folder, org_key))
    assert report.applied == 1 and report.set_aside == 3
    problems = "\n".join(report.problems)
    assert "unknown kind of record 'spaceship'" in problems
    assert "unknown group 'no-such-group'" in problems
    assert "a bad value for note.sentiment" in problems
    with b.session() as session:
        assert session.get(SyncSetAside, (device_id, 999, 0)) is not None
        assert session.query(SyncSetAside).count() == 3
        from models.entities import Note

        assert session.get(Note, note_id) is not None  # the good ops of the bundle applied
        listed = list_set_aside_changes(session)
    assert [(c.device_id, c.change) for c in listed][:1] == [(device_id, "#999.0")]
    assert {c.what for c in listed} == {"put spaceship", "add note_group", "put note"}
    assert all(c.reason and c.source.endswith(".bundle") for c in listed)
    shown = run_main("--store", str(b.path), "sync-quarantine", "list")
    assert shown.returncode == 0, shown.stderr
    assert "3 single changes set aside, never applied:" in shown.stdout
    assert "unknown kind of record 'spaceship'" in shown.stdout
    assert not within(60, lambda: sync_now(b, sync_folder, org_key)).problems


def test_junk_in_this_devices_own_folder_is_ignored_with_a_warning(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a = make_device("a")
    first_note(a)
    sync_now(a, sync_folder, org_key)
    mine = device_folder(sync_folder, a.device_id)
    (mine / "00000007-0123456789abcdef.bundle").write_bytes(os.urandom(500))
    if hasattr(os, "mkfifo"):
        os.mkfifo(mine / "00000008-0123456789abcdef.bundle")
    first_note(a)
    report = within(30, lambda: sync_now(a, sync_folder, org_key))
    assert report.published == 1
    warnings = "\n".join(report.warnings)
    assert "00000007-0123456789abcdef.bundle is not a bundle of this device; ignored" in warnings
    if hasattr(os, "mkfifo"):
        assert "00000008-0123456789abcdef.bundle is not a bundle of this device" in warnings
