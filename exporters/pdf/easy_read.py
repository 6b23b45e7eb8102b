"""The Easy Read variant of the community report: one idea per line, short sentences, a picture
on the left of each point. Built only from plain-language `easy_read_summary` fields."""

from __future__ import annotations

from collections.abc import Callable

from domain.report_content import ReportContent
from domain.vocabulary import ActionStatus
from exporters.pdf.community import check_scope
from exporters.pdf.document import StoryBuilder
from exporters.pdf.icons import icon
from exporters.pdf.privacy import select_quotes
from exporters.pdf.result import EasyReadContentError, LeftOutQuote
from exporters.pdf.wording import EASY_READ_MAX_WORDS, period, sentences, too_long

_DEFAULT_INTRO = (
    "This report tells you what people said to us.\n"
    "It tells you what we did about it.\n"
    "It tells you what happens next."
)
_STATUS = {
    ActionStatus.DONE: ("tick", "We have done this."),
    ActionStatus.IN_PROGRESS: ("clock", "We are doing this now."),
    ActionStatus.PLANNED: ("clock", "We plan to do this."),
    ActionStatus.NOT_POSSIBLE: ("cross", "We could not do this."),
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


def easy_read_story(builder: StoryBuilder, content: ReportContent) -> list[LeftOutQuote]:
    """The whole Easy Read story; returns quotes left out (quotes are not shown in Easy Read,
    but the same privacy rules run so the result is the same across variants)."""
    check_scope(content)
    check_easy_read(content)
    s = builder.styles
    size = s.icon_size

    def point(name: str, lines: list[str]) -> None:
        drawing, alt = icon(name, size)
        builder.picture_point(drawing, alt, lines)

    builder.section()
    builder.heading(content.title, 1, style=s.title)
    builder.paragraph(content.organisation, s.lead)
    builder.paragraph(f"From {period(content.period)}.", s.lead)
    point("document", sentences(content.easy_read_intro or _DEFAULT_INTRO))

    builder.section()
    builder.heading("Who we heard from", 2)
    point(
        "people",
        [
            f"We held {content.activity_count} meetings and events.",
            f"We heard from {content.people_reached} people.",
        ],
    )
    if content.activities:
        builder.table(
            ["Kind of meeting", "How many", "People"],
            [[r.kind, str(r.activities), str(r.people_reached)] for r in content.activities],
        )

    left_out: list[LeftOutQuote] = []
    builder.section()
    builder.heading("You said", 2)
    for theme in content.themes:
        _shown, dropped = select_quotes(theme, content.max_quotes_per_theme)
        left_out.extend(dropped)
        builder.heading(theme.title, 3)
        point("speech", sentences(theme.easy_read_summary or ""))

    builder.section()
    builder.heading("We did", 2)
    for theme in content.themes:
        if not theme.actions:
            continue
        builder.heading(f"About: {theme.title}", 3)
        for action in theme.actions:
            name, status_line = _STATUS[action.status]
            point(name, [*sentences(action.easy_read_summary or ""), status_line])

    builder.section()
    builder.heading("What happens next", 2)
    steps = list(content.easy_read_next_steps or content.next_steps)
    point("arrow", [s_ for step in steps for s_ in sentences(step)] or ["We will tell you more."])

    contact_point(builder, point)
    contact_lines(builder, content)
    return left_out


def contact_point(builder: StoryBuilder, point: Callable[[str, list[str]], None]) -> None:
    """Other formats, in Easy Read words."""
    builder.section()
    builder.heading("Other formats and contact", 2)
    point(
        "phone",
        [
            "You can ask for this report in another way.",
            "We can make it bigger.",
            "We can put it in another language.",
            "We can get a British Sign Language interpreter.",
            "Tell us what you need.",
        ],
    )


def contact_lines(builder: StoryBuilder, content: ReportContent) -> None:
    """The organisation's contact details, one per line."""
    for line in content.contact.split("\n"):
        if line.strip():
            builder.paragraph(line.strip())
