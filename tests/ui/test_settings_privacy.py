"""Nothing naming a place or a person stays in the plain-text settings file."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from domain.last_used import read_last_used
from models.database import Store, open_store
from tests.conftest import NO_KEYRING, PASSPHRASE
from tests.ui.conftest import WindowFactory, wait_idle


def test_last_place_and_lead_move_from_the_settings_file_into_the_store(
    qtbot: QtBot, make_window: WindowFactory, qsettings: QSettings, sample_store: Store
) -> None:
    # What an earlier version left in the settings file, in plain text.
    qsettings.setValue("preferences/last_place", "Beeston food bank")
    qsettings.setValue("preferences/last_lead", "Amira Khan")
    qsettings.setValue("preferences/auto_lock_minutes", 5)
    qsettings.sync()
    settings_file = Path(qsettings.fileName())
    assert "Amira Khan" in settings_file.read_text()

    window = make_window(store=sample_store)
    wait_idle(qtbot, window)
    assert window.preferences.last_place == "Beeston food bank"
    assert window.preferences.auto_lock_minutes == 5  # preferences stay where they were
    text = settings_file.read_text()
    assert "Amira Khan" not in text and "Beeston" not in text

    window.preferences.last_lead = "Sam Okafor"
    wait_idle(qtbot, window)
    qsettings.sync()
    assert "Sam Okafor" not in settings_file.read_text()
    path = sample_store.path
    window.shutdown()
    reopened = open_store(path, PASSPHRASE, keyring=NO_KEYRING)
    with reopened.read_session() as session:
        kept = read_last_used(session)
    reopened.close()
    assert kept == {
        "place": "Beeston food bank",
        "area": "",
        "postcode_outward": "",
        "lead": "Sam Okafor",
    }


def test_the_store_keeps_its_value_over_an_older_settings_one(
    qtbot: QtBot, make_window: WindowFactory, qsettings: QSettings, sample_store: Store
) -> None:
    first = make_window(store=sample_store)
    first.preferences.last_place = "Chapeltown library"
    wait_idle(qtbot, first)
    qsettings.setValue("preferences/last_place", "somewhere older")
    second_settings = qsettings
    first.preferences.attach_store(sample_store, first.services.runner)  # as on the next start
    assert first.preferences.last_place == "Chapeltown library"
    assert second_settings.value("preferences/last_place") is None


def test_a_store_readable_by_others_is_pointed_out_on_opening(
    make_window: WindowFactory,
    empty_store_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    os.chmod(empty_store_path, 0o644)
    window = make_window(path=empty_store_path)
    assert window.access is not None
    window.open_workspace(window.access.open(PASSPHRASE))
    title, text = messages[-1]
    assert title == "Your store can be read by others"
    assert f"{empty_store_path} can be read by other users of this computer" in text
