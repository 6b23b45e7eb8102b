"""Activities: the columns fit the first rows, measured once, never by reading every loaded row."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.qtbot import QtBot

from domain.sample_data import generate_sample_data
from models.database import Store
from tests.ui.conftest import WindowFactory
from ui.activities.activities_page import FITTED_ROWS, ActivitiesPage
from ui.activities.activity_table_model import ActivityTableModel

TITLE = 1  # stretches to take the room left


def test_columns_fit_the_first_rows_and_stay_when_more_load(
    qtbot: QtBot, make_window: WindowFactory, empty_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with empty_store.session() as session:
        generate_sample_data(session, activities=150, notes_per_activity=1, seed=5)
    rows_read: set[int] = set()
    data = ActivityTableModel.data

    def reading(self: Any, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        rows_read.add(index.row())
        return data(self, index, role)

    monkeypatch.setattr(ActivityTableModel, "data", reading)
    window = make_window(store=empty_store)
    page = window.pages["activities"]
    assert isinstance(page, ActivitiesPage)
    qtbot.waitUntil(lambda: bool(rows_read))
    table, model = page.table, page.model
    assert model.rowCount() == 100  # one page loaded, of 150
    # Only the first rows were read to size the columns and paint: not all 100 loaded.
    shown = table.rowAt(table.viewport().height() - 1)
    assert max(rows_read) < max(FITTED_ROWS, shown + 1), sorted(rows_read)
    metrics = table.fontMetrics()
    widths = [table.columnWidth(c) for c in range(model.columnCount())]
    for column, width in enumerate(widths):
        if column == TITLE:
            continue
        for row in range(FITTED_ROWS):
            text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            assert metrics.horizontalAdvance(text) < width, (column, text, width)
    table.scrollToBottom()  # loads the rest
    qtbot.waitUntil(lambda: model.rowCount() == 150)
    assert [table.columnWidth(c) for c in range(model.columnCount())] == widths
