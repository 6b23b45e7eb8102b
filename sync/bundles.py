"""The bundle file: a plain header, then the ops compressed and sealed with AES-256-GCM.

Layout: MAGIC, header length (4 bytes, big-endian), header JSON, 12-byte nonce, ciphertext+tag.
The header (format, schema, device, sequence, changesets, HLC range, op count, dependencies,
body length and hash) is the associated data, so it cannot be altered without failing the tag.
The file name carries the start of the SHA-256 of the whole file: `<seq>-<hash16>.bundle`.

Format 1 holds only the writer's own ops. Format 2 may also relay other devices' ops (a
coordinator passing on what it pulled from the PostgreSQL server to folder-only laptops): each
relayed op carries its own device id, and the header names those devices. Readers apply ops
idempotently by op id, so a relayed op that also arrives another way is applied once.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sync.core.codec import CodecError, decode_arrays, encode_arrays
from sync.core.ops import Hlc, Op
from sync.errors import BundleRejected

MAGIC = b"LPSYNC1\n"
FORMAT = 1
RELAY_FORMAT = 2
NAME = re.compile(r"^(\d{8})-([0-9a-f]{16})\.bundle$")
_LENGTH = struct.Struct(">I")
_MAX_HEADER = 64 * 1024


@dataclass(frozen=True)
class BundleHeader:
    device_id: str
    device_name: str
    seq: int
    schema: str
    changesets: tuple[int, int]
    hlc_min: Hlc
    hlc_max: Hlc
    op_count: int
    deps: Mapping[str, int]
    body_length: int
    body_sha256: str
    relayed_names: Mapping[str, str] = field(default_factory=dict)
    # Set when the writer rewrote the bundle to forget text (see sync.rewrite): the SHA-256 of
    # its first file, which identifies it across rewrites, and which rewrite this is.
    original: str | None = None
    revision: int = 0


@dataclass(frozen=True)
class Bundle:
    header: BundleHeader
    ops: tuple[Op, ...]
    name: str
    sha256: str

    @property
    def original(self) -> str:
        """What identifies the bundle across rewrites: the SHA-256 of its first file."""
        return self.header.original or self.sha256


def bundle_name(seq: int, data: bytes) -> str:
    return f"{seq:08d}-{hashlib.sha256(data).hexdigest()[:16]}.bundle"


def seal(
    ops: Sequence[Op],
    *,
    device_id: str,
    device_name: str,
    seq: int,
    schema: str,
    deps: Mapping[str, int],
    key: bytes,
    nonce: bytes,
    relayed_names: Mapping[str, str] | None = None,
    rewrite: tuple[str, int] | None = None,
) -> tuple[str, bytes]:
    """The file name and bytes of a bundle of this device's ops (in their made order), and of
    other devices' ops it relays (`relayed_names`: their display names, shown to readers).
    `rewrite`: (SHA-256 of the bundle's first file, revision) when it replaces that file."""
    own = [op.ref[1] for op in ops if op.ref[0] == device_id]
    relayed = len(own) < len(ops)
    if not ops or (not relayed and relayed_names):
        raise ValueError("a bundle holds one or more ops")
    plaintext = encode_arrays(ops, device_id)
    body_length = len(nonce) + len(plaintext) + 16
    header_fields: dict[str, Any] = {
        "format": RELAY_FORMAT if relayed else FORMAT,
        "schema": schema,
        "device": device_id,
        "device_name": device_name,
        "seq": seq,
        # The writer's own changesets (none when a bundle only relays).
        "changesets": [min(own), max(own)] if own else [0, 0],
        "hlc": [[h.wall, h.counter] for h in (min(o.hlc for o in ops), max(o.hlc for o in ops))],
        "ops": len(ops),
        "deps": dict(sorted(deps.items())),
        "body_length": body_length,
    }
    if relayed:
        header_fields["relayed"] = dict(sorted((relayed_names or {}).items()))
    if rewrite is not None:
        # Readers before rewrites ignore the field: a rewrite is still format 1 or 2 to them.
        header_fields["rewrite"] = {"original": rewrite[0], "revision": rewrite[1]}
    # The body hash is part of the header, so it is computed over a body sealed without it.
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, _aad(header_fields))
    body = nonce + ciphertext
    header_fields["body_sha256"] = hashlib.sha256(body).hexdigest()
    header = json.dumps(header_fields, sort_keys=True, separators=(",", ":")).encode("utf-8")
    data = MAGIC + _LENGTH.pack(len(header)) + header + body
    return bundle_name(seq, data), data


