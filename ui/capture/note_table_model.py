"""An activity's notes (or its bin) as a paged table model; the text column edits in place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from domain.browse import note_page
from domain.note_fields import FLAG_FIELDS
from domain.taxonomy import list_groups, list_services
from domain.views import NoteView
from domain.vocabulary import Consent, short_label
from ui.display import day_and_time, one_line, short_date_time, word
from ui.paged_table_model import Column, PagedTableModel
from ui.services import Services

BODY_COLUMN = 1
TAG_COLUMNS = (5, 6, 7)  # groups, services, flags: a set width, the full text in the tooltip


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoteTableModel", text)


# The review flag first (it decides whether the note may be reported at all), then the
# flags NoteFields declares, the consents last.
_SHOWN_FLAGS = ("needs_review", *sorted(FLAG_FIELDS, key=lambda flag: flag in set(Consent)))


def _flags(note: NoteView) -> str:
    shown = (short_label(flag) for flag in _SHOWN_FLAGS if getattr(note, flag))
    return ", ".join(QCoreApplication.translate("values", words) for words in shown)


def note_columns(
    group_labels: dict[str, str], service_labels: dict[str, str]
) -> list[Column[NoteView]]:
    def groups(note: NoteView) -> str:
        return ", ".join(group_labels.get(key, key) for key in note.group_keys)

    def services(note: NoteView) -> str:
        return ", ".join(service_labels.get(key, key) for key in note.service_keys)

    return [
        Column(
            _tr("Time"),
            lambda n: day_and_time(n.created_at),
            tooltip=lambda n: short_date_time(n.created_at),
        ),
        Column(_tr("Note"), lambda n: one_line(n.body), tooltip=lambda n: n.body),
        Column(_tr("Kind"), lambda n: word(n.kind)),
        Column(_tr("Sentiment"), lambda n: word(n.sentiment)),
        Column(_tr("Principles"), lambda n: " ".join(str(p) for p in n.principle_numbers)),
        Column(_tr("Groups"), groups, tooltip=groups),
        Column(_tr("Services"), services, tooltip=services),
        Column(_tr("Flags"), _flags, tooltip=_flags),
    ]


class NoteTableModel(PagedTableModel[NoteView]):
    """GUI thread only. Edits are not written here: edit_requested goes to the undo stack."""

    edit_requested = Signal(str, str, object)  # note id, field, new value

    def __init__(self, services: Services, *, page_size: int = 100) -> None:
        self.services = services
        self.activity_id: str | None = None
        self.show_bin = False
        self.group_labels: dict[str, str] = {}
        self.service_labels: dict[str, str] = {}
        super().__init__(
            note_columns(self.group_labels, self.service_labels),
            self._fetch_page,
            page_size=page_size,
        )

    def _fetch_page(
        self, offset: int, limit: int, _sort: str | None, _descending: bool
    ) -> tuple[Sequence[Any], bool]:
        activity_id = self.activity_id
        if activity_id is None:
            return (), False
        page = self.services.read(
            lambda s: note_page(
                s, activity_id=activity_id, deleted=self.show_bin, offset=offset, limit=limit
            )
        )
        return page.notes, page.has_more

    def show(self, activity_id: str | None, *, show_bin: bool = False) -> None:
        groups, services = self.services.read(lambda s: (list_groups(s), list_services(s)))
        self.group_labels.clear()
        self.group_labels.update({g.key: g.label for g in groups})
        self.service_labels.clear()
        self.service_labels.update({s.key: s.label for s in services})
        self.activity_id = activity_id
        self.show_bin = show_bin
        self.reload(keep_loaded=False)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == BODY_COLUMN and not self.show_bin:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == BODY_COLUMN:
            note = self.row_at(index.row())
            return note.body if note else None
        return super().data(index, role)

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != BODY_COLUMN:
            return False
        note = self.row_at(index.row())
        text = str(value)
        if note is None or text == note.body or not text.strip():
            return False
        self.edit_requested.emit(note.id, "body", text)
        return True

    def row_of(self, note_id: str) -> int:
        return self.find_row(lambda n: n.id == note_id)
