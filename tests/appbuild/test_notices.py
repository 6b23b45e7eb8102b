"""Third-party notices come from the installed packages' metadata and cover what ships."""

from __future__ import annotations

import re
from pathlib import Path

from appbuild.notices import (
    app_version,
    components,
    notices_text,
    shipped_distributions,
    summary_lines,
)

ROOT = Path(__file__).resolve().parents[2]


def _names() -> set[str]:
    return {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower() for d in shipped_distributions()}


def test_shipped_packages_are_the_run_time_dependencies_not_the_test_tools() -> None:
    names = _names()
    for shipped in ("pyside6-essentials", "sqlcipher3", "reportlab", "sqlalchemy", "openpyxl"):
        assert shipped in names
    assert "psycopg-binary" in names  # pulled in through the psycopg[binary] extra
    for tool in ("pytest", "hypothesis", "pikepdf", "mypy", "ruff", "pyinstaller"):
        assert tool not in names


def test_version_is_the_projects() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{app_version()}"' in pyproject


def test_notices_name_every_component_with_its_licence_and_text() -> None:
    found = components()
    text = notices_text(found, {"DejaVuSans.ttf": "Bitstream Vera font licence"})
    assert found[0].name == "Python"
    assert any(
        line.startswith("PySide6_Essentials ") and "LGPL-3.0" in line
        for line in summary_lines(found)
    )
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text or "replace them with your own" in text
    assert "Open Font" in text or "OFL" in text
    assert "DejaVuSans.ttf" in text and "Bitstream Vera font licence" in text
    for component in found:
        assert f"===== {component.name} {component.version}" in text
    sqlalchemy = next(c for c in found if c.name.lower() == "sqlalchemy")
    assert any("Permission is hereby granted" in t for t in sqlalchemy.texts)


def test_the_projects_own_fonts_are_credited() -> None:
    from appbuild.notices import current_notices

    text = current_notices()
    if (ROOT / "resources" / "fonts" / "README.md").exists():
        assert "===== resources/fonts/README.md =====" in text
        assert "Open Font License" in text
