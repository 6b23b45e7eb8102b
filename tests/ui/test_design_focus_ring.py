"""The thick focus ring shows on every kind of focusable widget the app uses, in every theme."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtGui import QColor, QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.design.theme import apply_theme
from ui.design.tokens import ThemeName, metrics, palette


def _editable_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(["Leeds", "Bradford"])
    return combo


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.addItems(["Observation", "Quote"])
    return combo


def _table() -> QTableView:
    model = QStandardItemModel(3, 2)
    for row in range(3):
        for column in range(2):
            model.setItem(row, column, QStandardItem(f"cell {row} {column}"))
    table = QTableView()
    table.setModel(model)
    table._model = model  # type: ignore[attr-defined]  # kept alive with the view
    return table


def _list() -> QListWidget:
    widget = QListWidget()
    widget.addItems(["One", "Two"])
    return widget


def _tree() -> QTreeWidget:
    tree = QTreeWidget()
    tree.addTopLevelItem(QTreeWidgetItem(["Carers"]))
    return tree


def _tabs() -> QWidget:
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "Conflicts")
    tabs.addTab(QWidget(), "Set aside")
    return tabs


def _tool() -> QToolButton:
    button = QToolButton()
    button.setText("More")
    return button


KINDS: dict[str, Callable[[], QWidget]] = {
    "push button": lambda: QPushButton("Save note"),
    "primary button": lambda: _primary(),
    "tool button": _tool,
    "check box": lambda: QCheckBox("Consent to quote"),
    "radio button": lambda: QRadioButton("Standard"),
    "line edit": lambda: QLineEdit("Leeds"),
    "plain text edit": lambda: QPlainTextEdit("What people said"),
    "text edit": lambda: QTextEdit("Rich text"),
    "spin box": QSpinBox,
    "date-time edit": lambda: QDateTimeEdit(QDateTime.currentDateTime()),
    "combo box": _combo,
    "editable combo box": _editable_combo,
    "table": _table,
    "list": _list,
    "tree": _tree,
    "tab bar": _tabs,
}


def _primary() -> QPushButton:
    button = QPushButton("Generate report")
    button.setProperty("primary", True)
    return button


@pytest.fixture(params=list(ThemeName))
def theme(request: pytest.FixtureRequest) -> Iterator[ThemeName]:
    app = QApplication.instance()
    apply_theme(app, request.param.value)
    yield request.param
    apply_theme(app, "light")


def _count(image: QImage, colour: QColor) -> int:
    target = colour.rgb()
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixel(x, y) == target
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_focus_ring_is_drawn(qtbot: QtBot, theme: ThemeName, kind: str) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    widget = KINDS[kind]()
    other = QLineEdit("elsewhere")
    layout.addWidget(widget)
    layout.addWidget(other)
    host.resize(320, 260)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    target = widget.tabBar() if isinstance(widget, QTabWidget) else widget
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    ring = QColor(palette(theme).focus_ring)
    before = _count(target.grab().toImage(), ring)
    target.setFocus()
    qtbot.waitUntil(lambda: target.hasFocus() or target.isAncestorOf(QApplication.focusWidget()))
    after = _count(target.grab().toImage(), ring)
    width = metrics(theme).focus_width
    # A ring round even a small control is a few hundred pixels of the ring colour.
    assert after - before >= 40 * width, f"{kind} in {theme}: {before} -> {after} ring pixels"
