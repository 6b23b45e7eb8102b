"""The activities list as a paged table model (date, title, kind, place, notes, status)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from domain.first_look import PAGE_SIZE, ActivityRow
from ui.display import short_date_time, word
from ui.paged_table_model import Column, PagedTableModel
from ui.services import Services


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActivityTableModel", text)


def activity_columns() -> list[Column[ActivityRow]]:
    return [
        Column(_tr("Date"), lambda r: short_date_time(r.starts_at), "starts_at"),
        Column(_tr("Title"), lambda r: r.title, "title", tooltip=lambda r: r.title),
        Column(_tr("Kind"), lambda r: word(r.kind), "kind"),
        Column(_tr("Place"), lambda r: ", ".join(p for p in (r.place, r.area) if p), "place"),
        Column(_tr("Notes"), lambda r: str(r.note_count), "note_count", align_right=True),
        Column(_tr("Status"), lambda r: word(r.status), "status"),
    ]


@dataclass(frozen=True)
class ActivityFilters:
    """What the list shows: the keyword arguments of domain.browse.activity_rows."""

    text: str = ""
    kind: str | None = None
    status: str | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    deleted: bool = False


class ActivityTableModel(PagedTableModel[ActivityRow]):
    """GUI thread only; each page is one quick read."""

    def __init__(self, services: Services, *, page_size: int = 100) -> None:
        self.services = services
        self.filters = ActivityFilters()
        super().__init__(activity_columns(), self._fetch_page, page_size=page_size)
        self.sort_key = "starts_at"

    def _fetch_page(
        self, offset: int, limit: int, sort_key: str | None, descending: bool
    ) -> tuple[Sequence[Any], bool]:
        look, self.services.first_look = self.services.first_look, None  # it is read once
        opening = (offset, limit, sort_key or "starts_at", descending, self.filters)
        if look is not None and opening == (0, PAGE_SIZE, "starts_at", True, ActivityFilters()):
            return look.rows, look.has_more  # painted before the store (and SQLAlchemy) loads
        from domain.browse import activity_rows

        page = self.services.read(
            lambda s: activity_rows(
                s,
                **asdict(self.filters),
                sort=sort_key or "starts_at",
                descending=descending,
                offset=offset,
                limit=limit,
            )
        )
        return page.rows, page.has_more

    @property
    def text(self) -> str:
        return self.filters.text

    def set_text(self, text: str) -> None:
        self.set_filters(replace(self.filters, text=text))

    def set_filters(self, filters: ActivityFilters) -> None:
        self.filters = filters
        self.reload(keep_loaded=False)
