"""The coordinator report: principles coverage, reach, open feedback loops and sentiment, each
chart followed by a table with the same numbers (its text alternative)."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4

from domain.report_content import CoordinatorContent, LateAction
from exporters.pdf.charts import bar_chart, stacked_chart
from exporters.pdf.document import StoryBuilder
from exporters.pdf.icons import AMBER, GREEN, INK, RED
from exporters.pdf.result import EmptyScopeError
from exporters.pdf.wording import long_date, period, with_full_stop


def _late_line(action: LateAction) -> str:
    reason = action.late_reason.strip()
    why = f" Why: {with_full_stop(reason)}" if reason else " No reason or new date recorded."
    owner = f" Who: {with_full_stop(action.owner)}" if action.owner.strip() else ""
    return (
        f"{action.theme_title}: {with_full_stop(action.what_we_did)} Was due "
        f"{long_date(action.due_on)}.{why}{owner}"
    )


def check_scope(content: CoordinatorContent) -> None:
    """Refuse a scope with nothing in it rather than print an empty report."""
    empty = (
        content.activities_in_scope == 0
        and content.notes_in_scope == 0
        and not any(p.activities or p.notes for p in content.principles)
        and not content.groups_reached
        and not content.sentiment
        and not content.themes_without_action
        and not content.actions_not_fed_back
        and not content.late_actions
    )
    if empty:
        where = content.period.description or "all activities"
        raise EmptyScopeError(
            f"Nothing to report for {where} from {period(content.period)}: no activities, notes "
            "or themes in this scope. Choose a wider period or other filters."
        )


def coordinator_story(builder: StoryBuilder, content: CoordinatorContent) -> None:
    """The whole coordinator story."""
    check_scope(content)
    width = float(A4[0] - 2 * builder.styles.margin)
    _cover(builder, content)
    _principles(builder, content, width)
    _groups(builder, content, width)
    _open_loops(builder, content, width)
    _sentiment(builder, content, width)


def _cover(builder: StoryBuilder, content: CoordinatorContent) -> None:
    s = builder.styles
    builder.section()
    builder.heading(content.title, 1, style=s.title)
    builder.paragraph(content.organisation, s.lead)
    line = period(content.period)
    if content.period.description.strip():
        line = f"{content.period.description.strip()}: {line}"
    builder.paragraph(line, s.lead)
    builder.paragraph(
        f"{content.activities_in_scope} activities and {content.notes_in_scope} notes are in "
        "this scope."
    )


def _principles(builder: StoryBuilder, content: CoordinatorContent, width: float) -> None:
    fs = builder.styles.chart_font_size
    builder.section()
    builder.heading("Principles coverage", 2)
    if content.principles:
        rows = [(f"{p.number}. {p.short_label}", p.notes) for p in content.principles]
        builder.figure(
            bar_chart(rows, width=width, font_size=fs),
            "Bar chart of notes per principle: "
            + "; ".join(f"principle {label} {value}" for label, value in rows)
            + ". The table that follows also gives activities per principle.",
        )
        builder.table(
            ["Principle", "Activities", "Notes"],
            [
                [f"{p.number}. {p.short_label}", str(p.activities), str(p.notes)]
                for p in content.principles
            ],
            col_widths=[width * 0.6, width * 0.2, width * 0.2],
        )
    builder.heading("Principles with no evidence", 3)
    missing = content.principles_without_evidence
    if missing:
        builder.bullet_list([f"{p.number}. {p.short_label}" for p in missing])
    else:
        builder.paragraph("Every principle has at least one activity or note in this scope.")


def _groups(builder: StoryBuilder, content: CoordinatorContent, width: float) -> None:
    fs = builder.styles.chart_font_size
    builder.section()
    builder.heading("Groups reached", 2)
    if content.groups_reached:
        rows = [(g.label, g.activities) for g in content.groups_reached]
        builder.figure(
            bar_chart(rows, width=width, font_size=fs),
            "Bar chart of activities per group reached: "
            + "; ".join(f"{label} {value}" for label, value in rows)
            + ". The same numbers are in the table that follows.",
        )
        builder.table(
            ["Group", "Activities", "People"],
            [
                [g.label, str(g.activities), "not counted" if g.people is None else str(g.people)]
                for g in content.groups_reached
            ],
            col_widths=[width * 0.56, width * 0.2, width * 0.24],
        )
    else:
        builder.paragraph("No activity in this scope recorded a group reached.")
    builder.heading("Groups not reached", 3)
    if content.groups_not_reached:
        builder.bullet_list(list(content.groups_not_reached))
    else:
        builder.paragraph("Every active group was reached at least once.")


def _open_loops(builder: StoryBuilder, content: CoordinatorContent, width: float) -> None:
    builder.section()
    builder.heading("Open feedback loops", 2)
    builder.heading("Themes with no action", 3)
    if content.themes_without_action:
        builder.table(
            ["Theme", "Notes"],
            [[t.title, str(t.notes)] for t in content.themes_without_action],
            col_widths=[width * 0.75, width * 0.25],
        )
    else:
        builder.paragraph("Every theme has at least one action.")
    builder.heading("Actions past their due date", 3)
    if content.late_actions:
        builder.bullet_list([_late_line(a) for a in content.late_actions])
    else:
        builder.paragraph("No planned or ongoing action is past its due date.")
    builder.heading("Actions finished but not yet fed back", 3)
    if content.actions_not_fed_back:
        items = []
        for a in content.actions_not_fed_back:
            done = f" Completed {long_date(a.completed_on)}." if a.completed_on else ""
            owner = f" Who: {with_full_stop(a.owner)}" if a.owner.strip() else ""
            items.append(f"{a.theme_title}: {with_full_stop(a.what_we_did)}{done}{owner}")
        builder.bullet_list(items)
    else:
        builder.paragraph("Every finished action has been fed back to people.")


def _sentiment(builder: StoryBuilder, content: CoordinatorContent, width: float) -> None:
    fs = builder.styles.chart_font_size
    builder.section()
    builder.heading("Sentiment by theme", 2)
    if content.sentiment:
        series = [("Positive", GREEN), ("Negative", RED), ("Mixed", AMBER), ("Neutral", INK)]
        rows_s = [
            (t.title, [t.positive, t.negative, t.mixed, t.neutral]) for t in content.sentiment
        ]
        builder.figure(
            stacked_chart(rows_s, series, width=width, font_size=fs),
            "Stacked bar chart of notes by sentiment for each theme: "
            + "; ".join(
                f"{t.title}: {t.positive} positive, {t.negative} negative, {t.mixed} mixed, "
                f"{t.neutral} neutral"
                for t in content.sentiment
            )
            + ". The same numbers are in the table that follows.",
        )
        builder.table(
            ["Theme", "Positive", "Negative", "Mixed", "Neutral", "Total"],
            [
                [
                    t.title,
                    str(t.positive),
                    str(t.negative),
                    str(t.mixed),
                    str(t.neutral),
                    str(t.total),
                ]
                for t in content.sentiment
            ],
            col_widths=[width * f for f in (0.27, 0.15, 0.16, 0.13, 0.15, 0.14)],
        )
    else:
        builder.paragraph("No notes in this scope are linked to a theme.")
