"""Memo works a result out once per argument, and forgets at its limit."""

from __future__ import annotations

from domain.memo import Memo


def test_each_argument_is_worked_out_once() -> None:
    calls: list[object] = []

    def work(value: object) -> str:
        calls.append(value)
        return f"<{value}>"

    memo = Memo(work)
    assert [memo[key] for key in ("a", ("b", "c"), None, "a", ("b", "c"), None)] == [
        "<a>",
        "<('b', 'c')>",
        "<None>",
        "<a>",
        "<('b', 'c')>",
        "<None>",
    ]
    assert calls == ["a", ("b", "c"), None]


def test_with_a_limit_what_is_kept_never_passes_it() -> None:
    memo = Memo(str, limit=3)
    for number in range(10):
        assert memo[number] == str(number)
        assert len(memo) <= 3
