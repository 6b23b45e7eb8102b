"""Property tests of the pure merge: generated multi-device histories, any delivery, one state."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.core.ops import ADD, PURGE, PUT, REMOVE, REMOVED_ADDS, Hlc, Op, OpRef, fold, observe, tick

DEVICES = ("dev-a", "dev-b", "dev-c")
RECORDS = ("n1", "n2")
LINKS = ("l1", "l2")
TEXT = frozenset({"body"})
DAY_MS = 24 * 3600 * 1000


@dataclass
class Device:
    name: str
    clock: Hlc = field(default_factory=lambda: Hlc(0, 0))
    changeset: int = 0
    log: dict[OpRef, Op] = field(default_factory=dict)

    def receive(self, ops: list[Op], now: int) -> None:
        for op in ops:
            if op.ref not in self.log:
                self.log[op.ref] = op
                self.clock = observe(self.clock, op.hlc, now)

    def make(self, entity: str, key: str, kind: str, values: dict[str, object], now: int) -> Op:
        known = [op for op in self.log.values() if op.key == key]
        prev: dict[str, tuple[OpRef, ...]] = {}
        if kind == REMOVE:
            prev[REMOVED_ADDS] = tuple(op.ref for op in known if op.kind == ADD)
        if kind == PUT and "body" in values:
            prev["body"] = tuple(h.ref for h in fold(known, text_fields=TEXT).heads.get("body", ()))
        self.clock = tick(self.clock, now)
        self.changeset += 1
        op = Op((self.name, self.changeset, 0), self.clock, entity, key, kind, values, prev)
        self.log[op.ref] = op
        return op


step = st.one_of(
    st.tuples(
        st.just("edit"),
        st.sampled_from(DEVICES),
        st.sampled_from(RECORDS),
        st.sampled_from(("body", "kind", "deleted")),
        st.text("xyz", max_size=3),
    ),
    st.tuples(
        st.just("link"),
        st.sampled_from(DEVICES),
        st.sampled_from(LINKS),
        st.sampled_from((ADD, REMOVE)),
        st.just(""),
    ),
    st.tuples(
        st.just("purge"),
        st.sampled_from(DEVICES),
        st.sampled_from(RECORDS),
        st.just(""),
        st.just(""),
    ),
    st.tuples(
        st.just("sync"),
        st.sampled_from(DEVICES),
        st.sampled_from(DEVICES),
        st.floats(0, 1),
        st.just(""),
    ),
)
# Wall clock per step: mostly forward, sometimes set a day back or jumped ahead.
clock_moves = st.lists(st.sampled_from((0, 1, 5, 1000, -DAY_MS, DAY_MS)), min_size=40, max_size=40)


def run_history(steps: list[tuple], moves: list[int], rnd: random.Random) -> tuple[dict, list[Op]]:
    devices = {name: Device(name) for name in DEVICES}
    seen: dict[OpRef, frozenset[OpRef]] = {}  # oracle: what each op's writer had seen
    now = 1_700_000_000_000
    made: list[Op] = []
    for index, (action, who, key, what, value) in enumerate(steps):
        now += moves[index % len(moves)]
        device = devices[who]
        if action == "sync":
            source = devices[key]
            ops = sorted(source.log.values(), key=lambda op: op.ref)
            delivered = [op for op in ops if rnd.random() < 0.5 + what / 2]  # some lost
            device.receive(delivered, now)
            continue
        if any(op.kind == PURGE and op.key == key for op in device.log.values()):
            continue
        before = frozenset(device.log)
        if action == "edit":
            value_of = {"body": value, "kind": value, "deleted": bool(value)}[what]
            op = device.make("note", key, PUT, {what: value_of}, now)
        elif action == "link":
            has_add = any(op.key == key and op.kind == ADD for op in device.log.values())
            if what == REMOVE and not has_add:
                continue
            op = device.make("link", key, what, {}, now)
        else:
            op = device.make("note", key, PURGE, {}, now)
        seen[op.ref] = before
        made.append(op)
    return seen, made


def deliver(ops: list[Op], rnd: random.Random) -> list[Op]:
    """Every op at least once, some twice, in a random order (losses were retried)."""
    copies = ops + [op for op in ops if rnd.random() < 0.3]
    rnd.shuffle(copies)
    return copies


def normal(state) -> str:
    heads = {name: sorted(h.ref for h in hs) for name, hs in state.heads.items()}
    return repr((state.exists, state.purged, sorted(state.values.items()), sorted(heads.items())))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=40), clock_moves, st.randoms(use_true_random=False))
def test_any_delivery_converges_and_keeps_concurrent_text(steps, moves, rnd) -> None:
    seen, made = run_history(steps, moves, rnd)
    for key in (*RECORDS, *LINKS):
        ops = [op for op in made if op.key == key]
        text = TEXT if key in RECORDS else frozenset()
        states = {normal(fold(deliver(ops, rnd), text_fields=text)) for _ in range(3)}
        assert len(states) == 1, f"{key}: delivery order changed the merged state"
        state = fold(ops, text_fields=text)
        if any(op.kind == PURGE for op in ops):
            assert state.purged and not state.exists and not state.values
            continue
        writes = [op for op in ops if "body" in op.values]
        # Every edit no later edit saw survives: as the value, or as one side of a conflict.
        concurrent = {w.ref for w in writes if not any(w.ref in seen[o.ref] for o in writes)}
        assert {h.ref for h in state.heads.get("body", ())} == concurrent
        for name in ("kind", "deleted"):
            scalar = [op for op in ops if name in op.values]
            if scalar:
                assert state.values[name] == max(scalar, key=lambda op: op.order).values[name]
        if key in LINKS:
            adds = [op for op in ops if op.kind == ADD]
            removes = [op for op in ops if op.kind == REMOVE]
            survives = any(not any(a.ref in seen[r.ref] for r in removes) for a in adds)
            assert state.exists == survives
    # A later edit that saw an earlier one is stamped after it, whatever the wall clocks did.
    by_ref = {op.ref: op for op in made}
    for op in made:
        for earlier in seen[op.ref]:
            if earlier in by_ref:
                assert by_ref[earlier].hlc < op.hlc


@given(st.integers(0, 2**40), st.integers(0, 1000), st.integers(-(2**30), 2**30))
@settings(max_examples=300)
def test_clock_never_goes_back(wall, counter, jump) -> None:
    last = Hlc(wall, counter)
    assert tick(last, wall + jump) > last
    assert observe(last, Hlc(wall + jump, 3), wall) > last
    assert observe(last, Hlc(wall + jump, 3), wall) > Hlc(wall + jump, 3)
