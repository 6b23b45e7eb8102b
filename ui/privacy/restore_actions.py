"""File → Restore from backup…: a backup restored as a new store beside this one, then opened.

The open store is never touched: the restored one is a new file with its own passphrase and its
own device identity (app.backup.restore), opened in a window of its own if the person wants.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QProcess, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from domain.progress import Progress
from ui.main_window import MainWindow
from ui.privacy.backup_actions import BACKUP_FILTER, PassphraseTwice
from ui.widgets import answered

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

if TYPE_CHECKING:  # app.backup is imported when a restore runs: start-up stays quick
    from app.backup import RestoredStore

STORE_FILTER = "Listening Post store (*.lpstore)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("RestoreActions", text)


class RestoreDialogs(Protocol):
    """Each returns the person's answer, or ""/False when they cancel (tests pass their own)."""

    def backup_to_restore(self, parent: QWidget) -> str: ...

    def backup_passphrase(self, parent: QWidget) -> str: ...

    def new_store_file(self, parent: QWidget, suggested: str) -> str: ...

    def new_store_passphrase(self, parent: QWidget) -> str: ...

    def offer_to_open(self, parent: QWidget, summary: str) -> bool: ...


class BackupPassphrase(QDialog):
    """Asks once for the passphrase the backup was made under."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Backup passphrase"))
        explanation = QLabel(_tr("Type the passphrase this backup was made under."))
        explanation.setWordWrap(True)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_tr("Backup passphrase"))
        form = QFormLayout()
        form.addRow(_tr("&Passphrase:"), self.passphrase)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(buttons)


class QtRestoreDialogs:
    def backup_to_restore(self, parent: QWidget) -> str:
        title = _tr("Restore from backup")
        return QFileDialog.getOpenFileName(parent, title, "", BACKUP_FILTER)[0]

    def backup_passphrase(self, parent: QWidget) -> str:
        dialog = BackupPassphrase(parent)
        return dialog.passphrase.text() if answered(dialog) else ""

    def new_store_file(self, parent: QWidget, suggested: str) -> str:
        title = _tr("Where to put the restored store")
        path = QFileDialog.getSaveFileName(parent, title, suggested, STORE_FILTER)[0]
        return path if not path or path.endswith(".lpstore") else path + ".lpstore"

    def new_store_passphrase(self, parent: QWidget) -> str:
        dialog = PassphraseTwice(
            parent,
            _tr("Passphrase for the restored store"),
            _tr(
                "The restored store gets a passphrase of its own: you type it each time you "
                "open it. It can be the one you use now."
            ),
        )
        return dialog.first.text() if answered(dialog) else ""

    def offer_to_open(self, parent: QWidget, summary: str) -> bool:
        answer = QMessageBox.question(
            parent,
            _tr("Backup restored"),
            summary + "\n\n" + _tr("Open it now, in a window of its own?"),
        )
        return answer == QMessageBox.StandardButton.Yes


def open_in_new_window(path: Path) -> None:
    """Start the app again on the restored store (this window stays on its own store)."""
    if getattr(sys, "frozen", False):
        QProcess.startDetached(sys.executable, ["--store", str(path)])
    else:
        main = Path(__file__).resolve().parents[2] / "main.py"
        QProcess.startDetached(sys.executable, [str(main), "--store", str(path)])


class RestoreActions(QObject):
    """Adds File → Restore from backup…, usable before any store is open. GUI thread only."""

    def __init__(
        self,
        window: MainWindow,
        dialogs: RestoreDialogs | None = None,
        opener: Callable[[Path], None] = open_in_new_window,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.dialogs = dialogs or QtRestoreDialogs()
        self.opener = opener
        self.restore_action = QAction(_tr("&Restore from backup…"), window)
        self.restore_action.triggered.connect(self.restore)
        # Not a workspace action: a lost laptop's backup is restored before any store opens.
        window.file_menu.insertAction(window.lock_action, self.restore_action)

    def restore(self) -> None:
        backup = self.dialogs.backup_to_restore(self.window)
        if not backup:
            return
        passphrase = self.dialogs.backup_passphrase(self.window)
        if not passphrase:
            return
        suggested = str(Path(backup).with_suffix(".lpstore"))
        target = self.dialogs.new_store_file(self.window, suggested)
        if not target:
            return
        new_passphrase = self.dialogs.new_store_passphrase(self.window)
        if not new_passphrase:
            return
        source, destination = Path(backup), Path(target)

        def work() -> RestoredStore:
            from app.backup import restore

            return restore(source, destination, passphrase, new_passphrase=new_passphrase)

        services = self.window.services
        if services is None:  # nothing open: no task runner, so on this thread with a wait
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                restored = work()
            except Exception as error:  # shown to the person; restore leaves nothing half-made
                QApplication.restoreOverrideCursor()
                self.window.report_error(_tr("restoring the backup"), error)
                return
            QApplication.restoreOverrideCursor()
            self._restored(destination, restored)
            return

        def job(_session: Session, _progress: Progress) -> RestoredStore:
            return work()

        services.runner.submit(
            job,
            label=_tr("Restoring"),
            on_done=lambda restored: self._restored(destination, restored),
            on_error=lambda error: self.window.report_error(_tr("restoring the backup"), error),
        )

    def _restored(self, path: Path, restored: RestoredStore) -> None:
        summary = _tr(
            "The backup of {when} UTC is restored to {path}. It syncs as a new device, “{device}”."
        ).format(
            when=restored.info.created_at[:16].replace("T", " "),
            path=path,
            device=restored.identity.device_name,
        )
        self.window.show_status(_tr("Backup restored to {name}.").format(name=path.name))
        if self.dialogs.offer_to_open(self.window, summary):
            self.opener(path)
