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
