"""The Retention part of the Data held page: what is past its date, the rules, and this laptop's
own settings (delete after sync, coordinator's store)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import Changes, Outcome
from app.retention import RetentionView, apply_retention, change_device_settings, change_rules
from domain.plain_words import plural
from domain.progress import Progress
from domain.retention import MAX_AMOUNT, Period, RecordKind, Rule, Unit
from domain.retention_due import Due
from ui.design.widgets import heading
from ui.services import Services
from ui.widgets import answered

UNIT_LABELS = {Unit.DAYS: "days", Unit.MONTHS: "months", Unit.YEARS: "years"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("RetentionSection", text)


def due_lines(due: tuple[Due, ...]) -> list[str]:
    lines = []
    for listed in due:
        also = f" ({listed.also})" if listed.also else ""
        oldest = (
            _tr(", the oldest from {date}").format(date=f"{listed.oldest:%-d %B %Y}")
            if listed.oldest
            else ""
        )
        lines.append(f"{listed.label}: {listed.count:,}{also}{oldest}")
    return lines


class RetentionDialogs(Protocol):
    """Each returns the person's answer, or None/False when they cancel (tests pass their own)."""

    def edit_rules(
        self, parent: QWidget, rules: tuple[Rule, ...]
    ) -> dict[RecordKind, Period] | None: ...

    def confirm_purge(self, parent: QWidget, due: tuple[Due, ...]) -> bool: ...


class RulesDialog(QDialog):
    """One row per kind: how many, of which unit, counted from what. 0 keeps them."""

    def __init__(self, parent: QWidget | None, rules: tuple[Rule, ...]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("How long records are kept"))
        self.rules = rules
        explanation = QLabel(
            _tr(
                "These rules are your organisation's: every laptop follows them after its next "
                "sync. 0 keeps that kind of record until someone deletes it by hand."
            )
        )
        explanation.setWordWrap(True)
        grid = QGridLayout()
        self.amounts: dict[RecordKind, QSpinBox] = {}
        self.units: dict[RecordKind, QComboBox] = {}
        for row, rule in enumerate(rules):
            label = QLabel(rule.label)
            amount = QSpinBox()
            amount.setRange(0, MAX_AMOUNT[Unit.DAYS])
            amount.setValue(rule.period.amount)
            amount.setAccessibleName(_tr("{kind}: how many").format(kind=rule.label))
            label.setBuddy(amount)
            unit = QComboBox()
            for choice, words in UNIT_LABELS.items():
                unit.addItem(_tr(words), choice.value)
            unit.setCurrentIndex(unit.findData(rule.period.unit.value))
            unit.setAccessibleName(_tr("{kind}: unit").format(kind=rule.label))
            grid.addWidget(label, row, 0)
            grid.addWidget(amount, row, 1)
            grid.addWidget(unit, row, 2)
            grid.addWidget(QLabel(rule.counted_from), row, 3)
            self.amounts[rule.kind], self.units[rule.kind] = amount, unit
        self.problem = QLabel()
        self.problem.setAccessibleName(_tr("Problem with the rules"))
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def periods(self) -> dict[RecordKind, Period]:
        """The rules as set in the dialog that differ from what they were."""
        chosen = {}
        for rule in self.rules:
            unit = Unit(self.units[rule.kind].currentData())
            period = Period(self.amounts[rule.kind].value(), unit)
            if period != rule.period:
                chosen[rule.kind] = period
        return chosen

    def _check(self) -> None:
        for rule in self.rules:
            unit = Unit(self.units[rule.kind].currentData())
            if self.amounts[rule.kind].value() > MAX_AMOUNT[unit]:
                self.problem.setText(
                    _tr("{kind}: give at most {most} {unit}.").format(
                        kind=rule.label, most=MAX_AMOUNT[unit], unit=_tr(UNIT_LABELS[unit])
                    )
                )
                self.amounts[rule.kind].setFocus()
                return
        self.accept()


