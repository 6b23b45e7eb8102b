"""The screens benchmark times opening every dialog at both store sizes and prints the figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bench import screens_bench
from bench.ui_bench import PASSPHRASE, build_store
from ui.dialog_timing import dialog_openers
from ui.page_timing import open_window


def test_every_dialog_is_timed_at_both_sizes_and_the_worst_is_named(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(screens_bench, "ROUNDS", 1)
    windows = {}
    for size, notes in (("1k", 2), ("100k", 4)):
        path = tmp_path / f"{size}.lpstore"
        build_store(path, activities=2, notes_per_activity=notes)
        windows[size] = open_window(path, PASSPHRASE, tmp_path)
        qtbot.addWidget(windows[size][0])
    try:
        figures = screens_bench._dialog_figures(screens_bench._dialog_times(windows))
    finally:
        for window, _ in windows.values():
            window.close()
            window.shutdown()
    for name in dialog_openers():
        assert figures[f"dialog_{name}_ms_1k"] > 0
        assert figures[f"dialog_{name}_ms_100k"] > 0
    assert figures["worst_dialog_ms_100k"] == max(
        figures[f"dialog_{name}_ms_100k"] for name in dialog_openers()
    )
    assert figures["worst_dialog_ratio_100k_vs_1k"] > 0
    assert "slowest dialog at 100k:" in capsys.readouterr().err
