"""The "You said, we did" community report as text blocks, in the standard and large-print
variants (the same words; only the type size differs)."""

from __future__ import annotations

import datetime as dt

from domain.plain_words import long_date, lower_first
from domain.report_content import (
    GroupReachedRow,
    ReportContent,
    ReportTheme,
    missing_for_reports,
)
from domain.report_dates import report_back_date
from exporters.report_text.blocks import (
    Chart,
    Line,
    Logo,
    QuoteBlock,
    ReportText,
    Role,
    SectionsBuilder,
    Table,
)
from exporters.report_text.links import contact_line
from exporters.report_text.quotes import select_quotes
from exporters.report_text.result import EmptyScopeError, LeftOutQuote, MissingOrganisationError
from exporters.report_text.wording import action_line, other_formats, period

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


def check_organisation(content: ReportContent) -> None:
    """Refuse a report that cannot say who it is from or how to reach them."""
    missing = missing_for_reports(content.organisation, content.contact)
    if missing:
        raise MissingOrganisationError(missing)


def logo(out: SectionsBuilder, content: ReportContent) -> None:
    """The organisation's logo, when it has one."""
    if content.contact.logo:
        out.add(Logo(content.contact.logo, f"Logo of {content.organisation}"))


def cover(out: SectionsBuilder, content: ReportContent) -> None:
    """Title, organisation, period and the plain-language introduction."""
    out.section()
    logo(out, content)
    out.heading(content.title, 1)
    out.paragraph(content.organisation, Role.LEAD)
    line = period(content.period)
    if content.period.description.strip():
        line = f"{content.period.description.strip()}: {line}"
    out.paragraph(line, Role.LEAD)
    for text in content.intro.split("\n\n"):
        if text.strip():
            out.paragraph(text.strip())


def groups_table(groups: tuple[GroupReachedRow, ...]) -> Table:
    """Activities and people per excluded group reached."""
    return Table(
        "Groups we reached: activities and people",
        ("Group", "Activities", "People"),
        tuple(
            (g.label, str(g.activities), "not counted" if g.people is None else str(g.people))
            for g in groups
        ),
        (0.56, 0.2, 0.24),
    )


def who_we_heard_from(out: SectionsBuilder, content: ReportContent) -> None:
    """Activities, people and groups reached: chart and table for each."""
    out.section()
    out.heading("Who we heard from", 2)
    out.paragraph(
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
        out.add(
            Chart(
                "People reached by kind of activity",
                alt,
                tuple((label, (value,)) for label, value in rows),
            )
        )
        out.add(
            Table(
                "Activities and people reached, by kind of activity",
                ("Kind of activity", "Activities", "People reached"),
                tuple(
                    (r.kind, str(r.activities), str(r.people_reached)) for r in content.activities
                ),
                (0.5, 0.22, 0.28),
            )
        )
    if content.groups_reached:
        out.heading("Groups we reached", 3)
        out.add(groups_table(content.groups_reached))


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


def theme_unit(
    out: SectionsBuilder, theme: ReportTheme, content: ReportContent
) -> list[LeftOutQuote]:
    """One theme: what we asked, what you said (quotes), what we did, when we report back."""
    today = content.made_on or dt.date.today()
    out.heading(theme.title, 3)
    out.paragraph("What we asked", Role.LABEL)
    out.paragraph(we_asked_words(theme))
    out.paragraph("What you said", Role.LABEL)
    out.paragraph(theme.summary)
    shown, dropped = select_quotes(theme, content.max_quotes_per_theme)
    for quote in shown:
        # Every quote ends with who said it, so two quotes never run into each other.
        out.add(
            QuoteBlock(
                quote.text.strip(), quote.speaker.strip() or "Someone at one of our sessions"
            )
        )
    out.paragraph("What we did" if theme.actions else "What we are doing", Role.LABEL)
    if theme.actions:
        out.bullets([action_line(a, today) for a in theme.actions])
    else:
        out.paragraph("We are looking at what we can do about this. We have not decided yet.")
    out.paragraph("When we will tell you more", Role.LABEL)
    out.paragraph(report_back_words(theme, today))
    return dropped


def you_said_we_did(out: SectionsBuilder, content: ReportContent) -> list[LeftOutQuote]:
    """Every theme as one unit, so a reader follows it from what they said to what changed."""
    left_out: list[LeftOutQuote] = []
    out.section()
    out.heading(THEMES_HEADING, 2)
    if not content.themes:
        out.paragraph("No themes have been agreed for this period yet.")
    for theme in content.themes:
        left_out.extend(theme_unit(out, theme, content))
    return left_out


def what_next(out: SectionsBuilder, content: ReportContent) -> None:
    """What happens next, with dates."""
    out.section()
    out.heading("What happens next", 2)
    if content.next_steps:
        out.bullets(list(content.next_steps))
    else:
        out.paragraph("We will keep listening and report back again.")


def contact_lines(content: ReportContent) -> list[Line]:
    """ "Phone: 0113 …", one line per way to reach the organisation (numbers and addresses as
    links)."""
    return [contact_line(f"{how}: ", how, details) for how, details in content.contact.ways]


def contact(out: SectionsBuilder, content: ReportContent) -> None:
    """Other formats (Accessible Information Standard) and how to contact us: said once."""
    out.section()
    out.heading("Other formats and contact", 2)
    out.paragraph(other_formats(content.contact))
    out.paragraph(f"To ask, or to tell us what you think, contact {content.organisation}:")
    out.bullets(contact_lines(content))


def community_text(content: ReportContent, variant: str = "standard") -> ReportText:
    """The whole standard / large-print report as text blocks (quotes left out included)."""
    check_scope(content)
    check_organisation(content)
    out = SectionsBuilder()
    cover(out, content)
    who_we_heard_from(out, content)
    left_out = you_said_we_did(out, content)
    what_next(out, content)
    contact(out, content)
    return ReportText(content.title, content.language, variant, out.sections(), tuple(left_out))
