"""Who reports come from: the organisation's name, logo and contact details, on the Reports page
(asked for before the first report, changeable any time)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from domain.organisation import Organisation, organisation, save_organisation
from domain.report_content import ContactDetails
from ui.design.widgets import aligned_form, text_box
from ui.services import Services
from ui.toast import show_toast
from ui.widgets import MessageLine

ChooseLogo = Callable[[QWidget], str]


def _choose_logo(parent: QWidget) -> str:
    path, _filter = QFileDialog.getOpenFileName(
        parent, parent.tr("Choose your logo"), "", parent.tr("Pictures (*.png *.jpg *.jpeg)")
    )
    return path


class OrganisationPanel(QGroupBox):
    """GUI thread only. Reads the stored details at start; saves through the task runner and
    emits `saved` once the store has them. `choose_logo` is replaced in tests."""

    saved = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setTitle(self.tr("Who the report is from"))
        self.services = services
        self.choose_logo: ChooseLogo = _choose_logo
        self.logo: bytes | None = None
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.post = text_box(3)
        self.post.setPlaceholderText(self.tr("One line of the address per line"))
        self.text_relay = QLineEdit()
        self.text_relay.setPlaceholderText(self.tr("e.g. 18001 0113 496 0000"))
        self.other_formats = QLineEdit()
        self.other_formats.setPlaceholderText(
            self.tr("large print, Easy Read, another language, audio or braille")
        )
        self.logo_preview = QLabel()
        self.logo_button = QPushButton(self.tr("Choose logo…"))
        self.no_logo_button = QPushButton(self.tr("No logo"))
        self.save_button = QPushButton(self.tr("Save these details"))
        self.message = MessageLine(self.tr("Organisation details status"))
        for widget, name in (
            (self.name, self.tr("Organisation name")),
            (self.phone, self.tr("Phone")),
            (self.email, self.tr("Email")),
            (self.post, self.tr("Postal address")),
            (self.text_relay, self.tr("Text relay number")),
            (self.other_formats, self.tr("Other formats you offer")),
            (self.logo_preview, self.tr("Logo")),
        ):
            widget.setAccessibleName(name)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.no_logo_button)
        form = aligned_form()
        form.addRow(self.tr("&Organisation:"), self.name)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("Email:"), self.email)
        form.addRow(self.tr("Postal address:"), self.post)
        form.addRow(self.tr("Te&xt relay:"), self.text_relay)
        form.addRow(self.tr("Other formats:"), self.other_formats)
        form.addRow(self.tr("Logo:"), logo_row)
        # Once complete, the form folds into one line so the report's own choices come first.
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.change_button = QPushButton(self.tr("Change these details…"))
        self.form = QWidget()
        inner = QVBoxLayout(self.form)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.change_button)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        self.change_button.clicked.connect(self.unfold)
        self.logo_button.clicked.connect(self.pick_logo)
        self.no_logo_button.clicked.connect(lambda: self._show_logo(None))
        self.save_button.clicked.connect(self.save)
        self.show_details(services.read(organisation))

    def unfold(self) -> None:
        self.summary.hide()
        self.change_button.hide()
        self.form.show()
        self.name.setFocus()

    def show_details(self, details: Organisation) -> None:
        complete = not details.missing
        ways = ", ".join(text for _how, text in details.contact.ways[:2])
        self.summary.setText(self.tr("From {name} ({ways}).").format(name=details.name, ways=ways))
        self.summary.setVisible(complete)
        self.change_button.setVisible(complete)
        self.form.setVisible(not complete)
        c = details.contact
        self.name.setText(details.name)
        self.phone.setText(c.phone)
        self.email.setText(c.email)
        self.post.setPlainText(c.post)
        self.text_relay.setText(c.text_relay)
        self.other_formats.setText(c.other_formats)
        self._show_logo(c.logo)

    def _show_logo(self, data: bytes | None) -> None:
        self.logo = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_preview.setPixmap(pixmap.scaledToHeight(40))
        else:
            self.logo_preview.setText(self.tr("No logo (optional)"))
        self.no_logo_button.setEnabled(data is not None)

    def pick_logo(self) -> None:
        chosen = self.choose_logo(self)
        if not chosen:
            return
        try:
            self._show_logo(Path(chosen).read_bytes())
        except OSError as error:
            self.message.show_message(
                self.tr("Error: cannot read {path}: {why}").format(path=chosen, why=error.strerror)
            )

    def details(self) -> Organisation:
        """The form as typed."""
        return Organisation(
            name=self.name.text(),
            contact=dataclasses.replace(
                ContactDetails(),
                phone=self.phone.text(),
                email=self.email.text(),
                post=self.post.toPlainText(),
                text_relay=self.text_relay.text(),
                other_formats=self.other_formats.text(),
                logo=self.logo,
            ),
        )

    def save(self) -> None:
        wanted = self.details()

        def job(session: Session, _progress: object) -> Organisation:
            return save_organisation(session, wanted)

        self.services.runner.submit(
            job,
            label=self.tr("Saving the organisation's details"),
            on_done=self._saved,
            on_error=lambda error: self.message.show_message(self.tr("Error: ") + str(error)),
        )

    def _saved(self, details: Organisation) -> None:
        show_toast(self, self.tr("Saved"))
        self.show_details(details)
        if details.missing:
            self.message.show_message(
                self.tr("Saved. Reports still need: {what}.").format(
                    what=self.tr(" and ").join(details.missing)
                )
            )
        else:
            self.message.show_message(self.tr("Saved. Reports will show these details."))
        self.saved.emit()
