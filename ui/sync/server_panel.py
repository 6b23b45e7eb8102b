"""The organisation server's details on the Sync page: URL, password, CA certificate, TLS warning.

Holds what the person typed or chose until a sync uses it; the password is never shown back,
only whether the store keeps one.
"""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.sync import ServerSetup, ServerUrlInvalid, carries_ca, parse_server_url
from ui.design.widgets import aligned_form
from ui.sync.file_dialogs import FileDialogs


class ServerPanel(QWidget):
    """GUI thread only. `dialogs` is read at each use, so tests may swap the page's fakes in."""

    def __init__(self, dialogs: FileDialogs) -> None:
        super().__init__()
        self.dialogs = dialogs
        self.password_file = ""
        self.url_edit = QLineEdit()
        self.url_edit.setAccessibleName(self.tr("Server URL"))
        self.url_edit.setPlaceholderText("postgresql://device@server.example.nhs.uk/listening_post")
        self.url_edit.setToolTip(
            self.tr("From your administrator (server-add-device); it never holds the password.")
        )
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Server password"))
        self.password_file_button = QPushButton(self.tr("Use a passw&ord file…"))
        self.password_source = QLabel()
        self.password_source.setWordWrap(True)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.password_file_button)
        self.ca_edit = QLineEdit()
        self.ca_edit.setReadOnly(True)
        self.ca_edit.setAccessibleName(self.tr("CA certificate file"))
        self.ca_edit.setPlaceholderText(self.tr("your organisation's CA certificate, not chosen"))
        self.ca_button = QPushButton(self.tr("C&hoose CA certificate…"))
        self.ca_row = QWidget()
        ca_layout = QHBoxLayout(self.ca_row)
        ca_layout.setContentsMargins(0, 0, 0, 0)
        ca_layout.addWidget(self.ca_edit, 1)
        ca_layout.addWidget(self.ca_button)
        self.tls_warning = QLabel()
        self.tls_warning.setWordWrap(True)
        self.tls_warning.setAccessibleName(self.tr("Connection security warning"))
        self.tls_warning.setStyleSheet("font-weight: bold")
        self.tls_warning.hide()
        self.form = form = aligned_form()
        url_label = QLabel(self.tr("Server &URL:"))
        url_label.setBuddy(self.url_edit)
        form.addRow(url_label, self.url_edit)
        form.addRow(self.tr("Password:"), password_row)
        form.addRow("", self.password_source)
        self.ca_label = QLabel(self.tr("CA certificate:"))
        form.addRow(self.ca_label, self.ca_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.tls_warning)
        self.url_edit.textChanged.connect(self._url_changed)
        self.password_file_button.clicked.connect(self.choose_password_file)
        self.ca_button.clicked.connect(self.choose_ca)
        self._password_kept = False
        self._url_changed(self.url_edit.text())

    # ----- what the person entered ---------------------------------------------------------

    def url(self) -> str:
        return self.url_edit.text().strip()

    def ca_file(self) -> str | None:
        """The chosen CA certificate, unless the URL names its own."""
        if carries_ca(self.url()):
            return None
        return self.ca_edit.text() or None

    def password(self) -> str | None:
        """Typed now, else None (the job then reads the password file, or the kept one)."""
        return self.password_edit.text() or None

    def show_setup(self, setup: ServerSetup) -> None:
        if setup.url and not self.url_edit.text():
            self.url_edit.setText(setup.url)
        self._password_kept = setup.password_kept
        self._show_password_source()

    def forget_entered(self) -> None:
        """After a sync: the store keeps the server (CA in its URL) and the password now, so
        the page shows what is kept and holds nothing of the password."""
        self.password_edit.clear()
        self.password_file = ""
        self.url_edit.clear()
        self.ca_edit.clear()
        self._show_password_source()

    # ----- choosing files ------------------------------------------------------------------

    def choose_password_file(self) -> None:
        chosen = self.dialogs.open_password_file(
            self, self.tr("Open the password file your administrator gave you")
        )
        if chosen:
            self.password_file = chosen
            self.password_edit.clear()
            self._show_password_source()

    def choose_ca(self) -> None:
        chosen = self.dialogs.open_certificate_file(
            self, self.tr("Open your organisation's CA certificate")
        )
        if chosen:
            self.ca_edit.setText(chosen)

    # ----- showing the state ---------------------------------------------------------------

    def _show_password_source(self) -> None:
        if self.password_file:
            text = self.tr("The password will be read from {f} at the next sync.").format(
                f=self.password_file
            )
        elif self._password_kept:
            text = self.tr("This store keeps the device's password; type a new one to change it.")
        else:
            text = self.tr("Type the device's password, or use the file it came in.")
        self.password_source.setText(text)
        self.password_edit.setAccessibleDescription(text)

    def _url_changed(self, text: str) -> None:
        warnings: tuple[str, ...] = ()
        # A half-typed URL is not an error yet: that is said when Sync now is pressed.
        with contextlib.suppress(ServerUrlInvalid):
            warnings = parse_server_url(text).warnings if text.strip() else ()
        self.tls_warning.setText("\n".join(self.tr("Warning: ") + warning for warning in warnings))
        self.tls_warning.setAccessibleDescription(self.tls_warning.text())
        self.tls_warning.setVisible(bool(warnings))
        needs_ca = not carries_ca(text)
        self.ca_row.setVisible(needs_ca)
        self.ca_label.setVisible(needs_ca)
