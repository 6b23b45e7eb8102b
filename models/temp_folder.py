"""A private (0700) temporary folder for this process: openpyxl's sheets, report previews."""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from models.private_files import PRIVATE_FOLDER_MODE, make_private_folder


def claim_private_temp(root: Path) -> Path:
    """Make every temporary file of this process go to a 0700 folder under `root`.

    Each process has its own sub-folder, removed at exit; those left by processes that died
    (a kill, a crash, a power cut) are wiped here, so note text never outlives its process on
    disk for longer than the next start, and never sits in the shared system temp folder.
    """
    root = Path(root)
    make_private_folder(root)
    if os.name == "posix":
        os.chmod(root, PRIVATE_FOLDER_MODE)  # an older or hand-made folder may be open to all
    wipe_abandoned(root)
    mine = root / f"{os.getpid()}-{secrets.token_hex(4)}"
    mine.mkdir(mode=PRIVATE_FOLDER_MODE)
    tempfile.tempdir = str(mine)  # tempfile (and so openpyxl, ReportLab) use it from now on
    atexit.register(shutil.rmtree, mine, ignore_errors=True)
    return mine


def wipe_abandoned(root: Path) -> list[Path]:
    """Remove the sub-folders of processes that are no longer running; returns them."""
    wiped = []
    for folder in root.iterdir():
        pid_text = folder.name.split("-", 1)[0]
        if not folder.is_dir() or not pid_text.isdigit() or _running(int(pid_text)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        wiped.append(folder)
    return wiped


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        # Windows will not delete files a running process holds open, so wiping is safe there:
        # whatever is still in use simply stays.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
