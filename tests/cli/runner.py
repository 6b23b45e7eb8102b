"""Run `python main.py …` as a script would: a real process, no terminal, chosen environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def run_main(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """`environment` adds LISTENING_POST_* variables (the store passphrase is always given)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LISTENING_POST_")}
    env |= {"LISTENING_POST_KEYRING": "0", "LISTENING_POST_PASSPHRASE": PASSPHRASE, **environment}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def lines_once_painted(
    store: Path, home: Path, painted: str, imports: str = "sys", *, settled: bool = False
) -> list[str]:
    """What `painted` prints when the real app (`python main.py --store STORE`, passphrase from
    the environment) calls it with its window once painted; the app then quits.

    `painted` is the body of `def painted(window):`, indented four spaces per line. It runs at
    the first paint, before the store is handed over (the list paints from the first look);
    `settled=True` runs it once the opening work after the paint is done, as input would be."""
    at_paint = (
        "def painted(window):\n"
        "    from PySide6.QtCore import QTimer\n"
        "    QTimer.singleShot(0, lambda: settled(window))\n"
        "def settled(window):\n"
        if settled
        else "def painted(window):\n"
    )
    probe = (
        f"import {imports}, main\n"
        f"{at_paint}"
        "    from PySide6.QtCore import QCoreApplication, QTimer\n"
        f"{painted}"
        "    QTimer.singleShot(0, QCoreApplication.quit)\n"
        "main.exit_when_idle = painted\n"
        f"sys.exit(main.main(['--store', {str(store)!r}, '--exit-when-idle']))"
    )
    env = {
        **os.environ,
        "LISTENING_POST_PASSPHRASE": PASSPHRASE,
        "LISTENING_POST_KEYRING": "0",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home),
        "HOME": str(home),
    }
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()
