"""Where stores live by default, and warnings when a store sits in a shared or synced folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from platformdirs import user_data_path

CLOUD_FOLDER_MARKERS = {
    "onedrive": "a OneDrive folder",
    "sharepoint": "a SharePoint folder",
    "dropbox": "a Dropbox folder",
    "google drive": "a Google Drive folder",
    "googledrive": "a Google Drive folder",
    "icloud": "an iCloud folder",
    "box sync": "a Box folder",
}
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "9p", "afs"}


def default_store_path() -> Path:
    """The store used when none is named: in this user's own data folder."""
    return user_data_path("ListeningPost", appauthor=False) / "listening-post.lpstore"


def private_temp_root() -> Path:
    """Where temporary files go: beside the default store, never the shared system temp."""
    return user_data_path("ListeningPost", appauthor=False) / "tmp"


def store_path(given: str | None, warn: Callable[[str], None]) -> Path:
    """The store path to use (given, else the default); warns when it looks shared or synced."""
    path = Path(given).expanduser() if given else default_store_path()
    reason = shared_folder_reason(path)
    if reason:
        warn(
            f"warning: {path} looks like {reason}; keep the live store on this computer's own "
            "disk and sync through a shared folder instead"
        )
    return path


def shared_folder_reason(path: Path) -> str | None:
    """Why this path looks shared or synced ("a OneDrive folder"), or None if it looks local."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "a network share"
    lowered = text.lower()
    for marker, reason in CLOUD_FOLDER_MARKERS.items():
        if marker in lowered:
            return reason
    fstype = _filesystem_type(path)
    if fstype in NETWORK_FILESYSTEMS:
        return f"a network drive ({fstype})"
    return None


def _filesystem_type(path: Path) -> str | None:
    """The filesystem type of the longest mount point containing path (Linux only)."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    target = str(path.expanduser().absolute())
    best, best_type = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point, fstype = parts[1], parts[2]
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, best_type = mount_point, fstype
    return best_type
