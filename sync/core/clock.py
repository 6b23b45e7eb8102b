"""The wall clock sync reads, passed in by the entry point so tests can set it without patching."""

from __future__ import annotations

import time
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

CLOCK = "sync.clock"


class Clock(Protocol):
    def now_ms(self) -> int:
        """Milliseconds since 1970 (UTC)."""
        ...


class SystemClock:
    """The machine's clock."""

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000


class SettableClock:
    """The machine's clock shifted by `offset_ms`, or frozen at `frozen_ms` (tests, benchmarks)."""

    def __init__(self) -> None:
        self.offset_ms = 0
        self.frozen_ms: int | None = None

    def now_ms(self) -> int:
        if self.frozen_ms is not None:
            return self.frozen_ms
        return time.time_ns() // 1_000_000 + self.offset_ms

    def reset(self) -> None:
        self.offset_ms, self.frozen_ms = 0, None


SYSTEM_CLOCK = SystemClock()


def clock_of(session_or_info: Session | dict[str, Any]) -> Clock:
    """The clock installed on a store's sessions (the machine's clock for any other session)."""
    info = session_or_info.info if isinstance(session_or_info, Session) else session_or_info
    clock = info.get(CLOCK)
    return clock if clock is not None else SYSTEM_CLOCK


# The clock may step back a little (NTP); beyond this the person should check the date and time.
CLOCK_BACK_WARNING_MS = 5 * 60 * 1000


def clock_warnings(session: Session) -> list[str]:
    """A warning when this computer's clock is well behind the latest change it has seen."""
    from sync.core.schema import SyncClock  # schema imports the entities; the clock stays light

    wall = session.scalar(select(SyncClock.wall).where(SyncClock.id == 1)) or 0
    behind = wall - clock_of(session).now_ms()
    if behind > CLOCK_BACK_WARNING_MS:
        return [
            f"this computer's clock is {behind // 60000} minutes behind the latest change it "
            "has seen: check its date and time (sync still orders changes correctly)"
        ]
    return []
