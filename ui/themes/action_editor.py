"""The form for one action ("we did"): what, status (a reason when not possible), owner, dates,
decision forum, and when and how it was fed back."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.views import ActionView
from domain.vocabulary import ActionStatus
from ui.design.widgets import text_box
from ui.themes.action_table_model import status_word
from ui.widgets import MessageLine

DATE_FIELDS = ("due_on", "completed_on", "fed_back_on")


class BadField(ValueError):
    """A field typed wrongly; `widget` is where to put the focus."""

    def __init__(self, widget: QWidget, message: str) -> None:
        super().__init__(message)
        self.widget = widget


class ActionEditor(QWidget):
    """Edits one action, or a new one (action_id None). GUI thread only.

    It never writes: `save_requested(action_id or "", values)` goes to the page, which queues it.
    """

    save_requested = Signal(str, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action_id: str | None = None
        self.what = text_box(3)
        self.easy_read = text_box(2)
        self.status = QComboBox()
        for status in ActionStatus:
            self.status.addItem(status_word(status), status)
        self.reason = QLineEdit()
        self.owner = QLineEdit()
        self.due = QLineEdit()
        self.completed = QLineEdit()
        self.forum = QLineEdit()
        self.fed_back_on = QLineEdit()
        self.fed_back_how = QLineEdit()
        self.late_reason = QLineEdit()
        self.late_reason.setPlaceholderText(
            self.tr("If it is past its due date: why, and the new date. Reports print this.")
        )
        for edit in (self.due, self.completed, self.fed_back_on):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
            edit.setMaxLength(10)
        self.fed_back_how.setPlaceholderText(self.tr("e.g. newsletter, drop-in, letter"))
        self.message = MessageLine(self.tr("Action status"))
        self.save_button = QPushButton(self.tr("&Save action"))
        self.done_button = QPushButton(self.tr("Mar&k done"))
        self.fed_back_button = QPushButton(self.tr("Mark fed &back"))

        # Short fields in pairs, so the whole form fits beside the list on a laptop screen.
        form = QGridLayout()
        rows: list[tuple[tuple[str, QWidget], ...]] = [
            ((self.tr("&What we did:"), self.what),),
            ((self.tr("Easy &Read version:"), self.easy_read),),
            ((self.tr("St&atus:"), self.status), (self.tr("Why not possible:"), self.reason)),
            ((self.tr("&Owner:"), self.owner), (self.tr("Decided at (forum):"), self.forum)),
            ((self.tr("&Due on:"), self.due), (self.tr("Completed on:"), self.completed)),
            ((self.tr("Late: why, and the ne&xt date:"), self.late_reason),),
            (
                (self.tr("Fed back on:"), self.fed_back_on),
                (self.tr("Fed back &how:"), self.fed_back_how),
            ),
        ]
        for row, pairs in enumerate(rows):
            for number, (text, field) in enumerate(pairs):
                label = QLabel(text)
                label.setBuddy(field)
                form.addWidget(label, row, number * 2)
                span = 3 if len(pairs) == 1 else 1
                form.addWidget(field, row, number * 2 + 1, 1, span)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.done_button, self.fed_back_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.save_button.clicked.connect(lambda: self.save())
        self.done_button.clicked.connect(lambda: self.mark_done())
        self.fed_back_button.clicked.connect(lambda: self.mark_fed_back())
        self.show_action(None)

    # ----- showing ------------------------------------------------------------------------

    def show_action(self, action: ActionView | None) -> None:
        """Fill the form with an action, or empty it for a new one."""
        self.action_id = action.id if action else None
        self.what.setPlainText(action.what_we_did if action else "")
        self.easy_read.setPlainText(action.easy_read_summary if action else "")
        self.status.setCurrentIndex(self.status.findData(action.status if action else "planned"))
        self.reason.setText(action.not_possible_reason if action else "")
        self.owner.setText(action.owner if action else "")
        self.forum.setText(action.decision_forum if action else "")
        self.fed_back_how.setText(action.fed_back_how if action else "")
        self.late_reason.setText(action.late_reason if action else "")
        for edit, value in (
            (self.due, action.due_on if action else None),
            (self.completed, action.completed_on if action else None),
            (self.fed_back_on, action.fed_back_on if action else None),
        ):
            edit.setText(value.isoformat() if value else "")
        self.done_button.setEnabled(action is not None)
        self.fed_back_button.setEnabled(action is not None)
        self.message.clear_message()
        self._status_changed()

    def _status_changed(self) -> None:
        self.reason.setEnabled(self.status.currentData() == ActionStatus.NOT_POSSIBLE)

    # ----- reading the form ---------------------------------------------------------------

    def _date(self, edit: QLineEdit, name: str) -> date | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise BadField(
                edit,
                self.tr("{name}: {text!r} is not a date: use YYYY-MM-DD").format(
                    name=name, text=text
                ),
            ) from None

    def values(self) -> dict[str, Any]:
        """The form as domain fields; raises BadField naming the field typed wrongly."""
        if not self.what.toPlainText().strip():
            raise BadField(self.what, self.tr("What we did: say what was done or decided."))
        status = self.status.currentData()
        if status == ActionStatus.NOT_POSSIBLE and not self.reason.text().strip():
            raise BadField(
                self.reason, self.tr("Why not possible: people are owed a reason. Say why.")
            )
        return {
            "what_we_did": self.what.toPlainText().strip(),
            "easy_read_summary": self.easy_read.toPlainText().strip(),
            "status": status,
            "not_possible_reason": self.reason.text().strip()
            if status == ActionStatus.NOT_POSSIBLE
            else "",
            "owner": self.owner.text().strip(),
            "due_on": self._date(self.due, self.tr("Due on")),
            "completed_on": self._date(self.completed, self.tr("Completed on")),
            "decision_forum": self.forum.text().strip(),
            "fed_back_on": self._date(self.fed_back_on, self.tr("Fed back on")),
            "fed_back_how": self.fed_back_how.text().strip(),
            "late_reason": self.late_reason.text().strip(),
        }

    def show_error(self, text: str) -> None:
        self.message.show_message(self.tr("Error: ") + text)

    def save(self) -> None:
        try:
            values = self.values()
        except BadField as error:
            self.show_error(str(error))
            error.widget.setFocus()
            return
        self.message.clear_message()
        self.save_requested.emit(self.action_id or "", values)

    def mark_done(self, *, today: date | None = None) -> None:
        """Done, completed today unless a completion date is already typed; then save."""
        self.status.setCurrentIndex(self.status.findData("done"))
        if not self.completed.text().strip():
            self.completed.setText((today or date.today()).isoformat())
        self.save()

    def mark_fed_back(self, *, today: date | None = None) -> None:
        """Fed back today unless a date is typed; how it was fed back must be said."""
        if not self.fed_back_how.text().strip():
            self.show_error(self.tr("Fed back how: say how people were told (e.g. newsletter)."))
            self.fed_back_how.setFocus()
            return
        if not self.fed_back_on.text().strip():
            self.fed_back_on.setText((today or date.today()).isoformat())
        self.save()
