"""The Reports page: readiness before generating, every variant generated in the background and
saved as a valid tagged PDF (veraPDF once over all four), preview, print, cancel."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pikepdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from domain.activities import create_activity
from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.organisation import organisation
from domain.themes import create_theme, list_themes, update_theme
from exporters.pdf.verapdf import VeraPdfUnavailable, validate
from models.database import Store
from tests.exporters.pdf.test_structure import _elements
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import WindowFactory, wait_idle
from ui.main_window import MainWindow
from ui.reports.reports_page import ReportsPage


def _reports_page(qtbot: QtBot, window: MainWindow) -> ReportsPage:
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    wait_idle(qtbot, window)
    return page


def _readiness(page: ReportsPage) -> list[str]:
    return [page.readiness_list.item(i).text() for i in range(page.readiness_list.count())]


def _generate(qtbot: QtBot, window: MainWindow, page: ReportsPage) -> None:
    assert page.generate_button.isEnabled()
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert not page.generate_button.isEnabled()  # one report at a time
    # A PDF, its page images and the web page: slow on a busy machine, so wait for the runner.
    qtbot.waitUntil(window.services.runner.is_idle, timeout=180_000)
    wait_idle(qtbot, window)


def test_every_variant_from_the_reports_page_is_a_valid_tagged_pdf(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path
) -> None:
    window = sample_window
    page = _reports_page(qtbot, window)
    saved: list[Path] = []
    page.choose_save_path = lambda _parent, suggested: str(tmp_path / suggested)
    for variant in ("standard", "large-print", "easy-read", "coordinator"):
        page.variant.setCurrentIndex(page.variant.findData(variant))
        wait_idle(qtbot, window)
        _generate(qtbot, window, page)
        made = page.made
        assert made is not None and made.request.variant == variant
        assert page.message.text().startswith("Report made: ")
        assert len(page.preview.pages) == made.result.pages > 0
        assert page.preview.pages[0].accessibleName() == f"Page 1 of {made.result.pages}"
        page.save_button.click()
        assert "Saved to" in page.message.text()
        saved.append(Path(page.message.text().removeprefix("Saved to ").removesuffix(".")))
    assert [p.name.split("-20")[0] for p in saved] == [
        "report-standard",
        "report-large-print",
        "report-easy-read",
        "report-coordinator",
    ]
    for path in saved:
        with pikepdf.open(path) as pdf:
            assert bool(pdf.Root.MarkInfo.Marked) is True
            assert "/StructTreeRoot" in pdf.Root
            assert len(pdf.pages) > 0
    try:
        reports = validate(saved)  # one JVM for all four
    except VeraPdfUnavailable as missing:
        if os.environ.get("LISTENING_POST_REQUIRE_VERAPDF"):
            raise
        pytest.skip(f"veraPDF unavailable: {missing}")
    for report in reports:
        assert report.checks > 1000 and not report.error, report.error
        assert report.failed == [], "\n".join(str(f) for f in report.failed)


def test_easy_read_waits_for_missing_summaries_and_says_which(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    with window.services.store.session() as session:
        theme = list_themes(session)[0]
        update_theme(session, theme_id=theme.id, easy_read_summary="")
    window.services.events.themes_did_change.emit()
    page = _reports_page(qtbot, window)
    page.variant.setCurrentIndex(page.variant.findData("easy-read"))
    wait_idle(qtbot, window)
    lines = _readiness(page)
    assert f"Missing: the Easy Read summary of the theme “{theme.title}”." in lines
    assert any(line.startswith("Left out: ") and "no consent" in line for line in lines)
    assert not page.generate_button.isEnabled()
    page.variant.setCurrentIndex(page.variant.findData("standard"))
    wait_idle(qtbot, window)
    assert page.generate_button.isEnabled()
    assert not any(line.startswith("Missing") for line in _readiness(page))


def test_a_bad_date_or_an_empty_scope_is_named_and_nothing_is_made(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = _reports_page(qtbot, window)
    page.date_from.setText("1st May")
    page.check_readiness()
    assert "From: '1st May' is not a date" in _readiness(page)[0]
    assert not page.generate_button.isEnabled()
    page.date_from.setText("2001-01-01")
    page.date_to.setText("2001-12-31")
    page.check_readiness()
    wait_idle(qtbot, window)
    assert "no activities match this scope" in _readiness(page)[0]
    page.generate()
    wait_idle(qtbot, window)
    assert "no activities match this scope" in page.message.text()
    assert page.made is None and not page.save_button.isEnabled()


def test_cancelling_leaves_no_report(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = _reports_page(qtbot, window)
    page.variant.setCurrentIndex(page.variant.findData("large-print"))
    wait_idle(qtbot, window)
    page.generate()
    assert page.cancel_button.isVisible()
    page.cancel_button.click()  # before the worker even starts: the flag is seen at once
    wait_idle(qtbot, window)
    assert page.message.text() == "Cancelled: no report was made."
    assert page.made is None and page.generate_button.isEnabled()
    assert not page.cancel_button.isVisible()


def test_print_sends_every_page_to_the_printer(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path
) -> None:
    window = sample_window
    page = _reports_page(qtbot, window)
    _generate(qtbot, window, page)
    out = tmp_path / "printed.pdf"

    def accept(printer: QPrinter, _parent: object) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a file, not a real printer
        printer.setOutputFileName(str(out))
        return True

    page.ask_print = accept
    page.print_dpi = 40  # the same path, smaller images: quick to paint into the test's file
    page.print_button.click()
    wait_idle(qtbot, window)
    pages = page.made.result.pages
    assert page.message.text() == f"Sent {pages} pages to the printer."
    with pikepdf.open(out) as printed:
        assert len(printed.pages) == pages


def test_reports_page_passes_the_accessibility_walk(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    page = _reports_page(qtbot, sample_window)
    assert_accessible(sample_window)
    _generate(qtbot, sample_window, page)
    # The runner's progress window took activation while it was up; give it back, as a
    # window manager would.
    sample_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert page.save_button.isEnabled() and page.print_button.isEnabled()
    assert_accessible(sample_window)


def test_reports_wait_for_who_they_are_from_and_the_details_are_saved(
    qtbot: QtBot, make_window: WindowFactory, empty_store: Store, tmp_path: Path
) -> None:
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 5, 5, 10)
        )
        note = create_note(
            session, activity_id=activity.id, fields=NoteFields(kind="quote", body="More buses")
        )
        create_theme(session, title="Buses", note_ids=[note.id])
    window = make_window(store=empty_store)
    page = _reports_page(qtbot, window)
    qtbot.waitUntil(lambda: len(_readiness(page)) > 1)
    lines = _readiness(page)
    assert "Missing: the organisation's name, under “Who the report is from”." in lines
    assert not page.generate_button.isEnabled()

    panel = page.organisation
    logo = tmp_path / "logo.png"
    image = QImage(80, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#003087"))
    assert image.save(str(logo))
    panel.choose_logo = lambda _parent: str(logo)
    qtbot.keyClicks(panel.name, "Voices of Leeds")
    qtbot.keyClicks(panel.email, "not-an-address")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "email" in panel.message.text() and "does not look like" in panel.message.text()
    assert not window.services.read(organisation).name  # nothing changed

    panel.email.clear()
    qtbot.keyClicks(panel.phone, "0113 496 0000")
    panel.logo_button.click()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "Saved" in panel.message.text()
    stored = window.services.read(organisation)
    assert stored.name == "Voices of Leeds" and stored.contact.phone == "0113 496 0000"
    assert stored.contact.logo is not None and stored.contact.logo.startswith(b"\x89PNG")
    qtbot.waitUntil(lambda: not any("organisation" in line for line in _readiness(page)))
    assert page.generate_button.isEnabled()
    _generate(qtbot, window, page)
    assert page.made is not None, page.message.text()
    with pikepdf.open(page.made.result.path) as pdf:
        alts = [str(e.get("/Alt")) for e in _elements(pdf) if e.S == "/Figure"]
    assert "Logo of Voices of Leeds" in alts