class PurgeDialog(QDialog):
    """Lists what will go, in counts; Cancel is the default button."""

    def __init__(self, parent: QWidget | None, due: tuple[Due, ...]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Delete records past their date"))
        total = sum(listed.count for listed in due)
        explanation = QLabel(
            _tr(
                "{records} past their date under your organisation's rules. They are deleted "
                "for good: here now, and on every other laptop and the server at their next "
                "sync. This cannot be undone."
            ).format(records=plural(total, _tr("record is"), _tr("records are")))
        )
        explanation.setWordWrap(True)
        listing = QLabel("\n".join(f"• {line}" for line in due_lines(due)))
        listing.setAccessibleName(_tr("What will be deleted"))
        listing.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = buttons.addButton(
            _tr("&Delete for good"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setAutoDefault(False)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.delete_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(listing)
        layout.addWidget(buttons)


class QtRetentionDialogs:
    def edit_rules(
        self, parent: QWidget, rules: tuple[Rule, ...]
    ) -> dict[RecordKind, Period] | None:
        dialog = RulesDialog(parent, rules)
        return dialog.periods() if answered(dialog) else None

    def confirm_purge(self, parent: QWidget, due: tuple[Due, ...]) -> bool:
        return answered(PurgeDialog(parent, due))


class RetentionSection(QWidget):
    """GUI thread only; writes go through the task runner and then refresh the page."""

    def __init__(
        self,
        services: Services,
        refresh_page: Callable[[], None],
        dialogs: RetentionDialogs | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.refresh_page = refresh_page
        self.dialogs: RetentionDialogs = dialogs or QtRetentionDialogs()
        self.view: RetentionView | None = None
        self.due_label = QLabel()
        self.due_label.setAccessibleName(_tr("Past their date"))
        self.due_label.setWordWrap(True)
        self.due_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review_button = QPushButton(_tr("Revie&w and delete…"))
        self.review_button.clicked.connect(self.review_and_delete)
        self.rules_button = QPushButton(_tr("Change r&ules…"))
        self.rules_button.clicked.connect(self.change_rules)
        self.delete_after_sync = QCheckBox(_tr("&Delete notes from this laptop after sync"))
        self.coordinator = QCheckBox(_tr("This is the &coordinator's store"))
        explanations = (
            _tr(
                "For a shared or borrowed laptop: after each sync, notes the coordinator's store "
                "holds are removed from this laptop only. Notes of today's and planned "
                "activities stay."
            ),
            _tr(
                "After each sync, this store tells every laptop what it holds, so laptops set "
                "to delete after sync can let go of those notes."
            ),
        )
        described: list[tuple[QCheckBox, QLabel]] = []
        boxes = (self.delete_after_sync, self.coordinator)
        for box, words in zip(boxes, explanations, strict=True):
            box.setAccessibleName(box.text().replace("&", ""))
            box.setAccessibleDescription(words)
            box.toggled.connect(self._device_setting_changed)
            explanation = QLabel(words)
            explanation.setWordWrap(True)
            explanation.setIndent(box.iconSize().width() + 8)
            described.append((box, explanation))
        buttons = QHBoxLayout()
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.rules_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_tr("Past their date"), "subheading"))
        layout.addWidget(self.due_label)
        layout.addLayout(buttons)
        layout.addWidget(heading(_tr("This laptop"), "subheading"))
        for box, explanation in described:
            layout.addWidget(box)
            layout.addWidget(explanation)
        layout.addStretch(1)

    def show_view(self, view: RetentionView) -> None:
        self.view = view
        if view.due:
            self.due_label.setText("\n".join(f"• {line}" for line in due_lines(view.due)))
        else:
            self.due_label.setText(_tr("Nothing is past its date."))
        self.review_button.setEnabled(bool(view.due))
        for box, on in (
            (self.delete_after_sync, view.device.delete_after_sync),
            (self.coordinator, view.device.coordinator),
        ):
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)

    def _refresh(self, *_args: object) -> None:
        self.refresh_page()

    def _failed(self, what: str) -> Callable[[BaseException], None]:
        window = self.window()
        return lambda error: window.report_error(what, error)

    def review_and_delete(self) -> None:
        if self.view is None or not self.view.due:
            return
        due = self.view.due
        if not self.dialogs.confirm_purge(self, due):
            return
        store = self.services.store

        def job(_session: Session, _progress: Progress) -> Outcome[int]:
            counts, changes = apply_retention(store, due)
            return Outcome(sum(counts.values()), changes)

        self.services.runner.submit(
            job,
            label=_tr("Deleting records past their date"),
            on_done=self._deleted,
            on_error=self._failed(_tr("deleting records past their date")),
        )

    def _deleted(self, count: int) -> None:
        # Undo steps keep the text of what they changed: none may hold, or bring back, purged text.
        self.services.undo_stack.clear()
        window = self.window()
        if hasattr(window, "show_status"):
            window.show_status(
                _tr(
                    "Deleted {count:,} records past their date; other laptops follow at their "
                    "next sync."
                ).format(count=count)
            )
        self._refresh()

    def change_rules(self) -> None:
        if self.view is None:
            return
        periods = self.dialogs.edit_rules(self, self.view.rules)
        if not periods:
            return
        store = self.services.store

        def job(_session: Session, _progress: Progress) -> Outcome[None]:
            change_rules(store, periods)
            return Outcome(None, Changes(settings=True))

        self.services.runner.submit(
            job,
            label=_tr("Changing the retention rules"),
            on_done=self._refresh,
            on_error=self._failed(_tr("changing the retention rules")),
        )

    def _device_setting_changed(self) -> None:
        store = self.services.store
        delete_after_sync = self.delete_after_sync.isChecked()
        coordinator = self.coordinator.isChecked()

        def job(_session: Session, _progress: Progress) -> Changes:
            return change_device_settings(
                store, delete_after_sync=delete_after_sync, coordinator=coordinator
            )

        self.services.runner.submit(
            job,
            label=_tr("Saving this laptop's settings"),
            on_error=self._failed(_tr("saving this laptop's settings")),
        )
