"""Why a bundle is set aside and what a coordinator decided, as enums over the stored reason.

The reason column keeps its old text ("cloned device", "released: future clock", …) so stores
written by earlier releases read the same; only this module knows the text form.
"""

from __future__ import annotations

from enum import StrEnum

from sync.core.schema import DISCARDED, QUARANTINE_CLONED, QUARANTINE_FUTURE, RELEASED


class Cause(StrEnum):
    CLONED = QUARANTINE_CLONED
    FUTURE = QUARANTINE_FUTURE


class QuarantineState(StrEnum):
    HELD = "held"
    RELEASED = "released"
    DISCARDED = "discarded"


_PREFIXES = {QuarantineState.RELEASED: RELEASED, QuarantineState.DISCARDED: DISCARDED}


def parse_reason(reason: str) -> tuple[str, QuarantineState]:
    """(cause, state) of a stored reason; the cause is a Cause unless written by a newer release."""
    for state, prefix in _PREFIXES.items():
        if reason.startswith(prefix):
            cause = reason[len(prefix) :]
            return (Cause(cause) if cause in Cause._value2member_map_ else cause), state
    return (Cause(reason) if reason in Cause._value2member_map_ else reason), QuarantineState.HELD


def reason_text(cause: str, state: QuarantineState) -> str:
    """The stored reason for a cause in a state."""
    return _PREFIXES.get(state, "") + str(cause)
