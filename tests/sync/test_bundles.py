"""Bundle files and the organisation key: every damaged or foreign file is refused by name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sync.bundles import open_bundle, seal
from sync.core.ops import Hlc, Op
from sync.errors import BundleRejected, SyncKeyError
from sync.keys import key_from_phrase, new_sync_key, read_key_file, recovery_phrase, write_key_file

KEY = bytes(range(32))


def sample_bundle(key: bytes = KEY) -> tuple[str, bytes]:
    ops = [
        Op(("dev", 1, i), Hlc(1000, i), "note", f"n{i}", "put", {"body": f"text {i}"})
        for i in range(20)
    ]
    return seal(
        ops,
        device_id="dev",
        device_name="Laptop",
        seq=7,
        schema="0003",
        deps={"other": 2},
        key=key,
        nonce=os.urandom(12),
    )


def test_a_bundle_round_trips_with_its_header() -> None:
    name, data = sample_bundle()
    bundle = open_bundle(data, key=KEY, name=name)
    assert name.startswith("00000007-") and name.endswith(".bundle")
    assert bundle.header.deps == {"other": 2} and bundle.header.op_count == 20
    assert [op.values["body"] for op in bundle.ops][:2] == ["text 0", "text 1"]
    assert b"text 0" not in data  # the body is encrypted


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda d: d[: len(d) // 2], "truncated|name"),
        (lambda d: b"", "not a Listening Post bundle"),
        (lambda d: d[:-40] + bytes([d[-40] ^ 1]) + d[-39:], "name"),
        (lambda d: d + b"\0", "name"),
    ],
    ids=["truncated", "zero-byte", "bit-flipped", "extra-bytes"],
)
def test_damaged_bundles_are_refused(damage, reason: str) -> None:
    name, data = sample_bundle()
    with pytest.raises(BundleRejected, match=reason):
        open_bundle(damage(data), key=KEY, name=name)


def test_a_bit_flip_is_caught_by_hash_or_tag_even_without_the_name() -> None:
    _, data = sample_bundle()
    flipped = data[:-5] + bytes([data[-5] ^ 0x10]) + data[-4:]
    with pytest.raises(BundleRejected, match="damaged"):
        open_bundle(flipped, key=KEY)


def test_a_bundle_under_another_key_is_refused() -> None:
    name, data = sample_bundle(new_sync_key())
    with pytest.raises(BundleRejected, match="organisation's sync key"):
        open_bundle(data, key=KEY, name=name)


def test_recovery_phrase_round_trips_and_catches_typos() -> None:
    key = new_sync_key()
    phrase = recovery_phrase(key)
    assert key_from_phrase(phrase.lower().replace("-", " ")) == key
    typo = ("B" if phrase[0] != "B" else "C") + phrase[1:]
    with pytest.raises(SyncKeyError, match="mistyped"):
        key_from_phrase(typo)


def test_key_file_round_trips_and_refuses_damage(tmp_path: Path) -> None:
    key = new_sync_key()
    path = tmp_path / "org.lpkey"
    write_key_file(path, key, organisation="Healthwatch")
    assert read_key_file(path) == key
    with pytest.raises(SyncKeyError, match="already exists"):
        write_key_file(path, new_sync_key())
    path.write_text(path.read_text().replace('"key": "', '"key": "AA'))
    with pytest.raises(SyncKeyError, match=str(path.name)):
        read_key_file(path)


def test_a_bundle_relays_other_devices_ops_under_their_own_ids() -> None:
    own = [Op(("dev", 5, 0), Hlc(2000, 0), "note", "n1", "put", {"sentiment": "positive"})]
    relayed = [
        Op(("server-only", 3, i), Hlc(1500, i), "note", f"s{i}", "put", {"body": f"s {i}"})
        for i in range(2)
    ]
    name, data = seal(
        [*relayed, *own],
        device_id="dev",
        device_name="Coordinator",
        seq=2,
        schema="0003",
        deps={},
        key=KEY,
        nonce=os.urandom(12),
        relayed_names={"server-only": "Newcomer"},
    )
    bundle = open_bundle(data, key=KEY, name=name)
    assert [op.ref for op in bundle.ops] == [
        ("server-only", 3, 0),
        ("server-only", 3, 1),
        own[0].ref,
    ]
    assert bundle.header.changesets == (5, 5)  # the writer's own changesets only
    assert bundle.header.relayed_names == {"server-only": "Newcomer"}
    assert b"s 0" not in data  # relayed content travels sealed like the writer's own
    # A bundle of the writer's own ops keeps format 1, readable by every earlier version.
    assert b'"format":1' in sample_bundle()[1]
