"""Hostile report content: markup, scripts, emoji, huge notes, long words."""

from __future__ import annotations

import dataclasses

from domain.report_content import Quote, ReportContent, ReportTheme
from exporters.pdf.sample_content import community_sample

MARKUP = (
    'Tom & Jerry <b>bold</b> <a href="http://evil.example">click</a> '
    "<font size=40>big</font> &amp; <br/> <para>"
)
EMOJI = "Great service 😀👍🏽❤️ thanks"
ARABIC = "الخدمة كانت جيدة"
URDU = "ڈاکٹر نے مدد کی"
BENGALI = "ডাক্তার খুব ভালো ছিলেন"
POLISH = "Zażółć gęślą jaźń — Łódź, Kraków"
LONG_WORD = "a" * 150 + "b" * 150
HUGE = ("This is a very long note about waiting times and repeated phone calls. " * 300)[:20000]

HOSTILE_TEXTS = (MARKUP, EMOJI, ARABIC, URDU, BENGALI, POLISH, LONG_WORD, HUGE)


def hostile_content() -> ReportContent:
    """The sample report with every hostile text as a consented quote, plus hostile titles."""
    base = community_sample()
    quotes = tuple(
        Quote(f"h{i}", text, "Resident <i>LS8</i> & co", True, False, False)
        for i, text in enumerate(HOSTILE_TEXTS)
    )
    theme = ReportTheme(
        theme_id="hostile",
        title="Markup <b>in</b> a title & more",
        summary=MARKUP,
        easy_read_summary="People wrote <b>tags</b> & symbols.\nWe show them as typed.",
        quotes=quotes,
        actions=base.themes[0].actions,
    )
    return dataclasses.replace(
        base,
        themes=(theme, *base.themes),
        max_quotes_per_theme=len(quotes),
        contact=dataclasses.replace(base.contact, post=base.contact.post + "\n" + MARKUP),
    )
