"""File → Back up…: an encrypted backup of the open store, in the background; a weekly reminder."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from domain.progress import Progress
from models.ids import utc_now
from models.keys import PassphraseRejected, check_passphrase
from ui.main_window import MainWindow
from ui.widgets import answered

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.store_backup import BackupInfo

BACKUP_FILTER = "Listening Post backup (*.lpbackup)"
REMIND_AFTER = timedelta(days=7)


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupActions", text)


class BackupDialogs(Protocol):
    """Each returns the person's answer, or "" when they cancel (tests pass their own)."""

    def backup_file(self, parent: QWidget, suggested: str) -> str: ...

    def backup_passphrase(self, parent: QWidget) -> str: ...


class PassphraseTwice(QDialog):
    """Asks for the backup's passphrase twice and checks it before accepting."""

    def __init__(self, parent: QWidget, title: str = "", explanation_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or _tr("Backup passphrase"))
        explanation = QLabel(
            explanation_text
            or _tr(
                "The backup is encrypted under this passphrase. Keep it apart from the "
                "backup: without it the backup cannot be restored."
            )
        )
        explanation.setWordWrap(True)
        self.first = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.second = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(_tr("Backup passphrase"))
        self.second.setAccessibleName(_tr("Backup passphrase again"))
        self.problem = QLabel()
        self.problem.setAccessibleName(_tr("Passphrase problem"))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_tr("&Passphrase:"), self.first)
        form.addRow(_tr("&Again:"), self.second)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.first.text() != self.second.text():
            self.problem.setText(_tr("The two passphrases differ."))
            return
        try:
            check_passphrase(self.first.text())
        except PassphraseRejected as error:
            self.problem.setText(str(error).capitalize() + ".")
            return
        self.accept()


class QtBackupDialogs:
    def backup_file(self, parent: QWidget, suggested: str) -> str:
        path = QFileDialog.getSaveFileName(parent, _tr("Back up"), suggested, BACKUP_FILTER)[0]
        return path if not path or path.endswith(".lpbackup") else path + ".lpbackup"

    def backup_passphrase(self, parent: QWidget) -> str:
        dialog = PassphraseTwice(parent)
        return dialog.first.text() if answered(dialog) else ""


class BackupActions(QObject):
    """Adds File → Back up… and reminds once a week. GUI thread only."""

    def __init__(self, window: MainWindow, dialogs: BackupDialogs | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.dialogs = dialogs or QtBackupDialogs()
        self.backup_action = QAction(_tr("&Back up…"), window)
        self.backup_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.backup_action.triggered.connect(self.back_up)
        window.add_file_action(self.backup_action)
        window.workspace_opened.connect(self.remind)

    def remind(self) -> None:
        """A status-bar reminder when no backup was taken in the last week."""
        services = self.window.services
        if services is None or getattr(self.window, "demo_passphrase", None):
            return  # a demo store is thrown away on exit: nothing to back up
        from app.backup import last_backup_at  # imported when first used: start-up stays quick

        last = last_backup_at(services.store)
        if last is None:
            self.window.show_status(
                _tr("No backup yet: File → Back up… (Ctrl+Shift+B) keeps an encrypted copy.")
            )
        elif utc_now() - datetime.fromisoformat(last) > REMIND_AFTER:
            self.window.show_status(
                _tr("No backup for over a week: File → Back up… (Ctrl+Shift+B).")
            )

    def back_up(self) -> None:
        services = self.window.services
        if services is None:
            return
        suggested = f"listening-post-{utc_now():%Y-%m-%d}.lpbackup"
        path = self.dialogs.backup_file(self.window, suggested)
        if not path:
            return
        passphrase = self.dialogs.backup_passphrase(self.window)
        if not passphrase:
            return
        target, store = Path(path), services.store

        def job(_session: Session, _progress: Progress) -> BackupInfo:
            from app.backup import back_up

            return back_up(store, target, passphrase)

        services.runner.submit(
            job,
            label=_tr("Backing up"),
            on_done=lambda info: self.window.show_status(
                _tr("Backed up to {name} ({size:.1f} MB).").format(
                    name=target.name, size=info.size_bytes / 1_048_576
                )
            ),
            on_error=lambda error: self.window.report_error(_tr("the backup"), error),
        )
