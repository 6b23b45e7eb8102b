"""Start-up cost: `--version` and the parser import only what they use."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from cli.parser import COMMAND_MODULES, build_parser
from tests.cli.runner import ROOT, lines_once_painted
from tests.conftest import PASSPHRASE, copy_store

HEAVY = ("reportlab", "PySide6", "openpyxl", "psycopg", "PIL", "sqlalchemy", "argon2")


def _modules_after(code: str) -> set[str]:
    """The top-level packages imported by a fresh interpreter running `code`."""
    probe = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(done.stdout.split())


def test_version_imports_no_heavy_library() -> None:
    loaded = _modules_after(
        "import main\ntry:\n    main.main(['--version'])\nexcept SystemExit:\n    pass"
    )
    assert loaded.isdisjoint(HEAVY), sorted(loaded.intersection(HEAVY))
    assert "main" in loaded  # the probe really ran main


def test_a_command_imports_only_its_own_module() -> None:
    loaded = _modules_after(
        "from cli.parser import build_parser\n"
        "build_parser(['--store', 'x.lpstore', 'search', 'bus'])\n"
        "import sys\nassert 'cli.report_commands' not in sys.modules, 'report imported'\n"
        "assert 'cli.store_commands' in sys.modules"
    )
    assert "reportlab" not in loaded


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no sub-commands")


def test_the_registry_names_every_command_its_modules_register() -> None:
    listed = [name for names in COMMAND_MODULES.values() for name in names]
    assert list(_commands(build_parser())) == listed


def test_a_partial_parser_still_knows_every_command_and_parses_the_named_one() -> None:
    parser = build_parser(["search", "bus"])
    assert list(_commands(parser)) == list(_commands(build_parser()))
    args = parser.parse_args(["search", "bus"])
    assert args.command == "search" and callable(args.func)


def test_op_capture_loads_with_the_first_write_and_logs_it(empty_store_path: Path) -> None:
    """Opening and reading a store imports none of the op log; the first write does, and
    is logged as ops all the same."""
    loaded = _modules_after(
        "import sys\nfrom pathlib import Path\nfrom sqlalchemy import func, select\n"
        "from sync.core import install\ninstall()\n"
        "from models.database import open_store\nfrom models.entities import Group\n"
        "from models.keys import KeyringCache\n"
        f"store = open_store(Path({str(empty_store_path)!r}), {PASSPHRASE!r}, "
        "keyring=KeyringCache(enabled=False))\n"
        "COUNT = \"SELECT count(*) FROM sync_ops WHERE entity = 'group' AND kind = 'put'\"\n"
        "with store.session() as session:\n"
        "    session.scalar(select(func.count()).select_from(Group))\n"
        "    before = session.connection().exec_driver_sql(COUNT).scalar()\n"
        "assert 'sync.core.oplog' not in sys.modules, 'a read imported the op log'\n"
        "with store.session() as session:\n"
        "    session.add(Group(key='first-write', label='First write'))\n"
        "with store.session() as session:\n"
        "    after = session.connection().exec_driver_sql(COUNT).scalar()\n"
        "assert after == before + 1, (before, after)\n"
        "store.close()"
    )
    assert "sqlalchemy" in loaded


def test_the_window_start_unlocks_the_store_before_qt_loads(empty_store_path: Path) -> None:
    """Argon2id's 64 MiB come and go before Qt is in memory (a lower peak at start-up)."""
    loaded = _modules_after(
        "import os, sys, main\nfrom sync.core import install\ninstall()\n"
        f"os.environ['LISTENING_POST_PASSPHRASE'] = {PASSPHRASE!r}\n"
        "os.environ['LISTENING_POST_KEYRING'] = '0'\n"
        f"ahead = main.find_key_ahead({str(empty_store_path)!r})\n"
        "access, store = main.unlock_before_qt(ahead)\n"
        "assert store is not None and access.path == store.path\n"
        "store.close()"
    )
    assert "PySide6" not in loaded and "sqlalchemy" in loaded


