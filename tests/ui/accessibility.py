"""Reusable accessibility checks for any screen: accessible names and keyboard reach.

Use `assert_accessible(root)` in every screen's tests: it fails on a visible focusable widget
that a screen reader could not name, and on one that Tab never reaches.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QMenuBar,
    QTabBar,
    QWidget,
)


def accessible_name(widget: QWidget) -> str:
    """The name assistive technology hears: accessibleName, the text, or the buddy label's."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    return (interface.text(QAccessible.Text.Name) or "").strip()


def _is_inner_part(widget: QWidget) -> bool:
    """Editors inside spin boxes and editable combos are announced through their owner."""
    parent = widget.parentWidget()
    return isinstance(parent, (QAbstractSpinBox, QComboBox)) and parent.focusProxy() is widget


def focusable_widgets(root: QWidget) -> list[QWidget]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None:
            continue  # focus goes to the proxy, which is checked itself
        found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    chain = []
    current: QWidget | None = widget
    while current is not None and len(chain) < 4:
        chain.append(current.objectName() or type(current).__name__)
        current = current.parentWidget()
    return " < ".join(chain)


def unnamed_focusable_widgets(root: QWidget) -> list[str]:
    problems = []
    for widget in focusable_widgets(root):
        owner = widget.parentWidget() if _is_inner_part(widget) else widget
        assert owner is not None
        if not accessible_name(owner):
            problems.append(describe(widget))
    return problems


def tab_walk(root: QWidget, *, limit: int = 400) -> list[QWidget]:
    """The widgets Tab visits, in order, starting from the one with focus, until it cycles."""
    visited: list[QWidget] = []
    start = QApplication.focusWidget()
    for _ in range(limit):
        root.focusNextPrevChild(True)
        QApplication.processEvents()
        current = QApplication.focusWidget()
        if current is None or current in visited:
            break
        visited.append(current)
        if current is start:
            break
    return visited


def unreachable_by_tab(root: QWidget) -> list[str]:
    reached = set(tab_walk(root))
    return [
        describe(w)
        for w in focusable_widgets(root)
        if w not in reached and not _is_inner_part(w) and w.isWindow() is False
    ]


def assert_accessible(root: QWidget) -> None:
    unnamed = unnamed_focusable_widgets(root)
    assert not unnamed, f"focusable widgets without an accessible name: {unnamed}"
    unreachable = unreachable_by_tab(root)
    assert not unreachable, f"focusable widgets Tab never reaches: {unreachable}"
    clashes = mnemonic_clashes(root.window())
    assert not clashes, f"Alt+letter keys claimed twice: {clashes}"


def _mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def mnemonic_clashes(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys claimed twice in overlapping scopes among what is visible (menus,
    labels, buttons, tabs, shortcuts): Qt then ignores both, so the key silently does nothing.
    Mnemonics are window-wide; a widget-scoped QShortcut only clashes inside its widget."""
    claims: dict[str, list[tuple[str, QWidget | None]]] = {}

    def claim(letter: str | None, owner: str, scope: QWidget | None = None) -> None:
        if letter:
            claims.setdefault(letter, []).append((owner, scope))

    for bar in window.findChildren(QMenuBar):
        for menu_action in bar.actions():
            claim(_mnemonic(menu_action.text()), f"menu {menu_action.text()!r}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            claim(_mnemonic(widget.text()), f"label {widget.text()!r}")
        elif isinstance(widget, QAbstractButton) and widget.isEnabled():
            claim(_mnemonic(widget.text()), f"button {widget.text()!r}")
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                claim(_mnemonic(widget.tabText(i)), f"tab {widget.tabText(i)!r}")
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if not shortcut.isEnabled() or not isinstance(parent, QWidget) or not parent.isVisible():
            continue
        sequence = shortcut.key().toString()
        if sequence.startswith("Alt+") and len(sequence) == 5:
            window_wide = shortcut.context() in (
                Qt.ShortcutContext.WindowShortcut,
                Qt.ShortcutContext.ApplicationShortcut,
            )
            claim(sequence[-1].lower(), f"shortcut {sequence}", None if window_wide else parent)

    def overlap(a: QWidget | None, b: QWidget | None) -> bool:
        return a is None or b is None or a.isAncestorOf(b) or b.isAncestorOf(a) or a is b

    clashes = {}
    for letter, owners in claims.items():
        clashing = [
            name
            for i, (name, scope) in enumerate(owners)
            if any(overlap(scope, other) for j, (_n, other) in enumerate(owners) if j != i)
        ]
        if clashing:
            clashes[letter] = clashing
    return clashes
