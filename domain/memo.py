"""Memo: a function's results by argument, each worked out once, for hot loops.

Not functools.cache: for most arguments (a tuple, None) it builds a key per call, which cost a
tenth of a 100,000-note export. A dict subclass is looked up with dict's own `__getitem__`, so
an argument seen before costs no Python call and no allocation.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class Memo(dict[Hashable, Any]):
    """`memo[argument]` is `work(argument)`, worked out on first use. With `limit`, what is
    kept is forgotten once it reaches that many, so unlike arguments cannot grow it without
    end."""

    def __init__(self, work: Callable[[Any], Any], limit: int | None = None) -> None:
        super().__init__()
        self.work = work
        self.limit = limit

    def __missing__(self, argument: Hashable) -> Any:
        if self.limit is not None and len(self) >= self.limit:
            self.clear()
        result = self[argument] = self.work(argument)
        return result
