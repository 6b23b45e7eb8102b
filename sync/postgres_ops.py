"""Ops as PostgreSQL rows: clear metadata for indexing, the content sealed per op.

Each op's values and replaced-heads travel as JSON sealed with AES-256-GCM under the
organisation sync key (the same key as folder bundles), with the op's id and metadata as
associated data: the server's administrators, and anyone who reads its backups, see which
records changed and when, never what people said, and a body cannot be moved to another op.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sync.core.codec import CodecError, decode_body, encode_body
from sync.core.ops import KINDS, Hlc, Op
from sync.errors import SyncError, SyncKeyError

_NONCE = 12


@dataclass(frozen=True)
class ServerOp:
    """An op as pulled, with its server sequence number."""

    seq: int
    op: Op


def _aad(device_id: str, changeset: int, idx: int, wall: int, counter: int, *rest: str) -> bytes:
    return json.dumps(
        ["lp-op/1", device_id, changeset, idx, wall, counter, *rest], separators=(",", ":")
    ).encode()


def _aad_of(op: Op) -> bytes:
    return _aad(*op.ref, op.hlc.wall, op.hlc.counter, op.entity, op.key, op.kind)


def seal_ops(ops: Sequence[Op], key: bytes) -> list[bytes]:
    """The sealed body of each op (nonce + ciphertext + tag)."""
    cipher = AESGCM(key)
    sealed: list[bytes] = []
    for op in ops:
        plaintext = encode_body(op).encode()
        nonce = os.urandom(_NONCE)
        sealed.append(nonce + cipher.encrypt(nonce, plaintext, _aad_of(op)))
    return sealed


def columns_of(ops: Sequence[Op], sealed: Sequence[bytes]) -> list[list[Any]]:
    """Column arrays for one multi-row insert (PostgreSQL `unnest`)."""
    return [
        [op.ref[0] for op in ops],
        [op.ref[1] for op in ops],
        [op.ref[2] for op in ops],
        [op.hlc.wall for op in ops],
        [op.hlc.counter for op in ops],
        [op.entity for op in ops],
        [op.key for op in ops],
        [op.kind for op in ops],
        list(sealed),
    ]


def open_op(row: Sequence[Any], cipher: AESGCM) -> ServerOp:
    """An op from a pulled row (seq, device, changeset, idx, wall, counter, entity, key, kind,
    body); a NULL body is content erased by a purge."""
    seq, device_id, changeset, idx, wall, counter, entity, key, kind, body = row
    if kind not in KINDS:
        raise SyncError(f"server op {seq} has an unknown kind; update Listening Post")
    values: dict[str, Any] = {}
    prev: dict[str, tuple[tuple[str, int, int], ...]] = {}
    if body is not None:
        data = bytes(body)
        try:
            plaintext = cipher.decrypt(
                data[:_NONCE],
                data[_NONCE:],
                _aad(device_id, changeset, idx, wall, counter, entity, key, kind),
            )
        except InvalidTag:
            raise SyncKeyError(
                f"server op {seq} (from device {device_id}) cannot be opened with this store's "
                "organisation sync key: a device of this organisation uses another key, or "
                "the row was altered"
            ) from None
        try:
            values, prev = decode_body(plaintext)
        except CodecError as error:
            raise SyncError(f"server op {seq} is malformed: {error}") from error
    op = Op(
        (str(device_id), int(changeset), int(idx)),
        Hlc(int(wall), int(counter)),
        str(entity),
        str(key),
        str(kind),
        values,
        prev,
    )
    return ServerOp(int(seq), op)


__all__ = ["ServerOp", "columns_of", "open_op", "seal_ops"]
