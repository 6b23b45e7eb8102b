"""Property tests of forgetting: over generated multi-device histories, blanking what is
forgotten never changes the merged state, and every store forgets the same, whatever it holds
already blanked (from a rewritten bundle or a replaced server body) and in whatever order."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.core.forget import blanked, forgotten
from sync.core.ops import Op, fold
from tests.sync.test_merge_properties import RECORDS, TEXT, clock_moves, deliver, normal, step
from tests.sync.test_merge_properties import run_history as history


def _forget(ops: list[Op]) -> dict[tuple[str, int, int], Op]:
    """The log after forgetting: each op blanked where due."""
    due = forgotten(ops, TEXT)
    return {op.ref: blanked(op, due[op.ref]) if op.ref in due else op for op in ops}


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=40), clock_moves, st.randoms(use_true_random=False))
def test_forgetting_keeps_the_state_and_every_store_forgets_the_same(
    steps: list[tuple[str, str, str, str, str]], moves: list[int], rnd: random.Random
) -> None:
    _, made = history(steps, moves, rnd)
    for key in RECORDS:
        ops = [op for op in made if op.key == key]
        log = _forget(ops)
        state = fold(ops, text_fields=TEXT)
        assert normal(fold(log.values(), text_fields=TEXT)) == normal(state)
        heads = {head.ref for head in state.heads.get("body", ())}
        assert not heads & set(forgotten(ops, TEXT)), "a version still shown was forgotten"
        # Another store got some ops already blanked, in another order, some twice.
        mixed = [log[op.ref] if rnd.random() < 0.5 else op for op in deliver(ops, rnd)]
        unique = list({op.ref: op for op in mixed}.values())
        assert _contents(_forget(unique)) == _contents(log)


def _contents(log: dict[tuple[str, int, int], Op]) -> dict[tuple[str, int, int], object]:
    return {ref: (dict(op.values), dict(op.prev)) for ref, op in log.items()}
