"""The "You said, we did" community report in the standard and large-print variants."""

from __future__ import annotations

from domain.report_content import ReportContent
from exporters.pdf.charts import bar_chart
from exporters.pdf.document import StoryBuilder
from exporters.pdf.privacy import select_quotes
from exporters.pdf.result import EmptyScopeError, LeftOutQuote
from exporters.pdf.wording import OTHER_FORMATS, action_line, period


def check_scope(content: ReportContent) -> None:
    """Refuse a scope with nothing in it rather than print an empty report."""
    if content.activity_count == 0 and not content.themes:
        where = content.period.description or "all activities"
        raise EmptyScopeError(
            f"Nothing to report for {where} from {period(content.period)}: no activities and no "
            "themes in this scope. Choose a wider period or other filters."
        )


def _frame_width(builder: StoryBuilder) -> float:
    from reportlab.lib.pagesizes import A4

    return float(A4[0] - 2 * builder.styles.margin)


def cover(builder: StoryBuilder, content: ReportContent) -> None:
    """Title, organisation, period and the plain-language introduction."""
    s = builder.styles
    builder.section()
    builder.heading(content.title, 1, style=s.title)
    builder.paragraph(content.organisation, s.lead)
    line = period(content.period)
    if content.period.description.strip():
        line = f"{content.period.description.strip()}: {line}"
    builder.paragraph(line, s.lead)
    for text in content.intro.split("\n\n"):
        if text.strip():
            builder.paragraph(text.strip())


def who_we_heard_from(builder: StoryBuilder, content: ReportContent) -> None:
    """Activities, people and groups reached: chart and table for each."""
    s = builder.styles
    width = _frame_width(builder)
    builder.section()
    builder.heading("Who we heard from", 2)
    builder.paragraph(
        f"We held {content.activity_count} activities and heard from "
        f"{content.people_reached} people."
    )
    if content.activities:
        rows = [(r.kind, r.people_reached) for r in content.activities]
        alt = (
            "Bar chart of people reached by kind of activity: "
            + "; ".join(f"{label} {value}" for label, value in rows)
            + ". The same numbers are in the table that follows."
        )
        builder.figure(bar_chart(rows, width=width, font_size=s.chart_font_size), alt)
        builder.table(
            ["Kind of activity", "Activities", "People reached"],
            [[r.kind, str(r.activities), str(r.people_reached)] for r in content.activities],
            col_widths=[width * 0.5, width * 0.22, width * 0.28],
        )
    if content.groups_reached:
        builder.heading("Groups we reached", 3)
        builder.table(
            ["Group", "Activities", "People"],
            [
                [g.label, str(g.activities), "not counted" if g.people is None else str(g.people)]
                for g in content.groups_reached
            ],
            col_widths=[width * 0.56, width * 0.2, width * 0.24],
        )


def you_said(builder: StoryBuilder, content: ReportContent) -> list[LeftOutQuote]:
    """Each theme with its summary and up to N quotes people agreed we could use."""
    s = builder.styles
    left_out: list[LeftOutQuote] = []
    builder.section()
    builder.heading("You said", 2)
    if not content.themes:
        builder.paragraph("No themes have been agreed for this period yet.")
    for theme in content.themes:
        builder.heading(theme.title, 3)
        builder.paragraph(theme.summary)
        shown, dropped = select_quotes(theme, content.max_quotes_per_theme)
        left_out.extend(dropped)
        for quote in shown:
            builder.paragraph(f"\u201c{quote.text.strip()}\u201d", s.quote)
            if quote.speaker.strip():
                builder.paragraph(f"\u2014 {quote.speaker.strip()}", s.speaker)
    return left_out


def we_did(builder: StoryBuilder, content: ReportContent) -> None:
    """Each theme's actions with their status, and the reason when something was not possible."""
    builder.section()
    builder.heading("We did", 2)
    any_action = False
    for theme in content.themes:
        if not theme.actions:
            continue
        any_action = True
        builder.heading(f"About: {theme.title}", 3)
        builder.bullet_list([action_line(a) for a in theme.actions])
    if not any_action:
        builder.paragraph(
            "We have not yet agreed actions on these themes. We will tell you when we do."
        )


def what_next(builder: StoryBuilder, content: ReportContent) -> None:
    """What happens next."""
    builder.section()
    builder.heading("What happens next", 2)
    if content.next_steps:
        builder.bullet_list(list(content.next_steps))
    else:
        builder.paragraph("We will keep listening and report back again.")


def contact(builder: StoryBuilder, content: ReportContent) -> None:
    """Other formats (Accessible Information Standard) and how to contact us."""
    builder.section()
    builder.heading("Other formats and contact", 2)
    builder.paragraph(OTHER_FORMATS)
    for line in content.contact.split("\n"):
        if line.strip():
            builder.paragraph(line.strip())


def community_story(builder: StoryBuilder, content: ReportContent) -> list[LeftOutQuote]:
    """The whole standard / large-print story; returns quotes left out."""
    check_scope(content)
    cover(builder, content)
    who_we_heard_from(builder, content)
    left_out = you_said(builder, content)
    we_did(builder, content)
    what_next(builder, content)
    contact(builder, content)
    return left_out
