"""What one sync did, for the person who started it (both transports fill the same report)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sync.set_aside import SetAside

_NAMED_SET_ASIDE = 5


@dataclass
class SyncReport:
    published: int = 0
    applied: int = 0
    ops_applied: int = 0
    waiting: int = 0
    quarantined: int = 0
    conflicts: int = 0
    cancelled: bool = False
    set_aside: int = 0
    forgotten: int = 0  # notes removed from this laptop only (delete after sync)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def note_set_aside(self, items: Sequence[SetAside]) -> None:
        """Count ops set aside, naming the first few (the rest are kept in the store)."""
        self.set_aside += len(items)
        self.problems.extend(item.describe() for item in items[:_NAMED_SET_ASIDE])
        if len(items) > _NAMED_SET_ASIDE:
            self.problems.append(f"… and {len(items) - _NAMED_SET_ASIDE} more changes set aside")
