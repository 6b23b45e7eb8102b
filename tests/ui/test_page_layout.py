"""Page layout as a designer would set it: one title per page in the type scale's title size,
named for screen readers; the primary action in the header where a page has one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from models.database import Store
from tests.ui.conftest import WindowFactory, wait_idle
from ui.design.widgets import PageHeader, PageTitle
from ui.main_window import MainWindow
from ui.taxonomy.taxonomy_page import TaxonomyPage
from ui.themes.themes_page import ThemesPage


def test_every_page_has_one_title_named_for_screen_readers(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    body = QApplication.font().pointSizeF()
    for key in sample_window.page_specs:
        page = sample_window.show_page(key)
        assert page is not None
        wait_idle(qtbot, sample_window)
        titles = [t for t in page.findChildren(PageTitle) if t.isVisible()]
        assert len(titles) == 1, key
        title = titles[0]
        assert title.text() and "<" not in title.text(), key  # plain words, never markup
        interface = QAccessible.queryAccessibleInterface(title)
        assert interface is not None
        assert interface.text(QAccessible.Text.Name) == title.text(), key
        assert title.font().pointSizeF() > body * 1.5, key  # the type scale's title size
        old_style = [
            label.text()
            for label in page.findChildren(QLabel)
            if label.isVisible() and "<h2>" in label.text()
        ]
        assert not old_style, key


def test_an_activity_title_is_shown_as_written_not_as_markup(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    activity_id = sample_window.pages["activities"].selected_activity_id()
    sample_window.open_activity(activity_id)
    wait_idle(qtbot, sample_window)
    capture = sample_window.pages["capture"]
    capture.heading.setText("Drop in <b>& chat</b>")
    assert capture.heading.text() == "Drop in <b>& chat</b>"
    assert capture.heading.accessibleName() == "Drop in <b>& chat</b>"


def test_activities_has_its_primary_action_in_the_header(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    page = sample_window.show_page("activities")
    assert page is not None
    wait_idle(qtbot, sample_window)
    header = page.findChild(PageHeader)
    assert header is not None and header.isAncestorOf(page.new_button)
    assert page.new_button.property("primary") is True
    # First of the page's controls in Tab order, as it is first on screen.
    following = page.new_button.nextInFocusChain()
    while not (following.focusPolicy() & Qt.FocusPolicy.TabFocus and following.isVisible()):
        following = following.nextInFocusChain()
    assert following is page.search


def test_a_themes_chosen_note_is_read_whole_beside_the_list(
    qtbot: QtBot, make_window: WindowFactory, empty_store: Store
) -> None:
    from datetime import datetime

    from domain.activities import create_activity
    from domain.note_fields import NoteFields
    from domain.notes import create_note
    from domain.themes import create_theme

    long_body = "The bus to the clinic stopped running " * 12 + "and nobody told us."
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 3, 2)
        ).id
        note = create_note(session, activity_id=activity, fields=NoteFields(body=long_body)).id
        create_theme(session, title="Buses", note_ids=[note])
    window = make_window(store=empty_store)
    window.resize(1366, 700)
    page = window.show_page("themes")
    assert isinstance(page, ThemesPage)
    wait_idle(qtbot, window)
    editor = page.editor
    assert "Choose a note" in editor.note_detail.label.text()  # the empty pane says what for
    editor.notes.setCurrentIndex(editor.notes_model.index(0, 0))
    assert f"Note: {long_body}" in editor.note_detail.text()
    assert editor.note_detail.isVisible() and editor.note_detail.label.wordWrap()
    assert editor.note_detail.accessibleName() == "Chosen note in full"


def test_a_groups_whole_name_and_note_are_shown_without_hovering(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    page = sample_window.show_page("taxonomy")
    assert isinstance(page, TaxonomyPage)
    wait_idle(qtbot, sample_window)
    longest = max(page.groups, key=lambda g: len(g.label) + len(g.note))
    item = next(
        it
        for it in page.tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive)
        if it.data(0, Qt.ItemDataRole.UserRole) == longest.key
    )
    page.tree.setCurrentItem(item)
    about = page.group_about
    assert about.isVisible() and about.wordWrap()
    assert longest.label in about.text() and longest.note in about.text()
    # The box to rename it shows the name's start, where people read from.
    assert page.group_label.text() == longest.label and page.group_label.cursorPosition() == 0
    # Not cut short, once the layout has settled.
    qtbot.waitUntil(lambda: about.heightForWidth(about.width()) <= about.height() + 1)
    # The side panel fits beside the tree: no sideways scroll bar at a laptop's width.
    sample_window.resize(1366, 700)
    qtbot.wait(50)
    scroll = next(a for a in page.findChildren(QScrollArea) if a.isAncestorOf(about))
    assert not scroll.horizontalScrollBar().isVisible()


def _label_field_pairs(form: QFormLayout) -> list[tuple[QWidget, QWidget]]:
    pairs = []
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None or label.widget() is None:
            continue
        shown = field.widget() or field.layout()
        if shown is not None and label.widget().isVisible():
            pairs.append((label.widget(), field.geometry()))
    return pairs


def test_forms_have_two_aligned_columns_where_there_is_room(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    sample_window.resize(1366, 700)
    page = sample_window.show_page("activities")
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.form
    assert dialog is not None and dialog.isVisible()
    qtbot.wait(50)
    form = dialog.findChild(QFormLayout)
    pairs = _label_field_pairs(form)
    assert len(pairs) >= 10
    lefts = {field.left() for _label, field in pairs}
    assert len(lefts) == 1  # every field starts at the same x: one aligned column
    for label, field in pairs:
        assert label.geometry().right() < field.left()  # the label beside its field
        assert label.geometry().top() < field.bottom() and field.top() < label.geometry().bottom()
    dialog.reject()


def test_at_200_percent_text_a_narrow_form_puts_labels_above_and_clips_nothing(
    qtbot: QtBot, sample_window: MainWindow, double_text: float
) -> None:
    from tests.ui.test_no_clipping import clipped_on

    page = sample_window.show_page("activities")
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.form
    assert dialog is not None
    dialog.resize(dialog.fontMetrics().horizontalAdvance("M") * 22, dialog.height())
    qtbot.wait(100)
    form = dialog.findChild(QFormLayout)
    wrapped = [
        (label, field)
        for label, field in _label_field_pairs(form)
        if label.geometry().bottom() <= field.top()
    ]
    assert wrapped  # the long labels went above their fields
    assert clipped_on(dialog) == {}
    dialog.reject()


def test_the_reports_choices_line_up_with_the_reports_form(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    sample_window.resize(1366, 700)
    page = sample_window.show_page("reports")
    assert page is not None
    wait_idle(qtbot, sample_window)
    picker = page.picker

    def left(widget: QWidget) -> int:
        return widget.mapTo(sample_window, widget.rect().topLeft()).x()

    fields = [picker.date_from, picker.date_to, picker.area, picker.group, picker.service]
    qtbot.waitUntil(lambda: {left(f) for f in fields} == {left(page.variant)})
