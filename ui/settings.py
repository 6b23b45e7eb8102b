"""Typed settings over QSettings: each key declared once, with its type and default.

Preferences (what people choose) are kept apart from window state (what Qt remembers), so
"reset preferences" never loses window layout and vice versa.
"""

from __future__ import annotations

import json
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

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


class Preferences(SettingsGroup):
    """What the person chose. Never holds note text or passphrases."""

    auto_lock_minutes: Setting[int] = Setting("preferences/auto_lock_minutes", 10)
    last_place: Setting[str] = Setting("preferences/last_place", "")
    last_area: Setting[str] = Setting("preferences/last_area", "")
    last_postcode_outward: Setting[str] = Setting("preferences/last_postcode_outward", "")
    last_lead: Setting[str] = Setting("preferences/last_lead", "")
    recent_group_keys: Setting[list[str]] = Setting("preferences/recent_group_keys", [])

    RECENT_GROUPS = 5

    def remember_groups(self, keys: list[str]) -> None:
        """Put these groups first in the recent list (at most RECENT_GROUPS kept)."""
        recent = list(dict.fromkeys([*keys, *self.recent_group_keys]))
        self.recent_group_keys = recent[: self.RECENT_GROUPS]


class WindowState(SettingsGroup):
    geometry: Setting[bytes] = Setting("window/geometry", b"")
    last_page: Setting[str] = Setting("window/last_page", "activities")


def app_settings() -> QSettings:
    return QSettings("Listening Post", "Listening Post")
