"""The quick-capture box: note text that keeps the focus, and every tag settable from the keyboard.

Shortcuts act without moving the focus out of the text, so people can type, tag and save
(Ctrl+Enter) one note after another. Possible identifiers are flagged while typing. The rows
wrap rather than scroll sideways at large text sizes, and the principle, group and service
controls fold away (Alt+M) to a one-line summary when room is short; their shortcuts still work.
The same box edits an existing note in the note editor.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.note_fields import NoteFields
from domain.views import GroupView, PrincipleView, ServiceView
from domain.vocabulary import DEFAULT_NOTE_KIND, DEFAULT_SENTIMENT, NoteKind, Sentiment, choices
from ui.capture import shortcuts as keys
from ui.capture.box_parts import flag_boxes, is_redo, pair, select, step, tag_words
from ui.capture.group_slots import GroupSlots
from ui.capture.identifier_check import IdentifierChecks
from ui.capture.tag_chooser import TagChooser
from ui.display import word
from ui.flow_layout import FlowLayout, flowing


class CaptureBox(IdentifierChecks):
    """GUI thread only. Emits save_requested (Ctrl+Enter) and changed (anything edited)."""

    save_requested = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._carrying = False  # the groups and principles shown came from the last note
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Note text"))
        self.text.setAccessibleDescription(
            self.tr("Ctrl+Enter saves the note. F1 lists the tagging shortcuts.")
        )
        self.text.setPlaceholderText(
            self.tr("What did people say? Ctrl+Enter saves and starts the next note.")
        )
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().height() * 4)
        self.text.setMaximumHeight(self.fontMetrics().height() * 8)

        self.kind = QComboBox()
        for kind in NoteKind:
            self.kind.addItem(word(kind), kind)
        self.kind.setCurrentIndex(choices(NoteKind).index(DEFAULT_NOTE_KIND))
        self.sentiment = QComboBox()
        for sentiment in Sentiment:
            self.sentiment.addItem(word(sentiment), sentiment)
        self.sentiment.setCurrentIndex(choices(Sentiment).index(DEFAULT_SENTIMENT))
        kind_label = QLabel(self.tr("Kind ({key}):").format(key=keys.NEXT_KIND))
        kind_label.setBuddy(self.kind)
        sentiment_label = QLabel(self.tr("Se&ntiment ({key}):").format(key=keys.NEXT_SENTIMENT))
        sentiment_label.setBuddy(self.sentiment)
        self.flags = flag_boxes()

        self.principle_boxes: list[QCheckBox] = []
        self.principles = QGroupBox(self.tr("Principles (Alt+1 … Alt+0)"))
        principle_grid = FlowLayout(self.principles, uniform=True)
        for n in range(10):
            box = QCheckBox(f"{n + 1}")
            box.setProperty("number", n + 1)
            self.principle_boxes.append(box)
            principle_grid.addWidget(box)

        self.groups = TagChooser(
            label=self.tr("Add group ({key}):").format(key=keys.GROUP_PICKER),
            name=self.tr("Add a group"),
            placeholder=self.tr("part of a group's name, then Enter"),
            chosen_name=self.tr("Groups for this note"),
        )
        self.services_chooser = TagChooser(
            label=self.tr("Add service ({key}):").format(key=keys.SERVICE_PICKER),
            name=self.tr("Add a service"),
            placeholder=self.tr("part of a service's name, then Enter"),
            chosen_name=self.tr("Services for this note"),
        )
        self.picker, self.chosen = self.groups.picker, self.groups.chosen
        self.service_picker = self.services_chooser.picker
        self.slots = GroupSlots()
        panel_width = self.fontMetrics().horizontalAdvance("M") * 16
        for panel in (self.groups, self.services_chooser, self.slots):
            panel.setMinimumWidth(panel_width)

        warning_row = self._build_check()
        self.more_button = QPushButton()
        self.more_button.setCheckable(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Tags chosen"))
        self.save_button = QPushButton(self.tr("Save note (Ctrl+Enter)"))
        self.save_button.setProperty("primary", True)  # the page's one primary action
        self.carried = QLabel()
        self.carried.setWordWrap(True)
        self.carried.setAccessibleName(self.tr("Tags kept from the last note"))
        self.carried.hide()

        kind_pair = pair(kind_label, self.kind)
        sentiment_pair = pair(sentiment_label, self.sentiment)
        # Its own widget, so a page or dialog can keep it outside any scrolling (always seen).
        self.bottom_bar = QWidget()
        bottom_row = QHBoxLayout(self.bottom_bar)
        bottom_row.setContentsMargins(0, 0, 0, 0)
        bottom_row.addWidget(self.more_button)
        bottom_row.addStretch(1)
        bottom_row.addWidget(self.save_button)
        self.tag_controls = QWidget()
        tag_column = QVBoxLayout(self.tag_controls)
        tag_column.setContentsMargins(0, 0, 0, 0)
        tag_column.addWidget(self.principles)
        tag_column.addWidget(flowing(self.groups, self.services_chooser, self.slots, uniform=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(warning_row)
        layout.addWidget(flowing(kind_pair, sentiment_pair, *self.flags.values()))
        layout.addWidget(self.carried)
        layout.addWidget(self.summary)
        layout.addWidget(self.tag_controls)
        layout.addWidget(self.bottom_bar)

        self._wire_shortcuts()
        self.text.textChanged.connect(self._text_changed)
        self.text.textChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.sentiment.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in self.flags.values():
            box.toggled.connect(lambda _on: self.changed.emit())
        for box in self.principle_boxes:
            box.toggled.connect(lambda _on: self._tags_changed())
        self.groups.toggled.connect(self._group_toggled)
        self.slots.toggled.connect(self._set_group)
        self.services_chooser.toggled.connect(lambda _k, _on: self._tags_changed())
        for chooser in (self.groups, self.services_chooser):
            chooser.picker.picked.connect(lambda _key: self.focus_text())
            chooser.picker.left.connect(self.focus_text)
        self.keep_button.clicked.connect(self.save_requested)
        self.save_button.clicked.connect(self.save_requested)
        self.more_button.toggled.connect(self._show_tag_controls)
        self.text.installEventFilter(self)
        self.setFocusProxy(self.text)
        self._show_tag_controls(True)
        self.more_button.setChecked(True)
        self._fix_tab_order()

    # ----- keyboard -----------------------------------------------------------------------

    def _shortcut(self, sequence: str, slot: Any) -> QShortcut:
        shortcut = QShortcut(QKeySequence(sequence), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def _wire_shortcuts(self) -> None:
        for sequence in keys.SAVE:
            self._shortcut(sequence, self.save_requested.emit)
        self._shortcut(keys.NEXT_KIND, lambda: step(self.kind, 1))
        self._shortcut(keys.PREVIOUS_KIND, lambda: step(self.kind, -1))
        self._shortcut(keys.NEXT_SENTIMENT, lambda: step(self.sentiment, 1))
        self._shortcut(keys.PREVIOUS_SENTIMENT, lambda: step(self.sentiment, -1))
        for flag, key in keys.flag_keys(self.flags).items():
            self._shortcut(key, self.flags[flag].toggle)
        for box, sequence in zip(self.principle_boxes, keys.PRINCIPLES, strict=True):
            self._shortcut(sequence, box.toggle)
        for n, sequence in enumerate(keys.RECENT_GROUPS):
            self._shortcut(sequence, lambda n=n: self.slots.toggle(n))
        self._shortcut(keys.GROUP_PICKER, lambda: self._focus_picker(self.picker))
        self._shortcut(keys.SERVICE_PICKER, lambda: self._focus_picker(self.service_picker))
        self._shortcut(keys.MORE_TAGS, self.more_button.click)
        self._shortcut(keys.REDACT, self.redact_identifiers)
        self._shortcut(keys.CLEAR_CARRIED, self.clear_carried)

    def focus_text(self) -> None:
        self.text.setFocus()

    def _focus_picker(self, picker: QWidget) -> None:
        if not self.tag_controls.isVisible():
            self.more_button.setChecked(True)  # a picker must be seen to be typed into
        picker.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # With nothing of its own to undo (just after saving), the box lets Ctrl+Z and
        # Ctrl+Shift+Z through to the window's undo stack, so a capture can be undone.
        if watched is self.text and event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            document = self.text.document()
            if (
                event.matches(QKeySequence.StandardKey.Undo) and not document.isUndoAvailable()
            ) or (is_redo(event) and not document.isRedoAvailable()):
                event.ignore()
                return True
        return super().eventFilter(watched, event)

    def _fix_tab_order(self) -> None:
        """Tab follows the reading order, whichever widgets were rebuilt last."""
        chain: list[QWidget] = [
            self.text,
            self.redact_button,
            self.keep_button,
            self.kind,
            self.sentiment,
            *self.flags.values(),
            self.more_button,
            *self.principle_boxes,
            self.picker,
            self.chosen,
            self.service_picker,
            self.services_chooser.chosen,
            *self.slots.checks,
            self.save_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ----- folding the tag controls -------------------------------------------------------

    def set_compact(self, compact: bool) -> None:
        """Fold the principle, group and service controls away (their shortcuts still work)."""
        self.more_button.setChecked(not compact)

    @property
    def compact(self) -> bool:
        return not self.more_button.isChecked()

    def _show_tag_controls(self, shown: bool) -> None:
        self.tag_controls.setVisible(shown)
        self.summary.setVisible(not shown)
        # Folded means room is short: the text box gives up a few lines too.
        self.text.setMaximumHeight(self.fontMetrics().height() * (8 if shown else 5))
        self.more_button.setText(
            (
                self.tr("Fewer tag controls ({key})")
                if shown
                else self.tr("All tag controls ({key})")
            ).format(key=keys.MORE_TAGS)
        )
        self._update_summary()

    def _tags_changed(self) -> None:
        self._update_summary()
        self._update_carried()
        self.changed.emit()

    # ----- sticky tags: the groups and principles carry over to the next note --------------

    def carry_over(self, state: dict[str, Any]) -> None:
        """Start the next note: only the saved note's groups and principles stay."""
        self._carrying = bool(state.get("groups") or state.get("principles"))
        kept = {name: state.get(name, []) for name in ("groups", "principles")}
        self.set_state(kept)
        self._update_carried()

    def clear_carried(self) -> None:
        self._carrying = False
        self.groups.set_keys([])
        for box in self.principle_boxes:
            box.setChecked(False)
        self._update_carried()

    def _update_carried(self) -> None:
        state = self.state()
        if not self._carrying or not (state["groups"] or state["principles"]):
            self._carrying = False
            self.carried.hide()
            return
        tags = tag_words(state, self.groups.label_for, self.services_chooser.label_for, ())
        self.carried.setText(
            self.tr("Kept from the last note: {tags}. {key} clears them.").format(
                tags=tags, key=keys.CLEAR_CARRIED
            )
        )
        self.carried.show()

    def _update_summary(self) -> None:
        if not self.summary.isVisibleTo(self):
            return
        chosen = tag_words(self.state(), self.groups.label_for, self.services_chooser.label_for)
        chosen = chosen or self.tr("no principles, groups or services")
        self.summary.setText(self.tr("Tags: {chosen}.").format(chosen=chosen))

    # ----- reference data -----------------------------------------------------------------

    def set_principles(self, principles: list[PrincipleView]) -> None:
        for box, principle in zip(self.principle_boxes, principles, strict=False):
            box.setText(f"{principle.number} {principle.short}")
            box.setToolTip(principle.text)
            box.setAccessibleDescription(principle.text)

    def set_services(self, services: list[ServiceView]) -> None:
        self.services_chooser.set_options(services)

    def set_groups(self, groups: list[GroupView], recent_keys: list[str]) -> None:
        """The groups on offer; the first call also gives the Ctrl+1 … Ctrl+5 keys their groups."""
        self.groups.set_options(groups)
        self.slots.set_labels({g.key: g.label for g in groups if g.active})
        self.slots.seed_once(recent_keys, chosen=self.group_keys())
        self._fix_tab_order()

    def reset_group_keys(self, recent_keys: list[str]) -> None:
        """Another activity: the keys start again from the recently used groups."""
        self.slots.seed(recent_keys, chosen=self.group_keys())
        self._fix_tab_order()

    # ----- groups -------------------------------------------------------------------------

    @property
    def recent_checks(self) -> list[QCheckBox]:
        return self.slots.checks

    def group_keys(self) -> list[str]:
        return self.groups.keys()

    def _set_group(self, key: str, on: bool) -> None:
        self.groups.set_key(key, on)

    def _group_toggled(self, key: str, on: bool) -> None:
        if on:
            before = len(self.slots.checks)
            self.slots.use(key)
            if len(self.slots.checks) != before:
                self._fix_tab_order()
        self.slots.show_chosen(self.group_keys())
        self._tags_changed()

    # ----- state --------------------------------------------------------------------------

    def fields(self) -> NoteFields:
        """The note as typed so far, typed."""
        return NoteFields.from_mapping(self._raw_state())

    def state(self) -> dict[str, Any]:
        """The note as typed so far, as plain values (for drafts and the undo stack)."""
        return self.fields().as_mapping()

    def _raw_state(self) -> dict[str, Any]:
        return {
            "body": self.text.toPlainText(),
            "kind": self.kind.currentData(),
            "sentiment": self.sentiment.currentData(),
            **{name: box.isChecked() for name, box in self.flags.items()},
            "principles": [b.property("number") for b in self.principle_boxes if b.isChecked()],
            "groups": self.group_keys(),
            "services": self.services_chooser.keys(),
        }

    def set_state(self, state: Mapping[str, Any] | NoteFields) -> None:
        if isinstance(state, NoteFields):
            state = state.as_mapping()
        self.text.setPlainText(str(state.get("body", "")))
        self.text.moveCursor(QTextCursor.MoveOperation.End)
        select(self.kind, state.get("kind", DEFAULT_NOTE_KIND))
        select(self.sentiment, state.get("sentiment", DEFAULT_SENTIMENT))
        for name, box in self.flags.items():
            box.setChecked(bool(state.get(name, False)))
        wanted = {int(n) for n in state.get("principles", [])}
        for box in self.principle_boxes:
            box.setChecked(box.property("number") in wanted)
        self.groups.set_keys(state.get("groups", []))
        self.services_chooser.set_keys(state.get("services", []))
        self.check_identifiers()

    def clear(self) -> None:
        self._carrying = False
        self.set_state({})
        self._update_carried()
