"""Screens benchmark: every page of the real main window at 1,000 and 100,000 notes, in one process.

`python -m bench screens [--json]`. Both stores are built in a child process (so their building
does not count towards this process's peak memory) and kept in a temporary folder for the run.
The two windows are visited alternately, page by page; a page's time runs from asking for it to
the moment its first data is shown: the task runner is idle and no short timer (a debounce) of
the page is still waiting.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ROUNDS = 3
ROOT = Path(__file__).resolve().parents[1]
SIZES = {"1k": (10, 100), "100k": (1000, 100)}  # activities, notes per activity
PAGES = (
    "activities",
    "capture",
    "find",
    "review",
    "themes",
    "reports",
    "dashboard",
    "taxonomy",
    "sync",
    "data-held",
    "preferences",
)


def _build(folder: Path) -> dict[str, Path]:
    """Both stores, each built by a child process running bench.ui_bench.build_store."""
    stores: dict[str, Path] = {}
    for size, (activities, per_activity) in SIZES.items():
        path = folder / f"{size}.lpstore"
        stores[size] = path
        if path.exists():  # kept from an earlier run (LISTENING_POST_BENCH_STORES)
            continue
        code = (
            "import sys; from sync.core import install; install();"
            "from bench.ui_bench import build_store;"
            "from pathlib import Path;"
            "build_store(Path(sys.argv[1]), activities=int(sys.argv[2]),"
            " notes_per_activity=int(sys.argv[3]))"
        )
        subprocess.run(
            [sys.executable, "-c", code, str(path), str(activities), str(per_activity)],
            cwd=ROOT,
            check=True,
        )
    return stores


def _page_times(windows: dict[str, tuple[MainWindow, str]]) -> dict[str, dict[str, float]]:
    """Median ms per size and page; the first visit builds the page, so it is timed apart."""
    from ui.page_timing import settle, visit

    first: dict[str, dict[str, float]] = {size: {} for size in windows}
    again: dict[str, dict[str, list[float]]] = {s: {k: [] for k in PAGES} for s in windows}
    for round_ in range(ROUNDS + 1):
        for key in PAGES:
            for size, (window, activity_id) in windows.items():
                away = "activities" if key != "activities" else "preferences"
                window.show_page(away)
                settle(window, None)
                ms = visit(window, key, activity_id)
                if round_ == 0:
                    first[size][key] = ms
                else:
                    again[size][key].append(ms)
    return {
        size: {k: max(first[size][k], statistics.median(again[size][k])) for k in PAGES}
        for size in windows
    }


def _dialog_times(windows: dict[str, tuple[MainWindow, str]]) -> dict[str, dict[str, float]]:
    """Median ms per size and dialog, opened alternately in both windows (first opening kept
    apart, as for pages: it imports and builds the dialog's modules)."""
    from ui.dialog_timing import KEPT_BY_THE_APP, dialog_openers, open_dialog, prepare

    openers = dialog_openers()
    names = list(openers)
    first: dict[str, dict[str, float]] = {size: {} for size in windows}
    again: dict[str, dict[str, list[float]]] = {s: {k: [] for k in names} for s in windows}
    for round_ in range(ROUNDS + 1):
        for name in names:
            for size, (window, activity_id) in windows.items():
                prepare(window, name, activity_id)
                ms = open_dialog(window, openers[name], kept_by_app=name in KEPT_BY_THE_APP)
                if round_ == 0:
                    first[size][name] = ms
                else:
                    again[size][name].append(ms)
    return {
        size: {k: max(first[size][k], statistics.median(again[size][k])) for k in names}
        for size in windows
    }


def _dialog_figures(dialogs: dict[str, dict[str, float]]) -> dict[str, float]:
    figures: dict[str, float] = {}
    names = list(dialogs["100k"])
    for name in names:
        figures[f"dialog_{name}_ms_1k"] = round(dialogs["1k"][name], 1)
        figures[f"dialog_{name}_ms_100k"] = round(dialogs["100k"][name], 1)
    worst = max(names, key=lambda k: dialogs["100k"][k])
    ratios = {k: dialogs["100k"][k] / max(dialogs["1k"][k], 1.0) for k in names}
    steepest = max(ratios, key=lambda k: ratios[k])
    print(f"  slowest dialog at 100k: {worst} (target 300 ms)", file=sys.stderr)
    print(f"  highest dialog ratio: {steepest} (target 2)", file=sys.stderr)
    figures["worst_dialog_ms_100k"] = round(dialogs["100k"][worst], 1)
    figures["worst_dialog_ratio_100k_vs_1k"] = round(ratios[steepest], 2)
    return figures


def _report_content_s(path: Path) -> float:
    """Slowest report variant's content gathering at this store, and its readiness check."""
    from app.reports import VARIANTS, check_report
    from bench.ui_bench import PASSPHRASE
    from domain.reports import community_report_content, coordinator_report_content
    from domain.selection import Selection
    from models.database import open_store
    from models.keys import KeyringCache

    store = open_store(path, PASSPHRASE, keyring=KeyringCache(enabled=False))
    gather: dict[str, Callable[..., object]] = {
        v: community_report_content for v in VARIANTS if v != "coordinator"
    }
    gather["coordinator"] = coordinator_report_content
    slowest = 0.0
    try:
        with store.read_session() as session:
            started = time.perf_counter()
            check_report(session, selection=Selection())
            readiness = time.perf_counter() - started
        print(f"  readiness check: {readiness:.3f} s", file=sys.stderr)
        for variant, function in gather.items():
            with store.read_session() as session:
                started = time.perf_counter()
                function(session, selection=Selection())
                seconds = time.perf_counter() - started
            print(f"  {variant}: content {seconds:.3f} s", file=sys.stderr)
            slowest = max(slowest, seconds)
    finally:
        store.close()
    return slowest


def _byte_compiled() -> None:
    """Byte-compile the app's packages as an installed copy ships them, so a machine that sets
    PYTHONDONTWRITEBYTECODE does not time compiling each page's modules at its first visit."""
    import compileall

    for package in ("app", "cli", "domain", "exporters", "models", "sync", "ui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def run() -> dict[str, float]:
    _byte_compiled()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("LISTENING_POST_KEYRING", "0")
    with tempfile.TemporaryDirectory(prefix="lp-screens-bench-") as name:
        folder = Path(name)
        # Set to a folder to build the stores once and reuse them across runs.
        kept = os.environ.get("LISTENING_POST_BENCH_STORES")
        stores = _build(Path(kept) if kept else folder)
        from bench.ui_bench import PASSPHRASE
        from ui.page_timing import application, open_window

        app = application()
        windows = {size: open_window(path, PASSPHRASE, folder) for size, path in stores.items()}
        times = _page_times(windows)
        dialogs = _dialog_times(windows)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for window, _ in windows.values():
            window.close()
            window.shutdown()
        app.processEvents()
        content_s = _report_content_s(stores["100k"])
    figures: dict[str, float] = {}
    for key in PAGES:
        small, large = times["1k"][key], times["100k"][key]
        figures[f"{key}_ms_1k"] = round(small, 1)
        figures[f"{key}_ms_100k"] = round(large, 1)
    worst = max(PAGES, key=lambda k: times["100k"][k])
    ratios = {k: times["100k"][k] / max(times["1k"][k], 1.0) for k in PAGES}
    print(f"  slowest page at 100k: {worst}", file=sys.stderr)
    print(f"  highest ratio: {max(ratios, key=lambda k: ratios[k])}", file=sys.stderr)
    figures["worst_page_ms_100k"] = round(times["100k"][worst], 1)
    figures["worst_page_ratio_100k_vs_1k"] = round(max(ratios.values()), 2)
    figures["report_content_s_100k"] = round(content_s, 3)
    figures["peak_rss_mb_all_pages_100k"] = round(peak_mb, 1)
    figures.update(_dialog_figures(dialogs))
    return figures
