"""The Sync page on real stores and a real folder: enrolment, sync, cancel, conflict review,
recovery of a copied store and the quarantine tools; keyboard and accessibility walk."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from domain.activities import create_activity
from domain.conflicts import list_conflicts
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, get_note, update_note
from domain.quarantine import list_quarantine
from models.database import Store, open_store
from sync.digest import state_digest
from sync.folder_sync import sync_now
from sync.keys import read_key_file, recovery_phrase
from sync.setup import import_organisation_key, remember_folder
from tests.conftest import NO_KEYRING, PASSPHRASE, copy_store
from tests.sync.conftest import as_new_device
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import WindowFactory, wait_idle
from ui.main_window import MainWindow
from ui.sync.sync_page import SyncPage
from ui.toast import Toast


class FakeDialogs:
    """Answers the page's file questions without any modal dialog."""

    def __init__(self) -> None:
        self.folder = ""
        self.open_path = ""
        self.save_path = ""
        self.printed: list[str] = []

    def choose_folder(self, parent: object, title: str, start: str) -> str:
        return self.folder

    def open_key_file(self, parent: object, title: str) -> str:
        return self.open_path

    def save_key_file(self, parent: object, title: str) -> str:
        return self.save_path

    def print_text(self, parent: object, title: str, text: str) -> bool:
        self.printed.append(text)
        return True


MakeStore = Callable[[str], Store]


@pytest.fixture
def make_store(empty_template: Path, tmp_path: Path) -> Iterator[MakeStore]:
    """Stores the test closes itself (a window closes its own store)."""
    opened: list[Store] = []

    def make(name: str) -> Store:
        path = copy_store(empty_template, tmp_path / name)
        store = as_new_device(open_store(path, PASSPHRASE, keyring=NO_KEYRING), name)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "OneDrive" / "Listening Post sync"
    path.mkdir(parents=True)
    return path


def sync_page(window: MainWindow, dialogs: FakeDialogs) -> SyncPage:
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    page.dialogs = dialogs
    return page


def enrol(store: Store, folder: Path, key_file: Path) -> None:
    with store.session() as session:
        remember_folder(session, folder)
        import_organisation_key(session, key_file)


def add_note(store: Store, body: str) -> str:
    with store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 3, 2, 10)
        )
        return create_note(session, activity_id=activity.id, fields=NoteFields(body=body)).id


def sync_by_page(qtbot: QtBot, page: SyncPage) -> None:
    with qtbot.waitSignal(page.synced, timeout=20_000):
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)


def digest(store: Store) -> str:
    with store.session() as session:
        return state_digest(session)


