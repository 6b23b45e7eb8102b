"""The coordinator report: principles coverage, reach, open feedback loops and sentiment, each
chart followed by a table with the same numbers (its text alternative)."""

from __future__ import annotations

from domain.report_content import CoordinatorContent, LateAction
from exporters.report_text.blocks import Chart, ReportText, Role, SectionsBuilder, Table
from exporters.report_text.community import groups_table
from exporters.report_text.result import EmptyScopeError
from exporters.report_text.wording import long_date, period, with_full_stop

#: The stacked chart's series, in the order of each row's values.
SENTIMENT_SERIES = ("Positive", "Negative", "Mixed", "Neutral")


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


def coordinator_text(content: CoordinatorContent) -> ReportText:
    """The whole coordinator report as text blocks."""
    check_scope(content)
    out = SectionsBuilder()
    _cover(out, content)
    _principles(out, content)
    _groups(out, content)
    _open_loops(out, content)
    _sentiment(out, content)
    return ReportText(content.title, content.language, "coordinator", out.sections())


def _cover(out: SectionsBuilder, content: CoordinatorContent) -> None:
    out.section()
    out.heading(content.title, 1)
    out.paragraph(content.organisation, Role.LEAD)
    line = period(content.period)
    if content.period.description.strip():
        line = f"{content.period.description.strip()}: {line}"
    out.paragraph(line, Role.LEAD)
    out.paragraph(
        f"{content.activities_in_scope} activities and {content.notes_in_scope} notes are in "
        "this scope."
    )


def _principles(out: SectionsBuilder, content: CoordinatorContent) -> None:
    out.section()
    out.heading("Principles coverage", 2)
    if content.principles:
        rows = [(f"{p.number}. {p.short_label}", p.notes) for p in content.principles]
        out.add(
            Chart(
                "Notes per principle",
                "Bar chart of notes per principle: "
                + "; ".join(f"principle {label} {value}" for label, value in rows)
                + ". The table that follows also gives activities per principle.",
                tuple((label, (value,)) for label, value in rows),
            )
        )
        out.add(
            Table(
                "Activities and notes per principle",
                ("Principle", "Activities", "Notes"),
                tuple(
                    (f"{p.number}. {p.short_label}", str(p.activities), str(p.notes))
                    for p in content.principles
                ),
                (0.6, 0.2, 0.2),
            )
        )
    out.heading("Principles with no evidence", 3)
    missing = content.principles_without_evidence
    if missing:
        out.bullets([f"{p.number}. {p.short_label}" for p in missing])
    else:
        out.paragraph("Every principle has at least one activity or note in this scope.")


def _groups(out: SectionsBuilder, content: CoordinatorContent) -> None:
    out.section()
    out.heading("Groups reached", 2)
    if content.groups_reached:
        rows = [(g.label, g.activities) for g in content.groups_reached]
        out.add(
            Chart(
                "Activities per group reached",
                "Bar chart of activities per group reached: "
                + "; ".join(f"{label} {value}" for label, value in rows)
                + ". The same numbers are in the table that follows.",
                tuple((label, (value,)) for label, value in rows),
            )
        )
        out.add(groups_table(content.groups_reached))
    else:
        out.paragraph("No activity in this scope recorded a group reached.")
    out.heading("Groups not reached", 3)
    if content.groups_not_reached:
        out.bullets(list(content.groups_not_reached))
    else:
        out.paragraph("Every active group was reached at least once.")


def _open_loops(out: SectionsBuilder, content: CoordinatorContent) -> None:
    out.section()
    out.heading("Open feedback loops", 2)
    out.heading("Themes with no action", 3)
    if content.themes_without_action:
        out.add(
            Table(
                "Themes with no action and their notes",
                ("Theme", "Notes"),
                tuple((t.title, str(t.notes)) for t in content.themes_without_action),
                (0.75, 0.25),
            )
        )
    else:
        out.paragraph("Every theme has at least one action.")
    out.heading("Actions past their due date", 3)
    if content.late_actions:
        out.bullets([_late_line(a) for a in content.late_actions])
    else:
        out.paragraph("No planned or ongoing action is past its due date.")
    out.heading("Actions finished but not yet fed back", 3)
    if content.actions_not_fed_back:
        items = []
        for a in content.actions_not_fed_back:
            done = f" Completed {long_date(a.completed_on)}." if a.completed_on else ""
            owner = f" Who: {with_full_stop(a.owner)}" if a.owner.strip() else ""
            items.append(f"{a.theme_title}: {with_full_stop(a.what_we_did)}{done}{owner}")
        out.bullets(items)
    else:
        out.paragraph("Every finished action has been fed back to people.")


def _sentiment(out: SectionsBuilder, content: CoordinatorContent) -> None:
    out.section()
    out.heading("Sentiment by theme", 2)
    if not content.sentiment:
        out.paragraph("No notes in this scope are linked to a theme.")
        return
    out.add(
        Chart(
            "Notes by sentiment for each theme",
            "Stacked bar chart of notes by sentiment for each theme: "
            + "; ".join(
                f"{t.title}: {t.positive} positive, {t.negative} negative, {t.mixed} mixed, "
                f"{t.neutral} neutral"
                for t in content.sentiment
            )
            + ". The same numbers are in the table that follows.",
            tuple(
                (t.title, (t.positive, t.negative, t.mixed, t.neutral)) for t in content.sentiment
            ),
            SENTIMENT_SERIES,
        )
    )
    out.add(
        Table(
            "Notes by sentiment for each theme",
            ("Theme", "Positive", "Negative", "Mixed", "Neutral", "Total"),
            tuple(
                (
                    t.title,
                    str(t.positive),
                    str(t.negative),
                    str(t.mixed),
                    str(t.neutral),
                    str(t.total),
                )
                for t in content.sentiment
            ),
            (0.27, 0.15, 0.16, 0.13, 0.15, 0.14),
        )
    )
