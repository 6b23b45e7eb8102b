"""Which system fonts the reports use, so the build copies them into the app's resources/fonts."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_FONTS = "resources/fonts"  # exporters/pdf/fonts.py searches this folder first


def report_font_files() -> list[Path]:
    """Every TrueType file the report exporter registers on this machine (it decides, not us)."""
    from reportlab.pdfbase import pdfmetrics

    from exporters.pdf.fonts import register_fonts

    register_fonts()
    files: list[Path] = []
    for name in pdfmetrics.getRegisteredFontNames():
        face = getattr(pdfmetrics.getFont(name), "face", None)
        filename = getattr(face, "filename", None)
        if isinstance(filename, str) and filename.lower().endswith((".ttf", ".otf", ".ttc")):
            path = Path(filename).resolve()
            if path not in files:
                files.append(path)
    return files


def bundled_system_fonts() -> list[tuple[Path, str]]:
    """(font file, folder inside the app) for fonts that come from the system, not a wheel."""
    own = (ROOT / BUNDLED_FONTS).resolve()
    return [
        (path, BUNDLED_FONTS)
        for path in report_font_files()
        if "site-packages" not in path.parts and own not in path.parents
    ]


def _debian_copyright(path: Path) -> str:
    """The licence of a font file as its Debian package states it, when dpkg knows the file."""
    try:
        found = subprocess.run(
            ["dpkg", "-S", str(path)], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    package = found.stdout.split(":", 1)[0].strip() if found.returncode == 0 else ""
    copyright_file = Path("/usr/share/doc") / package / "copyright"
    if not package or not copyright_file.is_file():
        return ""
    return copyright_file.read_text(encoding="utf-8", errors="replace")


def own_font_notices() -> dict[str, str]:
    """The README and licence files shipped beside the project's own fonts in resources/fonts."""
    folder = ROOT / BUNDLED_FONTS
    files = (
        sorted(folder.glob("*LICENSE*")) + sorted(folder.glob("README*")) if folder.is_dir() else []
    )
    return {f"{BUNDLED_FONTS}/{path.name}": path.read_text(encoding="utf-8") for path in files}


def font_licence_texts() -> list[tuple[Path, str]]:
    """(font file, licence text) for each bundled system font."""
    texts = []
    for path, _ in bundled_system_fonts():
        text = _debian_copyright(path) or "(licence: see the font's own distribution)"
        texts.append((path, text))
    return texts
