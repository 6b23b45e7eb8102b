"""The Sync page shows without the PostgreSQL driver while no server is in use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.cli.runner import ROOT
from tests.conftest import PASSPHRASE, copy_store


def test_showing_the_sync_page_without_a_server_leaves_psycopg_unloaded(
    sample_template: Path, tmp_path: Path
) -> None:
    store = copy_store(sample_template, tmp_path)
    probe = (
        "import sys, main\n"
        "def painted(window):\n"
        "    from PySide6.QtCore import QCoreApplication, QTimer\n"
        "    window.show_page('sync')\n"
        "    QCoreApplication.processEvents()\n"
        "    page = window.pages['sync']\n"
        "    print(type(page).__name__, page.isVisible())\n"
        "    print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
        "    QTimer.singleShot(0, QCoreApplication.quit)\n"
        "main.exit_when_idle = painted\n"
        f"sys.exit(main.main(['--store', {str(store)!r}, '--exit-when-idle']))"
    )
    env = {
        **os.environ,
        "LISTENING_POST_PASSPHRASE": PASSPHRASE,
        "LISTENING_POST_KEYRING": "0",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "HOME": str(tmp_path),
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
    shown, modules = done.stdout.splitlines()[:2]
    assert shown == "SyncPage True", shown  # the probe really showed the page
    assert "psycopg" not in modules.split()
