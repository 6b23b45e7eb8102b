"""The activity form: dates and times typed as people write them, postcodes, plain messages."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from domain.activities import get_activity
from domain.errors import FIELD_LABELS
from tests.ui.conftest import wait_idle
from ui.activities.activity_form import ActivityForm
from ui.display import local
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
# An internal name: a snake_case word, or any key of the domain's field table in its raw form.
INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _new_form(qtbot: QtBot, window: MainWindow) -> ActivityForm:
    page = window.show_page("activities")
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    form = page.form
    assert isinstance(form, ActivityForm) and form.isVisible()
    return form


def _retype(qtbot: QtBot, box, text: str) -> None:  # type: ignore[no-untyped-def]
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClicks(box, text)


def test_dates_and_times_are_typed_as_people_write_them(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    form = _new_form(qtbot, window)
    qtbot.keyClicks(form.title_edit, "Coffee morning")
    when = form.when
    # Tab moves from box to box whole (never through day, month, year, hour and minute).
    chain, widget = [], form.kind.nextInFocusChain()
    while len(chain) < 4:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == [when.day, when.calendar_button, when.start, when.end]
    _retype(qtbot, when.day, "3 Dec")
    _retype(qtbot, when.start, "2pm")
    _retype(qtbot, when.end, "4:30pm")
    year = date.today().year
    assert when.understood.text() == f"{date(year, 12, 3):%a} 3 Dec {year}, 14:00 to 16:30"
    _retype(qtbot, when.day, "3/12")
    assert when.understood.text().startswith(f"{date(year, 12, 3):%a} 3 Dec")
    _retype(qtbot, when.day, "today")
    assert when.understood.text().startswith(f"{date.today():%a} {date.today().day} ")
    form.save()
    wait_idle(qtbot, window)
    assert not form.isVisible()
    capture = window.pages["capture"]
    saved = window.services.read(lambda s: get_activity(s, activity_id=capture.activity.id))
    starts = local(saved.starts_at)
    assert (starts.date(), starts.hour, starts.minute) == (date.today(), 14, 0)
    assert saved.ends_at is not None and local(saved.ends_at) - starts == timedelta(hours=2.5)


def test_the_calendar_opens_on_demand_and_fills_the_date(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    form = _new_form(qtbot, sample_window)
    when = form.when
    _retype(qtbot, when.day, "3/12")
    qtbot.keyClick(when.day, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert when.calendar.isVisible()
    assert when.calendar.selectedDate().toPython() == date(date.today().year, 12, 3)
    days = when.calendar.findChild(QTableView)  # the grid of days takes the keys
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert not when.calendar.isVisible()
    assert when.day.text() == f"{date(date.today().year, 12, 4):%a} 4 Dec {date.today().year}"


@pytest.mark.parametrize(
    ("box", "typed", "said"),
    [
        ("day", "next week", "is not a date we can read"),
        ("day", "31/2", "is not a real date"),
        ("start", "half two", "is not a time we can read"),
        ("end", "9am", "the end time is not after the start time"),
    ],
)
def test_unreadable_dates_and_times_are_named_in_words(
    qtbot: QtBot, sample_window: MainWindow, box: str, typed: str, said: str
) -> None:
    form = _new_form(qtbot, sample_window)
    qtbot.keyClicks(form.title_edit, "Stall")
    _retype(qtbot, form.when.start, "10am")
    _retype(qtbot, getattr(form.when, box), typed)
    form.save()
    wait_idle(qtbot, sample_window)
    assert form.isVisible() and said in form.message.text()


def test_no_validation_message_shows_an_internal_field_name(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    form = _new_form(qtbot, window)
    messages = []
    attempts = [
        lambda: _retype(qtbot, form.title_edit, "   "),  # no title
        lambda: _retype(qtbot, form.title_edit, "Stall"),
        lambda: _retype(qtbot, form.when.day, "someday"),
        lambda: _retype(qtbot, form.when.day, "today"),
        lambda: _retype(qtbot, form.when.start, "25:00"),
        lambda: _retype(qtbot, form.when.start, "10am"),
        lambda: _retype(qtbot, form.when.end, "9am"),
        lambda: _retype(qtbot, form.when.end, ""),
        lambda: _retype(qtbot, form.postcode, "12345678"),
        lambda: _retype(qtbot, form.postcode, "LS8"),
        lambda: form.groups.item(0, 0).setCheckState(Qt.CheckState.Checked),
        lambda: form.groups.item(0, 1).setText("a dozen"),
    ]
    for attempt in attempts:
        attempt()
        form.save()
        wait_idle(qtbot, window)
        if form.message.text():
            messages.append(form.message.text())
    assert len(messages) >= 6
    for message in messages:
        assert message.startswith("Error: ") or "first half" in message
        assert not INTERNAL.search(message), message
        assert not any(f"{key}:" in message for key in FIELD_LABELS if "_" in key), message


def test_an_edited_activity_keeps_its_date_and_times(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = window.show_page("activities")
    activity_id = page.selected_activity_id()
    before = window.services.read(lambda s: get_activity(s, activity_id=activity_id))
    page.edit_selected()
    form = page.form
    assert isinstance(form, ActivityForm)
    starts, ends = form.when.values()
    assert starts == local(before.starts_at)
    assert before.ends_at is not None and ends == local(before.ends_at)


def test_an_end_on_a_later_day_is_kept_when_editing(qtbot: QtBot) -> None:
    from datetime import datetime

    from ui.activities.when_fields import WhenFields

    starts, ends = datetime(2026, 6, 5, 22, 0), datetime(2026, 6, 6, 2, 0)  # a night shelter
    when = WhenFields(starts, ends)
    qtbot.addWidget(when)
    assert when.values() == (starts, ends)
    assert when.understood.text() == "Fri 5 Jun 2026, 22:00 to Sat 6 Jun 2026, 02:00"
    _retype(qtbot, when.day, "12/6/2026")  # moved a week: the end moves with it
    assert when.values() == (datetime(2026, 6, 12, 22, 0), datetime(2026, 6, 13, 2, 0))
