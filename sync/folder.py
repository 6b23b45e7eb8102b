"""The shared-folder transport: `root/v1/devices/<device_id>/<seq>-<hash>.bundle` (DESIGN §4).

Works on OneDrive, SharePoint, network shares and USB sticks because it only ever creates new
files: each device writes only its own folder, writes a `.part` file, fsyncs and renames it, and
never changes a file once named (to forget text it writes a new file and deletes the old one,
see sync.rewrite). Readers list only exact bundle names, so half-written files, cloud
"conflicted copy" duplicates and lock files are never read.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sync.bundles import NAME
from sync.errors import BundleRejected, CloneDetected, SyncFolderUnavailable, SyncKeyError
from sync.keys import fingerprint

T = TypeVar("T")
_DEVICE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Windows reports a file held open by a cloud client or antivirus as a sharing violation.
_SHARING_VIOLATIONS = {32, 33}
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)
# A bundle holds at most 20,000 ops, deflated: far below this, and refused before it is read.
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# What opening a link with O_NOFOLLOW (ELOOP; EMLINK on FreeBSD) or a socket (ENXIO) gives.
_REFUSED_OPEN = {errno.ELOOP, errno.EMLINK, errno.ENXIO}
VANISHED = "it was removed while this sync read the folder (replaced by its writer); read next time"


@dataclass(frozen=True)
class BundleFile:
    device_id: str
    seq: int
    name: str
    path: Path


def _is_sharing_violation(error: OSError) -> bool:
    return isinstance(error, PermissionError) or getattr(error, "winerror", None) in (
        _SHARING_VIOLATIONS
    )


def with_retries(action: Callable[[], T]) -> T:
    """Run a file operation, retrying sharing violations with backoff."""
    for delay in RETRY_DELAYS:
        try:
            return action()
        except OSError as error:
            if not _is_sharing_violation(error):
                raise
            time.sleep(delay)
    return action()


class SyncFolder:
    """One shared folder. Thread rules: one sync at a time per store; any thread."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.devices = self.root / "v1" / "devices"

    def _unavailable(self, error: OSError | None = None) -> SyncFolderUnavailable:
        return SyncFolderUnavailable(
            f"the sync folder {self.root} is not available (is the drive connected?)"
            + (f": {error.strerror}" if error and error.strerror else "")
        )

    def check(self) -> None:
        if not self.root.is_dir():
            raise self._unavailable()

    def check_key(self, key: bytes) -> None:
        """Refuse a folder that another organisation key already uses; mark a new folder."""
        marker = self.root / "v1" / "key-check.json"
        expected = fingerprint(key)
        try:
            if marker.exists():
                found = json.loads(with_retries(lambda: read_regular_file(marker, 64 * 1024))).get(
                    "fingerprint"
                )
                if found != expected:
                    raise SyncKeyError(
                        f"the sync folder {self.root} is used with a different organisation key "
                        f"(fingerprint {found}, yours is {expected})"
                    )
                return
            data = json.dumps({"fingerprint": expected}).encode()
            self._write_new(marker, data)
        except (ValueError, AttributeError, BundleRejected) as error:
            raise SyncKeyError(f"{marker} is damaged") from error
        except OSError as error:
            raise self._unavailable(error) from error

    def list_bundles(self) -> dict[str, list[BundleFile]]:
        """Bundles by device, in sequence order; anything not named exactly like one is skipped."""
        found: dict[str, list[BundleFile]] = {}
        try:
            if not self.devices.is_dir():
                self.check()
                return found
            for device_dir in self.devices.iterdir():
                # A linked device folder could lead anywhere on this computer: never follow it.
                if (
                    not _DEVICE.match(device_dir.name)
                    or device_dir.is_symlink()
                    or not device_dir.is_dir()
                ):
                    continue
                files = []
                for path in device_dir.iterdir():
                    match = NAME.match(path.name)
                    if match:
                        files.append(
                            BundleFile(device_dir.name, int(match.group(1)), path.name, path)
                        )
                found[device_dir.name] = sorted(files, key=lambda f: (f.seq, f.name))
        except OSError as error:
            raise self._unavailable(error) from error
        return found

    def read(self, bundle: BundleFile) -> bytes:
        """A bundle's bytes; BundleRejected for anything but a regular file of a sane size."""
        try:
            return with_retries(lambda: read_regular_file(bundle.path, MAX_BUNDLE_BYTES))
        except (FileNotFoundError, NotADirectoryError) as error:
            self.check()
            if isinstance(error, FileNotFoundError) and bundle.path.parent.is_dir():
                # Its writer replaced it with a rewrite (sync.rewrite) since the folder was listed.
                raise BundleRejected(VANISHED) from None
            raise self._unavailable(error) from error
        except OSError as error:
            if error.errno in _REFUSED_OPEN:
                raise BundleRejected("it is a link or a special file, not a bundle") from None
            self.check()
            raise self._unavailable(error) from error

    def publish(self, device_id: str, name: str, data: bytes) -> None:
        """Write one bundle into this device's folder; a no-op if the same file is already there."""
        target = self.devices / device_id / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                existing = with_retries(lambda: read_regular_file(target, MAX_BUNDLE_BYTES))
                if hashlib.sha256(existing).digest() != hashlib.sha256(data).digest():
                    raise CloneDetected(
                        f"{target} exists with other contents: another copy of this store "
                        "is writing as this device"
                    )
                return
            self._write_new(target, data)
        except OSError as error:
            raise self._unavailable(error) from error

    def _write_new(self, target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(f"{target.name}.{os.getpid()}.part")

        def write() -> None:
            with open(part, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())

        with_retries(write)
        with_retries(lambda: os.replace(part, target))
        _fsync_directory(target.parent)

    def remove(self, bundle: BundleFile) -> None:
        """Delete one of this device's own files (a bundle a rewrite replaced)."""
        try:
            with_retries(lambda: bundle.path.unlink(missing_ok=True))
            _fsync_directory(bundle.path.parent)
        except OSError as error:
            raise self._unavailable(error) from error

    def remove_stale_parts(self, device_id: str) -> None:
        """Our own `.part` files left by a crash (only this device writes this folder)."""
        folder = self.devices / device_id
        if folder.is_dir():
            for path in folder.glob("*.part"):
                path.unlink(missing_ok=True)


def read_regular_file(path: Path, limit: int) -> bytes:
    """Read a file only if it is a regular file of at most `limit` bytes, checked before reading.

    A shared folder is written by others: a link (to /dev/zero, say), a FIFO that would block
    forever, or a huge sparse file must cost nothing. Links are not followed, the open never
    waits for a writer, and the type and size come from the opened handle itself.
    """
    flags = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if os.name != "posix" and path.is_symlink():
        raise BundleRejected("it is a link, not a bundle")
    handle = os.open(path, flags)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise BundleRejected("it is not a regular file")
        if info.st_size > limit:
            raise BundleRejected(
                f"it is larger than the {limit // (1024 * 1024)} MiB a bundle may be"
            )
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(handle, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise BundleRejected(
                    f"it is larger than the {limit // (1024 * 1024)} MiB a bundle may be"
                )
        return b"".join(chunks)
    finally:
        os.close(handle)


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to fsync."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
