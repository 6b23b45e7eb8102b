"""Package benchmark: the built app's unpacked size, and its start-up vs start-up from source.

Start-up runs from spawning the process to the window's first painted workspace on a small real
encrypted store (`--exit-when-idle` prints a line then and quits). Packaged and source starts are
alternated in one run, so the ratio is measured side by side. The app is built first when
`dist/listening-post` has none (or take another build from LISTENING_POST_APP).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "bench passphrase for the package"
ROUNDS = 5
ROOT = Path(__file__).resolve().parents[1]
APP_ENV = "LISTENING_POST_APP"


def built_app() -> Path:
    given = os.environ.get(APP_ENV)
    if given:
        return Path(given)
    executable = ROOT / "dist" / "listening-post" / "listening-post"
    if not executable.exists():
        from appbuild.build import build

        print("building the app first (python -m appbuild)", file=sys.stderr)
        build(archive=False)
    return executable


def unpacked_mb(folder: Path) -> float:
    """Bytes of every file in the app folder, in MiB (what unpacking the download takes)."""
    # Symbolic links (PyInstaller links libraries into place) take no room of their own.
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    total = sum(path.stat().st_size for path in files)
    return total / 2**20


def _make_store(path: Path) -> Path:
    from domain.sample_data import generate_sample_data
    from models.database import create_store
    from models.keys import KeyringCache

    store = create_store(path, PASSPHRASE, device_name="Bench", keyring=KeyringCache(enabled=False))
    with store.session() as session:
        generate_sample_data(session, activities=10, notes_per_activity=10, seed=5)
    store.close()
    return path


def start_once(command: list[str], home: Path) -> float:
    """Seconds from spawn to the app's report that its window has painted."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),  # settings never touch the user's own
        "LISTENING_POST_PASSPHRASE": PASSPHRASE,
        "LISTENING_POST_KEYRING": "0",
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=120)
    if line.strip() != "idle":
        raise RuntimeError(f"{command[0]} did not reach an idle window (exit {child.returncode})")
    return elapsed


def run() -> dict[str, float]:
    executable = built_app()
    with tempfile.TemporaryDirectory(prefix="lp-package-bench-") as folder:
        root = Path(folder)
        store = _make_store(root / "bench.lpstore")
        home = root / "home"
        home.mkdir()
        flags = ["--store", str(store), "--exit-when-idle"]
        packaged = [str(executable), *flags]
        source = [sys.executable, str(ROOT / "main.py"), *flags]
        start_once(packaged, home)  # warm the file cache for both, outside the measurement
        start_once(source, home)
        packaged_times, source_times = [], []
        for _ in range(ROUNDS):
            packaged_times.append(start_once(packaged, home))
            source_times.append(start_once(source, home))
    packaged_s = statistics.median(packaged_times)
    source_s = statistics.median(source_times)
    return {
        "unpacked_mb": unpacked_mb(executable.parent),
        "startup_packaged_s": packaged_s,
        "startup_source_s": source_s,
        "startup_ratio_packaged_vs_source": packaged_s / source_s,
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:<36} {value:10.3f}")
