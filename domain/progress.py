"""The Progress protocol long work reports through, and a silent default."""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The person cancelled; the caller rolls back."""


class Progress(Protocol):
    def report(self, done: int, total: int, label: str) -> None: ...

    @property
    def cancelled(self) -> bool: ...


class NoProgress:
    """For callers that do not show progress."""

    def report(self, done: int, total: int, label: str) -> None:
        return None

    @property
    def cancelled(self) -> bool:
        return False
