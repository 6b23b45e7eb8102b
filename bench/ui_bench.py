"""UI benchmark: start-up to the first painted workspace with 100,000 notes vs 100, and memory.

Each start is a fresh subprocess running the real app (`ui.app.run_app`) on a real encrypted
store; the clock runs from spawning the process to the child's report that the workspace has
painted. The two stores are started alternately, so the ratio is measured side by side.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "bench passphrase for the ui"
ROUNDS = 5
ROOT = Path(__file__).resolve().parents[1]


def build_store(path: Path, *, activities: int, notes_per_activity: int) -> Path:
    from domain.sample_data import generate_sample_data
    from models.database import create_store
    from models.keys import KeyringCache

    store = create_store(
        path, PASSPHRASE, device_name="Bench laptop", keyring=KeyringCache(enabled=False)
    )
    with store.session() as session:
        generate_sample_data(
            session, activities=activities, notes_per_activity=notes_per_activity, seed=11
        )
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def start_once(store: Path, home: Path) -> tuple[float, float]:
    """Seconds from spawn to first painted workspace, and the child's peak RSS in MB."""
    env = {
        **os.environ,
        "LISTENING_POST_PASSPHRASE": PASSPHRASE,
        "LISTENING_POST_KEYRING": "0",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home),  # the child's settings never touch the user's own
        "HOME": str(home),
    }
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.ui_bench", "--child", str(store)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=60)
    if not line.strip():
        raise RuntimeError(f"the app did not start on {store.name} (exit {child.returncode})")
    report = json.loads(line)
    return elapsed, float(report["peak_rss_kb"]) / 1024


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="lp-ui-bench-") as folder:
        root = Path(folder)
        small = build_store(root / "small.lpstore", activities=10, notes_per_activity=10)
        large = build_store(root / "large.lpstore", activities=1000, notes_per_activity=100)
        home = root / "home"
        home.mkdir()
        start_once(small, home)  # warm the file cache for both, outside the measurement
        start_once(large, home)
        small_times, large_times, peaks = [], [], []
        for _ in range(ROUNDS):
            seconds, _rss = start_once(small, home)
            small_times.append(seconds)
            seconds, rss = start_once(large, home)
            large_times.append(seconds)
            peaks.append(rss)
    large_median = statistics.median(large_times)
    return {
        "startup_s_100k": round(large_median, 3),
        "startup_ratio_100k_vs_100": round(large_median / statistics.median(small_times), 3),
        "peak_rss_mb_100k": round(max(peaks), 1),
    }


def _child(store: str) -> int:
    """Runs the app as main.py would and reports once the workspace has painted."""
    import resource

    from sync.core import install as install_op_capture
    from ui.app import run_app
    from ui.main_window import MainWindow

    install_op_capture()  # as main.py does: the store refuses to open without it

    def painted(window: MainWindow) -> None:
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
        print(json.dumps({"peak_rss_kb": peak_kb}), flush=True)
        window.close()

    return run_app(store=store, demo=False, on_workspace_painted=painted)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        sys.exit(_child(sys.argv[2]))
    print(json.dumps(run()))
