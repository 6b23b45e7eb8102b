"""What reports say, read as the person who receives them: who from, themes as units, dates,
late actions, attributions, and Easy Read pictures and headings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from domain.pictures import PICTURE_CREDIT, picture_shows
from domain.report_content import ActionStatus, ContactDetails
from exporters.pdf import MissingOrganisationError, build_community_report
from exporters.pdf.sample_content import community_sample, coordinator_sample
from exporters.pdf.verapdf import VeraPdfUnavailable, validate
from exporters.report_text.easy_read import easy_read_title
from tests.exporters.pdf.conftest import ALL_KEYS, Built
from tests.exporters.pdf.test_content import pdftotext
from tests.exporters.pdf.test_structure import _elements

SAMPLE_KEYS = [k for k in ALL_KEYS if k.startswith("sample")]


def _flat(path: Path) -> str:
    return " ".join(pdftotext(path).split())


@pytest.mark.parametrize("variant", ["standard", "large-print", "easy-read"])
@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"organisation": ""}, "the organisation's name"),
        ({"contact": ContactDetails(text_relay="18001 0113 496 0000")}, "a way to contact you"),
    ],
)
def test_a_report_without_who_it_is_from_is_refused_naming_what_is_missing(
    tmp_path: Path, variant: str, change: dict[str, object], missing: str
) -> None:
    content = dataclasses.replace(community_sample(), **change)  # type: ignore[arg-type]
    out = tmp_path / "r.pdf"
    with pytest.raises(MissingOrganisationError, match=missing):
        build_community_report(content, variant, out)  # type: ignore[arg-type]
    assert not out.exists()


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_no_double_full_stops_padded_dates_or_our_team(built: Built, key: str) -> None:
    text = _flat(built.path(key))
    assert ".." not in text
    assert not re.search(
        r"\b0\d (January|February|March|April|May|June|July|August|"
        r"September|October|November|December)",
        text,
    )
    assert "our team" not in text
    assert "Ask the person who ran your session" not in text


@pytest.mark.parametrize("variant", ["standard", "large-print"])
def test_contact_details_and_other_formats_are_said_once(built: Built, variant: str) -> None:
    text = _flat(built.path(f"sample-{variant}"))
    contact = community_sample().contact
    for how, details in contact.ways:
        assert text.count(f"{how}: {details}") == 1
    assert text.count("You can ask for this report in") == 1


def test_each_theme_reads_as_one_unit_in_order(built: Built) -> None:
    text = _flat(built.path("sample-standard"))
    for theme in community_sample().themes:
        start = text.index(theme.title + " What we asked")
        unit = text[start:]
        heads = ("What we asked", "What you said", "What we did", "When we will tell you more")
        order = [unit.index(h) for h in heads]
        assert order == sorted(order)
        assert "We will tell you more by 15 October 2025." in unit


def test_every_quote_is_followed_by_who_said_it(tmp_path: Path) -> None:
    base = community_sample()
    theme = base.themes[0]
    unattributed = tuple(dataclasses.replace(q, speaker="") for q in theme.quotes)
    content = dataclasses.replace(
        base, themes=(dataclasses.replace(theme, quotes=unattributed), *base.themes[1:])
    )
    out = tmp_path / "q.pdf"
    build_community_report(content, "standard", out)
    text = _flat(out)
    for quote in unattributed:
        assert f"\u201c{quote.text}\u201d \u2014 Someone at one of our sessions" in text


def test_late_actions_say_so_with_the_reason_or_a_promise_of_a_new_date(tmp_path: Path) -> None:
    base = community_sample()
    later = dataclasses.replace(base, made_on=dt.date(2025, 12, 2))
    theme = later.themes[1]
    (action,) = theme.actions
    assert action.status is ActionStatus.IN_PROGRESS
    with_reason = dataclasses.replace(action, late_reason="Training moved to January")
    content = dataclasses.replace(
        later,
        themes=(
            later.themes[0],
            dataclasses.replace(theme, actions=(with_reason,)),
            *later.themes[2:],
        ),
    )
    out = tmp_path / "late.pdf"
    build_community_report(content, "standard", out)
    text = _flat(out)
    assert "This is late: it was due 30 September 2025. Why: Training moved to January." in text
    assert (
        "This is late: it was due 30 September 2025. We are sorry. We will give you a new "
        "date." in text
    )  # the planned action of the third theme has no reason recorded
    assert "Due 30 September 2025" not in text


def test_the_coordinator_lists_late_actions_among_open_loops(built: Built) -> None:
    text = _flat(built.path("sample-coordinator"))
    (late,) = coordinator_sample().late_actions
    loops = text[text.index("Open feedback loops") : text.index("Sentiment by theme")]
    assert "Actions past their due date" in loops
    assert f"{late.what_we_did} Was due 1 June 2025. Why: {late.late_reason}" in loops


def _figure_alts(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [str(e.get("/Alt")) for e in _elements(pdf) if e.S == "/Figure"]


def test_easy_read_pictures_show_each_themes_subject(built: Built) -> None:
    alts = _figure_alts(built.path("sample-easy-read"))
    themes = community_sample().themes
    wanted = [f"Picture of {picture_shows(t.picture)}" for t in themes]
    assert len(set(wanted)) == len(themes), "themes with different subjects, different pictures"
    for alt in wanted:
        assert alt in alts
    assert "Picture of a doctor" in wanted  # "Getting a GP appointment"


def test_easy_read_uses_easy_read_headings_and_credits_the_pictures(built: Built) -> None:
    text = _flat(built.path("sample-easy-read"))
    for theme in community_sample().themes:
        assert easy_read_title(theme) in text
        assert theme.title not in text
    assert "About:" not in text
    assert " ".join(PICTURE_CREDIT.split()) in text
    # The closing ideas each have their own picture.
    alts = _figure_alts(built.path("sample-easy-read"))
    for shows in ("a magnifying glass", "a deaf person signing", "a telephone", "a letter"):
        assert f"Picture of {shows}" in alts


@pytest.mark.parametrize(("fmt", "mode"), [("PNG", "RGBA"), ("JPEG", "RGB")])
def test_a_logo_is_a_figure_with_alt_text_and_passes_pdf_ua(
    tmp_path: Path, fmt: str, mode: str
) -> None:
    buffer = io.BytesIO()
    Image.new(mode, (240, 80), "#003087").save(buffer, fmt)
    base = community_sample()
    content = dataclasses.replace(
        base, contact=dataclasses.replace(base.contact, logo=buffer.getvalue())
    )
    paths = []
    for variant in ("standard", "easy-read"):
        out = tmp_path / f"{variant}.pdf"
        build_community_report(content, variant, out)  # type: ignore[arg-type]
        assert f"Logo of {base.organisation}" in _figure_alts(out)
        paths.append(out)
    try:
        reports = validate(paths)
    except VeraPdfUnavailable as missing:
        if os.environ.get("LISTENING_POST_REQUIRE_VERAPDF"):
            raise
        pytest.skip(f"veraPDF unavailable: {missing}")
    for report in reports:
        assert report.compliant and not report.failed, report
