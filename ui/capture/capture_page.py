"""The capture workspace for one activity: the quick-capture box above the activity's notes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import Changes
from app.notes import discard_draft
from domain.activities import get_activity
from domain.drafts import DraftView, load_draft
from domain.errors import DomainError
from domain.note_fields import NoteFields
from domain.taxonomy import list_groups, list_principles, list_services
from domain.views import ActivityView, NoteView
from ui.capture import shortcuts as keys
from ui.capture.capture_box import CaptureBox
from ui.capture.capture_save import save_note
from ui.capture.draft_keeper import CAPTURE_SLOT, DraftKeeper, capture_slot
from ui.capture.notes_panel import NotesPanel
from ui.design.widgets import PageTitle
from ui.display import short_date_time
from ui.empty_state import EmptyState
from ui.pages import Navigator
from ui.remembered import remember_splitter
from ui.services import Services
from ui.themes.add_to_theme import AddToTheme
from ui.widgets import MessageLine, scrolling

# Below this many lines of text in the page's height (200% text on a laptop), the tag controls
# start folded so the note text and the notes list keep their room.
COMPACT_BELOW_LINES = 34
SPLITTER_STEP = 0.15  # of the splitter's height, per Ctrl+Shift+Up / Ctrl+Shift+Down


class CapturePage(QWidget):
    """GUI thread only."""

    def __init__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
        self.services = services
        self.navigator = navigator
        self.activity: ActivityView | None = None
        # Unsaved text of activities switched away from this session (the store has it too;
        # this copy is never behind a draft save still queued).
        self._drafts_by_activity: dict[str, NoteFields] = {}
        self._compact_chosen = False
        self._split_chosen = False

        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.stack.addWidget(self._build_empty_state())
        self.workspace = QWidget()
        self.stack.addWidget(self.workspace)

        self.heading = PageTitle()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.banner = self._build_banner()
        self.box = CaptureBox()
        self.status = MessageLine(self.tr("Capture status"))
        self.notes = NotesPanel(services, self.status.show_message)
        # The notes list's parts, named as before the panel was split out.
        self.table, self.model, self.show_bin = (
            self.notes.table,
            self.notes.model,
            self.notes.show_bin,
        )
        self.add_to_theme = AddToTheme(self.table, services, navigator.show_status)  # Ctrl+T

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        capture_area = QWidget()
        capture_layout = QVBoxLayout(capture_area)
        capture_layout.setContentsMargins(0, 0, 0, 0)
        capture_layout.addWidget(self.box)
        capture_layout.addStretch(1)  # spare height stays below the box, not between its rows
        # Scrolls down (never sideways: the rows wrap) at 200% text size or on a small screen;
        # the Save button and the status line stay below it, always in view.
        self.capture_scroll = scrolling(capture_area)
        self.capture_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.capture_scroll, 1)
        top_layout.addWidget(self.box.bottom_bar)
        top_layout.addWidget(self.status)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.notes)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self._split_chosen = remember_splitter(self.splitter, services.window_state, "capture")
        self.splitter.setAccessibleDescription(
            self.tr(
                "{grow_list} gives the notes list more room, {grow_box} the capture box."
            ).format(grow_list=keys.GROW_NOTES_LIST, grow_box=keys.GROW_CAPTURE_BOX)
        )
        page_layout = QVBoxLayout(self.workspace)
        page_layout.addWidget(self.heading)
        page_layout.addWidget(self.details)
        page_layout.addWidget(self.banner)
        page_layout.addWidget(self.splitter, 1)

        self.drafts = DraftKeeper(services.runner, self._draft_snapshot)
        self.box.changed.connect(self.drafts.changed)
        self.box.save_requested.connect(self.save_note)
        self.box.more_button.clicked.connect(lambda: setattr(self, "_compact_chosen", True))
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_split_chosen", True))
        self._page_shortcut(keys.SWITCH_PANE, self.switch_pane)
        self._page_shortcut(keys.GROW_NOTES_LIST, lambda: self.move_splitter(-SPLITTER_STEP))
        self._page_shortcut(keys.GROW_CAPTURE_BOX, lambda: self.move_splitter(SPLITTER_STEP))
        services.events.activities_did_change.connect(self._activities_changed)
        services.events.taxonomy_did_change.connect(self._load_reference_data)
        self._load_reference_data()
        self.first_focus: QWidget = self.box  # not a focus proxy: that would reorder Tab

    def _build_empty_state(self) -> QWidget:
        empty = QWidget()
        column = QVBoxLayout(empty)
        state = EmptyState("note-pencil", self.tr("Choose an activity to capture notes for."))
        state.set_action(
            self.tr("&Choose an activity"), lambda: self.navigator.show_page("activities")
        )
        self.choose_button = state.action
        column.addWidget(PageTitle(self.tr("Capture")))
        column.addWidget(state)
        column.addStretch(1)
        return empty

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setFrameShape(QFrame.Shape.Box)
        row = QHBoxLayout(banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setAccessibleName(self.tr("Recovered draft"))
        self.keep_draft_button = QPushButton(self.tr("Keep it"))
        self.discard_draft_button = QPushButton(self.tr("Discard the draft"))
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.keep_draft_button)
        row.addWidget(self.discard_draft_button)
        self.keep_draft_button.clicked.connect(self._keep_draft)
        self.discard_draft_button.clicked.connect(self._discard_draft)
        banner.hide()
        return banner

    def _page_shortcut(self, sequence: str, slot: Any) -> None:
        shortcut = QShortcut(QKeySequence(sequence), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _load_reference_data(self) -> None:
        groups, principles, services = self.services.read(
            lambda s: (list_groups(s), list_principles(s), list_services(s))
        )
        self.box.set_principles(principles)
        self.box.set_groups(groups, self.services.preferences.recent_group_keys)
        self.box.set_services(services)

    # ----- room: 200% text, the splitter from the keyboard --------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._compact_chosen:  # until the person chooses with Alt+M
            lines = self.height() // max(self.fontMetrics().height(), 1)
            self.box.set_compact(lines < COMPACT_BELOW_LINES)
        if not self._split_chosen and self.box.compact:
            # Short of room: the notes list gets a fair share, not what the box leaves over.
            total = sum(self.splitter.sizes()) or self.splitter.height()
            self.splitter.setSizes([total // 2, total - total // 2])

    def move_splitter(self, by: float) -> None:
        """Move the divider by a share of the height (negative: up, the notes list grows)."""
        top, bottom = self.splitter.sizes()
        total = top + bottom
        step = int(total * by)
        top = min(max(top + step, 0), total)  # the splitter keeps each side's minimum itself
        self.splitter.setSizes([top, total - top])
        self._split_chosen = True
        self.services.window_state.keep_sizes("splitter", "capture", self.splitter.sizes())

    def switch_pane(self) -> None:
        if self.table.hasFocus():
            self.box.focus_text()
        else:
            self.table.setFocus()
            if not self.notes.selected_note() and self.model.rowCount():
                self.table.selectRow(0)

    # ----- opening an activity -----------------------------------------------------------

    def page_shown(self) -> None:
        self.stack.setCurrentIndex(1 if self.activity else 0)

    def open_activity(self, activity_id: str, note_id: str | None = None) -> None:
        try:
            activity = self.services.read(lambda s: get_activity(s, activity_id=activity_id))
        except DomainError as error:
            self.navigator.show_status(str(error))
            return
        switching = self.activity is None or self.activity.id != activity.id
        if switching:
            self._put_draft_away()
        self.activity = activity
        self.stack.setCurrentIndex(1)
        self._show_activity_details()
        if switching:
            self.box.reset_group_keys(self.services.preferences.recent_group_keys)
            self._take_draft_out()
        in_bin = False
        if note_id is not None:
            in_bin = bool(self.services.read(lambda s: _is_deleted(s, note_id)))
        self.notes.show_activity(activity.id, in_bin=in_bin)
        if note_id is not None:
            self.notes.select_note(note_id)
            self.table.setFocus()
        else:
            self.box.focus_text()

    def _show_activity_details(self) -> None:
        assert self.activity is not None
        activity = self.activity
        self.heading.setText(activity.title)
        where = ", ".join(p for p in (activity.place, activity.area) if p)
        self.details.setText(f"{short_date_time(activity.starts_at)} · {where}".strip(" ·"))

    def _put_draft_away(self) -> None:
        """Leaving an activity: its unsaved text is kept (store and memory) for its return."""
        self.banner.hide()
        if self.activity is None:
            return
        if self.drafts.pending():
            self.drafts.save_now()
        fields = self.box.fields()
        if fields.body.strip():
            self._drafts_by_activity[self.activity.id] = fields
        else:
            self._drafts_by_activity.pop(self.activity.id, None)

    def _take_draft_out(self) -> None:
        """Arriving at an activity: its own unsaved text (if any) goes back in the box."""
        assert self.activity is not None
        activity_id = self.activity.id
        fields = self._drafts_by_activity.pop(activity_id, None)
        if fields is None:
            draft = self.services.read(lambda s: load_draft(s, slot=capture_slot(activity_id)))
            if draft is not None and not draft.is_empty:
                fields = _drafted(draft)
        self._set_box_quietly(fields or NoteFields())
        if fields is not None:
            self.status.show_message(
                self.tr("Your unsaved note for this activity is back in the box.")
            )
        else:
            self.status.clear_message()

    def _set_box_quietly(self, fields: NoteFields) -> None:
        self.drafts.cancel_pending()
        self.drafts.paused = True
        self.box.set_state(fields)
        self.drafts.paused = False

    # ----- capture -----------------------------------------------------------------------

    def save_note(self) -> None:
        save_note(self)

    def keep_unsaved(self, activity_id: str, fields: NoteFields | None) -> None:
        """Keep (or with None forget) an activity's unsaved box for its return."""
        if fields is None:
            self._drafts_by_activity.pop(activity_id, None)
        else:
            self._drafts_by_activity.setdefault(activity_id, fields)

    def _draft_snapshot(self) -> tuple[str | None, str, dict[str, Any]]:
        state = self.box.state()
        body = state.pop("body")
        return (self.activity.id if self.activity else None), body, state

    def offer_draft(self, draft: DraftView, *, others: int = 0) -> None:
        """Say that a draft saved before a crash is back in the box (putting it there if not)."""
        if self.box.fields().body != draft.body:
            self._set_box_quietly(_drafted(draft))
        if draft.slot == CAPTURE_SLOT:  # an earlier version's shared slot: move it to its own
            self.drafts.save_now()
            self.services.runner.submit(
                lambda s, _p: discard_draft(s, slot=CAPTURE_SLOT),
                label=self.tr("Keeping your draft"),
            )
        when = short_date_time(draft.updated_at) if draft.updated_at else ""
        text = self.tr(
            "Recovered: a note you were typing ({when}) was kept when Listening Post closed "
            "without saving it. It is back in the box below."
        ).format(when=when)
        if others:
            text += " " + self.tr(
                "{n} other activities also have unsaved notes: open them to see each one."
            ).format(n=others)
        self.banner_text.setText(text)
        self.banner.show()
        self.status.clear_message()
        self.box.focus_text()

    def _keep_draft(self) -> None:
        self.banner.hide()
        self.box.focus_text()

    def _discard_draft(self) -> None:
        self.banner.hide()
        self._set_box_quietly(NoteFields())
        if self.activity is not None:
            slot = capture_slot(self.activity.id)
            self.services.runner.submit(
                lambda s, _p: discard_draft(s, slot=slot), label=self.tr("Discarding the draft")
            )
        self.box.focus_text()

    def page_closing(self) -> None:
        if self.drafts.pending():
            self.drafts.save_now()

    def page_may_close(self) -> bool:
        """Closing: typed text is saved first; if the store will not take it, ask."""
        return self.drafts.save_before_close() or self.drafts.ask_close_unsaved(self)

    # ----- the notes list ----------------------------------------------------------------

    def selected_note(self) -> NoteView | None:
        return self.notes.selected_note()

    def select_note(self, note_id: str) -> bool:
        return self.notes.select_note(note_id)

    def _activities_changed(self, change: Changes) -> None:
        if self.activity is None or not change.touches_activity(self.activity.id):
            return
        activity_id = self.activity.id
        self.activity = self.services.read(lambda s: get_activity(s, activity_id=activity_id))
        if self.activity.deleted:
            self._put_draft_away()  # kept: restoring the activity brings its draft back too
            self.activity = None
            self._set_box_quietly(NoteFields())
            self.stack.setCurrentIndex(0)
            self.navigator.show_status(self.tr("The activity being captured went to the bin."))
        else:
            self._show_activity_details()


def _is_deleted(session: Session, note_id: str) -> bool:
    from domain.notes import get_note

    return get_note(session, note_id=note_id).deleted


def _drafted(draft: DraftView) -> NoteFields:
    """A kept draft as the box shows it (a word no longer in a list falls back to its default)."""
    return NoteFields.from_mapping({**dict(draft.fields), "body": draft.body})
