"""Output files hold personal data (notes, names of places): created readable by this user only."""

from __future__ import annotations

import os
from pathlib import Path


def start_private_file(path: Path) -> None:
    """Create `path` empty and 0600, so the library that then writes it keeps those permissions.

    Saving over an existing file truncates it and keeps its mode; a file created by the library
    itself would get the umask's 0644 and be readable by every user of the computer.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if os.name == "posix":
            os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)
