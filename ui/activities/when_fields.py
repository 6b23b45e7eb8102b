"""When an activity happens, typed as people write it ("3/12", "3 Dec", "today", "2pm").

Plain text boxes rather than spin-box date editors: those stepped through day, month and year
on Tab, dropped letters silently and let digits change the time. Each box says back what it
understood ("Thu 3 Dec 2026"); Alt+Down (or the Calendar button) opens a calendar on demand.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.errors import InvalidInput
from domain.typed_dates import (
    NotADate,
    parse_typed_date,
    parse_typed_time,
    say_date,
    say_time,
)


class WhenFields(QWidget):
    """The day, start time and optional end time. GUI thread only."""

    def __init__(self, starts: datetime, ends: datetime | None, parent: QWidget | None = None):
        super().__init__(parent)
        # An activity that ran past midnight (or over days) keeps its end that many days on.
        self.end_days_later = (ends.date() - starts.date()).days if ends else 0
        self.day = QLineEdit(say_date(starts.date()))
        self.day.setAccessibleName(self.tr("Date"))
        self.day.setAccessibleDescription(
            self.tr("Type it as you would write it: 3/12, 3 Dec or today. Alt+Down: a calendar.")
        )
        self.day.setPlaceholderText(self.tr("3/12, 3 Dec or today"))
        self.start = QLineEdit(say_time(starts.time()))
        self.start.setAccessibleName(self.tr("Starts at"))
        self.start.setPlaceholderText(self.tr("2pm or 14:00"))
        self.end = QLineEdit(say_time(ends.time()) if ends else "")
        self.end.setAccessibleName(self.tr("Ends at (optional)"))
        self.end.setPlaceholderText(self.tr("e.g. 4pm"))
        self.calendar_button = QPushButton(self.tr("Calendar…"))
        self.calendar_button.setAccessibleDescription(self.tr("Alt+Down in the date box"))
        self.understood = QLabel()
        self.understood.setWordWrap(True)
        self.understood.setAccessibleName(self.tr("Date and time understood"))
        self.calendar = QCalendarWidget()
        self.calendar.setWindowFlag(Qt.WindowType.Popup)
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName(self.tr("Choose the date"))
        at_label = QLabel(self.tr("from"))
        at_label.setBuddy(self.start)
        until_label = QLabel(self.tr("until"))
        until_label.setBuddy(self.end)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in (
            (self.day, 3),
            (self.calendar_button, 0),
            (at_label, 0),
            (self.start, 1),
            (until_label, 0),
            (self.end, 1),
        ):
            row.addWidget(widget, stretch)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.understood)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.day.installEventFilter(self)  # Alt+Down or F4: the calendar, as combo boxes do
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)
        for box in (self.day, self.start, self.end):
            box.textChanged.connect(self._say_back)
        self._say_back()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.day and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and (
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        try:
            shown = parse_typed_date(self.day.text(), today=date.today())
        except NotADate:
            shown = date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.move(self.day.mapToGlobal(self.day.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        self.day.setText(say_date(picked.toPython()))
        self.calendar.hide()
        self.day.setFocus()

    def _say_back(self) -> None:
        try:
            starts, ends = self.values()
        except InvalidInput as problem:
            self.understood.setText(problem.reason[:1].upper() + problem.reason[1:] + ".")
            return
        said = f"{say_date(starts.date())}, {say_time(starts.time())}"
        if ends is not None and ends.date() != starts.date():
            said += f" to {say_date(ends.date())}, {say_time(ends.time())}"
        elif ends is not None:
            said += f" to {say_time(ends.time())}"
        self.understood.setText(said)

    def values(self) -> tuple[datetime, datetime | None]:
        """Local start and end; raises InvalidInput naming the box at fault, in words."""
        try:
            day = parse_typed_date(self.day.text(), today=date.today())
        except NotADate as error:
            raise InvalidInput("starts_at", str(error)) from None
        try:
            starts = parse_typed_time(self.start.text())
        except NotADate as error:
            raise InvalidInput("starts_at", str(error)) from None
        ends: time | None = None
        if self.end.text().strip():
            try:
                ends = parse_typed_time(self.end.text())
            except NotADate as error:
                raise InvalidInput("ends_at", str(error)) from None
        start_at = datetime.combine(day, starts)
        if ends is None:
            return start_at, None
        end_at = datetime.combine(day + timedelta(days=self.end_days_later), ends)
        if end_at <= start_at:
            raise InvalidInput("ends_at", "the end time is not after the start time")
        return start_at, end_at
