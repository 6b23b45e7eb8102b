"""Which received bundles to apply, in what order, and which to set aside: a pure function.

Each device's bundles apply in sequence; a bundle waits until the bundles it depends on (its
header's `deps`) are applied; two different readable bundles with the same number are a clone,
set aside for a coordinator; a bundle stamped far in the future is set aside until released;
an unreadable file holds up its device ("not arrived yet"), unless a readable bundle has its
number, in which case it is only junk beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sync.quarantine_state import Cause, QuarantineState


@dataclass(frozen=True)
class Candidate:
    """A bundle file not yet applied, as far as its header could be read and checked."""

    device_id: str
    seq: int
    name: str
    problem: str = ""  # why it cannot be read or trusted ("" when it can)
    deps: Mapping[str, int] = field(default_factory=dict)
    future: bool = False
    cause: str | None = None  # why it is already set aside, if it is
    state: QuarantineState | None = None
    # What identifies the bundle across its writer's rewrites (see sync.rewrite), and which.
    original: str = ""
    revision: int = 0


@dataclass(frozen=True)
class Plan:
    apply: tuple[Candidate, ...]
    set_aside: tuple[tuple[Candidate, Cause], ...]
    unreadable: tuple[Candidate, ...]
    cloned: tuple[tuple[str, int], ...]  # (device, number) written twice


def _newest_version(readable: list[Candidate]) -> list[Candidate]:
    """Versions of one bundle (its writer mid-way through rewriting it) count as the newest."""
    if len(readable) > 1 and len({c.original for c in readable}) == 1 and readable[0].original:
        return [max(readable, key=lambda c: c.revision)]
    return readable


def _choose(at_seq: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """(usable candidates at one number, unreadable ones that block it)."""
    live = [c for c in at_seq if c.state is not QuarantineState.DISCARDED]
    readable = _newest_version([c for c in live if not c.problem])
    released = [c for c in readable if c.state is QuarantineState.RELEASED]
    if len(readable) > 1 and len(released) == 1:
        return released, []  # a coordinator chose which of the clones to apply
    if readable:
        return readable, []
    return [], [c for c in live if c.problem]


class _Planner:
    def __init__(self, applied: Mapping[str, int], me: str, own_seq: int) -> None:
        self.applied = dict(applied)
        self.me, self.own_seq = me, own_seq
        self.order: list[Candidate] = []
        self.aside: list[tuple[Candidate, Cause]] = []
        self.unreadable: list[Candidate] = []
        self.cloned: list[tuple[str, int]] = []
        self.blocked: set[str] = set()

    def deps_met(self, candidate: Candidate) -> bool:
        return all(
            seq <= (self.own_seq if dep == self.me else self.applied.get(dep, 0))
            for dep, seq in candidate.deps.items()
        )

    def step(self, device_id: str, candidates: Sequence[Candidate]) -> bool:
        """Try the next bundle of one device; True when one was planned to apply."""
        expected = self.applied.get(device_id, 0) + 1
        usable, unreadable = _choose([c for c in candidates if c.seq == expected])
        if unreadable:
            self.unreadable.extend(unreadable)
            self.blocked.add(device_id)
        if len(usable) > 1:
            self.aside.extend((c, Cause.CLONED) for c in usable if c.cause is None)
            self.cloned.append((device_id, expected))
            self.blocked.add(device_id)
        if len(usable) != 1 or device_id in self.blocked:
            return False
        (chosen,) = usable
        if chosen.cause == Cause.CLONED and chosen.state is not QuarantineState.RELEASED:
            self.blocked.add(device_id)
            return False
        if not self.deps_met(chosen):
            return False  # needs another device's bundle first; retried in the next pass
        if chosen.future and chosen.state is not QuarantineState.RELEASED:
            self.aside.append((chosen, Cause.FUTURE))
            self.blocked.add(device_id)
            return False
        self.order.append(chosen)
        self.applied[device_id] = expected
        return True


def plan_bundles(
    candidates: Sequence[Candidate], *, applied: Mapping[str, int], me: str, own_seq: int
) -> Plan:
    """The order to apply `candidates` in, and what to set aside (no I/O, no clock)."""
    by_device: dict[str, list[Candidate]] = {}
    for candidate in sorted(candidates, key=lambda c: (c.device_id, c.seq, c.name)):
        if candidate.device_id != me and candidate.seq > applied.get(candidate.device_id, 0):
            by_device.setdefault(candidate.device_id, []).append(candidate)
    planner = _Planner(applied, me, own_seq)
    progressed = True
    while progressed:
        progressed = False
        for device_id in sorted(by_device):
            if device_id not in planner.blocked:
                progressed = planner.step(device_id, by_device[device_id]) or progressed
    return Plan(
        tuple(planner.order),
        tuple(planner.aside),
        tuple(planner.unreadable),
        tuple(planner.cloned),
    )
