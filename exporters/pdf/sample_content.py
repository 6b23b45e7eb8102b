"""Realistic sample report content, for previews, tests and the benchmark (no real people)."""

from __future__ import annotations

import datetime as dt

from domain.pictures import suggest_picture
from domain.report_content import (
    ActivitySummaryRow,
    ContactDetails,
    CoordinatorContent,
    GroupReachedRow,
    LateAction,
    OpenAction,
    PrincipleCoverageRow,
    Quote,
    ReportAction,
    ReportContent,
    ReportPeriod,
    ReportTheme,
    ThemeSentiment,
    ThemeWithoutAction,
)
from domain.vocabulary import ActionStatus

PERIOD = ReportPeriod(dt.date(2025, 4, 1), dt.date(2025, 6, 30), "Leeds North and East")

_THEMES = (
    (
        "Getting a GP appointment",
        "Many people told us it is hard to get through on the phone at 8am, and that online "
        "booking does not work for everyone.",
        "It is hard to get a GP appointment.\nThe phone line is busy in the morning.",
        (
            "I rang 40 times and by the time I got through there was nothing left.",
            "My mum doesn't use the internet, so the online form is no good to her.",
        ),
        (
            (
                "The practice added a call-back option so you keep your place in the queue.",
                ActionStatus.DONE,
                "",
                "Call-back is now on.\nYou keep your place in the queue.",
            ),
            (
                "Longer phone hours on Mondays.",
                ActionStatus.NOT_POSSIBLE,
                "The practice could not recruit extra reception staff this year.",
                "We asked for longer phone hours.\nThis was not possible this year.",
            ),
        ),
    ),
    (
        "Interpreters at appointments",
        "People who speak little English said interpreters were not always booked, so family "
        "members, sometimes children, had to translate.",
        "Interpreters were not always booked.\nChildren sometimes had to translate.",
        (
            "My son had to tell the doctor about my body. He is twelve.",
            "They said the interpreter was booked but nobody came.",
        ),
        (
            (
                "Reception staff were trained to book interpreters when the appointment is made.",
                ActionStatus.IN_PROGRESS,
                "",
                "Staff are learning to book interpreters.",
            ),
        ),
    ),
    (
        "Mental health support while waiting",
        "People waiting for talking therapies felt forgotten and did not know where to turn "
        "in a crisis.",
        "Waiting for mental health help is hard.\nPeople did not know where to get help.",
        ("Nobody rang me for five months. I didn't know if I was still on the list.",),
        (
            (
                "A monthly check-in call for everyone on the waiting list.",
                ActionStatus.PLANNED,
                "",
                "We will call people on the waiting list every month.",
            ),
        ),
    ),
)


def community_sample(*, repeat: int = 1) -> ReportContent:
    """A three-theme report; `repeat` multiplies the themes (for the ~100-page benchmark)."""
    themes: list[ReportTheme] = []
    for r in range(repeat):
        for t_index, (title, summary, easy, quotes, actions) in enumerate(_THEMES):
            suffix = f" ({r + 1})" if repeat > 1 else ""
            themes.append(
                ReportTheme(
                    theme_id=f"t{r}-{t_index}",
                    title=title + suffix,
                    summary=summary,
                    easy_read_summary=easy,
                    quotes=tuple(
                        Quote(f"n{r}-{t_index}-{q}", text, speaker, True, False, False)
                        for q, (text, speaker) in enumerate(
                            zip(
                                quotes,
                                ("Parent, LS8", "Carer, LS9", "Young person, LS14"),
                                strict=False,
                            )
                        )
                    ),
                    actions=tuple(
                        ReportAction(
                            action_id=f"a{r}-{t_index}-{a}",
                            what_we_did=what,
                            status=status,
                            not_possible_reason=reason,
                            owner="Primary care network",
                            due_on=dt.date(2025, 9, 30),
                            completed_on=dt.date(2025, 6, 2)
                            if status is ActionStatus.DONE
                            else None,
                            easy_read_summary=easy_action,
                        )
                        for a, (what, status, reason, easy_action) in enumerate(actions)
                    ),
                    we_asked=(title, "Health services in your area"),
                    sessions=3 + t_index,
                    report_back_on=dt.date(2025, 10, 15),
                    picture=suggest_picture(title, easy),
                )
            )
    return ReportContent(
        title="You said, we did: spring 2025",
        organisation="Leeds North Community Voices",
        period=PERIOD,
        intro=(
            "Between April and June 2025 we listened to people in Leeds North and East about "
            "health and care. This report tells you what you said, what we did about it, and "
            "what happens next."
        ),
        activities=(
            ActivitySummaryRow("Focus group", 6, 58),
            ActivitySummaryRow("Outreach stall", 9, 212),
            ActivitySummaryRow("Drop-in", 4, 47),
            ActivitySummaryRow("Interview", 12, 12),
        ),
        groups_reached=(
            GroupReachedRow("ethnic-minority", "Ethnic minority communities", 8, 96),
            GroupReachedRow("carers", "Unpaid carers", 5, 31),
            GroupReachedRow("homeless", "People experiencing homelessness", 2, None),
        ),
        themes=tuple(themes),
        next_steps=(
            "We will share this report with the practices and the mental health trust.",
            "We will come back in October to tell you how the actions are going.",
        ),
        contact=ContactDetails(
            phone="0113 496 0000",
            email="voices@example.org",
            post="Community Voices\n1 Example Street\nLeeds LS1 1AA",
            text_relay="18001 0113 496 0000",
        ),
        made_on=dt.date(2025, 7, 14),
    )


def coordinator_sample() -> CoordinatorContent:
    """Coordinator content matching community_sample."""
    labels = (
        "Voices at the centre",
        "Start early, feed back",
        "Understand needs",
        "Excluded groups",
        "Healthwatch and VCSE",
        "Clear public information",
        "Community development",
        "Co-production",
        "Tackle inequalities",
        "Learn and improve",
    )
    counts = ((5, 40), (3, 12), (7, 61), (6, 44), (4, 9), (0, 0), (2, 5), (0, 0), (5, 22), (1, 3))
    return CoordinatorContent(
        title="Coordinator report: spring 2025",
        organisation="Leeds North Community Voices",
        period=PERIOD,
        principles=tuple(
            PrincipleCoverageRow(i + 1, label, a, n)
            for i, (label, (a, n)) in enumerate(zip(labels, counts, strict=True))
        ),
        groups_reached=community_sample().groups_reached,
        groups_not_reached=(
            "Gypsy, Roma and Traveller communities",
            "People in contact with the justice system",
        ),
        themes_without_action=(ThemeWithoutAction("t9", "Parking at the hospital", 14),),
        actions_not_fed_back=(
            OpenAction(
                "a1",
                "Getting a GP appointment",
                "Call-back option added",
                dt.date(2025, 6, 2),
                "Primary care network",
            ),
        ),
        late_actions=(
            LateAction(
                "a2",
                "Mental health support while waiting",
                "A monthly check-in call for everyone on the waiting list.",
                dt.date(2025, 6, 1),
                "The trust is still recruiting the two support workers.",
                "Mental health trust",
            ),
        ),
        sentiment=(
            ThemeSentiment("t0", "Getting a GP appointment", 4, 30, 6, 2),
            ThemeSentiment("t1", "Interpreters at appointments", 2, 14, 3, 1),
            ThemeSentiment("t2", "Mental health support while waiting", 1, 19, 2, 0),
        ),
        notes_in_scope=196,
        activities_in_scope=31,
    )
