"""The Reports page's two columns: the choices (variant, notes, readiness, Generate) and the
preview of the made report (save, print, open in the browser)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.design.widgets import aligned_form
from ui.reports import dialogs
from ui.reports.organisation_panel import OrganisationPanel
from ui.reports.preview import ReportPreview
from ui.selection_picker import AREA, DATES, GROUPS, PRINCIPLES, SERVICES, SelectionPicker

if TYPE_CHECKING:
    from ui.reports.reports_page import ReportsPage

VARIANT_NAMES = (
    ("standard", "Standard (You said, we did)"),
    ("large-print", "Large print"),
    ("easy-read", "Easy Read"),
    ("coordinator", "Coordinator: coverage and open loops"),
)


def build_choices(page: ReportsPage) -> QWidget:
    """The left column: what goes into the report, what it lacks, and the Generate button."""
    panel = QWidget()
    page.organisation = OrganisationPanel(page.services)
    page.organisation.saved.connect(page.check_readiness)
    page.variant = QComboBox()
    for key, name in VARIANT_NAMES:
        page.variant.addItem(page.tr(name), key)
    # Themes are ticked in their own list below (several at once), not in the picker.
    page.picker = SelectionPicker((DATES, AREA, GROUPS, SERVICES, PRINCIPLES))
    page.date_from, page.date_to = page.picker.date_from, page.picker.date_to
    page.area, page.group = page.picker.area, page.picker.group
    page.themes = QListWidget()
    page.themes.setAccessibleName(page.tr("Themes to include"))
    page.themes.setAccessibleDescription(page.tr("Space ticks a theme; none ticked: all."))
    page.themes.setWordWrap(True)  # whole titles: no sideways scroll bar in a narrow column
    page.themes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    page.themes.setResizeMode(QListWidget.ResizeMode.Adjust)
    page.format = QComboBox()
    for key, name, _suffix in dialogs.FORMATS:
        page.format.addItem(page.tr(name), key)
    page.quotes = QSpinBox()
    page.quotes.setRange(0, 10)
    page.quotes.setValue(3)
    page.readiness_list = QListWidget()
    page.readiness_list.setAccessibleName(page.tr("Before you generate"))
    page.generate_button = QPushButton(page.tr("Ge&nerate report"))
    page.generate_button.setProperty("primary", True)  # the page's one primary action
    page.cancel_button = QPushButton(page.tr("Cancel"))
    page.cancel_button.hide()
    page.progress = QProgressBar()
    page.progress.setAccessibleName(page.tr("Report progress"))
    page.progress.hide()
    form = aligned_form(panel)
    form.addRow(page.organisation)
    form.addRow(page.tr("&Report:"), page.variant)
    form.addRow(page.picker)
    page.picker.line_up_with(form, page.variant)  # its fields start where the form's do
    form.addRow(page.tr("T&hemes (none ticked: all):"), page.themes)
    form.addRow(page.tr("&Quotes per theme:"), page.quotes)
    form.addRow(page.tr("Save as t&ype:"), page.format)
    form.addRow(QLabel(page.tr("<b>Before you generate</b>")))
    form.addRow(page.readiness_list)
    buttons = QHBoxLayout()
    buttons.addWidget(page.generate_button)
    buttons.addWidget(page.cancel_button)
    buttons.addStretch(1)
    form.addRow(buttons)
    form.addRow(page.progress)

    page.variant.currentIndexChanged.connect(lambda _i: page.check_readiness())
    page.picker.changed.connect(page.check_later)
    page.quotes.valueChanged.connect(lambda _v: page.check_later())
    page.themes.itemChanged.connect(lambda _item: page.check_later())
    for edit in (page.date_from, page.date_to, page.area):
        edit.textChanged.connect(lambda _t: page.check_later())
    page.generate_button.clicked.connect(page.generate)
    page.cancel_button.clicked.connect(page.cancel)
    return panel


def build_preview(page: ReportsPage) -> QWidget:
    """The right column: the made report's pages, and saving, printing or opening it."""
    panel = QWidget()
    page.preview_heading = QLabel(page.tr("Preview"))
    page.save_button = QPushButton(page.tr("&Save as…"))
    page.print_button = QPushButton(page.tr("Pr&int…"))
    page.browser_button = QPushButton(page.tr("Open in &browser"))
    page.preview = ReportPreview()
    bar = QHBoxLayout()
    bar.addWidget(page.preview_heading, 1)
    bar.addWidget(page.browser_button)
    bar.addWidget(page.save_button)
    bar.addWidget(page.print_button)
    column = QVBoxLayout(panel)
    column.setContentsMargins(0, 0, 0, 0)
    column.addLayout(bar)
    column.addWidget(page.preview, 1)
    page.save_button.clicked.connect(page.save)
    page.print_button.clicked.connect(page.print_report)
    page.browser_button.clicked.connect(page.open_browser)
    return panel
