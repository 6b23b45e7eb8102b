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
from sync.errors import SyncError
from sync.set_aside import SetAside

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


class OpRejected(SyncError):
    """A pulled op that fails authentication or decoding: set aside, never applied."""

    def __init__(self, row: Sequence[Any], reason: str) -> None:
        super().__init__(f"server op {row[0]}: {reason}")
        _, device_id, changeset, idx, _, _, entity, key, kind, _ = row
        self.set_aside = SetAside(
            str(device_id), int(changeset), int(idx), str(entity), str(key), str(kind), reason
        )


def open_op(row: Sequence[Any], cipher: AESGCM) -> ServerOp:
    """An op from a pulled row (seq, device, changeset, idx, wall, counter, entity, key, kind,
    body), authenticated under the organisation key whatever its kind; raises OpRejected.

    A row without a body cannot be authenticated, so it is never applied: the server erases the
    body of ops a purge overtook, and the purge itself (always sealed) has the same effect.
    """
    seq, device_id, changeset, idx, wall, counter, entity, key, kind, body = row
    if kind not in KINDS:
        raise OpRejected(row, "an unknown kind of change (made by a newer Listening Post?)")
    if body is None:
        raise OpRejected(row, "it carries no sealed body, so it cannot be authenticated")
    data = bytes(body)
    try:
        plaintext = cipher.decrypt(
            data[:_NONCE],
            data[_NONCE:],
            _aad(device_id, changeset, idx, wall, counter, entity, key, kind),
        )
    except InvalidTag:
        raise OpRejected(
            row,
            "it cannot be authenticated with this store's organisation sync key (another key, "
            "or the row was altered)",
        ) from None
    try:
        values, prev = decode_body(plaintext)
    except CodecError as error:
        raise OpRejected(row, f"it is malformed: {error}") from error
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


__all__ = ["OpRejected", "ServerOp", "columns_of", "open_op", "seal_ops"]
