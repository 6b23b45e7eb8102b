"""The task runner: database work on one worker thread, with progress, cancel and busy feedback.

SQLite has one writer, so every write (and long read) is queued to a single thread in order.
Each job gets its own Session; it commits when the job returns and rolls back when it raises
(cancelling raises Cancelled). A job that returns Changes (or an Outcome carrying them) has them
handed to `on_changes` (the window) before its own callback, which gets the Outcome's value.
The busy cursor appears after ~300 ms and a progress dialog
after half a second, so quick saves never flicker.
"""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.changes import Changes, Outcome, changes_of
from domain.progress import Cancelled, Progress

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.database import Store

BUSY_CURSOR_MS = 300
PROGRESS_DIALOG_MS = 500  # "progress for anything over half a second"

JobFunction = Callable[["Session", Progress], Any]


class JobProgress:
    """The Progress a job reports through; read by the GUI, written by the worker thread."""

    def __init__(self, job_id: int, relay: _Relay) -> None:
        self._job_id = job_id
        self._relay = relay
        self._cancel = threading.Event()

    def report(self, done: int, total: int, label: str) -> None:
        self._relay.progressed.emit(self._job_id, done, total, label)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


@dataclass
class Task:
    id: int
    function: JobFunction
    label: str
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    cancellable: bool
    progress: JobProgress
    timers: list[QTimer] = field(default_factory=list)
    on_cancelled: Callable[[], None] | None = None
    dialog: QProgressDialog | None = None
    busy: bool = False
    background: bool = False  # shows its own progress; no busy cursor, no dialog


class _Relay(QObject):
    """Lives on the GUI thread: signals emitted from the worker arrive queued, on the GUI thread."""

    started = Signal(int)
    progressed = Signal(int, int, int, str)
    finished = Signal(int, bool, object)


class TaskRunner(QObject):
    """Queue jobs from the GUI thread; callbacks run on the GUI thread, in submission order.

    Threading: submit/cancel/shutdown are called on the GUI thread only; job functions run on the
    worker thread and must not touch widgets.
    """

    def __init__(
        self,
        store: Store | None,
        *,
        dialog_parent: Callable[[], QWidget | None] = lambda: None,
        report_error: Callable[[str, BaseException], None] | None = None,
        on_changes: Callable[[Changes], None] | None = None,
    ) -> None:
        super().__init__()
        self._store = store
        self._on_changes = on_changes
        self._dialog_parent = dialog_parent
        self._report_error = report_error
        self._ids = itertools.count(1)
        self._tasks: dict[int, Task] = {}
        self._queue: queue.Queue[Task | None] = queue.Queue()
        self._relay = _Relay()
        self._relay.started.connect(self._on_started)
        self._relay.progressed.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self._thread = threading.Thread(
            target=self._work, args=(self._queue,), name="database-worker", daemon=True
        )
        self._thread.start()
        # Long jobs that wait on the outside world (a sync with a slow or hung shared folder or
        # server) run here, so saving notes and drafts on the main worker never waits for them.
        self._background: queue.Queue[Task | None] = queue.Queue()
        self._background_thread = threading.Thread(
            target=self._work, args=(self._background,), name="background-worker", daemon=True
        )
        self._background_thread.start()

    # ----- GUI thread --------------------------------------------------------------------

    def use_store(self, store: Store) -> None:
        """The store, when the runner was made before it opened (start-up's first look)."""
        self._store = store

    def submit(
        self,
        function: JobFunction,
        *,
        label: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        cancellable: bool = False,
        on_cancelled: Callable[[], None] | None = None,
        background: bool = False,
    ) -> Task:
        """Queue a job; `background` jobs (sync) run on their own worker, beside the others."""
        task_id = next(self._ids)
        task = Task(
            task_id,
            function,
            label,
            on_done,
            on_error,
            cancellable,
            JobProgress(task_id, self._relay),
            on_cancelled=on_cancelled,
            background=background,
        )
        self._tasks[task_id] = task
        (self._background if background else self._queue).put(task)
        return task

    def report_failure(self, label: str, error: BaseException) -> None:
        """Show a failure as a job without on_error would (for handlers that retry some)."""
        if self._report_error is not None:
            self._report_error(label, error)

    def is_idle(self) -> bool:
        return not self._tasks

    def cancel(self, task: Task) -> None:
        task.progress.cancel()

    def shutdown(self) -> None:
        """Finish every queued job (a queued draft or note must still be saved), then stop."""
        self._queue.put(None)
        self._thread.join()
        for task in list(self._tasks.values()):
            task.progress.cancel()  # a background sync stops at its next step
        self._background.put(None)
        # A sync hung on an unreachable folder must not stop the app closing (daemon thread).
        self._background_thread.join(timeout=5)
        QApplication.processEvents()  # deliver the last callbacks

    def _on_started(self, task_id: int) -> None:
        task = self._tasks.get(task_id)
        if task is None or task.background:
            return
        for delay, action in (
            (BUSY_CURSOR_MS, self._show_busy),
            (PROGRESS_DIALOG_MS, self._show_dialog),
        ):
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda t=task, a=action: a(t))
            timer.start(delay)
            task.timers.append(timer)

    def _show_busy(self, task: Task) -> None:
        if task.id in self._tasks and not task.busy:
            task.busy = True
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def _show_dialog(self, task: Task) -> None:
        if task.id not in self._tasks or task.dialog is not None:
            return
        cancel_text = self.tr("Cancel") if task.cancellable else ""
        dialog = QProgressDialog(task.label, cancel_text, 0, 0, self._dialog_parent())
        dialog.setWindowTitle(self.tr("Working"))
        dialog.setAccessibleName(task.label)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not task.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(task.progress.cancel)
        task.dialog = dialog
        dialog.show()  # shown, not exec'd: the GUI keeps running

    def _on_progress(self, task_id: int, done: int, total: int, label: str) -> None:
        task = self._tasks.get(task_id)
        if task is None or task.dialog is None:
            return
        task.dialog.setMaximum(max(total, 0))
        task.dialog.setValue(min(done, total) if total else 0)
        task.dialog.setLabelText(label)

    def _on_finished(self, task_id: int, ok: bool, result: object) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return
        for timer in task.timers:
            timer.stop()
        if task.busy:
            QApplication.restoreOverrideCursor()
        if task.dialog is not None:
            task.dialog.close()
            task.dialog.deleteLater()
        if ok:
            self._deliver(task, result)
            return
        assert isinstance(result, BaseException)
        if isinstance(result, Cancelled):
            if task.on_cancelled is not None:
                task.on_cancelled()
            return
        if task.on_error is not None:
            task.on_error(result)
        elif self._report_error is not None:
            self._report_error(task.label, result)

    def _deliver(self, task: Task, result: object) -> None:
        # The window hears what changed first, so on_done sees views that are already fresh.
        changes = changes_of(result)
        if changes.any and self._on_changes is not None:
            self._on_changes(changes)
        if task.on_done is not None:
            task.on_done(result.value if isinstance(result, Outcome) else result)

    # ----- worker thread -----------------------------------------------------------------

    def _work(self, jobs: queue.Queue[Task | None]) -> None:
        while True:
            task = jobs.get()
            if task is None:
                return
            self._relay.started.emit(task.id)
            session = self._store.new_session()
            try:
                result = task.function(session, task.progress)
                if task.progress.cancelled:
                    raise Cancelled()
                session.commit()
            except BaseException as error:  # delivered to the GUI, never swallowed
                session.rollback()
                self._relay.finished.emit(task.id, False, error)
            else:
                self._relay.finished.emit(task.id, True, result)
            finally:
                session.close()
