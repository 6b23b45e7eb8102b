"""The services every screen of an unlocked store gets through its constructor (no singleton)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QUndoStack

from ui.events import AppEvents
from ui.settings import Preferences, WindowState
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from domain.first_look import FirstLook
    from models.database import Store

T = TypeVar("T")


@dataclass
class Services:
    """Shared by the pages of one main window. GUI thread only."""

    store: Store
    runner: TaskRunner
    events: AppEvents
    preferences: Preferences
    window_state: WindowState
    undo_stack: QUndoStack
    # The activities list's first page, read before the store opened (start-up paints it).
    first_look: FirstLook | None = None

    def read(self, query: Callable[[Session], T]) -> T:
        """A quick read on the GUI thread (one page of a list); WAL readers never wait on writes."""
        with self.store.read_session() as session:  # deferred: never waits for the write lock
            return query(session)
