"""Files that hold personal data or keys: created 0600 in 0700 folders, written atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and missing parents) readable by this user only; leave existing ones."""
    folder = Path(folder)
    missing = []
    for parent in (folder, *folder.parents):
        if parent.exists():
            break
        missing.append(parent)
    for created in reversed(missing):
        created.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)
        # mkdir's mode is cut by the umask; chmod says what we mean.
        os.chmod(created, PRIVATE_FOLDER_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty file only this user can read, so what is written later inherits that.

    SQLite gives a database's -wal and -shm files the database file's own permissions.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(descriptor)
    os.chmod(path, PRIVATE_FILE_MODE)


def open_private(path: Path) -> int:
    """A file descriptor for writing `path` from empty, 0600 whatever it was before."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    if os.name == "posix":
        os.fchmod(descriptor, PRIVATE_FILE_MODE)
    return descriptor


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write atomically (temp name, fsync, rename), 0600, so a crash never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    descriptor = open_private(tmp)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def make_private(path: Path) -> None:
    """Restrict a file another library wrote (openpyxl, ReportLab) to this user."""
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE_MODE)


def readable_by_others(path: Path) -> bool:
    """True when a group or other users may read (or write) the file (POSIX only)."""
    if os.name != "posix":
        return False
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return bool(stat.S_IMODE(mode) & 0o077)


def exposure_warnings(*paths: Path) -> list[str]:
    """Plain warnings for each existing file that others on this computer can read."""
    return [
        f"warning: {path} can be read by other users of this computer; "
        f"make it private with: chmod 600 '{path}'"
        for path in paths
        if path.exists() and readable_by_others(path)
    ]
