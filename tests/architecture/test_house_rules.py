"""The layer rules, module sizes and function complexity of DESIGN.md §1, checked on every run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parents[2]
MAX_MODULE_LINES = 400
MAX_COMPLEXITY = 15


def _product_modules() -> list[Path]:
    """Every Python file the product ships: tests and generated migrations are not held to it."""
    skipped = {"tests", "build", "dist", ".git", "versions"}
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not skipped.intersection(path.relative_to(ROOT).parts)
        and not any(part.startswith(".") for part in path.relative_to(ROOT).parts)
    )


def test_product_modules_found() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in _product_modules()}
    assert {"main.py", "domain/notes.py", "ui/main_window.py"} <= names


def test_no_module_over_400_lines() -> None:
    too_long = {
        path.relative_to(ROOT).as_posix(): lines
        for path in _product_modules()
        if (lines := path.read_text(encoding="utf-8").count("\n")) > MAX_MODULE_LINES
    }
    assert too_long == {}, f"split these by feature (over {MAX_MODULE_LINES} lines): {too_long}"


def test_no_function_over_complexity_15() -> None:
    too_complex = {}
    for path in _product_modules():
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > MAX_COMPLEXITY:
                name = f"{path.relative_to(ROOT).as_posix()}:{block.lineno} {block.fullname}"
                too_complex[name] = block.complexity
    assert too_complex == {}, f"simplify (cyclomatic complexity over 15): {too_complex}"


def _lint_imports(repo: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter over the contracts in repo's pyproject.toml, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", "import sys, importlinter.cli as c; sys.exit(c.lint_imports())"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(repo), "PATH": "/usr/bin:/bin"},
    )


def test_import_contracts_hold() -> None:
    """The contracts live in pyproject.toml ([tool.importlinter])."""
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


BREACHES = {"domain": "PySide6", "exporters": "sqlalchemy", "models": "domain", "app": "ui"}


def test_contracts_catch_planted_breaches(tmp_path: Path) -> None:
    """Imports that break the layer rules make the check fail, each one named (it is live)."""
    copy = tmp_path / "repo"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".git", "tests", "dist", "build", "__pycache__")
    )
    for importer, imported in BREACHES.items():
        (copy / importer / "planted_breach.py").write_text(f"import {imported}\n", "utf-8")
    result = _lint_imports(copy)
    assert result.returncode != 0, result.stdout
    for importer, imported in BREACHES.items():
        assert f"{importer}.planted_breach -> {imported}" in result.stdout, result.stdout
