"""The theme view: title, status, plain-language and Easy Read summaries, the theme's notes, and
the groups and principles those notes carry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.pictures import suggest_picture
from domain.plain_words import plural
from domain.theme_detail import ThemeDetail
from domain.views import NoteView, ThemeView
from domain.vocabulary import ThemeStatus
from ui.design.widgets import aligned_form, text_box
from ui.find.search_table_model import search_columns, size_search_columns
from ui.paged_table_model import PagedTableModel
from ui.row_detail import RowDetail
from ui.themes.action_table_model import status_word
from ui.themes.picture_picker import PictureChoice
from ui.widgets import MessageLine, scrolling


class ThemeNotesModel(PagedTableModel[NoteView]):
    """The theme's notes in the Find page's columns: the first page came with the theme, the
    rest are read (`load_views`) a page at a time as the list scrolls to them."""

    def __init__(self) -> None:
        self.note_ids: list[str] = []
        self.first: list[NoteView] = []
        self.group_labels: dict[str, str] = {}
        self.load_views: Callable[[Sequence[str]], list[NoteView]] = lambda _ids: []
        super().__init__(search_columns(self.group_labels), self._page, page_size=100)

    def _page(
        self, offset: int, limit: int, _sort: str | None, _descending: bool
    ) -> tuple[Sequence[Any], bool]:
        end = offset + limit
        rows = self.first[offset:end]
        if end > len(self.first):
            rows += self.load_views(self.note_ids[max(offset, len(self.first)) : end])
        return rows, end < len(self.note_ids)

    def show(
        self, first: Sequence[NoteView], note_ids: Sequence[str], group_labels: dict[str, str]
    ) -> None:
        self.first, self.note_ids = list(first), list(note_ids)
        self.group_labels.clear()
        self.group_labels.update(group_labels)
        self.reload(keep_loaded=False)


class ThemeEditor(QWidget):
    """GUI thread only. Emits requests; the page queues the writes."""

    save_requested = Signal(dict)
    remove_requested = Signal(list)  # note ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit()
        self.status = QComboBox()
        for status in ThemeStatus:
            self.status.addItem(status_word(status), status)
        self.description = text_box(3)
        self.description.setPlaceholderText(self.tr("What many people told us, in plain words"))
        self.easy_read = text_box(2)
        self.easy_read.setPlaceholderText(self.tr("Short sentences, one idea per line"))
        self.easy_read_title = QLineEdit()
        self.easy_read_title.setMaxLength(120)
        self.easy_read_title.setPlaceholderText(self.tr("A few words, e.g. Seeing a doctor"))
        self.picture = PictureChoice()
        self.report_back = QLineEdit()
        self.report_back.setMaxLength(10)
        self.report_back.setPlaceholderText(self.tr("YYYY-MM-DD: when we tell people more"))
        self.save_button = QPushButton(self.tr("&Save theme"))
        self.save_button.setProperty("primary", True)  # the page's one primary action
        self.message = MessageLine(self.tr("Theme status"))
        form = aligned_form()
        form.addRow(self.tr("T&itle:"), self.title)
        form.addRow(self.tr("Stat&us:"), self.status)
        form.addRow(self.tr("&Description (you said):"), self.description)
        form.addRow(self.tr("Easy &Read summary:"), self.easy_read)
        form.addRow(self.tr("Easy Read headin&g:"), self.easy_read_title)
        form.addRow(self.tr("Easy Read picture:"), self.picture)
        form.addRow(self.tr("Report back b&y:"), self.report_back)
        for edit in (self.title, self.easy_read_title):
            edit.textChanged.connect(lambda _t: self._suggest())
        self.easy_read.textChanged.connect(self._suggest)

        self.notes_heading = QLabel()
        self.remove_button = QPushButton(self.tr("Remove from theme (Delete)"))
        self.notes_model = ThemeNotesModel()
        self.notes = QTableView()
        self.notes.setModel(self.notes_model)
        self.notes.setAccessibleName(self.tr("Notes in this theme"))
        self.notes.setAccessibleDescription(
            self.tr("Delete removes the selected notes from the theme; drag them onto a theme.")
        )
        self.notes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.notes.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.notes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notes.verticalHeader().hide()
        self.notes.setTabKeyNavigation(False)
        self.notes.setWordWrap(False)
        size_search_columns(self.notes)
        letter = self.fontMetrics().horizontalAdvance("M")
        for column in (1, 2):  # the pane beside shows activity and groups whole: the note
            self.notes.horizontalHeader().resizeSection(column, letter * 9)  # keeps the room
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.notes)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_selected)

        lines = self.fontMetrics().lineSpacing()
        self.groups = QListWidget()
        self.groups.setMaximumHeight(lines * 6)
        self.groups.setAccessibleName(self.tr("Groups the notes carry"))
        self.principles = QListWidget()
        self.principles.setMaximumHeight(lines * 6)
        self.principles.setAccessibleName(self.tr("Principles the notes carry"))
        carried = QVBoxLayout()
        for text, widget in (
            (self.tr("Groups the notes carry"), self.groups),
            (self.tr("Principles the notes carry"), self.principles),
        ):
            carried.addWidget(QLabel(text))
            carried.addWidget(widget)

        bar = QHBoxLayout()
        bar.addWidget(self.notes_heading, 1)
        bar.addWidget(self.remove_button)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        summary = QVBoxLayout()
        summary.addLayout(form)
        summary.addWidget(self.message)
        summary.addLayout(save_row)
        summary.addStretch(1)
        form_part = QWidget()
        top = QHBoxLayout(form_part)
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(summary, 3)
        top.addLayout(carried, 2)
        notes_part = QWidget()
        notes_layout = QVBoxLayout(notes_part)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addLayout(bar)
        # The chosen note whole, beside the list: its cells show one line of each column.
        self.note_detail = RowDetail(
            self.notes,
            self.tr("Chosen note in full"),
            self.tr("Choose a note in the list to read all of it here."),
        )
        self.notes_split = QSplitter(Qt.Orientation.Horizontal)
        self.notes_split.addWidget(self.notes)
        self.notes_split.addWidget(self.note_detail)
        self.notes_split.setChildrenCollapsible(False)
        self.notes_split.setStretchFactor(0, 2)
        self.notes_split.setStretchFactor(1, 1)
        self.notes_split.setSizes([letter * 56, letter * 20])
        notes_layout.addWidget(self.notes_split, 1)
        # Several notes in view, not a row and a half: the form scrolls when room is short.
        row = self.notes.verticalHeader().defaultSectionSize()
        self.notes.setMinimumHeight(row * 5 + self.notes.horizontalHeader().sizeHint().height())
        form_scroll = scrolling(form_part)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(form_scroll)
        self.splitter.addWidget(notes_part)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([lines * 20, lines * 12])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.save_button.clicked.connect(self.save)
        self.title.returnPressed.connect(self.save)
        self.remove_button.clicked.connect(self.remove_selected)
        self.detail: ThemeDetail | None = None

    def show_detail(self, detail: ThemeDetail | None) -> None:
        self.detail = detail
        theme = detail.theme if detail else None
        self.setEnabled(detail is not None)
        self._show_fields(theme)
        labels = {group.key: group.label for group in detail.groups} if detail else {}
        if detail is None:
            self.notes_model.show((), (), labels)
        else:
            self.notes_model.show(detail.notes, detail.note_ids, labels)
        self.notes_heading.setText(
            self.tr("Notes in this theme: {n}").format(n=len(detail.note_ids) if detail else 0)
        )
        self.groups.clear()
        self.principles.clear()
        if detail is not None:
            for box, tags in ((self.groups, detail.groups), (self.principles, detail.principles)):
                for tag in tags:
                    box.addItem(f"{tag.label}: {plural(tag.notes, 'note')}")
        self.message.clear_message()

    def _show_fields(self, theme: ThemeView | None) -> None:
        self.title.setText(theme.title if theme else "")
        self.status.setCurrentIndex(self.status.findData(theme.status if theme else "open"))
        self.description.setPlainText(theme.description if theme else "")
        self.easy_read.setPlainText(theme.easy_read_summary if theme else "")
        self.easy_read_title.setText(theme.easy_read_title if theme else "")
        day = theme.report_back_on if theme else None
        self.report_back.setText(day.isoformat() if day else "")
        self.picture.set_picture(theme.picture if theme else "", self._suggestion())

    def _suggestion(self) -> str:
        return suggest_picture(
            self.title.text(),
            self.easy_read_title.text(),
            self.easy_read.toPlainText(),
            self.description.toPlainText(),
        )

    def _suggest(self) -> None:
        if not self.picture.chosen:
            self.picture.set_picture("", self._suggestion())

    def save(self) -> None:
        if not self.title.text().strip():
            self.message.show_message(self.tr("Error: a theme needs a title."))
            self.title.setFocus()
            return
        text = self.report_back.text().strip()
        try:
            report_back = date.fromisoformat(text) if text else None
        except ValueError:
            self.message.show_message(
                self.tr("Error: report back by: {t!r} is not a date: use YYYY-MM-DD.").format(
                    t=text
                )
            )
            self.report_back.setFocus()
            return
        self.save_requested.emit(
            {
                "title": self.title.text().strip(),
                "status": self.status.currentData(),
                "description": self.description.toPlainText().strip(),
                "easy_read_summary": self.easy_read.toPlainText().strip(),
                "easy_read_title": self.easy_read_title.text().strip(),
                "picture": self.picture.chosen,
                "report_back_on": report_back,
            }
        )

    def selected_note_ids(self) -> list[str]:
        rows = sorted(self.notes.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.notes_model.rows[i.row()].id for i in rows]

    def remove_selected(self) -> None:
        ids = self.selected_note_ids()
        if ids:
            self.remove_requested.emit(ids)
        else:
            self.message.show_message(self.tr("Select the notes to remove from the theme."))