def _aad(header_fields: Mapping[str, Any]) -> bytes:
    without_hash = {k: v for k, v in header_fields.items() if k != "body_sha256"}
    return MAGIC + json.dumps(without_hash, sort_keys=True, separators=(",", ":")).encode()


def read_header(data: bytes) -> tuple[BundleHeader, dict[str, Any], bytes]:
    """Parse the header (not yet trusted: `open_bundle` authenticates it)."""
    start = len(MAGIC) + _LENGTH.size
    if len(data) < start or not data.startswith(MAGIC):
        raise BundleRejected("not a Listening Post bundle (or only partly written)")
    (length,) = _LENGTH.unpack_from(data, len(MAGIC))
    if length > _MAX_HEADER or len(data) < start + length:
        raise BundleRejected("the bundle is truncated")
    try:
        fields = json.loads(data[start : start + length])
        hlc_min, hlc_max = (Hlc(int(w), int(c)) for w, c in fields["hlc"])
        rewrite = dict(fields.get("rewrite") or {})
        header = BundleHeader(
            device_id=str(fields["device"]),
            device_name=str(fields.get("device_name", "")),
            seq=int(fields["seq"]),
            schema=str(fields["schema"]),
            changesets=(int(fields["changesets"][0]), int(fields["changesets"][1])),
            hlc_min=hlc_min,
            hlc_max=hlc_max,
            op_count=int(fields["ops"]),
            deps={str(k): int(v) for k, v in dict(fields["deps"]).items()},
            body_length=int(fields["body_length"]),
            body_sha256=str(fields["body_sha256"]),
            relayed_names={str(k): str(v) for k, v in dict(fields.get("relayed", {})).items()},
            original=str(rewrite["original"]) if rewrite else None,
            revision=int(rewrite["revision"]) if rewrite else 0,
        )
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        raise BundleRejected("the bundle header is damaged") from error
    if fields.get("format") not in (FORMAT, RELAY_FORMAT):
        raise BundleRejected(f"bundle format {fields.get('format')!r} is not supported")
    return header, fields, data[start + length :]


def open_bundle(data: bytes, *, key: bytes, name: str | None = None, decode: bool = True) -> Bundle:
    """Check length, hash and authentication tag, then decode the ops; raise BundleRejected.

    `decode=False`: authenticate only (no ops), to judge a file by its header."""
    file_hash = hashlib.sha256(data).hexdigest()
    header, fields, body = read_header(data)
    if name is not None:
        match = NAME.match(name)
        if not match or int(match.group(1)) != header.seq or match.group(2) != file_hash[:16]:
            raise BundleRejected("its contents do not match its name (damaged or incomplete)")
    if len(body) != header.body_length:
        raise BundleRejected("the bundle is truncated or has extra bytes")
    if hashlib.sha256(body).hexdigest() != header.body_sha256:
        raise BundleRejected("the bundle body is damaged (hash mismatch)")
    try:
        plaintext = AESGCM(key).decrypt(body[:12], body[12:], _aad(fields))
    except InvalidTag as error:
        raise BundleRejected(
            "the bundle cannot be opened with this organisation's sync key "
            "(a different key, or the file was altered)"
        ) from error
    if not decode:
        return Bundle(header, (), name or bundle_name(header.seq, data), file_hash)
    try:
        relays = fields.get("format") == RELAY_FORMAT
        ops = decode_arrays(plaintext, header.device_id, relays=relays)
    except CodecError as error:
        raise BundleRejected(f"the bundle's ops are malformed: {error}") from error
    _check_ops(header, ops)
    return Bundle(header, ops, name or bundle_name(header.seq, data), file_hash)


def _check_ops(header: BundleHeader, ops: Sequence[Op]) -> None:
    low, high = header.changesets
    if len(ops) != header.op_count:
        raise BundleRejected("the bundle's op count does not match its header")
    for op in ops:
        own = op.ref[0] == header.device_id
        if (own and not low <= op.ref[1] <= high) or not header.hlc_min <= op.hlc <= header.hlc_max:
            raise BundleRejected("an op lies outside the range its bundle header states")
