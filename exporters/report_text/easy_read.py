"""The Easy Read variant of the community report: one idea per line, short sentences, a picture
on the left of each point that shows its subject. Built only from plain-language fields."""

from __future__ import annotations

import datetime as dt

from domain.pictures import (
    DEFAULT_PICTURE,
    PICTURE_CREDIT,
    action_picture,
    picture_shows,
    picture_svg,
)
from domain.plain_words import long_date, plural
from domain.report_content import ReportContent, ReportTheme
from domain.report_dates import is_late, report_back_date
from domain.vocabulary import ActionStatus
from exporters.report_text.blocks import Line, Point, ReportText, Role, SectionsBuilder, Table
from exporters.report_text.community import (
    THEMES_HEADING,
    check_organisation,
    check_scope,
    logo,
)
from exporters.report_text.links import contact_line
from exporters.report_text.quotes import select_quotes
from exporters.report_text.result import EasyReadContentError, LeftOutQuote
from exporters.report_text.wording import EASY_READ_MAX_WORDS, period, sentences, too_long

_DEFAULT_INTRO = (
    "This report tells you what people said to us.\n"
    "It tells you what we did about it.\n"
    "It tells you what happens next."
)
_STATUS = {
    ActionStatus.DONE: "We have done this.",
    ActionStatus.IN_PROGRESS: "We are doing this now.",
    ActionStatus.PLANNED: "We plan to do this.",
    ActionStatus.NOT_POSSIBLE: "We could not do this.",
}


def check_easy_read(content: ReportContent) -> None:
    """Refuse unless every theme and action has Easy Read text with short sentences.

    The error lists exactly which themes and actions lack it, so the worker can fix them all.
    """
    problems: list[str] = []

    def check(kind: str, name: str, text: str | None) -> None:
        if text is None or not text.strip():
            problems.append(f'{kind} "{name}" has no Easy Read summary')
            return
        for sentence in sentences(text):
            if too_long(sentence):
                problems.append(
                    f'{kind} "{name}": sentence longer than {EASY_READ_MAX_WORDS} words: '
                    f'"{sentence[:80]}"'
                )

    for theme in content.themes:
        check("Theme", theme.title, theme.easy_read_summary)
        for action in theme.actions:
            check("Action", action.what_we_did[:60], action.easy_read_summary)
    if content.easy_read_intro is not None:
        check("Introduction", "intro", content.easy_read_intro)
    for step in content.easy_read_next_steps or content.next_steps:
        check("Next step", step[:60], step)
    if problems:
        raise EasyReadContentError(problems)


def easy_read_title(theme: ReportTheme) -> str:
    """The theme's Easy Read heading: its own, else the first sentence of its summary."""
    if theme.easy_read_title.strip():
        return theme.easy_read_title.strip()
    first = sentences(theme.easy_read_summary or "") or [theme.title]
    return first[0].rstrip(".")


class _Points:
    """Adds picture points: one picture, a few short lines beside it."""

    def __init__(self, out: SectionsBuilder) -> None:
        self.out = out

    def __call__(self, code: str, lines: list[Line] | list[str]) -> None:
        # An unknown picture falls back to the speech bubble rather than failing a report.
        shown = code if picture_svg(code) is not None else DEFAULT_PICTURE
        self.out.add(Point(shown, f"Picture of {picture_shows(shown)}", tuple(lines)))


def _theme(point: _Points, theme: ReportTheme, today: dt.date) -> None:
    point.out.heading(easy_read_title(theme), 3)
    point(theme.picture, ["You told us:", *sentences(theme.easy_read_summary or "")])
    for action in theme.actions:
        lines = [*sentences(action.easy_read_summary or ""), _STATUS[action.status]]
        if is_late(action, today) and action.due_on is not None:
            lines.append(f"This is late. It was due on {long_date(action.due_on)}.")
        point(action_picture(action.status), lines)
    if not theme.actions:
        point("1F914", ["We have not decided what to do yet."])
    when = report_back_date(theme, today)
    if when is not None:
        point("1F4C5", [f"We will tell you more by {long_date(when)}."])


def _cover(out: SectionsBuilder, point: _Points, content: ReportContent) -> None:
    out.section()
    logo(out, content)
    out.heading(content.title, 1)
    out.paragraph(content.organisation, Role.LEAD)
    out.paragraph(f"From {period(content.period)}.", Role.LEAD)
    point("1F4C4", sentences(content.easy_read_intro or _DEFAULT_INTRO))
    out.section()
    out.heading("Who we heard from", 2)
    point(
        "1F465",
        [
            f"We held {plural(content.activity_count, 'meeting')} and events.",
            f"We heard from {plural(content.people_reached, 'person')}.",
        ],
    )
    if content.activities:
        out.add(
            Table(
                "Meetings and people",
                ("Kind of meeting", "How many", "People"),
                tuple(
                    (r.kind, str(r.activities), str(r.people_reached)) for r in content.activities
                ),
            )
        )


def _closing(point: _Points, content: ReportContent) -> None:
    """What happens next, other formats and contact: one idea, one picture each."""
    out = point.out
    out.section()
    out.heading("What happens next", 2)
    for step in content.easy_read_next_steps or content.next_steps:
        # A step with a date gets the calendar; the others the arrow of "next".
        point("1F4C5" if any(c.isdigit() for c in step) else "27A1", sentences(step))
    out.section()
    out.heading("Other formats and contact", 2)
    point("1F4D6", ["You can ask for this report in another way."])
    point("1F50D", ["We can make it bigger."])
    point("1F5E3", ["We can put it in another language."])
    point("1F9CF", ["We can get a British Sign Language interpreter."])
    contact = content.contact
    ways = (
        ("260E", "Phone us:", "Phone", contact.phone),
        ("1F4F1", "Text relay:", "Text relay", contact.text_relay),
        ("1F4E7", "Email us:", "Email", contact.email),
        ("2709", "Write to us:", "Post", contact.post),
    )
    for code, lead, how, details in ways:
        lines = [contact_line("", how, line.strip()) for line in details.splitlines()]
        lines = [line for line in lines if str(line)]
        if lines:
            point(code, [lead, *lines])
    out.paragraph(PICTURE_CREDIT, Role.NOTE)


def easy_read_text(content: ReportContent) -> ReportText:
    """The whole Easy Read report as text blocks; quotes are not shown in Easy Read, but the
    same privacy rules run so what is left out is the same across variants."""
    check_scope(content)
    check_organisation(content)
    check_easy_read(content)
    today = content.made_on or dt.date.today()
    out = SectionsBuilder()
    point = _Points(out)
    _cover(out, point, content)
    left_out: list[LeftOutQuote] = []
    out.section()
    out.heading(THEMES_HEADING, 2)
    for theme in content.themes:
        left_out.extend(select_quotes(theme, content.max_quotes_per_theme)[1])
        _theme(point, theme, today)
    _closing(point, content)
    return ReportText(content.title, content.language, "easy-read", out.sections(), tuple(left_out))
