"""The Progress protocol long jobs (sync, import, export, report) report through."""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The person cancelled; the caller rolls back."""


class Progress(Protocol):
    """Receives progress from a job; may be called from a worker thread, so implementations
    must be thread-safe (the UI adapter forwards to the GUI thread through a signal)."""

    def report(self, done: int, total: int, label: str) -> None:
        """Say that `done` of `total` steps are finished; `label` names the current step."""
        ...

    @property
    def cancelled(self) -> bool:
        """True once the person asked to stop; the job then stops at its next check."""
        ...


class NoProgress:
    """For callers that do not show progress."""

    def report(self, done: int, total: int, label: str) -> None:
        return None

    @property
    def cancelled(self) -> bool:
        return False
