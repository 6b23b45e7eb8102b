"""How stored values are shown: local times, and words for kinds and statuses."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from domain.vocabulary import label


def word(value: str) -> str:
    return QCoreApplication.translate("values", label(value))


def local(utc: datetime) -> datetime:
    """A stored naive-UTC time in the computer's own time zone (still naive, for display)."""
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def to_utc(local_time: datetime) -> datetime:
    """A naive local time as typed into the form, as naive UTC for storage."""
    return local_time.astimezone(UTC).replace(tzinfo=None)


def short_date_time(utc: datetime) -> str:
    return local(utc).strftime("%a %d %b %Y %H:%M")


def day_and_time(utc: datetime) -> str:
    """Short enough for a list column at 200% text: the notes of one activity share a year."""
    return local(utc).strftime("%d %b %H:%M")


def one_line(text: str, width: int = 140) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
