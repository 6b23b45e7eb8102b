"""The one picker of a Selection (dates, area, groups with or without sub-groups, themes, services,
principles, and for Find the note's kind, sentiment and review state), used by every page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.selection import Selection, check_date_range, parse_date
from domain.taxonomy import list_groups, list_principles, list_services
from domain.themes import ThemeTitle, theme_titles
from domain.views import GroupView, PrincipleView, ServiceView
from domain.vocabulary import NoteKind, Sentiment
from ui.design.tokens import space
from ui.design.widgets import whole_names_when_open
from ui.display import word
from ui.flow_layout import flowing

DATES, AREA, GROUPS, THEMES, SERVICES, PRINCIPLES, NOTE_DETAILS = (
    "dates",
    "area",
    "groups",
    "themes",
    "services",
    "principles",
    "note details",
)
EVERY_PART = frozenset({DATES, AREA, GROUPS, THEMES, SERVICES, PRINCIPLES, NOTE_DETAILS})


@dataclass(frozen=True)
class PickerChoices:
    """What the picker's lists offer, read from the store in one go."""

    groups: Sequence[GroupView] = ()
    principles: Sequence[PrincipleView] = ()
    services: Sequence[ServiceView] = ()
    themes: Sequence[ThemeTitle] = ()


def read_choices(session: Session) -> PickerChoices:
    """Every group (retired ones too: old notes keep them), principle, service and live theme."""
    return PickerChoices(
        groups=list_groups(session),
        principles=list_principles(session),
        services=list_services(session),
        themes=theme_titles(session),
    )


def _labelled(text: str, field: QWidget) -> QWidget:
    """A label and its field kept together when the row wraps; the label's &-key focuses it."""
    host = QWidget()
    row = QHBoxLayout(host)
    row.setContentsMargins(0, 0, space(1), 0)
    label = QLabel(text)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field)
    return host


