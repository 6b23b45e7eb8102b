"""Pages are built when first shown, and their modules imported only then (quick start-up)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.accessibility import assert_accessible
from ui.main_window import MainWindow
from ui.pages import default_pages

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_shown_page_is_built_at_start(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    assert list(window.pages) == ["activities"]
    assert window.page_stack.count() == 1
    assert window.navigation.count() == len(default_pages())  # every section is listed
    window.show_page("find")
    assert list(window.pages) == ["activities", "find"]
    assert_accessible(window)
    window.view_menu.actions()[2].trigger()  # the View menu builds the page it names
    assert window.page_stack.currentWidget() is window.pages["find"]
    next(a for a in window.view_menu.actions() if a.text() == "Reports").trigger()
    assert (
        "reports" in window.pages and window.page_stack.currentWidget() is window.pages["reports"]
    )
    assert_accessible(window)


def test_the_registry_imports_no_page() -> None:
    probe = (
        "import sys\n"
        "from ui.app import build_main_window\n"
        "from ui.pages import default_pages\n"
        "default_pages()\n"
        "heavy = {'reportlab', 'openpyxl', 'psycopg', 'PIL'}\n"
        "pages = {m for m in sys.modules if m.endswith('_page') and 'unlock' not in m}\n"
        "print(sorted(heavy.intersection(m.split('.')[0] for m in sys.modules)), sorted(pages))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.split() == ["[]", "[]"], done.stdout
