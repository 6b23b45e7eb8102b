"""Nothing is lost: the draft follows the typing within a second and survives a SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain.drafts import list_drafts, load_draft
from domain.notes import list_notes
from models.database import open_store
from tests.conftest import NO_KEYRING, PASSPHRASE, copy_store
from tests.ui import crash_child
from tests.ui.conftest import wait_idle
from tests.ui.test_capture import open_first_activity
from ui.capture.draft_keeper import DRAFT_DELAY_MS, capture_slot
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_the_draft_is_kept_while_typing_and_cleared_by_saving(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    assert DRAFT_DELAY_MS <= 1000  # "at most about a second behind the typing"
    window = sample_window
    page = open_first_activity(qtbot, window)
    qtbot.keyClicks(page.box.text, "Half a thought")
    qtbot.keyClick(page.box.text, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    with qtbot.waitSignal(page.drafts.saved, timeout=5000):
        pass
    slot = capture_slot(page.activity.id)
    draft = window.services.read(lambda s: load_draft(s, slot=slot))
    assert draft is not None and draft.body == "Half a thought"
    assert draft.activity_id == page.activity.id and draft.fields["consent_to_quote"] is True
    qtbot.keyClick(page.box.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    qtbot.wait(DRAFT_DELAY_MS + 200)  # no late save of the emptied box brings it back
    wait_idle(qtbot, window)
    draft = window.services.read(lambda s: load_draft(s, slot=slot))
    assert draft is None or draft.is_empty


def _child(store: Path, settings: Path, mode: str) -> subprocess.Popen[str]:
    env = {**os.environ, "LISTENING_POST_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ui.crash_child", str(store), str(settings), mode],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_draft_survives_a_killed_process_and_is_offered_back(
    sample_template: Path, tmp_path: Path
) -> None:
    store_path = copy_store(sample_template, tmp_path / "store")
    settings = tmp_path / "settings.ini"
    child = _child(store_path, settings, "type")
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "typed", (
            child.stderr.read() if child.stderr else ""
        )
        # Wait (bounded) until the running app has written the draft, then pull the plug.
        store = open_store(store_path, PASSPHRASE, keyring=NO_KEYRING)
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                with store.session() as session:
                    drafts = list_drafts(session)
                draft = drafts[0] if drafts else None
                if draft is not None and draft.body == crash_child.DRAFT:
                    break
                time.sleep(0.05)
            assert draft is not None and draft.body == crash_child.DRAFT
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
            assert child.returncode == -signal.SIGKILL
            with store.session() as session:
                bodies = [n.body for n in list_notes(session)]
            assert crash_child.SAVED_NOTE in bodies  # the saved note survived the kill
        finally:
            store.close()
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()

    restarted = _child(store_path, settings, "report")
    out, err = restarted.communicate(timeout=60)
    assert restarted.returncode == 0, err
    offered = json.loads(out.strip().splitlines()[-1])
    assert offered["banner"] is True
    assert offered["activity_id"] == draft.activity_id
    assert offered["body"] == crash_child.digest(crash_child.DRAFT)
    assert offered["principles"] == [1]
