"""The form for every field of an activity, quick to fill: today, and the last place used."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.activities import save_activity
from app.changes import Outcome
from domain.errors import InvalidInput
from domain.identifiers import outward_half
from domain.taxonomy import list_groups
from domain.views import ActivityView
from domain.vocabulary import ActivityKind, ActivityStatus, choices
from ui.activities.when_fields import WhenFields
from ui.design.widgets import aligned_form, ems, heading, text_lines
from ui.display import local, to_utc, word
from ui.services import Services
from ui.toast import show_toast
from ui.widgets import MessageLine, fitting, scrolling

COMMON_ADJUSTMENTS = (
    "Interpreter",
    "BSL interpreter",
    "Easy Read materials",
    "Hearing loop",
    "Step-free access",
    "Quiet room",
    "Childcare",
    "Travel costs",
)


class ActivityForm(QDialog):
    """Opened with open() (never exec): emits saved(activity_id, created). GUI thread only."""

    saved = Signal(str, bool)

    def __init__(
        self, services: Services, existing: ActivityView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.existing = existing
        self.setWindowTitle(self.tr("Edit activity") if existing else self.tr("New activity"))
        self.setAccessibleName(self.windowTitle())
        prefs = services.preferences
        host = QWidget()
        form = aligned_form(host)

        start = _starting_values(existing, prefs)
        self.title_edit = QLineEdit(start["title"])
        self.kind = QComboBox()
        for kind in ActivityKind:
            self.kind.addItem(word(kind), kind)
        self.kind.setCurrentIndex(choices(ActivityKind).index(start["kind"]))
        self.when = WhenFields(start["starts_at"], start["ends_at"])
        self.place = QLineEdit(start["place"])
        self.area = QLineEdit(start["area"])
        self.postcode = QLineEdit(start["postcode_outward"])
        self.postcode.setMaxLength(8)
        self.postcode.setPlaceholderText(self.tr("first half only, such as LS8"))
        self.postcode.editingFinished.connect(self.keep_outward_half)
        self.lead = QLineEdit(start["lead"])
        self.partners = QLineEdit(", ".join(start["partners"]))
        self.partners.setPlaceholderText(self.tr("separate with commas, e.g. Healthwatch"))
        self.topic = QLineEdit(start["topic"])
        self.people = QSpinBox()
        self.people.setRange(0, 1_000_000)
        self.people.setValue(start["people_reached"])
        self.status = QComboBox()
        for status in ActivityStatus:
            self.status.addItem(word(status), status)
        self.status.setCurrentIndex(choices(ActivityStatus).index(start["status"]))
        adjustments = self._adjustments(start["adjustments"])
        self.groups = self._groups_table(existing)

        form.addRow(heading(self.tr("What and when"), "subheading"))
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Kind:"), self.kind)
        when_label = QLabel(self.tr("&On:"))
        when_label.setBuddy(self.when.day)
        form.addRow(when_label, self.when)
        form.addRow(heading(self.tr("Where"), "subheading"))
        form.addRow(self.tr("&Place:"), self.place)
        form.addRow(self.tr("&Area:"), self.area)
        form.addRow(self.tr("Postcode (out&ward):"), self.postcode)
        form.addRow(heading(self.tr("Who ran it, and who came"), "subheading"))
        form.addRow(self.tr("&Lead:"), self.lead)
        form.addRow(self.tr("Pa&rtners:"), self.partners)
        form.addRow(self.tr("Topic or ser&vice area:"), self.topic)
        form.addRow(self.tr("People reac&hed:"), self.people)
        form.addRow(self.tr("Adjustments offered:"), adjustments)
        form.addRow(self.tr("&Groups reached:"), self.groups)
        form.addRow(self.tr("Stat&us:"), self.status)

        self.message = MessageLine(self.tr("Problem with the activity"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(host), 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.field_widgets: dict[str, QWidget] = {
            "title": self.title_edit,
            "kind": self.kind,
            "starts_at": self.when.day,
            "ends_at": self.when.end,
            "place": self.place,
            "area": self.area,
            "postcode_outward": self.postcode,
            "lead": self.lead,
            "partners": self.partners,
            "topic": self.topic,
            "people_reached": self.people,
            "status": self.status,
            "groups_reached": self.groups,
        }
        self.resize(fitting(self, ems(self, 56), text_lines(self, 38)))
        self.title_edit.setFocus()

    def _adjustments(self, had: list[str]) -> QWidget:
        adjustments = QWidget()
        grid = QGridLayout(adjustments)
        grid.setContentsMargins(0, 0, 0, 0)
        self.adjustment_boxes: list[QCheckBox] = []
        for n, name in enumerate(COMMON_ADJUSTMENTS):
            box = QCheckBox(self.tr(name))
            box.setProperty("adjustment", name)
            box.setChecked(name in had)
            grid.addWidget(box, n // 2, n % 2)
            self.adjustment_boxes.append(box)
        self.other_adjustments = QLineEdit(", ".join(a for a in had if a not in COMMON_ADJUSTMENTS))
        self.other_adjustments.setAccessibleName(self.tr("Other adjustments"))
        self.other_adjustments.setPlaceholderText(self.tr("other adjustments, separated by commas"))
        grid.addWidget(self.other_adjustments, len(COMMON_ADJUSTMENTS) // 2 + 1, 0, 1, 2)

        return adjustments

    def _groups_table(self, existing: ActivityView | None) -> QTableWidget:
        counts = {g.group_key: g.count for g in existing.groups_reached} if existing else {}
        groups = self.services.read(lambda s: list_groups(s, include_retired=False))
        depth: dict[str, int] = {}
        table = QTableWidget(len(groups), 2)
        table.setAccessibleName(self.tr("Groups reached"))
        table.setAccessibleDescription(
            self.tr("Space ticks a group; type a head count in the second column if known.")
        )
        table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Head count")])
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, group in enumerate(groups):
            depth[group.key] = depth.get(group.parent_key or "", -1) + 1 if group.parent_key else 0
            item = QTableWidgetItem("    " * depth[group.key] + group.label)
            item.setData(Qt.ItemDataRole.UserRole, group.key)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(
                Qt.CheckState.Checked if group.key in counts else Qt.CheckState.Unchecked
            )
            table.setItem(row, 0, item)
            count = counts.get(group.key)
            table.setItem(row, 1, QTableWidgetItem("" if count is None else str(count)))
        table.setMinimumHeight(table.fontMetrics().height() * 10)
        return table

    def values(self) -> dict[str, Any]:
        starts, ends = self.when.values()
        adjustments = [b.property("adjustment") for b in self.adjustment_boxes if b.isChecked()]
        adjustments += [a for a in self.other_adjustments.text().split(",") if a.strip()]
        return {
            "title": self.title_edit.text(),
            "kind": self.kind.currentData(),
            "starts_at": to_utc(starts),
            "ends_at": to_utc(ends) if ends is not None else None,
            "place": self.place.text().strip(),
            "area": self.area.text().strip(),
            "postcode_outward": self.postcode.text().strip(),
            "lead": self.lead.text().strip(),
            "partners": [p for p in self.partners.text().split(",") if p.strip()],
            "topic": self.topic.text().strip(),
            "people_reached": self.people.value(),
            "adjustments": adjustments,
            "status": self.status.currentData(),
        }

    def groups_reached(self) -> dict[str, int | None]:
        reached: dict[str, int | None] = {}
        for row in range(self.groups.rowCount()):
            item = self.groups.item(row, 0)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            text = (self.groups.item(row, 1).text() if self.groups.item(row, 1) else "").strip()
            if text and not text.isdigit():
                raise InvalidInput(
                    "groups_reached",
                    f"the head count for {item.text().strip()!r} is not a whole number",
                )
            reached[item.data(Qt.ItemDataRole.UserRole)] = int(text) if text else None
        return reached

    def keep_outward_half(self) -> bool:
        """A full postcode typed: keep only its first half, and say so. True if it changed."""
        outward = outward_half(self.postcode.text())
        if outward is None:
            return False
        self.postcode.setText(outward)
        self.message.show_message(
            self.tr(
                "Only the first half of the postcode is kept ({outward}): a full postcode can "
                "point to someone's home."
            ).format(outward=outward)
        )
        return True

    def save(self) -> None:
        if self.keep_outward_half():
            return  # the change is shown first; saving again keeps it
        try:
            values, groups = self.values(), self.groups_reached()
        except InvalidInput as error:
            self._show_error(error)
            return
        activity_id = None if self.existing is None else self.existing.id

        def job(session: Session, _progress: object) -> Outcome[ActivityView]:
            return save_activity(session, activity_id=activity_id, groups_reached=groups, **values)

        self.message.clear_message()
        self.services.runner.submit(
            job, label=self.tr("Saving the activity"), on_done=self._saved, on_error=self._failed
        )

    def _saved(self, view: ActivityView) -> None:
        activity_id = view.id
        prefs = self.services.preferences
        prefs.last_place = self.place.text().strip()
        prefs.last_area = self.area.text().strip()
        prefs.last_postcode_outward = self.postcode.text().strip().upper()
        prefs.last_lead = self.lead.text().strip()
        self.accept()
        if self.parentWidget() is not None:
            show_toast(self.parentWidget(), self.tr("Activity saved"))
        self.saved.emit(activity_id, self.existing is None)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, InvalidInput):
            self._show_error(error)
        else:
            self.message.show_message(self.tr("Error: ") + str(error))

    def _show_error(self, error: InvalidInput) -> None:
        self.message.show_message(self.tr("Error: ") + str(error))  # the field named in words
        widget = self.field_widgets.get(error.field)
        if widget is not None:
            widget.setFocus()


def _starting_values(existing: ActivityView | None, prefs: Any) -> dict[str, Any]:
    """An activity being edited shows its own values; a new one today, and the last place used."""
    if existing is not None:
        return {
            **{name: getattr(existing, name) for name in _COPIED},
            "starts_at": local(existing.starts_at),
            "ends_at": local(existing.ends_at) if existing.ends_at else None,
        }
    return {
        "title": "",
        "kind": choices(ActivityKind)[0],
        "starts_at": datetime.now().replace(minute=0, second=0, microsecond=0),
        "ends_at": None,
        "place": prefs.last_place,
        "area": prefs.last_area,
        "postcode_outward": prefs.last_postcode_outward,
        "lead": prefs.last_lead,
        "partners": [],
        "topic": "",
        "people_reached": 0,
        "status": choices(ActivityStatus)[1],
        "adjustments": [],
    }


_COPIED = (
    "title",
    "kind",
    "place",
    "area",
    "postcode_outward",
    "lead",
    "partners",
    "topic",
    "people_reached",
    "status",
    "adjustments",
)
