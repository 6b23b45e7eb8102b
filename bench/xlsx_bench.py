"""Benchmark of Excel exchange: exporting 100,000 notes (write-only vs openpyxl's default mode,
side by side, alternated), the export's own share without openpyxl's writing (gathering the
rows and turning them into cell values, against a target of 2 s), and importing 10,000 rows
against openpyxl alone reading the same file (alternated too: the ratio is what checking,
writing and logging ops for sync add to the read).

Memory is each export's peak resident set size in a child process of its own, minus the
child's resident size just before the export began (so interpreter, libraries and the open
store are not counted). On Linux the peak is reset first (/proc/self/clear_refs), because
opening the store (Argon2id) has already set a high peak; each mode runs in a fresh process so
one cannot inherit the other's heap. The export's own share is timed in a fresh process too.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl import Workbook

from domain.export_rows import gather_export
from domain.import_rows import apply_import
from domain.sample_data import generate_sample_data
from domain.selection import Selection
from exporters.xlsx.layout import EXPORT_SHEETS
from exporters.xlsx.reader import read_workbook
from exporters.xlsx.writer import SheetWriter, sheet_values, write_export
from models.database import create_store, open_store
from models.keys import KeyringCache
from sync.core import install as install_op_capture

PASSPHRASE = "benchmark passphrase"
NO_KEYRING = KeyringCache(enabled=False)
ROUNDS = 2  # each mode twice, alternated: write-only, default, write-only, default
EXPORT_CONTENT_TARGET_S = 2.0  # issue 21: the export's non-openpyxl share at 100,000 notes


def _store(path: Path, activities: int, notes_per_activity: int) -> Path:
    store = create_store(path, PASSPHRASE, device_name="bench", keyring=NO_KEYRING)
    with store.session() as session:
        generate_sample_data(
            session, activities=activities, notes_per_activity=notes_per_activity, seed=7
        )
    store.close()
    return path


def _status_bytes(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024  # reported in kB
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_peak() -> int:
    """Reset the peak-RSS mark and return the current RSS (bytes)."""
    if Path("/proc/self/clear_refs").exists():
        Path("/proc/self/clear_refs").write_text("5")
        return _status_bytes("VmRSS")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # macOS: no reset, so a baseline
    return peak if sys.platform == "darwin" else peak * 1024


def _peak_rss_bytes() -> int:
    if Path("/proc/self/status").exists():
        return _status_bytes("VmHWM")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def export_child(store_path: Path, out: Path, write_only: bool) -> dict[str, float]:
    """Runs in a child process: one export, its time and the memory it added at its peak."""
    install_op_capture()  # a fresh interpreter: stores refuse to open without capture
    store = open_store(store_path, PASSPHRASE, keyring=NO_KEYRING)
    try:
        before = _reset_peak()
        start = time.perf_counter()
        with store.session() as session:
            write_export(out, gather_export(session, selection=Selection()), write_only=write_only)
        seconds = time.perf_counter() - start
        return {"seconds": seconds, "peak_bytes": float(_peak_rss_bytes() - before)}
    finally:
        store.close()


def _discard(row: Any) -> None:
    pass


def export_content_seconds(store_path: Path, folder: Path) -> float:
    """The export without openpyxl's writing: rows gathered from the store and turned into cells
    by the export's own sheet writers, each row then handed to a sink that drops it."""
    store = open_store(store_path, PASSPHRASE, keyring=NO_KEYRING)
    specs = {spec.name: spec for spec in EXPORT_SHEETS}
    workbook = Workbook(write_only=True)  # the parent of the few cell objects made
    try:
        start = time.perf_counter()
        with store.session() as session:
            for name, rows in sheet_values(gather_export(session, selection=Selection())):
                writer = SheetWriter(workbook, specs[name])  # its header is written for real
                writer.sheet.append = _discard
                for values in rows:
                    writer.append(values)
        seconds = time.perf_counter() - start
    finally:
        store.close()
    workbook.save(folder / "content-only.xlsx")  # closes the sheets' temporary files
    return seconds


