"""Each use case has one home: ui/ and cli/ call app/ rather than assembling reports, exports,
imports or change announcements themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What only the application layer puts together: content gathering, writers and importers.
ASSEMBLY = {
    "domain.reports": {"community_report_content", "coordinator_report_content"},
    "domain.loop": {"report_readiness"},
    "domain.export_rows": {"gather_export", "gather_template_lists"},
    "domain.import_rows": {"apply_import"},
    "exporters.pdf": {"build_community_report", "build_coordinator_report"},
    "exporters.xlsx.writer": {"write_export"},
    "exporters.xlsx.template": {"write_template"},
    "exporters.xlsx.reader": {"read_workbook"},
}
CALLERS = [
    *sorted((ROOT / "cli").glob("*_commands.py")),
    *sorted((ROOT / "ui" / "reports").glob("*.py")),
    *sorted((ROOT / "ui" / "exchange").glob("*.py")),
]


def _imported_names(path: Path) -> set[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        (node.module or "", alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


@pytest.mark.parametrize("path", CALLERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_callers_do_not_assemble_reports_exports_or_imports(path: Path) -> None:
    assembled = sorted(
        f"{module}.{name}"
        for module, name in _imported_names(path)
        if name in ASSEMBLY.get(module, set())
    )
    assert not assembled, f"{path.name} should call app/ instead of {assembled}"


def test_only_the_window_announces_changes() -> None:
    # Locking is not a write: the window announces it itself.
    emitting = sorted(
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "ui").rglob("*.py")
        if path.name != "events.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "_did_change.emit(" in line and "locked_did_change" not in line
    )
    assert not emitting, f"pages announce changes by hand: {emitting}"


def test_the_application_layer_has_no_qt() -> None:
    for path in (ROOT / "app").rglob("*.py"):
        modules = {module for module, _name in _imported_names(path)}
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules |= {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        assert not any(m.split(".")[0] in {"PySide6", "ui", "cli"} for m in modules), path
