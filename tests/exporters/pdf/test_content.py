"""Text fidelity, reading order, privacy rules and content errors."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest

from domain.report_content import Quote, ReportPeriod
from exporters.pdf import (
    EasyReadContentError,
    EmptyScopeError,
    ReportCancelled,
    build_community_report,
    build_coordinator_report,
)
from exporters.pdf.sample_content import community_sample, coordinator_sample
from exporters.pdf.wording import action_line
from exporters.report_text.community import THEMES_HEADING, we_asked_words
from tests.exporters.pdf.conftest import Built
from tests.exporters.pdf.hostile import HOSTILE_TEXTS, MARKUP

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squash(text: str) -> str:
    """Drop whitespace and the bidi marks pdftotext adds around RTL runs."""
    return re.sub(r"\s+", "", _BIDI_CONTROLS.sub("", text))


def without_pagination(text: str, title: str) -> str:
    """pdftotext keeps artifacts; drop the running head and page numbers between pages."""
    lines = text.splitlines()
    return "\n".join(
        line for line in lines if not re.fullmatch(r"\f?(Page \d+|" + re.escape(title) + ")", line)
    )


@pytest.mark.parametrize("variant", ["standard", "large-print"])
@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=lambda t: t[:12])
def test_hostile_text_extracts_exactly(built: Built, variant: str, text: str) -> None:
    title = community_sample().title
    extracted = squash(without_pagination(pdftotext(built.path(f"hostile-{variant}")), title))
    assert squash(text) in extracted


def test_markup_is_shown_not_interpreted(built: Built) -> None:
    text = pdftotext(built.path("hostile-standard"))
    assert "Markup <b>in</b> a title & more" in text
    assert '<a href="http://evil.example">click</a>' in text
    assert "&amp;" in text
    assert "Resident <i>LS8</i> & co" in text


def test_reading_order_follows_the_content(built: Built) -> None:
    content = community_sample()
    expected = [
        content.title,
        content.organisation,
        content.intro,
        "Who we heard from",
        "Kind of activity",
        *[row.kind for row in content.activities],
        "Groups we reached",
        *[g.label for g in content.groups_reached],
        THEMES_HEADING,
    ]
    today = content.made_on
    for theme in content.themes:
        expected += [theme.title, "What we asked", we_asked_words(theme)]
        expected += ["What you said", theme.summary]
        for quote in theme.quotes:
            expected += [f"\u201c{quote.text}\u201d", f"\u2014 {quote.speaker}"]
        expected += ["What we did", *[action_line(a, today) for a in theme.actions]]
        expected += ["When we will tell you more"]
    expected += ["What happens next", *content.next_steps, "Other formats and contact"]
    expected += [f"{how}: {text}" for how, text in content.contact.ways]
    raw = pdftotext(built.path("sample-standard"))
    first, _, rest = raw.partition(content.title)  # keep the cover title, drop running heads
    flat = " ".join((first + content.title + without_pagination(rest, content.title)).split())
    position = 0
    for item in expected:
        needle = " ".join(item.split())
        found = flat.find(needle, position)
        assert found >= 0, (
            f"{needle!r} missing or out of order after {flat[position : position + 80]!r}"
        )
        position = found + len(needle)


def test_quotes_without_consent_safeguarding_or_identifiers_are_left_out(tmp_path: Path) -> None:
    base = community_sample()
    theme = base.themes[0]
    risky = (
        Quote("q-ok", "Shown because consented.", "Parent", True, False, False),
        Quote("q-noconsent", "SECRET no consent text", "Parent", False, False, False),
        Quote("q-safe", "SECRET safeguarding text", "Parent", True, True, False),
        Quote("q-ids", "SECRET call me on 07700 900123", "Parent", True, False, True),
    )
    content = dataclasses.replace(
        base, themes=(dataclasses.replace(theme, quotes=risky), *base.themes[1:])
    )
    for variant in ("standard", "large-print", "easy-read"):
        result = build_community_report(content, variant, tmp_path / f"{variant}.pdf")
        reasons = {(q.note_id, q.reason) for q in result.left_out_quotes}
        assert reasons == {
            ("q-noconsent", "no consent to quote"),
            ("q-safe", "safeguarding"),
            ("q-ids", "personal identifiers"),
        }
        text = pdftotext(result.path)
        assert "SECRET" not in text
        if variant != "easy-read":
            assert "Shown because consented." in text


def test_quote_limit_per_theme(tmp_path: Path) -> None:
    base = community_sample()
    quotes = tuple(Quote(f"q{i}", f"Quote number {i}.", "", True, False, False) for i in range(6))
    content = dataclasses.replace(
        base,
        themes=(dataclasses.replace(base.themes[0], quotes=quotes),),
        max_quotes_per_theme=2,
    )
    text = pdftotext(build_community_report(content, "standard", tmp_path / "q.pdf").path)
    assert "Quote number 1." in text and "Quote number 2." not in text


def test_empty_scope_raises_and_writes_nothing(tmp_path: Path) -> None:
    empty = dataclasses.replace(community_sample(), activities=(), themes=(), groups_reached=())
    for variant in ("standard", "large-print", "easy-read"):
        with pytest.raises(EmptyScopeError, match="Nothing to report"):
            build_community_report(empty, variant, tmp_path / "empty.pdf")
    coord = dataclasses.replace(
        coordinator_sample(),
        principles=(),
        groups_reached=(),
        sentiment=(),
        themes_without_action=(),
        actions_not_fed_back=(),
        late_actions=(),
        notes_in_scope=0,
        activities_in_scope=0,
        period=ReportPeriod(
            coordinator_sample().period.period_start, coordinator_sample().period.period_end
        ),
    )
    with pytest.raises(EmptyScopeError):
        build_coordinator_report(coord, tmp_path / "empty.pdf")
    assert list(tmp_path.iterdir()) == []


def test_easy_read_lists_every_theme_and_action_missing_text(tmp_path: Path) -> None:
    base = community_sample()
    t0, t1, t2 = base.themes
    t0 = dataclasses.replace(t0, easy_read_summary=None)
    a = dataclasses.replace(t1.actions[0], easy_read_summary="  ")
    t1 = dataclasses.replace(t1, actions=(a,))
    t2 = dataclasses.replace(
        t2,
        easy_read_summary="This sentence has far more than fifteen words in it so it is "
        "too long for Easy Read readers.",
    )
    content = dataclasses.replace(base, themes=(t0, t1, t2))
    with pytest.raises(EasyReadContentError) as info:
        build_community_report(content, "easy-read", tmp_path / "er.pdf")
    problems = info.value.problems
    assert len(problems) == 3
    assert f'Theme "{t0.title}" has no Easy Read summary' in problems
    assert f'Action "{a.what_we_did[:60]}" has no Easy Read summary' in problems
    assert any(p.startswith(f'Theme "{t2.title}": sentence longer than 15 words') for p in problems)
    assert not (tmp_path / "er.pdf").exists()
    # the standard variant does not need Easy Read text
    build_community_report(content, "standard", tmp_path / "ok.pdf")


class _Progress:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.calls: list[tuple[int, int, str]] = []
        self.cancel_after = cancel_after

    def report(self, done: int, total: int, label: str) -> None:
        self.calls.append((done, total, label))

    @property
    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.calls) >= self.cancel_after


def test_progress_is_reported_and_cancel_writes_nothing(tmp_path: Path) -> None:
    progress = _Progress()
    build_community_report(community_sample(repeat=3), "standard", tmp_path / "a.pdf", progress)
    done = [d for d, _t, _l in progress.calls]
    assert done == sorted(done) and done[-1] == progress.calls[-1][1]
    cancelling = _Progress(cancel_after=2)
    with pytest.raises(ReportCancelled):
        build_community_report(
            community_sample(repeat=3), "standard", tmp_path / "b.pdf", cancelling
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_unknown_variant_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown variant"):
        build_community_report(community_sample(), "tiny-print", tmp_path / "x.pdf")  # type: ignore[arg-type]


def test_hostile_result_reports_no_font_problems(built: Built) -> None:
    assert built.results["hostile-standard"].warnings == ()
    assert MARKUP
