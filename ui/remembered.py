"""Column widths and splitter positions that people set, kept per table and splitter, restored
when the page is built again (the next start, or after a lock).

Only the columns people can drag (Interactive) are kept: the others fit their text or stretch.
Sizes kept for a different number of columns or panes are ignored, not misapplied.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView, QTreeView

from ui.settings import WindowState

SAVE_AFTER_MS = 400  # a drag fires a resize per pixel: keep the last one only
# Names the timer that writes widths behind a drag: waiting for it is not waiting for data.
KEEP_WIDTHS_TIMER = "keep-column-widths"


def _header(view: QTableView | QTreeView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


def remember_columns(view: QTableView | QTreeView, state: WindowState, name: str) -> None:
    """Restore the widths kept under `name`, then keep every change made by dragging.

    Call after the view has its model and default widths."""
    header = _header(view)
    kept = state.sizes("columns", name)
    if len(kept) == header.count():
        for column, width in enumerate(kept):
            if width > 0 and header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(column, width)
    timer = QTimer(view)
    timer.setObjectName(KEEP_WIDTHS_TIMER)
    timer.setSingleShot(True)
    timer.setInterval(SAVE_AFTER_MS)

    def keep() -> None:
        state.keep_sizes("columns", name, [header.sectionSize(c) for c in range(header.count())])

    timer.timeout.connect(keep)
    # Only widths people set by dragging: restoring or fitting text fires the same signal.
    header.sectionHandleDoubleClicked.connect(lambda _c: timer.start())
    header.sectionResized.connect(
        lambda column, _old, _new: (
            timer.start()
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive
            and header.isVisible()
            else None
        )
    )


def remember_splitter(splitter: QSplitter, state: WindowState, name: str) -> bool:
    """Restore the pane sizes kept under `name` (after the defaults), then keep each move.

    True when sizes were restored (the page then leaves them as the person set them)."""
    kept = state.sizes("splitter", name)
    restored = len(kept) == splitter.count() and all(size > 0 for size in kept)
    if restored:
        splitter.setSizes(kept)
    splitter.splitterMoved.connect(
        lambda _pos, _index: state.keep_sizes("splitter", name, splitter.sizes())
    )
    return restored
