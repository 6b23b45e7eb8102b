"""The coverage dashboard: groups reached and not, principles with and without evidence, open
feedback loops, sentiment by theme and activity over time. Each chart has its data as a table
beside it and a one-line summary that screen readers hear as its description."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import Changes
from domain.errors import DomainError
from domain.loop import Dashboard, dashboard
from ui.dashboard.bar_chart import BarChart
from ui.dashboard.chart_table_model import Cell, ChartTableModel
from ui.design.widgets import PageTitle, heading
from ui.pages import Navigator
from ui.selection_picker import (
    AREA,
    DATES,
    GROUPS,
    PRINCIPLES,
    SERVICES,
    THEMES,
    SelectionPicker,
    read_choices,
)
from ui.services import Services
from ui.widgets import MessageLine, scrolling


def _listing(items: Sequence[str], limit: int = 4) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


class ChartSection(QWidget):
    """A heading, a one-line summary, then the chart (if any) with its data table beside it."""

    def __init__(self, title: str, headers: Sequence[str], *, chart: bool = True) -> None:
        super().__init__()
        self.heading = heading(title, "subheading")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = BarChart(title) if chart else None
        self.model = ChartTableModel(headers)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("{title}: the data").format(title=title))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # the rows in view, not every row loaded
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.fontMetrics().height() * 8)
        row = QHBoxLayout()
        if self.chart is not None:
            row.addWidget(self.chart, 3)
        row.addWidget(self.table, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(row)

    def show_data(
        self,
        summary: str,
        rows: Sequence[Sequence[Cell]],
        series: Sequence[tuple[str, int]] = (),
    ) -> None:
        """`series` names the table columns the chart draws (stacked): (legend name, column)."""
        self.summary.setText(summary)
        self.table.setAccessibleDescription(summary)
        self.model.set_rows(rows)
        if self.chart is not None:
            self.chart.set_data(
                [str(r[0]) for r in rows],
                [(name, [int(r[column]) for r in rows]) for name, column in series],
                summary,
            )


class DashboardPage(QWidget):
    """GUI thread only. Figures are read in the background and refreshed after changes."""

    def __init__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
        self.services = services
        self.navigator = navigator
        self.today: Callable[[], date] = date.today
        self.board: Dashboard | None = None
        self._stale = True
        title = PageTitle(self.tr("Coverage dashboard"))
        self.message = MessageLine(self.tr("Dashboard status"))
        self.picker = SelectionPicker((DATES, AREA, GROUPS, THEMES, SERVICES, PRINCIPLES))
        self.date_from, self.date_to = self.picker.date_from, self.picker.date_to
        for edit in (self.date_from, self.date_to):
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("YYYY-MM-DD__"))
        self.refresh_button = QPushButton(self.tr("Sho&w"))
        scope = QHBoxLayout()
        scope.addWidget(self.picker, 1)
        scope.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)

        self.groups = ChartSection(
            self.tr("Groups reached"), [self.tr("Group"), self.tr("Activities")]
        )
        self.not_reached = ChartSection(
            self.tr("Groups not reached yet"), [self.tr("Group")], chart=False
        )
        self.principles = ChartSection(
            self.tr("Principles with evidence"),
            [self.tr("Principle"), self.tr("Activities"), self.tr("Notes")],
        )
        self.loops = ChartSection(
            self.tr("Open feedback loops"),
            [self.tr("Theme"), self.tr("What is open")],
            chart=False,
        )
        self.sentiment = ChartSection(
            self.tr("Sentiment by theme"),
            [
                self.tr("Theme"),
                self.tr("Positive"),
                self.tr("Negative"),
                self.tr("Mixed"),
                self.tr("Neutral"),
            ],
        )
        self.over_time = ChartSection(
            self.tr("Activity over time"),
            [self.tr("Month"), self.tr("Activities"), self.tr("Notes")],
        )
        self.sections = [
            self.groups,
            self.not_reached,
            self.principles,
            self.loops,
            self.sentiment,
            self.over_time,
        ]
        body = QWidget()
        column = QVBoxLayout(body)
        for section in self.sections:
            column.addWidget(section)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(scope)
        layout.addWidget(self.message)
        layout.addWidget(scrolling(body), 1)

        self.refresh_button.clicked.connect(self.refresh)
        self.picker.changed.connect(self.refresh)
        services.events.themes_did_change.connect(self._fill_choices)
        services.events.taxonomy_did_change.connect(self._fill_choices)
        services.events.themes_did_change.connect(self._changed)
        services.events.notes_did_change.connect(lambda _c: self._changed())
        services.events.activities_did_change.connect(lambda _c: self._changed())
        self.first_focus: QWidget = self.date_from
        self._fill_choices()

    def _fill_choices(self) -> None:
        self.picker.set_choices(self.services.read(read_choices))

    def page_shown(self) -> None:
        if self._stale:
            self.refresh()

    def _changed(self, _change: Changes | None = None) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh(self) -> None:
        try:
            selection = self.picker.selection()
        except DomainError as error:
            self.message.show_message(self.tr("Error: ") + str(error))
            return
        self._stale = False
        today = self.today()

        def job(session: Session, _progress: object) -> Dashboard:
            return dashboard(session, selection=selection, today=today)

        self.services.runner.submit(
            job,
            label=self.tr("Counting for the dashboard"),
            on_done=self.show_board,
            on_error=lambda error: self.message.show_message(self.tr("Error: ") + str(error)),
        )

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        self.message.clear_message()
        self._show_groups(board)
        self._show_principles_and_loops(board)
        self._show_sentiment(board)
        self._show_over_time(board)

    def _show_groups(self, board: Dashboard) -> None:
        reached = board.groups_reached
        self.groups.show_data(
            self.tr("{n} groups reached; most often: {top}.").format(
                n=len(reached), top=_listing([label for label, _n in reached], 3) or "none"
            ),
            [(label, n) for label, n in reached],
            [(self.tr("Activities"), 1)],
        )
        missing = board.groups_not_reached
        self.not_reached.show_data(
            self.tr("{n} groups in the taxonomy not reached yet: {names}.").format(
                n=len(missing), names=_listing(missing) or "none"
            )
            if missing
            else self.tr("Every group in the taxonomy has been reached."),
            [(label,) for label in missing],
        )

    def _show_principles_and_loops(self, board: Dashboard) -> None:
        evidenced = [p for p in board.principles if p[3]]
        self.principles.show_data(
            self.tr("Evidence for {n} of {total} principles; none yet for: {names}.").format(
                n=len(evidenced),
                total=len(board.principles),
                names=_listing(board.principles_without_evidence) or "none",
            ),
            [
                (f"{number}. {short}", activities, notes)
                for number, short, activities, notes in board.principles
            ],
            [(self.tr("Notes"), 2)],
        )
        loops: list[tuple[str, str]] = [
            (title, self.tr("No action yet")) for title in board.themes_without_action
        ]
        loops += [(flag.theme_title, flag.reason) for flag in board.actions_needing_attention]
        self.loops.show_data(
            self.tr("{t} themes without an action; {a} actions overdue or not fed back.").format(
                t=len(board.themes_without_action), a=len(board.actions_needing_attention)
            ),
            loops,
        )

    def _show_sentiment(self, board: Dashboard) -> None:
        sentiment = board.sentiment_by_theme
        most_negative = max(sentiment, key=lambda s: (s[2], -sum(s[1:])), default=None)
        self.sentiment.show_data(
            self.tr("{n} themes; the most negative notes: “{title}” ({neg} of {all}).").format(
                n=len(sentiment),
                title=most_negative[0],
                neg=most_negative[2],
                all=sum(most_negative[1:]),
            )
            if most_negative
            else self.tr("No themes in this period."),
            [tuple(row) for row in sentiment],
            [
                (self.tr("Positive"), 1),
                (self.tr("Negative"), 2),
                (self.tr("Mixed"), 3),
                (self.tr("Neutral"), 4),
            ],
        )

    def _show_over_time(self, board: Dashboard) -> None:
        months = board.activity_over_time
        busiest = max(months, key=lambda m: m.notes, default=None)
        self.over_time.show_data(
            self.tr(
                "{a} activities and {n} notes over {m} months; most notes in {busiest}."
            ).format(
                a=sum(m.activities for m in months),
                n=sum(m.notes for m in months),
                m=len(months),
                busiest=busiest.month if busiest else "none",
            ),
            [(m.month, m.activities, m.notes) for m in months],
            [(self.tr("Activities"), 1)],
        )
