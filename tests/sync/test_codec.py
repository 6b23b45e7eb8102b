"""The one op codec writes exactly what earlier releases wrote, and refuses what is hostile."""

from __future__ import annotations

import json
import zlib

import pytest

from sync.core.codec import (
    CodecError,
    decode_arrays,
    decode_body,
    encode_arrays,
    encode_body,
    inflate,
    op_array,
)
from sync.core.ops import Hlc, Op

OP = Op(
    ("dev-b", 3, 1),
    Hlc(1_767_000_000_000, 2),
    "note",
    "n1",
    "put",
    {"body": "Café’s bus", "consent_to_quote": True, "partners": ["Healthwatch"]},
    {"body": (("dev-a", 1, 0),)},
)


def test_the_stored_and_server_body_is_the_compact_json_earlier_releases_wrote() -> None:
    expected = (
        '{"v":{"body":"Café’s bus","consent_to_quote":true,"partners":["Healthwatch"]},'
        '"p":{"body":[["dev-a",1,0]]}}'
    )
    assert encode_body(OP) == expected
    assert decode_body(expected) == (dict(OP.values), dict(OP.prev))
    assert encode_body(Op(("d", 1, 0), Hlc(1, 0), "note", "n", "purge")) == "{}"


def test_bundle_arrays_keep_their_layout_and_relayed_ops_name_their_device() -> None:
    assert op_array(OP, "dev-b") == [
        3, 1, 1_767_000_000_000, 2, "note", "n1", "put", dict(OP.values),
        {"body": [["dev-a", 1, 0]]},
    ]  # fmt: skip
    assert op_array(OP, "coordinator")[-1] == "dev-b"
    (back,) = decode_arrays(encode_arrays([OP], "coordinator"), "coordinator", relays=True)
    assert (back.ref, back.hlc, back.values, back.prev) == (OP.ref, OP.hlc, OP.values, OP.prev)


def test_hostile_inputs_are_codec_errors_not_crashes() -> None:
    with pytest.raises(CodecError, match="inflate beyond"):
        inflate(zlib.compress(b" " * 5000), limit=1000)
    with pytest.raises(CodecError, match="nested too deeply"):
        decode_body("[" * 100_000 + "]" * 100_000)
    deep = json.dumps({"v": {"body": [[[[[[[[[["x"]]]]]]]]]]}})
    with pytest.raises(CodecError, match="nested too deeply"):
        decode_body(deep)
    with pytest.raises(CodecError):
        decode_arrays(zlib.compress(b"[[1,2,3]]"), "d", relays=False)
