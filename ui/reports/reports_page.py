"""The Reports page: choose the variant and the notes, see what is missing before generating, make
the PDF and web page in the background (progress, cancel), preview its pages, open the web page
in the browser, save (PDF or HTML) and print it."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.reports import ReportRequest, check_report
from domain.errors import DomainError
from domain.loop import ReportReadiness
from domain.plain_words import plural
from domain.selection import Selection
from ui.design.widgets import PageTitle
from ui.pages import Navigator
from ui.remembered import remember_splitter
from ui.reports import dialogs
from ui.reports.preview import print_pages
from ui.reports.readiness_lines import readiness_lines
from ui.reports.report_columns import VARIANT_NAMES, build_choices, build_preview
from ui.reports.report_job import (
    PRINT_DPI,
    MadeReport,
    ProgressRelay,
    RelayedProgress,
    make_report_with_preview,
    print_images,
)
from ui.selection_picker import (
    read_choices,
)
from ui.services import Services
from ui.tasks import Task
from ui.widgets import MessageLine, scrolling


class ReportsPage(QWidget):
    """GUI thread only. `choose_save_path`, `ask_print` and `open_file` reach outside; tests
    replace them so no real dialog ever opens."""

    def __init__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
        self.services = services
        self.navigator = navigator
        self.choose_save_path: dialogs.ChooseSavePath = dialogs.choose_save_path
        self.ask_print: dialogs.AskPrint = dialogs.ask_print
        self.open_file: dialogs.OpenFile = dialogs.open_in_browser
        self.print_dpi = PRINT_DPI
        self.made: MadeReport | None = None
        self.readiness: ReportReadiness | None = None
        self.task: Task | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="listening-post-report-"))
        self._runs = 0
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self._progressed)
        self.message = MessageLine(self.tr("Report status"))
        # The page's frame first, then the columns built into it: each part is polished once.
        layout = QVBoxLayout(self)
        layout.addWidget(PageTitle(self.tr("Reports")))
        layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter, 1)
        splitter.addWidget(scrolling(build_choices(self)))
        splitter.addWidget(build_preview(self))
        self._set_made(None)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([self.fontMetrics().horizontalAdvance("M") * n for n in (30, 45)])
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, services.window_state, "reports")
        self._check_later = QTimer(self)
        self._check_later.setSingleShot(True)
        self._check_later.setInterval(300)
        self._check_later.timeout.connect(self.check_readiness)
        self._checked = False  # the first check runs when the page is first shown, at once
        services.events.themes_did_change.connect(self._fill_choices)
        services.events.taxonomy_did_change.connect(self._fill_choices)
        services.events.notes_did_change.connect(lambda _c: self._check_later.start())
        self.first_focus: QWidget = self.variant
        self._fill_choices()

    def check_later(self) -> None:
        """Check readiness once typing or ticking pauses."""
        self._check_later.start()

    def _fill_choices(self) -> None:
        choices = self.services.read(read_choices)
        self.picker.set_choices(choices)
        themes = choices.themes
        ticked = set(self.ticked_theme_ids())
        self.themes.blockSignals(True)
        self.themes.clear()
        for theme in themes:
            item = QListWidgetItem(theme.title)
            item.setToolTip(theme.title)
            item.setData(Qt.ItemDataRole.UserRole, theme.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Checked if theme.id in ticked else Qt.CheckState.Unchecked
            item.setCheckState(checked)
            self.themes.addItem(item)
        self.themes.blockSignals(False)
        if self._checked:
            self._check_later.start()

    # ----- scope and readiness ------------------------------------------------------------

    def ticked_theme_ids(self) -> list[str]:
        items = (self.themes.item(i) for i in range(self.themes.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def selection(self) -> Selection:
        """The selection as chosen; raises InvalidInput naming a date typed wrongly."""
        chosen = self.picker.selection()
        return replace(chosen, theme_ids=tuple(self.ticked_theme_ids()))

    def page_shown(self) -> None:
        if not self._checked:
            self.check_readiness()

    def check_readiness(self) -> None:
        """Ask (in the background) what the chosen report would lack or leave out."""
        self._checked = True
        self._check_later.stop()
        try:
            selection = self.selection()
        except DomainError as error:
            self._show_problems([self.tr("Error: ") + str(error)], ready=False)
            return

        def job(session: Session, _progress: object) -> ReportReadiness:
            return check_report(session, selection=selection)

        self.services.runner.submit(
            job,
            label=self.tr("Checking the report"),
            on_done=self._show_readiness,
            on_error=lambda error: self._show_problems(
                [self.tr("Error: ") + str(error)], ready=False
            ),
        )

    def _show_readiness(self, ready: ReportReadiness) -> None:
        self.readiness = ready
        lines, ready_to_make = readiness_lines(ready, self.variant.currentData())
        self._show_problems(lines, ready=ready_to_make)

    def _show_problems(self, lines: list[str], *, ready: bool) -> None:
        self.readiness_list.clear()
        self.readiness_list.addItems(lines)
        self.readiness_list.setAccessibleDescription(" ".join(lines))
        self.generate_button.setEnabled(ready and self.task is None)

    # ----- generating ---------------------------------------------------------------------

    def generate(self) -> None:
        try:
            selection = self.selection()
        except DomainError as error:
            self.message.show_message(self.tr("Error: ") + str(error))
            return
        variant = self.variant.currentData()
        self._runs += 1
        run_folder = self._folder / f"run-{self._runs}"
        request = ReportRequest(
            variant, selection, run_folder / f"report-{variant}.pdf", self.quotes.value()
        )
        run_folder.mkdir(parents=True)
        relay = self._relay

        def job(session: Session, progress: Any) -> MadeReport:
            return make_report_with_preview(session, RelayedProgress(progress, relay), request)

        self.message.clear_message()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.generate_button.setEnabled(False)
        self.task = self.services.runner.submit(
            job,
            label=self.tr("Making the report"),
            on_done=self._made,
            on_error=self._failed,
            cancellable=True,
            on_cancelled=self._cancelled,
        )

    def cancel(self) -> None:
        if self.task is not None:
            self.services.runner.cancel(self.task)
            self.message.show_message(self.tr("Cancelling…"))

    def _cancelled(self) -> None:
        self._finish_run()
        self.message.show_message(self.tr("Cancelled: no report was made."))

    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)
        self.progress.setFormat(f"{label} %p%" if total else label)

    def _finish_run(self) -> None:
        self.task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.generate_button.setEnabled(True)
        self.check_readiness()

    def _made(self, made: MadeReport) -> None:
        self._finish_run()
        self._set_made(made)
        result = made.result
        left_out = len(result.left_out_quotes)
        words = [self.tr("Report made: {pages}.").format(pages=plural(result.pages, "page"))]
        words += [self.tr("{q} left out.").format(q=plural(left_out, "quote"))] if left_out else []
        words += [self.tr("Warning: ") + w for w in result.warnings]
        self.message.show_message(" ".join(words))
        self.preview.setFocus()

    def _failed(self, error: BaseException) -> None:
        self._finish_run()
        self.message.show_message(self.tr("Error: ") + str(error))

    def _set_made(self, made: MadeReport | None) -> None:
        self.made = made
        self.save_button.setEnabled(made is not None)
        self.browser_button.setEnabled(made is not None and made.web_page is not None)
        self.print_button.setEnabled(made is not None and bool(made.pages))
        if made is None:
            self.preview_heading.setText(self.tr("Preview"))
            return
        name = dict(VARIANT_NAMES).get(made.request.variant, made.request.variant)
        self.preview_heading.setText(
            self.tr("Preview: {name}, {pages} pages").format(
                name=self.tr(name), pages=made.result.pages
            )
        )
        self.preview.show_pages(made.pages, made.preview_problem)

    # ----- save and print -----------------------------------------------------------------

    def save(self) -> None:
        if self.made is None:
            return
        source, suffix = self.made.file_for(self.format.currentData())
        chosen = self.choose_save_path(self, f"{source.stem}-{date.today():%Y-%m-%d}{suffix}")
        if chosen:
            target = dialogs.report_path(chosen, suffix)
            self.message.show_message(dialogs.save_copy(self, source, target))

    def open_browser(self) -> None:
        """The web page from the private temporary folder, in the system's browser."""
        page = self.made.web_page if self.made is not None else None
        if page is not None and not self.open_file(page):
            self.message.show_message(self.tr("Error: no browser could open the web page."))

    def print_report(self) -> None:
        if self.made is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.made.request.out.name)
        if not self.ask_print(printer, self):
            return
        pdf = self.made.result.path
        folder = pdf.parent / "print"
        dpi = self.print_dpi

        def printed_images(images: list[Path]) -> None:
            try:
                pages = print_pages(images, printer)
            except OSError as error:
                self.message.show_message(self.tr("Error: ") + str(error))
                return
            self.message.show_message(self.tr("Sent {n} pages to the printer.").format(n=pages))

        self.services.runner.submit(
            lambda _session, _progress: print_images(pdf, folder, dpi=dpi),
            label=self.tr("Preparing pages to print"),
            on_done=printed_images,
            on_error=lambda error: self.message.show_message(self.tr("Error: ") + str(error)),
        )

    def page_closing(self) -> None:
        # Report files and page images never outlive the app in the temporary folder.
        shutil.rmtree(self._folder, ignore_errors=True)
