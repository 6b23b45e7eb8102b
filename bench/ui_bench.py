"""UI benchmark: start-up to the first painted workspace with 100,000 notes vs 100, and memory.

Each start is a fresh subprocess running the real app as `python main.py --store PATH` does
(`main.main`, passphrase from the environment) on a real encrypted store; the clock runs from
spawning the process to the child's line saying the workspace has painted. The floor is the same
measurement of a bare PySide6 window over a lazy 100,000-row table, the least any Qt app
showing such a list could cost. The 100-note store, the 100k store and the floor are started
in turn, round after round, so every ratio is measured side by side. Peak memory is each
child's own peak resident size (VmHWM), read by the child once painted, as is the CPU time its
main thread spent until then: the work on the way to the first paint, which other programs
on the machine stretch far less than the wall clock (the key's thread runs beside it).
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


def _spawn(command: list[str], home: Path) -> tuple[float, float, float]:
    """Seconds from spawn to the child's first line, the child's peak RSS in MB and its main
    thread's CPU seconds until then."""
    # Bytecode is cached as an installed app's is (the warm-up start writes it), so a machine
    # that sets PYTHONDONTWRITEBYTECODE does not time compiling every module at each start.
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "LISTENING_POST_PASSPHRASE": PASSPHRASE,
        "LISTENING_POST_KEYRING": "0",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home),  # the child's settings never touch the user's own
        "HOME": str(home),
    }
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.stdout.read()
    child.wait(timeout=60)
    word, peak_kb, cpu_s = [*line.split(), "", "", ""][:3]
    if word != "idle" or not cpu_s:
        raise RuntimeError(f"{command[1:]} did not start (exit {child.returncode})")
    return elapsed, int(peak_kb) / 1024, float(cpu_s)


def _peak_kb() -> int:
    """This process's peak resident size since it started (kB).

    The child reads its own: the kernel's figure for a child (wait4's ru_maxrss) also counts
    the parent's memory it shared between fork and exec, here a process holding a 100k store.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _painted_line() -> str:
    """What a child prints once painted: its peak RSS (kB) and its main thread's CPU seconds."""
    return f"idle {_peak_kb()} {time.thread_time():.4f}"


def start_once(store: Path, home: Path) -> tuple[float, float, float]:
    """Seconds from spawn to first painted workspace, the child's peak RSS in MB and CPU."""
    return _spawn([sys.executable, "-m", "bench.ui_bench", "--app", str(store)], home)


def unstyled_once(store: Path, home: Path) -> tuple[float, float, float]:
    """The same start with the design system's theme left out: what theming costs."""
    return _spawn([sys.executable, "-m", "bench.ui_bench", "--app-unstyled", str(store)], home)


def floor_once(home: Path) -> tuple[float, float, float]:
    """The same for a bare PySide6 window over a lazy 100,000-row table."""
    return _spawn([sys.executable, "-m", "bench.ui_bench", "--floor"], home)