@pytest.fixture
def enrolled(
    qtbot: QtBot, make_window: WindowFactory, make_store: MakeStore, folder: Path, tmp_path: Path
) -> tuple[MainWindow, SyncPage, FakeDialogs, Path]:
    """The first laptop, enrolled through the page: folder chosen, organisation key created."""
    dialogs = FakeDialogs()
    window = make_window(store=make_store("Laptop A"))
    page = sync_page(window, dialogs)
    dialogs.folder, dialogs.save_path = str(folder), str(tmp_path / "keys" / "org.lpkey")
    (tmp_path / "keys").mkdir()
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    qtbot.mouseClick(page.create_key_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert page.phrase_dialog is not None
    page.phrase_dialog.accept()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, page, dialogs, Path(dialogs.save_path)


def test_first_laptop_enrols_shows_the_phrase_once_and_syncs(
    qtbot: QtBot, make_window: WindowFactory, make_store: MakeStore, folder: Path, tmp_path: Path
) -> None:
    dialogs = FakeDialogs()
    window = make_window(store=make_store("Laptop A"))
    page = sync_page(window, dialogs)
    assert_accessible(window)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert "choose the shared folder first" in page.message.text()
    # A key file inside the sync folder is refused, and nothing is kept.
    dialogs.folder, dialogs.save_path = str(folder), str(folder / "org.lpkey")
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert page.folder_edit.text() == str(folder.resolve())
    qtbot.mouseClick(page.create_key_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "inside the sync folder" in page.message.text() and page.phrase_dialog is None
    dialogs.save_path = str(tmp_path / "org.lpkey")
    qtbot.mouseClick(page.create_key_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    key = read_key_file(tmp_path / "org.lpkey")
    dialog = page.phrase_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.phrase.text() == recovery_phrase(key)
    assert_accessible(dialog)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert recovery_phrase(key) in dialogs.printed[0]
    dialog.accept()
    assert not page.create_key_button.isVisible() and "fingerprint" in page.key_status.text()

    add_note(window.services.store, "The bus is late")
    page.refresh()
    assert page.last_sync.text() == "Never" and page.waiting.text() == "2 changes waiting"
    assert page.conflict_count.text() == "No conflicts"
    assert page.held_count.text() == "Nothing set aside"
    sync_by_page(qtbot, page)
    assert "Sent 1 bundle;" in page.message.text()
    assert page.waiting.text() == "Nothing waiting" and page.last_sync.text() != "Never"
    toast = window.findChild(Toast)
    assert toast is not None and toast.isVisible()
    assert toast.text() == "Synced: your changes were sent"
    assert toast.accessibleDescription() == toast.text()
    assert toast.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert len(list(folder.glob("v1/devices/*/*.bundle"))) == 1
    assert page.sync_button.isEnabled() and not page.cancel_button.isVisible()


def test_a_sync_cancels_between_bundles_and_the_next_one_completes(
    qtbot: QtBot,
    enrolled: tuple[MainWindow, SyncPage, FakeDialogs, Path],
    make_store: MakeStore,
    folder: Path,
) -> None:
    window, page, _dialogs, key_file = enrolled
    other = make_store("Laptop B")
    enrol(other, folder, key_file)
    key = read_key_file(key_file)
    for n in range(3):
        add_note(other, f"Note {n}")
        sync_now(other, folder, key)  # three bundles to apply
    hold = threading.Event()
    window.services.runner.submit(lambda _s, _p: hold.wait(10), label="holding the worker")
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.cancel_button.isVisible() and not page.sync_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.synced, timeout=20_000) as cancelled:
        hold.set()
    assert cancelled.args[0].cancelled and cancelled.args[0].applied == 0
    assert "Sync cancelled" in page.message.text()
    notes_changed: list[object] = []
    window.events.notes_did_change.connect(notes_changed.append)
    sync_by_page(qtbot, page)
    assert "applied 3 bundles (" in page.message.text() and notes_changed
    assert digest(window.services.store) == digest(other)


def test_conflict_review_shows_every_version_and_saves_the_merge(
    qtbot: QtBot,
    enrolled: tuple[MainWindow, SyncPage, FakeDialogs, Path],
    make_store: MakeStore,
    folder: Path,
) -> None:
    window, page, _dialogs, key_file = enrolled
    store = window.services.store
    other = make_store("Laptop B")
    enrol(other, folder, key_file)
    key = read_key_file(key_file)
    note_id = add_note(store, "The bus is late")
    sync_by_page(qtbot, page)
    sync_now(other, folder, key)
    with store.session() as session:
        update_note(session, note_id=note_id, edit=NoteEdit.of(body="The 49 bus is late"))
    with other.session() as session:
        update_note(
            session, note_id=note_id, edit=NoteEdit.of(body="The bus is late, so I miss my slot")
        )
    sync_now(other, folder, key)
    sync_by_page(qtbot, page)
    review = page.conflicts
    assert "1 conflict to review" in page.message.text()
    assert page.conflict_count.text() == "1 conflict to review"
    assert page.tabs.tabText(0) == "Conflicts to revie&w (1)"
    assert {pane.toPlainText() for pane in review.panes} == {
        "The 49 bus is late",
        "The bus is late, so I miss my slot",
    }
    names = sorted(pane.accessibleName() for pane in review.panes)
    assert names[0].startswith("Version 1 of 2, from Laptop ") and "Laptop B" in " ".join(names)
    assert all(pane.isReadOnly() for pane in review.panes)
    assert_accessible(window)
    qtbot.mouseClick(review.use_buttons[0], Qt.MouseButton.LeftButton)
    assert review.merged.toPlainText() == review.panes[0].toPlainText()
    review.merged.clear()
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "cannot be empty" in review.message.text()
    qtbot.keyClicks(review.merged, "The 49 bus is late, so I miss my slot")
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "Saved" in review.message.text() and review.empty.isVisible()
    assert page.tabs.tabText(0) == "Conflicts to revie&w (0)"
    sync_by_page(qtbot, page)
    sync_now(other, folder, key)
    with other.session() as session:
        assert list_conflicts(session) == []
        assert get_note(session, note_id=note_id).body == "The 49 bus is late, so I miss my slot"
    assert digest(store) == digest(other)


def test_a_copied_store_takes_a_new_identity_from_the_error_and_syncs(
    qtbot: QtBot,
    make_window: WindowFactory,
    make_store: MakeStore,
    folder: Path,
    tmp_path: Path,
) -> None:
    original = make_store("Laptop A")
    key_file = tmp_path / "org.lpkey"
    from sync.setup import create_organisation_key

    with original.session() as session:
        remember_folder(session, folder)
        create_organisation_key(session, key_file)
    key = read_key_file(key_file)
    add_note(original, "Before the copy")
    sync_now(original, folder, key)
    original.close()
    shutil.copytree(original.path.parent, tmp_path / "copy")
    original = open_store(original.path, PASSPHRASE, keyring=NO_KEYRING)
    copy = open_store(tmp_path / "copy" / original.path.name, PASSPHRASE, keyring=NO_KEYRING)
    try:
        add_note(original, "Said at the library")
        sync_now(original, folder, key)
        add_note(copy, "Said at the market")
        window = make_window(store=copy)
        page = sync_page(window, FakeDialogs())
        assert not page.new_identity_button.isVisible()
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, window)
        assert "restored from a backup or copied" in page.message.text()
        assert page.new_identity_button.isVisible()
        assert_accessible(window)
        with qtbot.waitSignal(page.synced, timeout=20_000):
            qtbot.mouseClick(page.new_identity_button, Qt.MouseButton.LeftButton)
        assert "now syncs as a new device" in page.message.text()
        assert not page.new_identity_button.isVisible()
        sync_now(original, folder, key)
        assert digest(original) == digest(copy)
    finally:
        original.close()


def test_bundles_set_aside_are_listed_and_decided_on_the_page(
    qtbot: QtBot,
    enrolled: tuple[MainWindow, SyncPage, FakeDialogs, Path],
    make_store: MakeStore,
    folder: Path,
) -> None:
    window, page, _dialogs, key_file = enrolled
    other = make_store("Laptop B")
    enrol(other, folder, key_file)
    add_note(other, "Said at the market")
    sync_now(other, folder, read_key_file(key_file))
    sync_by_page(qtbot, page)
    (bundle,) = folder.glob(f"v1/devices/{other.device_id}/*.bundle")
    shutil.copy(bundle, bundle.with_name("00000001-0123456789abcdef.bundle"))  # a clone's
    sync_by_page(qtbot, page)
    page.tabs.setCurrentIndex(1)
    assert page.tabs.tabText(1) == "Set &aside (1)"
    assert page.quarantine_model.rowCount() == 1
    assert page.quarantine_model.row_at(0).device_name == "Laptop B"
    assert_accessible(window)
    qtbot.mouseClick(page.release_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "already applied bundle 1" in page.message.text()
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "discarded" in page.message.text() and page.quarantine_model.rowCount() == 0
    assert page.tabs.tabText(1) == "Set &aside (0)"
    with window.services.store.session() as session:
        assert [q.state for q in list_quarantine(session, include_discarded=True)] == ["discarded"]


@pytest.fixture(params=["light", "dark", "high-contrast"])
def kept_theme_choice(request: pytest.FixtureRequest, qsettings: QSettings) -> Iterator[str]:
    """The window starts in this theme (asked for before the window is made); light after."""
    from tests.ui.test_no_clipping import kept_theme
    from ui.design.tokens import ThemeName

    yield from (theme.value for theme in kept_theme(qsettings, ThemeName(request.param)))


def test_conflict_review_clips_nothing_at_200_percent_text_in_each_theme(
    qtbot: QtBot,
    kept_theme_choice: str,
    double_text: float,
    enrolled: tuple[MainWindow, SyncPage, FakeDialogs, Path],
    make_store: MakeStore,
    folder: Path,
) -> None:
    from tests.ui.test_no_clipping import SCREENS, WINDOW_CHROME, clipped_on
    from tests.ui.test_room_at_laptop_sizes import _buttons_outside_scrolling, _check
    from ui.design.tokens import current_theme

    window, page, _dialogs, key_file = enrolled
    assert current_theme().value == kept_theme_choice
    other = make_store("Laptop B")
    enrol(other, folder, key_file)
    key = read_key_file(key_file)
    note_id = add_note(window.services.store, "The bus is late")
    sync_by_page(qtbot, page)
    sync_now(other, folder, key)
    for store, body in ((window.services.store, "The 49 bus is late"), (other, "Late again")):
        with store.session() as session:
            update_note(session, note_id=note_id, edit=NoteEdit.of(body=body))
    sync_now(other, folder, key)
    sync_by_page(qtbot, page)
    assert page.conflict_count.text() == "1 conflict to review"
    for width, height in SCREENS:
        window.resize(width, height - WINDOW_CHROME)
        qtbot.wait(100)
        where = f"{kept_theme_choice} at {width}×{height}, 200% text"
        assert not clipped_on(page), where
        _check(_buttons_outside_scrolling(page), where)
