"""The one op codec: the stored log row, the sealed PostgreSQL body and the bundle's op arrays.

The three wire and stored forms predate this module and stay byte-compatible with it: an op's
values and replaced heads are the JSON object {"v": …, "p": …} (compact, UTF-8) in the log and
on the server, and the same two parts sit in a compact array per op inside a bundle.
Decoding is bounded (inflated size, nesting depth) so a hostile input fails with CodecError.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

from sync.core.ops import KINDS, Hlc, Op, OpRef

# Far more than a bundle of 20,000 ops of long notes inflates to, far less than memory.
MAX_INFLATED_BYTES = 256 * 1024 * 1024
# Values are scalars or short lists (partners, adjustments); prev is {field: [[ref]]}.
MAX_DEPTH = 8


class CodecError(ValueError):
    """An encoded op or body is malformed, too deep or too large."""


# Built once: json.dumps with separators builds a new encoder per call (one call per op).
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def _compact(value: Any) -> str:
    return _COMPACT.encode(value)


def prev_json(prev: Mapping[str, Sequence[OpRef]]) -> dict[str, list[list[Any]]]:
    return {name: [list(ref) for ref in refs] for name, refs in prev.items()}


def body_json(op: Op) -> dict[str, Any]:
    """The body object of an op: its values and the heads it replaced (empty parts left out)."""
    body: dict[str, Any] = {}
    if op.values:
        body["v"] = dict(op.values)
    if op.prev:
        body["p"] = prev_json(op.prev)
    return body


EMPTY_BODY = "{}"  # an op without values or replaced heads: a tag link joining its set


def encode_body(op: Op) -> str:
    if not op.values and not op.prev:
        return EMPTY_BODY  # most ops of an import
    return _compact(body_json(op))


def _depth(value: Any, limit: int) -> int:
    if limit < 0:
        raise CodecError("an op is nested too deeply")
    if isinstance(value, dict):
        return 1 + max((_depth(v, limit - 1) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v, limit - 1) for v in value), default=0)
    return 0


def loads(text: str | bytes) -> Any:
    """Parse JSON; nesting beyond what the parser's stack allows is a CodecError, not a crash."""
    try:
        return json.loads(text)
    except RecursionError:
        raise CodecError("the data is nested too deeply") from None
    except ValueError as error:
        raise CodecError("the data is not valid JSON") from error


def decode_prev(raw: Any) -> dict[str, tuple[OpRef, ...]]:
    if not raw:
        return {}
    if not isinstance(raw, dict):
        raise CodecError("an op's replaced heads are malformed")
    try:
        return {
            str(name): tuple((str(r[0]), int(r[1]), int(r[2])) for r in refs)
            for name, refs in raw.items()
        }
    except (TypeError, ValueError, IndexError, KeyError) as error:
        raise CodecError("an op's replaced heads are malformed") from error


def decode_values(raw: Any) -> dict[str, Any]:
    if not raw:
        return {}
    if not isinstance(raw, dict):
        raise CodecError("an op's values are malformed")
    _depth(raw, MAX_DEPTH)
    return {str(name): value for name, value in raw.items()}


def decode_body(text: str | bytes) -> tuple[dict[str, Any], dict[str, tuple[OpRef, ...]]]:
    body = loads(text)
    if not isinstance(body, dict):
        raise CodecError("an op body is malformed")
    return decode_values(body.get("v")), decode_prev(body.get("p"))


def op_row(op: Op, bundle_seq: int | None) -> dict[str, Any]:
    """The sync_ops row of an op."""
    return {
        "device_id": op.ref[0],
        "changeset": op.ref[1],
        "idx": op.ref[2],
        "wall": op.hlc.wall,
        "counter": op.hlc.counter,
        "entity": op.entity,
        "key": op.key,
        "kind": op.kind,
        "body": encode_body(op),
        "bundle_seq": bundle_seq,
    }


def op_from_row(row: Any) -> Op:
    """An op from a sync_ops (or sync_held_ops) row; the store wrote it, so it is trusted."""
    values, prev = decode_body(row.body)
    return Op(
        (row.device_id, row.changeset, row.idx),
        Hlc(row.wall, row.counter),
        row.entity,
        row.key,
        row.kind,
        values,
        prev,
    )


def op_array(op: Op, writer: str | None = None) -> list[Any]:
    """An op inside a bundle: [changeset, idx, wall, counter, entity, key, kind, values, prev]
    (plus its device id when relayed: the writer's id is in the bundle header)."""
    array = [
        *(op.ref[1], op.ref[2], op.hlc.wall, op.hlc.counter, op.entity, op.key, op.kind),
        dict(op.values) or 0,
        prev_json(op.prev) or 0,
    ]
    if writer is not None and op.ref[0] != writer:
        array.append(op.ref[0])
    return array


def encode_arrays(ops: Sequence[Op], writer: str | None = None) -> bytes:
    """A bundle's plaintext: the ops as compact JSON arrays, deflated."""
    text = _compact([op_array(op, writer) for op in ops])
    return zlib.compress(text.encode("utf-8"), 9)


def inflate(data: bytes, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """Decompress, refusing (without allocating it) anything that would inflate beyond `limit`."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, limit)
    except zlib.error as error:
        raise CodecError("the compressed data is damaged") from error
    if inflater.unconsumed_tail or not inflater.eof:
        raise CodecError(f"the data would inflate beyond {limit // (1024 * 1024)} MiB")
    return out


def op_from_array(device_id: str, array: Any, relays: bool) -> Op:
    if not isinstance(array, list) or len(array) not in (9, 10):
        raise CodecError("an op is malformed")
    if len(array) == 10:
        if not relays:
            raise CodecError("an op is malformed")
        *array, device_id = array
        if not isinstance(device_id, str):
            raise CodecError("an op's relayed device id is malformed")
    changeset, idx, wall, counter, entity, key, kind, values, prev = array
    if kind not in KINDS or not isinstance(entity, str) or not isinstance(key, str):
        raise CodecError("an op is malformed")
    try:
        stamp = Hlc(int(wall), int(counter))
        ref = (device_id, int(changeset), int(idx))
    except (TypeError, ValueError) as error:
        raise CodecError("an op's id or clock is malformed") from error
    return Op(ref, stamp, entity, key, kind, decode_values(values), decode_prev(prev))


def decode_arrays(plaintext: bytes, device_id: str, *, relays: bool) -> tuple[Op, ...]:
    arrays = loads(inflate(plaintext))
    if not isinstance(arrays, list):
        raise CodecError("a bundle's ops are malformed")
    return tuple(op_from_array(device_id, array, relays) for array in arrays)