class SelectionPicker(QWidget):
    """GUI thread only. Emits `changed` whenever a choice changes (dates: on Enter or focus out).

    `parts` says which controls to show; hidden parts are left open in the Selection.
    """

    changed = Signal()

    def __init__(self, parts: Iterable[str] = EVERY_PART, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts = frozenset(parts)
        self.date_from = QLineEdit()
        self.date_to = QLineEdit()
        for edit, name in ((self.date_from, "From"), (self.date_to, "To")):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
            edit.setMaxLength(10)
            edit.setAccessibleName(self.tr("Activities {name} date").format(name=name.lower()))
            edit.editingFinished.connect(self.changed)
        self.area = QLineEdit()
        self.area.setPlaceholderText(self.tr("as recorded on activities"))
        self.area.setAccessibleName(self.tr("Area"))
        metrics = self.area.fontMetrics()
        self.area.setMinimumWidth(metrics.horizontalAdvance(self.area.placeholderText() + "__"))
        self.area.editingFinished.connect(self.changed)
        self.group = self._combo(self.tr("Group"))
        self.include_subgroups = QCheckBox(self.tr("inclu&de sub-groups"))
        self.include_subgroups.setChecked(True)
        self.include_subgroups.setAccessibleName(self.tr("Include the group's sub-groups"))
        self.include_subgroups.toggled.connect(self._subgroups_toggled)
        self.theme = self._combo(self.tr("Theme"))
        self.service = self._combo(self.tr("Service"))
        self.principle = self._combo(self.tr("Principle"))
        self.sentiment = self._combo(self.tr("Sentiment"))
        self.kind = self._combo(self.tr("Kind of note"))
        self.review = self._combo(self.tr("Review"))
        self._fill_fixed_lists()

        shown: list[QWidget] = []
        if DATES in self.parts:
            shown += [
                _labelled(self.tr("Activity fro&m:"), self.date_from),
                _labelled(self.tr("&to:"), self.date_to),
            ]
        if AREA in self.parts:
            shown.append(_labelled(self.tr("&Area:"), self.area))
        if GROUPS in self.parts:
            shown += [_labelled(self.tr("&Group:"), self.group), self.include_subgroups]
        if THEMES in self.parts:
            shown.append(_labelled(self.tr("T&heme:"), self.theme))
        if SERVICES in self.parts:
            shown.append(_labelled(self.tr("Servi&ce:"), self.service))
        if PRINCIPLES in self.parts:
            shown.append(_labelled(self.tr("Princip&le:"), self.principle))
        if NOTE_DETAILS in self.parts:
            shown += [
                _labelled(self.tr("Se&ntiment:"), self.sentiment),
                _labelled(self.tr("&Kind:"), self.kind),
                _labelled(self.tr("Review stat&us:"), self.review),
            ]
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(flowing(*shown))
        # Every label starts a row when the rows line up with a form ("to:" under "from:").
        self.leading = [label for label in self.findChildren(QLabel) if label.buddy() is not None]
        self._line_up: tuple[QFormLayout, QWidget] | None = None

    def line_up_with(self, form: QFormLayout, field: QWidget) -> None:
        """Inside a form: while the form's labels sit beside their fields, the picker's labels
        take the form's label width, so its fields start where the form's do."""
        self._line_up = (form, field)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._line_up is not None:
            self._align(*self._line_up)

    def _align(self, form: QFormLayout, field: QWidget) -> None:
        label = form.labelForField(field)
        if label is None or not self.leading:
            return
        row = self.leading[0].parentWidget().layout()
        gap = row.spacing() if row is not None else space(1)
        width = field.geometry().left() - label.geometry().left() - gap
        widest_field = max(
            min(lead.buddy().minimumSizeHint().width(), lead.buddy().maximumWidth())
            for lead in self.leading
        )
        beside = label.geometry().right() < field.geometry().left()
        fits = width + gap + widest_field + space(1) <= self.width()
        for lead in self.leading:  # none when the form's rows wrap or would not fit
            lead.setMinimumWidth(width if beside and fits else 0)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Long group names would push the form sideways: the closed list stays about 26
        # characters wide (the chosen name in full on hover), the open list shows whole names.
        combo.setMaximumWidth(combo.fontMetrics().averageCharWidth() * 26 + space(6))
        combo.currentTextChanged.connect(combo.setToolTip)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def _subgroups_toggled(self, _on: bool) -> None:
        if self.group.currentData() is not None:
            self.changed.emit()

    def _fill_fixed_lists(self) -> None:
        self._refill(self.sentiment, self.tr("Any sentiment"), [(word(s), s) for s in Sentiment])
        self._refill(self.kind, self.tr("Any kind"), [(word(k), k) for k in NoteKind])
        self._refill(
            self.review,
            self.tr("Any"),
            [(self.tr("Needs review"), True), (self.tr("Reviewed"), False)],
        )

    def _refill(self, combo: QComboBox, anything: str, items: Sequence[tuple[str, Any]]) -> None:
        """Replace a list's choices, keeping the one chosen when it is still there."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(anything, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
        whole_names_when_open(combo)
        combo.blockSignals(False)
        combo.setToolTip(combo.currentText())

    def set_choices(self, choices: PickerChoices) -> None:
        """Fill the lists from the store (after the taxonomy or the themes were edited, say)."""
        groups, principles = choices.groups, choices.principles
        services, themes = choices.services, choices.themes
        depth: dict[str, int] = {}
        group_items = []
        for g in groups:
            depth[g.key] = depth.get(g.parent_key, -1) + 1 if g.parent_key else 0
            retired = "" if g.active else self.tr(" (retired)")
            group_items.append(("  " * depth[g.key] + g.label + retired, g.key))
        self._refill(self.group, self.tr("Any group"), group_items)
        self._refill(
            self.principle,
            self.tr("Any principle"),
            [(f"{p.number} {p.short}", p.number) for p in principles],
        )
        for index, p in enumerate(principles, start=1):
            self.principle.setItemData(index, p.text, Qt.ItemDataRole.ToolTipRole)
        self._refill(
            self.service, self.tr("Any service"), [(s.label, s.key) for s in services if s.active]
        )
        self._refill(self.theme, self.tr("Any theme"), [(t.title, t.id) for t in themes])

    def selection(self, *, text: str = "") -> Selection:
        """The selection as chosen; raises InvalidInput naming a date typed wrongly (and puts
        the cursor in it)."""
        dates = ((self.date_from, self.tr("From")), (self.date_to, self.tr("To")))
        found = []
        for edit, name in dates:
            try:
                found.append(parse_date(edit.text(), name))
            except InvalidInput:
                edit.setFocus()
                raise
        date_from, date_to = found
        check_date_range(date_from, date_to)

        def one(combo: QComboBox, part: str) -> tuple[Any, ...]:
            value = combo.currentData() if part in self.parts else None
            return () if value is None else (value,)

        return Selection(
            date_from=date_from,
            date_to=date_to,
            area=self.area.text().strip() or None,
            group_keys=one(self.group, GROUPS),
            include_subgroups=self.include_subgroups.isChecked(),
            theme_ids=one(self.theme, THEMES),
            service_keys=one(self.service, SERVICES),
            principles=one(self.principle, PRINCIPLES),
            sentiments=one(self.sentiment, NOTE_DETAILS),
            kinds=one(self.kind, NOTE_DETAILS),
            text=text,
            needs_review=self.review.currentData() if NOTE_DETAILS in self.parts else None,
        )
