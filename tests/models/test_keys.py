"""The key derivation run on fewer threads than Argon2id lanes (the key found ahead at start-up)."""

from __future__ import annotations

import pytest

from models.keys import KeyFileError, new_data_key, unwrap_key, wrap_key


def test_fewer_threads_than_lanes_derive_the_very_same_key() -> None:
    data_key = new_data_key()
    wrapped = wrap_key(data_key, "a passphrase long enough")  # two lanes, as every key file
    assert wrapped.parallelism == 2
    assert unwrap_key(wrapped, "a passphrase long enough", threads=1) == data_key
    assert unwrap_key(wrapped, "a passphrase long enough") == data_key
    with pytest.raises(KeyFileError):
        unwrap_key(wrapped, "not the passphrase", threads=1)
