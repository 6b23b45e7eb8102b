"""The task runner (order, errors, progress dialog, cancel rolls back) and the typed settings."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app import taxonomy
from app.changes import Changes
from domain.errors import InvalidInput
from domain.progress import Cancelled
from domain.taxonomy import add_group
from models.database import Store
from models.entities import Group
from ui.events import AppEvents
from ui.settings import Preferences, WindowState
from ui.tasks import TaskRunner


def count_groups(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Group)) or 0)


def test_jobs_run_in_order_and_errors_roll_back(qtbot: QtBot, empty_store: Store) -> None:
    runner = TaskRunner(empty_store)
    before = count_groups(empty_store)
    done: list[object] = []
    errors: list[BaseException] = []
    runner.submit(lambda s, p: add_group(s, label="First").key, label="a", on_done=done.append)

    def half_then_fail(session, _progress):  # type: ignore[no-untyped-def]
        add_group(session, label="Never kept")
        raise InvalidInput("label", "refused on purpose")

    runner.submit(half_then_fail, label="b", on_error=errors.append)
    runner.submit(lambda s, p: add_group(s, label="Third").key, label="c", on_done=done.append)
    qtbot.waitUntil(runner.is_idle, timeout=10_000)
    runner.shutdown()
    assert done == ["first", "third"]
    assert isinstance(errors[0], InvalidInput)
    assert count_groups(empty_store) == before + 2  # the failed job left nothing behind


def test_a_write_hands_its_changes_to_the_window_before_its_own_callback(
    qtbot: QtBot, empty_store: Store
) -> None:
    heard: list[object] = []
    runner = TaskRunner(empty_store, on_changes=lambda c: heard.append(("window", c)))
    runner.submit(
        lambda s, p: taxonomy.add_group(s, label="Kinship carers"),
        label="add",
        on_done=lambda view: heard.append(("page", view.key)),
    )
    runner.submit(lambda s, p: taxonomy.add_group(s, label="Refused!" * 40), label="bad")
    runner.submit(lambda s, p: count_groups(empty_store), label="read", on_done=heard.append)
    qtbot.waitUntil(runner.is_idle, timeout=10_000)
    runner.shutdown()
    # A failed write and a plain read announce nothing.
    assert heard[:2] == [("window", Changes(taxonomy=True)), ("page", "kinship-carers")]
    assert len(heard) == 3 and isinstance(heard[2], int)


def test_publish_announces_each_changed_kind_once(qtbot: QtBot) -> None:
    events = AppEvents()
    heard: list[object] = []
    events.notes_did_change.connect(lambda c: heard.append(("notes", c.note_ids)))
    events.activities_did_change.connect(lambda c: heard.append(("activities", c.activity_ids)))
    events.themes_did_change.connect(lambda: heard.append("themes"))
    events.taxonomy_did_change.connect(lambda: heard.append("taxonomy"))
    events.sync_state_did_change.connect(lambda: heard.append("sync"))
    events.publish(Changes.of_notes(note_ids=["n1"]) | Changes(themes=True, actions=True))
    assert heard == [("notes", {"n1"}), "themes"]
    heard.clear()
    events.publish(Changes.everything())
    assert heard == [("activities", set()), ("notes", set()), "taxonomy", "themes", "sync"]


def test_long_job_shows_progress_and_cancel_rolls_back(qtbot: QtBot, empty_store: Store) -> None:
    runner = TaskRunner(empty_store)
    before = count_groups(empty_store)
    release = threading.Event()
    outcome: list[str] = []

    def long_job(session, progress):  # type: ignore[no-untyped-def]
        add_group(session, label="Half done")
        progress.report(1, 10, "Working through groups")
        while not progress.cancelled:  # waits for the person, not for a clock
            release.wait(0.01)
        raise Cancelled()

    task = runner.submit(
        long_job,
        label="A long job",
        cancellable=True,
        on_done=lambda _r: outcome.append("done"),
        on_error=lambda e: outcome.append("error"),
    )
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=10_000)
    assert QApplication.overrideCursor() is not None  # the busy cursor came first
    dialog = task.dialog
    assert isinstance(dialog, QProgressDialog) and dialog.maximum() in (0, 10)
    (cancel_button,) = dialog.findChildren(QPushButton)
    cancel_button.click()
    qtbot.waitUntil(runner.is_idle, timeout=10_000)
    runner.shutdown()
    assert outcome == []  # a cancel is neither a result nor an error to report
    assert QApplication.overrideCursor() is None
    assert count_groups(empty_store) == before


def test_settings_are_typed_with_defaults(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = str(tmp_path / "s.ini")
    prefs = Preferences(QSettings(path, QSettings.Format.IniFormat))
    assert prefs.auto_lock_minutes == 10 and prefs.recent_group_keys == []
    prefs.auto_lock_minutes = 3
    prefs.remember_groups(["a"])
    prefs.remember_groups(["b", "a"])
    prefs.remember_groups(["c", "d", "e", "f"])
    state = WindowState(prefs.qsettings)
    state.geometry = b"\x00\x01binary"
    prefs.sync()
    again = Preferences(QSettings(path, QSettings.Format.IniFormat))
    assert again.auto_lock_minutes == 3
    assert again.recent_group_keys == ["c", "d", "e", "f", "b"]
    assert WindowState(again.qsettings).geometry == b"\x00\x01binary"
    again.qsettings.setValue("preferences/auto_lock_minutes", "not a number")
    assert again.auto_lock_minutes == 10  # a hand-edited bad value falls back to the default
