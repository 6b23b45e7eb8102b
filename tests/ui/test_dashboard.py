"""The dashboard: its tables hold exactly the domain's counts for the sample data, each chart
has a table and a summary, and the screen passes the accessibility walk."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from domain.loop import dashboard
from domain.selection import Selection
from domain.themes import create_action, list_themes
from models.entities import Action, Activity, Note, NotePrinciple, Theme
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import wait_idle
from ui.dashboard.dashboard_page import DashboardPage
from ui.main_window import MainWindow

TODAY = date(2026, 11, 1)


def _dashboard(qtbot: QtBot, window: MainWindow) -> DashboardPage:
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    page.today = lambda: TODAY
    window.show_page("dashboard")
    wait_idle(qtbot, window)
    assert page.board is not None
    return page


def test_dashboard_figures_equal_the_domain_counts(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = _dashboard(qtbot, window)
    with window.services.store.session() as session:
        board = dashboard(session, selection=Selection(), today=TODAY)
        activities = session.scalar(
            select(func.count()).select_from(Activity).where(Activity.deleted_at.is_(None))
        )
        notes = session.scalar(
            select(func.count()).select_from(Note).where(Note.deleted_at.is_(None))
        )
        per_principle = Counter(
            session.scalars(
                select(NotePrinciple.principle_number)
                .join(Note, Note.id == NotePrinciple.note_id)
                .where(Note.deleted_at.is_(None))
            )
        )
        themes = session.scalar(
            select(func.count()).select_from(Theme).where(Theme.deleted_at.is_(None))
        )
        with_actions = session.scalar(
            select(func.count(func.distinct(Action.theme_id))).where(Action.deleted_at.is_(None))
        )
    # Activity over time adds up to every activity and note in the store.
    assert sum(page.over_time.model.column(1)) == activities == 6
    assert sum(page.over_time.model.column(2)) == notes == 48
    # Notes per principle, straight from the tag table.
    assert page.principles.model.column(2) == [per_principle[n] for n in range(1, 11)]
    # Groups reached / not reached, loops and sentiment: the domain's figures, row for row.
    assert page.groups.model.rows == list(board.groups_reached)
    assert page.not_reached.model.column(0) == list(board.groups_not_reached)
    assert [r for r in page.sentiment.model.rows] == list(board.sentiment_by_theme)
    assert sum(sum(r[1:]) for r in page.sentiment.model.rows) == sum(
        sum(s[1:]) for s in board.sentiment_by_theme
    )
    open_themes = [r for r in page.loops.model.rows if r[1] == "No action yet"]
    assert len(open_themes) == themes - with_actions > 0
    # The chart draws what the table says, and says it in one line.
    assert page.over_time.chart.totals() == page.over_time.model.column(1)
    assert page.sentiment.chart.totals() == [sum(r[1:]) for r in page.sentiment.model.rows]
    assert page.over_time.chart.accessibleDescription().startswith("6 activities and 48 notes")
    assert page.loops.summary.text().startswith(f"{len(open_themes)} themes without an action")


def test_every_chart_has_a_summary_and_a_table(qtbot: QtBot, sample_window: MainWindow) -> None:
    page = _dashboard(qtbot, sample_window)
    for section in page.sections:
        assert section.summary.text()
        assert section.table.accessibleName().endswith(": the data")
        assert section.table.accessibleDescription() == section.summary.text()
        if section.chart is not None:
            assert section.chart.accessibleDescription() == section.summary.text()
            assert section.chart.accessibleName()
    pixels = page.grab()
    assert not pixels.isNull()


def test_a_narrower_period_and_a_bad_date(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = _dashboard(qtbot, window)
    first_month = page.over_time.model.rows[0][0]
    page.date_from.setText(f"{first_month}-01")
    page.date_to.setText(f"{first_month}-28")
    page.refresh_button.click()
    wait_idle(qtbot, window)
    assert [r[0] for r in page.over_time.model.rows] == [first_month]
    page.date_to.setText("tomorrow")
    page.refresh()
    assert "To: 'tomorrow' is not a date" in page.message.text()


def test_dashboard_refreshes_after_a_change(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = _dashboard(qtbot, window)

    def waiting() -> list[str]:
        return [str(r[0]) for r in page.loops.model.rows if r[1] == "No action yet"]

    before = waiting()
    with window.services.store.session() as session:
        theme = next(t for t in list_themes(session) if t.title == before[0])
        create_action(session, theme_id=theme.id, what_we_did="Raised it at the board")
    window.services.events.themes_did_change.emit()  # as the Themes page does after a write
    wait_idle(qtbot, window)
    assert waiting() == before[1:]
    assert page.loops.summary.text().startswith(f"{len(before) - 1} themes without an action")


def test_dashboard_passes_the_accessibility_walk_and_qtmodeltester(
    qtbot: QtBot, qtmodeltester, sample_window: MainWindow
) -> None:
    page = _dashboard(qtbot, sample_window)
    assert_accessible(sample_window)
    for section in page.sections:
        qtmodeltester.check(section.model)