def _store(folder: Path, name: str, *, activities: int, notes_per_activity: int) -> Path:
    """The store, built unless an earlier run kept it in folder (LISTENING_POST_BENCH_STORES)."""
    path = folder / name
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    return build_store(path, activities=activities, notes_per_activity=notes_per_activity)


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="lp-ui-bench-") as folder:
        root = Path(folder)
        # Set to a folder to build the stores once and reuse them across runs.
        kept = os.environ.get("LISTENING_POST_BENCH_STORES")
        stores = Path(kept) if kept else root
        small = _store(stores, "ui-small.lpstore", activities=10, notes_per_activity=10)
        large = _store(stores, "ui-large.lpstore", activities=1000, notes_per_activity=100)
        home = root / "home"
        home.mkdir()
        start_once(small, home)  # warm the file cache for both, outside the measurement
        start_once(large, home)
        floor_once(home)
        unstyled_once(large, home)
        small_times, large_times, floor_times, peaks, floor_peaks = [], [], [], [], []
        unstyled_times, large_cpu, floor_cpu = [], [], []
        for _ in range(ROUNDS):
            seconds, _rss, _cpu = start_once(small, home)
            small_times.append(seconds)
            seconds, rss, cpu = start_once(large, home)
            large_times.append(seconds)
            large_cpu.append(cpu)
            peaks.append(rss)
            seconds, _rss, _cpu = unstyled_once(large, home)
            unstyled_times.append(seconds)
            seconds, rss, cpu = floor_once(home)
            floor_times.append(seconds)
            floor_cpu.append(cpu)
            floor_peaks.append(rss)
    large_median = statistics.median(large_times)
    floor_median = statistics.median(floor_times)
    cpu_median, floor_cpu_median = statistics.median(large_cpu), statistics.median(floor_cpu)
    return {
        "startup_s_100k": round(large_median, 3),
        "startup_ratio_100k_vs_100": round(large_median / statistics.median(small_times), 3),
        "theming_ratio_100k": round(large_median / statistics.median(unstyled_times), 3),
        "floor_s": round(floor_median, 3),
        "startup_vs_floor_ratio": round(large_median / floor_median, 3),
        "startup_cpu_s_100k": round(cpu_median, 3),
        "floor_cpu_s": round(floor_cpu_median, 3),
        "startup_cpu_vs_floor_ratio": round(cpu_median / floor_cpu_median, 3),
        "peak_rss_mb_100k": round(max(peaks), 1),
        "floor_peak_rss_mb": round(max(floor_peaks), 1),
    }


def _floor() -> int:
    """A bare PySide6 window over a lazy 100,000-row table: says "idle" once it has painted."""
    from PySide6.QtCore import (
        QAbstractTableModel,
        QEvent,
        QModelIndex,
        QObject,
        QPersistentModelIndex,
        Qt,
        QTimer,
    )
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    Index = QModelIndex | QPersistentModelIndex
    root = QModelIndex()

    class Rows(QAbstractTableModel):
        def rowCount(self, parent: Index = root) -> int:
            return 0 if parent.isValid() else 100_000

        def columnCount(self, parent: Index = root) -> int:
            return 0 if parent.isValid() else 5

        def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"Row {index.row() + 1}, column {index.column() + 1}"
            return None

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, painted)  # once this paint has finished
            return False

    def painted() -> None:
        print(_painted_line(), flush=True)
        app.quit()

    app = QApplication(sys.argv)
    window = QMainWindow()
    table = QTableView()
    table.setModel(Rows(table))
    window.setCentralWidget(table)
    window.resize(1100, 720)
    watcher = FirstPaint(window)
    table.viewport().installEventFilter(watcher)
    window.show()
    return int(app.exec())


def _app(store: str, *, styled: bool = True) -> int:
    """The app exactly as `python main.py --store STORE` starts it, reporting its peak too."""
    import main

    if not styled:  # plain Fusion, as before the design system: its theme is what is measured
        from PySide6.QtWidgets import QApplication

        import ui.app
        from ui.design.tokens import ThemeName

        def plain_fusion(app: QApplication, *_choices: object) -> ThemeName:
            app.setStyle("Fusion")
            return ThemeName.LIGHT

        setattr(ui.app, "apply_theme", plain_fusion)  # noqa: B010

    def painted(window: object) -> None:
        from PySide6.QtCore import QCoreApplication, QTimer

        print(_painted_line(), flush=True)
        QTimer.singleShot(0, QCoreApplication.quit)

    main.exit_when_idle = painted  # what main.py's --exit-when-idle calls once painted
    return main.main(["--store", store, "--exit-when-idle"])


if __name__ == "__main__":
    if sys.argv[1:] == ["--floor"]:
        sys.exit(_floor())
    if sys.argv[1:2] == ["--app"]:
        sys.exit(_app(sys.argv[2]))
    if sys.argv[1:2] == ["--app-unstyled"]:
        sys.exit(_app(sys.argv[2], styled=False))
    print(json.dumps(run()))
