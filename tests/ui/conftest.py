"""UI fixtures: a main window on a copied store, with throwaway settings and no real dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from models.database import Store
from tests.conftest import NO_KEYRING
from ui.app import build_main_window
from ui.main_window import MainWindow
from ui.unlock.store_access import PASSPHRASE_ENV, StoreAccess


@pytest.fixture(autouse=True)
def _no_passphrase_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def messages() -> list[tuple[str, str]]:
    return []


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(
    qtbot: QtBot, qsettings: QSettings, messages: list[tuple[str, str]]
) -> Iterator[WindowFactory]:
    windows: list[MainWindow] = []

    def record(_parent: QWidget, title: str, text: str) -> None:
        messages.append((title, text))

    def make(*, store: Store | None = None, path: Path | None = None) -> MainWindow:
        access = StoreAccess(path, keyring=NO_KEYRING) if path is not None else None
        window = build_main_window(access=access, qsettings=qsettings, message_box=record)
        qtbot.addWidget(window)
        window.resize(1280, 900)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.start(store)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    """Until every queued database job has run and delivered its callback."""
    assert window.services is not None
    runner = window.services.runner
    qtbot.waitUntil(runner.is_idle, timeout=10_000)


@pytest.fixture
def sample_window(make_window: WindowFactory, sample_store: Store) -> MainWindow:
    return make_window(store=sample_store)


@pytest.fixture
def double_text() -> Iterator[float]:
    """The application's text at twice its size for the length of a test."""
    from tests.ui.test_no_clipping import sized_text

    yield from sized_text(2.0)