def _in_child(call: str, *args: str) -> dict[str, float]:
    """`call` (a function of this module) run in a fresh interpreter: each export, and the
    export's own share, measured in a process like the app's, not in the one that built the
    100,000-note store (whose heap made every export step slower)."""
    code = (
        "import json, sys; from pathlib import Path; from bench import xlsx_bench; "
        f"print(json.dumps(xlsx_bench.{call}(*sys.argv[1:])))"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
        env={**os.environ, "LISTENING_POST_KEYRING": "0", "PYTHONPATH": str(root)},
    )
    if done.returncode != 0:
        # The child's traceback is the only account of what went wrong: pass it on whole.
        raise RuntimeError(f"{call} {args} exited {done.returncode}:\n{done.stderr.strip()}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def export_in_child(store_path: str, out: str, write_only: str) -> dict[str, float]:
    return export_child(Path(store_path), Path(out), write_only == "1")


def content_in_child(store_path: str, folder: str) -> dict[str, float]:
    install_op_capture()  # a fresh interpreter: stores refuse to open without capture
    return {"seconds": export_content_seconds(Path(store_path), Path(folder))}


def _bare_read(workbook: Path) -> float:
    """openpyxl alone reading every cell of the workbook, in the mode the importer uses."""
    start = time.perf_counter()
    book = openpyxl.load_workbook(workbook, read_only=True, data_only=False, keep_links=False)
    try:
        for sheet in book.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
    finally:
        book.close()
    return time.perf_counter() - start


def _import_once(workbook: Path, target_path: Path) -> float:
    """Reading, checking and writing the workbook into a new store, op log included."""
    target = create_store(target_path, PASSPHRASE, device_name="t", keyring=NO_KEYRING)
    try:
        start = time.perf_counter()
        batch = read_workbook(workbook)
        with target.session() as session:
            summary = apply_import(session, batch=batch)
        seconds = time.perf_counter() - start
    finally:
        target.close()
    assert summary.created.get("note") == 10_000, summary
    return seconds


def _kept_store(folder: Path, name: str, activities: int, notes_per_activity: int) -> Path:
    """A sample store, built unless an earlier run kept it in folder."""
    path = folder / name
    if path.exists():  # kept from an earlier run (LISTENING_POST_BENCH_STORES)
        return path
    return _store(path, activities=activities, notes_per_activity=notes_per_activity)


def _import_10k(folder: Path, stores: Path) -> tuple[float, float]:
    """The best import of 10,000 notes and the best bare read of the same file, alternated."""
    source = _kept_store(stores, "xlsx-source-10k.lpstore", 100, 100)
    workbook = folder / "10k.xlsx"
    store = open_store(source, PASSPHRASE, keyring=NO_KEYRING)
    with store.session() as session:
        write_export(workbook, gather_export(session, selection=Selection()))
    store.close()
    imports, bare = [], []
    for round_ in range(ROUNDS):
        bare.append(_bare_read(workbook))
        imports.append(_import_once(workbook, folder / f"target-{round_}.lpstore"))
    return min(imports), min(bare)


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="lp-xlsx-bench-") as folder:
        root = Path(folder)
        # Set to a folder to build the stores once and reuse them across runs.
        kept = os.environ.get("LISTENING_POST_BENCH_STORES")
        stores = Path(kept) if kept else root
        big = _kept_store(stores, "xlsx-100k.lpstore", 1000, 100)
        times: dict[bool, list[float]] = {True: [], False: []}
        peaks: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(ROUNDS):
            for write_only in (True, False):
                result = _in_child(
                    "export_in_child",
                    str(big),
                    str(root / f"out-{write_only}.xlsx"),
                    "1" if write_only else "0",
                )
                times[write_only].append(result["seconds"])
                peaks[write_only].append(result["peak_bytes"])
        content = [
            _in_child("content_in_child", str(big), folder)["seconds"] for _ in range(ROUNDS)
        ]
        import_seconds, bare_read_seconds = _import_10k(root, stores)
    best_write_only, best_default = min(times[True]), min(times[False])
    return {
        "export_s_100k": best_write_only,
        "export_default_s_100k": best_default,
        "export_mem_mb_writeonly": min(peaks[True]) / 1e6,
        "export_mem_mb_default": min(peaks[False]) / 1e6,
        "export_mem_ratio_default_vs_writeonly": min(peaks[False]) / max(min(peaks[True]), 1.0),
        "export_time_ratio_default_vs_writeonly": best_default / best_write_only,
        "export_content_s_100k": min(content),
        "export_content_target_s": EXPORT_CONTENT_TARGET_S,
        "import_s_10k": import_seconds,
        "bare_read_s_10k": bare_read_seconds,
        "import_vs_bare_read_ratio": import_seconds / bare_read_seconds,
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:42} {value:10.2f}")
