"""The bottom layer of sync: ops, table specs, op log, capture hooks, codec and clock."""

from __future__ import annotations

from sync.core.clock import Clock


def install(clock: Clock | None = None) -> None:
    """Make every store opened from now on capture its changes as ops (entry points call this)."""
    from sync.core import hooks  # the hooks import the store; keep this package light

    hooks.install(clock)
