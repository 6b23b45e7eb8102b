"""A damaged page met while the app runs is told in a dialog in plain words, not a traceback."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from domain.search import search_notes
from models.integrity import data_key_for, raw_connection
from tests.conftest import PASSPHRASE, copy_store
from tests.ui.conftest import WindowFactory, wait_idle

PAGE = 4096


def _damage_table(path: Path, table: str) -> None:
    connection = raw_connection(path, data_key_for(path, PASSPHRASE))
    try:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    finally:
        connection.close()
    with path.open("r+b") as handle:
        handle.seek((int(root) - 1) * PAGE + 300)
        handle.write(b"\xff" * 16)


def test_a_damaged_search_index_gives_a_plain_dialog(
    qtbot: QtBot,
    make_window: WindowFactory,
    sample_template: Path,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    path = copy_store(sample_template, tmp_path / "store")
    _damage_table(path, "note_search_data")
    window = make_window(path=path)
    access = window.access
    assert access is not None
    window.open_workspace(access.open(PASSPHRASE))
    assert window.services is not None
    window.services.runner.submit(
        lambda session, _progress: search_notes(session, text="bus"), label="Finding notes"
    )
    wait_idle(qtbot, window)
    title, text = messages[-1]
    assert title == "Could not finish: Finding notes"
    assert text.startswith(f"{path} is damaged (part of it cannot be read): run ")
    assert "Traceback" not in text and "sqlcipher3" not in text
