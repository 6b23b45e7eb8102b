"""Start-up's first look: the activities list painted from rows read before the store opened,
then handed the live store; or, should the store not open after all, the window asks."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from domain.first_look import FirstLook, first_look
from models.database import Store, open_store
from tests.conftest import NO_KEYRING, PASSPHRASE, copy_store
from tests.ui.conftest import WindowFactory
from ui.going_live import go_live
from ui.main_window import MainWindow


def _painted_from_the_first_look(
    make_window: WindowFactory, template: Path, folder: Path
) -> tuple[MainWindow, Store, FirstLook]:
    path = copy_store(template, folder)
    store = open_store(path, PASSPHRASE, keyring=NO_KEYRING)  # for its key, as main.py has it
    look = first_look(path, store.data_key)
    assert look is not None
    window = make_window(path=path)  # no passphrase given: it asks, until the workspace opens
    window.after_paint = lambda _work: None  # run_app's part: go_live runs once painted
    window.open_workspace(None, look)
    return window, store, look


def test_the_list_painted_from_the_first_look_is_handed_the_store(
    make_window: WindowFactory, sample_template: Path, tmp_path: Path
) -> None:
    window, store, look = _painted_from_the_first_look(make_window, sample_template, tmp_path)
    model = window.pages["activities"].model
    assert [model.row_at(i).id for i in range(model.rowCount())] == [r.id for r in look.rows]
    assert window.services is not None and window.services.first_look is None  # read once
    assert go_live(window, lambda: store)
    assert window.services.store is store
    model.set_text("harehills")  # read from the live store
    assert 0 < model.rowCount() < len(look.rows)
    assert store.path.name in window.windowTitle()


def test_a_store_that_will_not_open_after_the_first_look_is_asked_for(
    make_window: WindowFactory, sample_template: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    from ui.unlock.unlock_page import UnlockPage

    window, store, _look = _painted_from_the_first_look(make_window, sample_template, tmp_path)
    assert not go_live(window, lambda: None)
    assert window.services is None and not window.pages
    assert isinstance(window.stack.currentWidget(), UnlockPage)
    window.open_workspace(store)  # what unlocking does
    assert window.pages["activities"].model.rowCount() == 6