# What painting the Activities page needs none of: reports, Excel, PostgreSQL, pictures,
# migrations (the store is up to date), and SQLAlchemy itself (the first look paints the list).
NOT_AT_START = ("reportlab", "openpyxl", "psycopg", "PIL", "alembic", "sqlalchemy")
# Nor the work behind menus and gates, imported when first used.
NOT_YET_USED = (
    "app.excel",
    "domain.exchange",
    "ui.exchange.export_choice",
    "ui.activities.activity_form",
    "ui.unlock.first_run_page",
    "ui.unlock.unlock_page",
    "domain.note_rows",  # an activity's notes, not the activities list
    "domain.views",
    # Nor the work that follows the first paint: a recovered draft's offer, the backup
    # reminder, and op capture's modules (loaded by the first write, or once painted).
    "domain.drafts",
    "app.backup",
    "sync.core.capture",
    "sync.core.oplog",
    "sync.core.schema",
)


def test_the_window_paints_without_what_it_does_not_show(
    sample_template: Path, tmp_path: Path
) -> None:
    store = copy_store(sample_template, tmp_path)
    painted = (
        "    print(' '.join(sorted(sys.modules)))\n"
        "    print(gc.isenabled(), [t.name for t in threading.enumerate()], window.pages.keys())\n"
        "    later = lambda: print('then:', window.statusBar().currentMessage(), flush=True)\n"
        "    QTimer.singleShot(0, later)\n"
    )
    modules, state, then = lines_once_painted(store, tmp_path, painted, "gc, sys, threading")[:3]
    loaded = set(modules.split())
    assert "ui.activities.activities_page" in loaded  # the probe saw the painted workspace
    # The list paints from the first look: SQLAlchemy and the ORM load once it has painted.
    early = [name for name in NOT_AT_START if name in {m.split(".")[0] for m in loaded}]
    assert early == [], early
    assert loaded.isdisjoint(NOT_YET_USED), sorted(loaded.intersection(NOT_YET_USED))
    # The collector is back on for the app's life, and the key's thread has finished.
    assert state.startswith("True ") and "find-store-key" not in state, state
    assert state.endswith("dict_keys(['activities'])"), state
    # What waited for the paint is done before anyone can act: here the backup reminder.
    assert then.startswith("then: No backup yet"), then


def test_the_painted_list_is_handed_the_live_store(sample_template: Path, tmp_path: Path) -> None:
    """Once painted, the window holds the store: the list reads it, and a save is logged as
    ops for sync (capture installed before the store opened)."""
    store = copy_store(sample_template, tmp_path)
    painted = (
        "    print('sqlalchemy' in sys.modules, window.pages['activities'].model.rowCount())\n"
        "    def later():\n"
        "        from models.entities import Group\n"
        "        services = window.services\n"
        "        count = \"SELECT count(*) FROM sync_ops WHERE entity = 'group'\"\n"
        "        with services.store.session() as session:\n"
        "            before = session.connection().exec_driver_sql(count).scalar()\n"
        "        with services.store.session() as session:\n"
        "            session.add(Group(key='after-start', label='After start'))\n"
        "        with services.store.session() as session:\n"
        "            after = session.connection().exec_driver_sql(count).scalar()\n"
        "        model = window.pages['activities'].model\n"
        "        model.set_text('harehills')\n"
        "        print(after - before, services.first_look, model.rowCount(), flush=True)\n"
        "    QTimer.singleShot(0, later)\n"
    )
    at_paint, then = lines_once_painted(store, tmp_path, painted)[:2]
    assert at_paint == "False 6", at_paint  # the first look's six rows, no SQLAlchemy yet
    logged, look, found = then.split()
    assert (logged, look) == ("1", "None"), then
    assert 0 < int(found) < 6, then  # the live store answered the search
