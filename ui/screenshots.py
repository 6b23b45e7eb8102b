"""Grabs the main screens of the app on demo data (as `python main.py --demo`) into PNG files,
in each theme: light-*.png, dark-*.png and hc-*.png (high contrast), plus Capture at 200% text.

Run offscreen: `QT_QPA_PLATFORM=offscreen python -m ui.screenshots [--out docs/screenshots]
[--themes light dark hc]`.
Nothing here is personal: the demo store is generated sample data in a throwaway folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LISTENING_POST_KEYRING"] = "0"
os.environ.pop("LISTENING_POST_PASSPHRASE", None)

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from domain.vocabulary import Consent
from models.database import Store, create_store
from models.keys import KeyringCache
from ui.app import build_main_window, ensure_application, open_demo_store
from ui.main_window import MainWindow
from ui.toast import hide_toasts
from ui.unlock.store_access import StoreAccess

SIZE = (1366, 768)  # the commonest NHS and charity laptop screen
THEMES = {"light": "light", "dark": "dark", "hc": "high-contrast"}  # file prefix: theme choice
_prefix = "light"
# The shot that shows each page of the sidebar: every page must have one, in every theme.
PAGE_SHOTS = {
    "activities": "activities",
    "capture": "capture",
    "find": "find",
    "review": "review",
    "themes": "themes",
    "reports": "reports",
    "dashboard": "dashboard",
    "taxonomy": "taxonomy",
    "sync": "sync-conflict-review",
    "data-held": "data-held",
    "preferences": "settings",
}


def settle(ms: int = 150) -> None:
    QTest.qWait(ms)
    QApplication.processEvents()


def save(widget: QWidget, out: Path, name: str) -> Path:
    settle()
    hide_toasts(widget.window())  # a "Saved" left over from the step before is not the picture
    QApplication.processEvents()
    path = out / f"{_prefix}-{name}.png"
    widget.grab().save(str(path), "PNG", 9)
    return path


def window_on(access: StoreAccess | None, settings_dir: Path) -> MainWindow:
    settings = QSettings(
        str(settings_dir / f"s{len(list(settings_dir.iterdir()))}.ini"), QSettings.Format.IniFormat
    )
    settings.setValue("preferences/theme", THEMES[_prefix])
    window = build_main_window(access=access, qsettings=settings, message_box=lambda *a: None)
    window.resize(*SIZE)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    return window


def wait_for_jobs(window: MainWindow) -> None:
    assert window.services is not None
    while not window.services.runner.is_idle():
        QTest.qWait(50)
    settle()


def close_the_loop(window: MainWindow, out: Path) -> list[Path]:
    """Themes, actions, a generated report's preview, and the dashboard."""
    shots = []
    themes = window.show_page("themes")
    themes.table.selectRow(1)
    shots.append(save(window, out, "themes"))
    themes.tabs.setCurrentWidget(themes.actions)
    themes.table.selectRow(2)  # its action is done but not yet fed back
    wait_for_jobs(window)
    themes.actions.table.selectRow(0)  # the tab is built when opened: show its first action
    shots.append(save(window, out, "actions"))
    reports = window.show_page("reports")
    reports.variant.setCurrentIndex(reports.variant.findData("easy-read"))
    wait_for_jobs(window)
    reports.generate()
    wait_for_jobs(window)
    window.activateWindow()
    shots.append(save(window, out, "reports"))
    dashboard = window.show_page("dashboard")
    wait_for_jobs(window)
    shots.append(save(window, out, "dashboard"))
    dashboard.sentiment.table.setFocus()  # scrolls the sentiment chart into view
    dashboard.findChild(QScrollArea).ensureWidgetVisible(dashboard.sentiment, 0, 0)
    shots.append(save(window, out, "dashboard-sentiment"))
    return shots


def sync_scene(store: Store, scratch: Path) -> None:
    """A second demo laptop edits the same note: one conflict; a clone's bundle: one set aside."""
    import secrets
    import shutil

    from domain.note_fields import NoteEdit
    from domain.notes import list_notes, update_note
    from sync.folder_sync import sync_now
    from sync.setup import create_organisation_key, import_organisation_key, remember_folder

    folder = scratch / "OneDrive - Leeds Community Voices" / "Listening Post sync"
    folder.mkdir(parents=True)
    key_file = scratch / "keys" / "demo.lpkey"
    key_file.parent.mkdir()
    other = create_store(
        scratch / "laptop-2" / "demo.lpstore",
        secrets.token_urlsafe(24),
        device_name="Outreach laptop 2",
        keyring=KeyringCache(enabled=False),
    )
    with store.session() as session:
        remember_folder(session, folder)
        key = create_organisation_key(session, key_file)
    with other.session() as session:
        remember_folder(session, folder)
        import_organisation_key(session, key_file)
    from sync.keys import read_key_file

    org_key = read_key_file(key.path)
    sync_now(store, folder, org_key)
    sync_now(other, folder, org_key)
    with store.session() as session:
        note = list_notes(session)[0]
        update_note(
            session, note_id=note.id, edit=NoteEdit.of(body=note.body + " They said this twice.")
        )
    with other.session() as session:
        update_note(
            session, note_id=note.id, edit=NoteEdit.of(body="(Checked with them) " + note.body)
        )
    sync_now(other, folder, org_key)
    sync_now(store, folder, org_key)
    bundle = sorted(folder.glob(f"v1/devices/{other.device_id}/*.bundle"))[0]  # applied already
    shutil.copy(bundle, bundle.with_name(bundle.name[:9] + "0123456789abcdef.bundle"))
    sync_now(store, folder, org_key)
    other.close()


