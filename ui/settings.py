"""Typed settings over QSettings: each key declared once, with its type and default.

Preferences (what people choose) are kept apart from window state (what Qt remembers), so
"reset preferences" never loses window layout and vice versa.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.database import Store
    from ui.tasks import TaskRunner

T = TypeVar("T")


class Setting(Generic[T]):
    """One key: read with its declared type (falling back to the default), written back as is."""

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> Setting[T]: ...
    @overload
    def __get__(self, obj: SettingsGroup, owner: type) -> T: ...
    def __get__(self, obj: SettingsGroup | None, owner: type) -> Any:
        if obj is None:
            return self
        raw = obj.qsettings.value(self.key)
        if raw is None:
            return list(self.default) if isinstance(self.default, list) else self.default
        try:
            return self._decode(raw)
        except (TypeError, ValueError):
            return self.default  # a hand-edited or older value: fall back rather than crash

    def __set__(self, obj: SettingsGroup, value: T) -> None:
        obj.qsettings.setValue(self.key, self._encode(value))

    def _decode(self, raw: Any) -> Any:
        default = self.default
        if isinstance(default, bool):
            return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, bytes):
            return bytes(raw.data()) if isinstance(raw, QByteArray) else bytes(raw)
        if isinstance(default, list):
            value = json.loads(raw) if isinstance(raw, str) else list(raw)
            if not isinstance(value, list):
                raise TypeError("not a list")
            return [str(item) for item in value]
        return str(raw)

    def _encode(self, value: Any) -> Any:
        if isinstance(self.default, bytes):
            return QByteArray(bytes(value))
        if isinstance(self.default, list):
            return json.dumps(list(value))  # JSON: INI files lose empty and one-item lists
        return value


class SettingsGroup:
    def __init__(self, qsettings: QSettings) -> None:
        self.qsettings = qsettings

    def sync(self) -> None:
        self.qsettings.sync()


# Where earlier versions kept the last-used values, in plain text: moved into the store, deleted.
LEGACY_KEYS = {
    "place": "preferences/last_place",
    "area": "preferences/last_area",
    "postcode_outward": "preferences/last_postcode_outward",
    "lead": "preferences/last_lead",
}


class LastUsed:
    """One of the last values a new activity starts with, kept in the store (see attach_store).

    Until a store is attached (the lock screen) it reads as "" and writes only to memory.
    """

    def __init__(self, field: str) -> None:
        self.field = field

    @overload
    def __get__(self, obj: None, owner: type) -> LastUsed: ...
    @overload
    def __get__(self, obj: Preferences, owner: type) -> str: ...
    def __get__(self, obj: Preferences | None, owner: type) -> Any:
        if obj is None:
            return self
        return obj.last_used.get(self.field, "")

    def __set__(self, obj: Preferences, value: str) -> None:
        obj.last_used[self.field] = value
        if obj.persist_last_used is not None:
            obj.persist_last_used({self.field: value})


class Preferences(SettingsGroup):
    """What the person chose. Never holds note text, passphrases, or anything naming a place or
    person: those (the last place and lead) are kept in the encrypted store."""

    auto_lock_minutes: Setting[int] = Setting("preferences/auto_lock_minutes", 10)
    recent_group_keys: Setting[list[str]] = Setting("preferences/recent_group_keys", [])
    theme: Setting[str] = Setting("preferences/theme", "system")  # a ui.design ThemeChoice
    text_size_percent: Setting[int] = Setting("preferences/text_size_percent", 100)
    last_place = LastUsed("place")
    last_area = LastUsed("area")
    last_postcode_outward = LastUsed("postcode_outward")
    last_lead = LastUsed("lead")

    def __init__(self, qsettings: QSettings) -> None:
        super().__init__(qsettings)
        self.last_used: dict[str, str] = {}
        self.persist_last_used: Callable[[dict[str, str]], None] | None = None

    def attach_store(self, store: Store, runner: TaskRunner) -> None:
        """Read the last-used values from the store, moving any left in the settings file."""
        from domain.last_used import read_last_used, remember_last_used  # with the store

        with store.read_session() as session:
            self.last_used = read_last_used(session)
        legacy = self.take_legacy_values()
        moved = {k: v for k, v in legacy.items() if v and not self.last_used.get(k)}
        self.last_used.update(moved)

        def persist(values: dict[str, str]) -> None:
            def job(session: Session, _progress: object) -> None:
                remember_last_used(session, values)

            runner.submit(job, label="Keeping the last place used")

        self.persist_last_used = persist
        if moved:
            persist(moved)

    def take_legacy_values(self) -> dict[str, str]:
        """The values an earlier version left in the settings file, deleted from it."""
        found = {}
        for field, key in LEGACY_KEYS.items():
            value = self.qsettings.value(key)
            if value is not None:
                found[field] = str(value)
                self.qsettings.remove(key)
        if found:
            self.qsettings.sync()  # the plain-text copy goes from the disk now, not at exit
        return found

    RECENT_GROUPS = 5

    def remember_groups(self, keys: list[str]) -> None:
        """Put these groups first in the recent list (at most RECENT_GROUPS kept)."""
        recent = list(dict.fromkeys([*keys, *self.recent_group_keys]))
        self.recent_group_keys = recent[: self.RECENT_GROUPS]


class WindowState(SettingsGroup):
    geometry: Setting[bytes] = Setting("window/geometry", b"")
    last_page: Setting[str] = Setting("window/last_page", "activities")

    # Column widths and splitter positions, one key per table or splitter (see ui/remembered.py).
    def sizes(self, kind: str, name: str) -> list[int]:
        """The sizes kept for this table's columns ("columns") or splitter ("splitter")."""
        raw = self.qsettings.value(f"window/{kind}/{name}")
        try:
            sizes = json.loads(raw) if isinstance(raw, str) else []
            return [int(size) for size in sizes] if isinstance(sizes, list) else []
        except (TypeError, ValueError):
            return []  # hand-edited or older: the page's defaults instead

    def keep_sizes(self, kind: str, name: str, sizes: list[int]) -> None:
        self.qsettings.setValue(f"window/{kind}/{name}", json.dumps(sizes))


def app_settings() -> QSettings:
    return QSettings("Listening Post", "Listening Post")
