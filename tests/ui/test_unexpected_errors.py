"""A failure nothing caught is told in words, once however many follow, and what is printed
for support leaves out its message, which may quote personal data."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from types import TracebackType

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.unexpected_errors import UnexpectedErrors

SECRET = "Mrs Patel, 12 Hill Street"


@pytest.fixture
def told(qapp: object) -> Iterator[list[tuple[str, str]]]:
    messages: list[tuple[str, str]] = []
    previous = sys.excepthook
    UnexpectedErrors(lambda title, text: messages.append((title, text))).install()
    yield messages
    sys.excepthook = previous


def _fail() -> None:
    raise KeyError(SECRET)


@pytest.mark.qt_no_exception_capture
def test_a_failing_slot_is_told_once_in_words_without_what_it_quoted(
    told: list[tuple[str, str]], qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    QTimer.singleShot(0, _fail)
    QTimer.singleShot(0, _fail)
    qtbot.waitUntil(lambda: len(told) == 1)
    qtbot.wait(100)
    assert len(told) == 1  # two failures, one message
    title, text = told[0]
    assert title == "Something went wrong"
    assert "may not have finished" in text and "KeyError" in text
    printed = capsys.readouterr().err
    assert "KeyError" in printed and "in _fail" in printed  # where, for whoever supports it
    assert SECRET not in printed and SECRET not in text
    QTimer.singleShot(0, _fail)  # a later failure is told again
    qtbot.waitUntil(lambda: len(told) == 2)


def test_a_failure_on_another_thread_is_told_on_the_gui_thread(
    qapp: QApplication, qtbot: QtBot
) -> None:
    threads: list[QThread] = []
    errors = UnexpectedErrors(lambda title, text: threads.append(QThread.currentThread()))

    def fail_elsewhere() -> None:
        try:
            _fail()
        except KeyError as error:
            errors.handle(KeyError, error, error.__traceback__)

    worker = threading.Thread(target=fail_elsewhere)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(threads) == 1)
    assert threads == [qapp.thread()]


def test_ctrl_c_and_exits_go_to_the_previous_hook(qapp: object) -> None:
    seen: list[type[BaseException]] = []

    def previous(kind: type[BaseException], _e: BaseException, _t: TracebackType | None) -> None:
        seen.append(kind)

    errors = UnexpectedErrors(lambda title, text: pytest.fail("told"))
    errors.previous = previous
    errors.handle(KeyboardInterrupt, KeyboardInterrupt(), None)
    errors.handle(SystemExit, SystemExit(2), None)
    assert seen == [KeyboardInterrupt, SystemExit]
    assert not errors.pending
