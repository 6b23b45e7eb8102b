"""The "You said, we did" community report in the standard and large-print variants."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.styles import ParagraphStyle

from domain.plain_words import long_date, lower_first
from domain.report_content import Quote, ReportContent, ReportTheme, missing_for_reports
from domain.report_dates import report_back_date
from exporters.pdf.charts import bar_chart
from exporters.pdf.document import StoryBuilder
from exporters.pdf.fonts import BOLD
from exporters.pdf.logo import logo_figure
from exporters.pdf.privacy import select_quotes
from exporters.pdf.result import EmptyScopeError, LeftOutQuote, MissingOrganisationError
from exporters.pdf.wording import action_line, other_formats, period

#: The section of theme units; not the report's own title, so the two never read the same.
THEMES_HEADING = "What you told us and what we did"


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
    logo_figure(builder, content)
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


def _label(builder: StoryBuilder) -> ParagraphStyle:
    body = builder.styles.body
    return ParagraphStyle(
        f"{body.name}-label", parent=body, fontName=BOLD, spaceBefore=4, keepWithNext=1
    )


def we_asked_words(theme: ReportTheme) -> str:
    """ "At 3 sessions we asked about …" from the topics of the activities it came from."""
    if not theme.we_asked:
        return "People raised this with us without being asked."
    topics = [lower_first(t) for t in theme.we_asked]
    listed = topics[0] if len(topics) == 1 else ", ".join(topics[:-1]) + " and " + topics[-1]
    where = "At 1 session" if theme.sessions == 1 else f"At {theme.sessions} sessions"
    return f"{where} we asked people about {listed}."


def report_back_words(theme: ReportTheme, today: dt.date) -> str:
    """When we will next tell people about the theme, or when we did."""
    when = report_back_date(theme, today)
    if when is not None:
        return f"We will tell you more by {long_date(when)}."
    told = [a for a in theme.actions if a.fed_back_on is not None]
    if theme.actions and len(told) == len(theme.actions):
        last = max(told, key=lambda a: a.fed_back_on or today)
        assert last.fed_back_on is not None
        how = f" through {lower_first(last.fed_back_how.strip())}" if last.fed_back_how else ""
        return f"We told people about this on {long_date(last.fed_back_on)}{how}."
    return "We will tell you more at our next session."


def _quotes(builder: StoryBuilder, quotes: list[Quote]) -> None:
    s = builder.styles
    for quote in quotes:
        builder.paragraph(f"\u201c{quote.text.strip()}\u201d", s.quote)
        # Every quote ends with who said it, so two quotes never run into each other.
        speaker = quote.speaker.strip() or "Someone at one of our sessions"
        builder.paragraph(f"\u2014 {speaker}", s.speaker)


def theme_unit(
    builder: StoryBuilder, theme: ReportTheme, content: ReportContent
) -> list[LeftOutQuote]:
    """One theme: what we asked, what you said (quotes), what we did, when we report back."""
    today = content.made_on or dt.date.today()
    label = _label(builder)
    builder.heading(theme.title, 3)
    builder.paragraph("What we asked", label, keep_with_next=True)
    builder.paragraph(we_asked_words(theme))
    builder.paragraph("What you said", label, keep_with_next=True)
    builder.paragraph(theme.summary)
    shown, dropped = select_quotes(theme, content.max_quotes_per_theme)
    _quotes(builder, shown)
    builder.paragraph(
        "What we did" if theme.actions else "What we are doing", label, keep_with_next=True
    )
    if theme.actions:
        builder.bullet_list([action_line(a, today) for a in theme.actions])
    else:
        builder.paragraph("We are looking at what we can do about this. We have not decided yet.")
    builder.paragraph("When we will tell you more", label, keep_with_next=True)
    builder.paragraph(report_back_words(theme, today))
    return dropped


def you_said_we_did(builder: StoryBuilder, content: ReportContent) -> list[LeftOutQuote]:
    """Every theme as one unit, so a reader follows it from what they said to what changed."""
    left_out: list[LeftOutQuote] = []
    builder.section()
    builder.heading(THEMES_HEADING, 2)
    if not content.themes:
        builder.paragraph("No themes have been agreed for this period yet.")
    for theme in content.themes:
        left_out.extend(theme_unit(builder, theme, content))
    return left_out


def what_next(builder: StoryBuilder, content: ReportContent) -> None:
    """What happens next, with dates."""
    builder.section()
    builder.heading("What happens next", 2)
    if content.next_steps:
        builder.bullet_list(list(content.next_steps))
    else:
        builder.paragraph("We will keep listening and report back again.")


def contact_lines(content: ReportContent) -> list[str]:
    """ "Phone: 0113 …", one line per way to reach the organisation."""
    return [f"{how}: {details}" for how, details in content.contact.ways]


def contact(builder: StoryBuilder, content: ReportContent) -> None:
    """Other formats (Accessible Information Standard) and how to contact us: said once."""
    builder.section()
    builder.heading("Other formats and contact", 2)
    builder.paragraph(other_formats(content.contact))
    builder.paragraph(f"To ask, or to tell us what you think, contact {content.organisation}:")
    builder.bullet_list(contact_lines(content))


def check_organisation(content: ReportContent) -> None:
    """Refuse a report that cannot say who it is from or how to reach them."""
    missing = missing_for_reports(content.organisation, content.contact)
    if missing:
        raise MissingOrganisationError(missing)


def community_story(builder: StoryBuilder, content: ReportContent) -> list[LeftOutQuote]:
    """The whole standard / large-print story; returns quotes left out."""
    check_scope(content)
    check_organisation(content)
    cover(builder, content)
    who_we_heard_from(builder, content)
    left_out = you_said_we_did(builder, content)
    what_next(builder, content)
    contact(builder, content)
    return left_out
