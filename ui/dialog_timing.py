"""Times opening each dialog people meet on a big store (for `bench screens`): from asking for it
to it shown with its data, built as the app builds it (its entry point where that does not block
on the dialog, else the same data read and construction)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog

from ui.main_window import MainWindow
from ui.page_timing import settle


def prepare(window: MainWindow, name: str, activity_id: str) -> None:
    """Where people are before asking for the dialog (not timed): an activity's notes open for
    the note editor, else the Activities page."""
    if name == "note_editor":
        window.open_activity(activity_id)
        settle(window, window.pages["capture"])
    else:
        settle(window, window.show_page("activities"))


def _note_editor(window: MainWindow) -> QDialog:
    page = window.pages["capture"]
    page.table.selectRow(0)
    page.notes.open_editor()
    editor = page.notes.editor
    assert editor is not None
    return editor


def _activity_form(window: MainWindow, edit: bool) -> QDialog:
    activities = window.show_page("activities")
    if edit:
        activities.edit_selected()
    else:
        activities.new_activity()
    form = activities.form
    assert form is not None
    return form


def _export_choice(window: MainWindow) -> QDialog:
    from ui.exchange.export_choice import ExportChoiceDialog
    from ui.selection_picker import read_choices

    assert window.services is not None
    return ExportChoiceDialog(window.services.read(read_choices), window)


def _add_to_theme(window: MainWindow) -> QDialog:
    from domain.themes import theme_titles
    from ui.themes.add_to_theme import AddToThemeDialog

    assert window.services is not None
    return AddToThemeDialog(window, window.services.read(theme_titles), 12)


def _rules(window: MainWindow) -> QDialog:
    from app.retention import retention_view
    from ui.privacy.retention_section import RulesDialog

    assert window.services is not None
    return RulesDialog(window, retention_view(window.services.store).rules)


def _purge(window: MainWindow) -> QDialog:
    from app.retention import retention_view
    from domain.retention_due import Due
    from ui.privacy.retention_section import PurgeDialog

    assert window.services is not None
    view = retention_view(window.services.store)  # what the privacy page reads before asking
    made_up = (Due(r.kind, r.kind.name.title(), 3, None, (("note", "a"),)) for r in view.rules)
    return PurgeDialog(window, view.due or tuple(made_up))


def _others() -> dict[str, Callable[[MainWindow], QDialog]]:
    from app.sync import CreatedKey
    from ui.about_dialog import AboutDialog
    from ui.exchange.import_problems import ImportProblemsDialog
    from ui.privacy.backup_actions import PassphraseTwice
    from ui.sync.recovery_phrase_dialog import RecoveryPhraseDialog
    from ui.themes.picture_picker import PicturePickerDialog

    created = CreatedKey(Path("/media/usb/org.lpkey"), "AB12 CD34", " ".join(["word"] * 24))
    problems = [f"Notes!C{row}: unknown group 'carers'" for row in range(2, 300)]
    return {
        "picture_picker": lambda w: PicturePickerDialog("doctor", w),
        "backup_passphrase": lambda w: PassphraseTwice(w),
        "about": lambda w: AboutDialog(w),
        "import_problems": lambda w: ImportProblemsDialog(w, "notes.xlsx", "298", problems),
        "recovery_phrase": lambda w: RecoveryPhraseDialog(created, None, w),  # type: ignore[arg-type]
    }


def dialog_openers() -> dict[str, Callable[[MainWindow], QDialog]]:
    return {
        "note_editor": _note_editor,
        "activity_form_new": lambda w: _activity_form(w, edit=False),
        "activity_form_edit": lambda w: _activity_form(w, edit=True),
        "export_choice": _export_choice,
        "add_to_theme": _add_to_theme,
        "records_kept": _rules,
        "records_erase": _purge,
        **_others(),
    }


# Dialogs the app keeps once closed and deletes when it opens the next one (one at a time).
KEPT_BY_THE_APP = frozenset({"note_editor", "activity_form_new", "activity_form_edit"})


def open_dialog(
    window: MainWindow, opener: Callable[[MainWindow], QDialog], *, kept_by_app: bool = False
) -> float:
    """Milliseconds from asking for the dialog to it shown with its data; then closed (and
    deleted, as the app deletes it, unless the app keeps it)."""
    started = time.perf_counter()
    dialog = opener(window)
    dialog.show()
    settle(window, dialog)
    elapsed = (time.perf_counter() - started) * 1000
    dialog.reject()
    if not kept_by_app:
        dialog.deleteLater()
    # As back in the app's event loop: the dialog is deleted, so the peak memory counts one.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    return elapsed
