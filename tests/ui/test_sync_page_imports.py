"""The Sync and Data held pages show without the PostgreSQL driver while no server is in use."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import lines_once_painted
from tests.conftest import copy_store


def test_showing_the_sync_page_without_a_server_leaves_psycopg_unloaded(
    sample_template: Path, tmp_path: Path
) -> None:
    store = copy_store(sample_template, tmp_path)
    painted = (
        "    window.show_page('sync')\n"
        "    QCoreApplication.processEvents()\n"
        "    page = window.pages['sync']\n"
        "    print(type(page).__name__, page.isVisible())\n"
        "    print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    shown, modules = lines_once_painted(store, tmp_path, painted, settled=True)[:2]
    assert shown == "SyncPage True", shown  # the probe really showed the page
    assert "psycopg" not in modules.split()


def test_showing_the_data_held_page_without_a_server_leaves_psycopg_unloaded(
    sample_template: Path, tmp_path: Path
) -> None:
    store = copy_store(sample_template, tmp_path)
    painted = (
        "    window.show_page('data-held')\n"
        "    page = window.pages['data-held']\n"
        "    services = window.services\n"
        "    while not services.runner.is_idle():\n"
        "        QCoreApplication.processEvents()\n"
        "    QCoreApplication.processEvents()\n"
        "    print(type(page).__name__, 'this computer' in page.copies.text())\n"
        "    print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    shown, modules = lines_once_painted(store, tmp_path, painted, settled=True)[:2]
    assert shown == "DataHeldPage True", shown  # the probe saw the page's counts arrive
    assert "psycopg" not in modules.split()
