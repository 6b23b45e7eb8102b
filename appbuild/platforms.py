"""The per-platform wrapping of the built folder: Inno Setup installer on Windows, .dmg on macOS."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from appbuild.notices import app_version

HERE = Path(__file__).resolve().parent


def windows_installer(dist: Path) -> Path | None:
    """A per-user setup .exe from dist/listening-post, when Inno Setup's iscc is installed."""
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        print(
            "Inno Setup (iscc) not found: no installer made, the folder is ready", file=sys.stderr
        )
        return None
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={app_version()}",
            f"/DSourceDir={dist / 'listening-post'}",
            f"/DOutputDir={dist}",
            str(HERE / "windows" / "listening-post.iss"),
        ],
        check=True,
    )
    return dist / f"listening-post-{app_version()}-windows-x86_64-setup.exe"


def macos_dmg(dist: Path, machine: str) -> Path:
    """A compressed .dmg holding the .app and a link to /Applications, for drag-to-install."""
    staging = dist / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    shutil.copytree(dist / "listening-post.app", staging / "Listening Post.app", symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    out = dist / f"listening-post-{app_version()}-macos-{machine}.dmg"
    out.unlink(missing_ok=True)
    subprocess.run(
        ["hdiutil", "create", "-volname", "Listening Post", "-srcfolder", str(staging),
         "-ov", "-format", "UDZO", str(out)],
        check=True,
    )  # fmt: skip
    shutil.rmtree(staging)
    return out