def main() -> int:
    from sync.core import install as install_op_capture

    install_op_capture()  # a module entry point: its stores log changes like the app's
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots", type=Path)
    parser.add_argument("--themes", nargs="+", choices=list(THEMES), default=list(THEMES))
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    app = ensure_application()
    global _prefix
    for prefix in args.themes:
        _prefix = prefix
        scratch = Path(tempfile.mkdtemp(prefix="lp-shots-"))
        try:
            _shoot(app, out, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)  # the demo stores and settings: nothing left
    return 0


def _shoot(app: QApplication, out: Path, scratch: Path) -> None:
    settings_dir = scratch / "settings"
    settings_dir.mkdir()
    shots: list[Path] = []

    # First run: a store that does not exist yet.
    first = window_on(
        StoreAccess(scratch / "new.lpstore", keyring=KeyringCache(False)), settings_dir
    )
    first.start()
    page = first.stack.currentWidget()
    QTest.keyClicks(page.passphrase, "tide lantern orchard")
    page.organisation.setText("Healthwatch Leeds")
    page.device_name.setText("Outreach laptop 3")
    shots.append(save(first, out, "first-run"))
    first.close()

    window = window_on(None, settings_dir)
    window.start(open_demo_store(parent=scratch))
    activities = window.show_page("activities")
    shots.append(save(window, out, "activities"))

    activities.new_activity()
    form = activities.form
    form.title_edit.setText("Coffee morning: hospital discharge")
    form.resize(760, 760)
    shots.append(save(form, out, "activity-form"))
    form.reject()

    window.open_activity(activities.selected_activity_id())
    capture = window.pages["capture"]
    box = capture.box
    QTest.keyClicks(
        box.text, "My name is Sarah and the bus to the clinic stopped; ring 07700 900123"
    )
    box.flags[Consent.TO_QUOTE].setChecked(True)
    box.principle_boxes[2].setChecked(True)
    box._set_group("homelessness", True)
    box.check_identifiers()
    shots.append(save(window, out, "capture"))
    capture.save_note()  # asks: redact now, or keep it for review
    shots.append(save(window, out, "capture-review-question"))
    capture.save_note()  # kept for review
    wait_for_jobs(window)
    box.clear()
    QTest.keyClicks(box.text, "Call the carers' line on (020) 7946 0321 on Tuesdays")
    box.check_identifiers()
    box.redact_identifiers()
    capture.table.selectRow(1)
    shots.append(save(window, out, "capture-redacted"))
    box.clear()
    window.show_page("review")
    shots.append(save(window, out, "review"))
    window.show_page("capture")
    box.clear()
    capture.notes.open_editor()
    editor = capture.notes.editor
    editor.box.services_chooser.set_key("gp-and-primary-care", True)
    shots.append(save(editor, out, "note-editor"))
    editor.reject()

    find = window.show_page("find")
    QTest.keyClicks(find.query, "appointment")
    find.run_search()
    shots.append(save(window, out, "find"))

    window.show_page("taxonomy")
    shots.append(save(window, out, "taxonomy"))
    window.show_page("preferences")
    shots.append(save(window, out, "settings"))
    window.show_page("data-held")
    wait_for_jobs(window)
    shots.append(save(window, out, "data-held"))

    shots += close_the_loop(window, out)
    sync_scene(window.services.store, scratch)
    sync = window.show_page("sync")
    sync.refresh()
    shots.append(save(window, out, "sync-conflict-review"))
    sync.tabs.setCurrentIndex(1)
    shots.append(save(window, out, "sync-set-aside"))
    sync.tabs.setCurrentIndex(0)

    missing = set(window.page_specs) ^ set(PAGE_SHOTS)
    if missing:
        raise SystemExit(f"pages without a screenshot (add them to PAGE_SHOTS): {missing}")
    window.show_page("activities")
    window.lock()
    shots.append(save(window, out, "locked"))
    window.unlock()

    window.close()
    # The same capture screen at 200% text size, in each theme.
    original = QFont(app.font())
    font = QFont(original)
    font.setPointSizeF(font.pointSizeF() * 2)
    app.setFont(font)
    big = window_on(None, settings_dir)
    big.start(open_demo_store(activities=4, notes_per_activity=5, parent=scratch))
    big.open_activity(big.pages["activities"].selected_activity_id())
    shots.append(save(big, out, "capture-200-percent-text"))
    big.close()
    app.setFont(original)
    for shot in shots:
        print(f"{shot} {shot.stat().st_size // 1024} KB")
    names = {shot.name for shot in shots}
    absent = [key for key, name in PAGE_SHOTS.items() if f"{_prefix}-{name}.png" not in names]
    if absent or f"{_prefix}-capture-200-percent-text.png" not in names:
        raise SystemExit(f"{_prefix}: no screenshot of {absent or 'Capture at 200% text'}")


if __name__ == "__main__":
    raise SystemExit(main())
