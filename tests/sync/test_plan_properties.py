"""Property tests of bundle planning: order, dependencies, clones and clocks, whatever the input."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from sync.plan import Candidate, plan_bundles
from sync.quarantine_state import Cause, QuarantineState

DEVICES = ("a", "b", "c")
ME = "me"


@st.composite
def folders(draw: st.DrawFn) -> tuple[list[Candidate], dict[str, int]]:
    """Bundles of three devices, each depending on bundles the others wrote before it."""
    applied = {d: draw(st.integers(0, 2)) for d in DEVICES}
    candidates: list[Candidate] = []
    for device in DEVICES:
        for seq in range(applied[device] + 1, applied[device] + draw(st.integers(0, 4)) + 1):
            deps = {
                other: draw(st.integers(0, applied.get(other, 0) + 3))
                for other in sorted(draw(st.sets(st.sampled_from([*DEVICES, ME]))))
                if other != device
            }
            candidates.append(
                Candidate(
                    device,
                    seq,
                    f"{seq:08d}-{device}.bundle",
                    problem=draw(st.sampled_from(["", "", "", "", "truncated"])),
                    deps=deps,
                    future=draw(st.booleans()) and draw(st.booleans()),
                )
            )
            if draw(st.integers(0, 9)) == 0:  # a clone wrote the same number
                candidates.append(Candidate(device, seq, f"{seq:08d}-{device}-clone.bundle"))
    return candidates, applied


@given(folders(), st.integers(0, 3), st.randoms())
def test_plans_respect_order_and_dependencies_whatever_the_listing_order(
    folder: tuple[list[Candidate], dict[str, int]], own_seq: int, shuffle: random.Random
) -> None:
    candidates, applied = folder
    plan = plan_bundles(candidates, applied=applied, me=ME, own_seq=own_seq)
    listed = list(candidates)
    shuffle.shuffle(listed)
    assert plan_bundles(listed, applied=applied, me=ME, own_seq=own_seq) == plan
    seen = dict(applied)
    for bundle in plan.apply:
        assert bundle.seq == seen[bundle.device_id] + 1  # each device in sequence, no gaps
        for dep, seq in bundle.deps.items():
            assert seq <= (own_seq if dep == ME else seen.get(dep, 0))
        assert not bundle.problem and not bundle.future
        seen[bundle.device_id] = bundle.seq
    set_aside = {(c.device_id, c.name) for c, _ in plan.set_aside}
    assert not set_aside & {(c.device_id, c.name) for c in plan.apply}
    cloned = {(d, s) for d, s in plan.cloned}
    assert not any((c.device_id, c.seq) in cloned for c in plan.apply)


@given(folders())
def test_nothing_is_left_that_could_still_apply(
    folder: tuple[list[Candidate], dict[str, int]],
) -> None:
    candidates, applied = folder
    plan = plan_bundles(candidates, applied=applied, me=ME, own_seq=10)
    after = dict(applied)
    for bundle in plan.apply:
        after[bundle.device_id] = bundle.seq
    for device in DEVICES:
        nxt = [c for c in candidates if c.device_id == device and c.seq == after[device] + 1]
        if len(nxt) != 1 or nxt[0].problem or nxt[0].future:
            continue
        # A single readable, plausible next bundle waits only for a dependency.
        assert any(seq > after.get(dep, 0) for dep, seq in nxt[0].deps.items() if dep != ME)


def test_a_released_clone_is_applied_and_a_discarded_one_never() -> None:
    candidates = [
        Candidate("a", 1, "one.bundle", cause=Cause.CLONED, state=QuarantineState.DISCARDED),
        Candidate("a", 1, "two.bundle", cause=Cause.CLONED, state=QuarantineState.HELD),
        Candidate("b", 1, "x.bundle", cause=Cause.CLONED, state=QuarantineState.RELEASED),
        Candidate("b", 1, "y.bundle", cause=Cause.CLONED, state=QuarantineState.HELD),
        Candidate("c", 1, "late.bundle", future=True, state=QuarantineState.RELEASED),
        Candidate("c", 2, "later.bundle", future=True),
    ]
    plan = plan_bundles(candidates, applied={}, me=ME, own_seq=0)
    assert [c.name for c in plan.apply] == ["x.bundle", "late.bundle"]
    assert [(c.name, cause) for c, cause in plan.set_aside] == [("later.bundle", Cause.FUTURE)]


def test_junk_beside_a_real_bundle_is_not_a_clone() -> None:
    candidates = [Candidate("a", 1, "real.bundle"), Candidate("a", 1, "junk.bundle", problem="x")]
    plan = plan_bundles(candidates, applied={}, me=ME, own_seq=0)
    assert [c.name for c in plan.apply] == ["real.bundle"] and not plan.cloned


@given(
    st.lists(st.tuples(st.booleans(), st.integers(0, 5), st.booleans()), max_size=8), st.randoms()
)
def test_a_withdrawal_no_grant_saw_wins_in_any_delivery_order(
    edits: list[tuple[bool, int, bool]], shuffle: random.Random
) -> None:
    from sync.core.ops import PUT, Hlc, Op, fold

    ops: list[Op] = []
    for i, (value, wall, saw_all) in enumerate(edits):
        seen = tuple(op.ref for op in ops) if saw_all else ()
        ops.append(Op(("d", i, 0), Hlc(wall, i), "note", "n", PUT, {"c": value}, {"c": seen}))
    delivered = list(ops)
    shuffle.shuffle(delivered)
    state = fold(delivered, withdraw_fields=frozenset({"c"}))
    assert state == fold(ops, withdraw_fields=frozenset({"c"}))
    unseen = {op.ref for op in ops} - {r for op in ops for r in op.prev["c"]}
    if any(op.values["c"] is False for op in ops if op.ref in unseen):
        assert state.values["c"] is False
