"""The sync service runs over either transport through one protocol."""

from __future__ import annotations

from pathlib import Path

from sync.postgres_sync import PostgresTransport
from sync.service import FolderTransport, SyncService, Transport
from tests.sync.conftest import MakeDevice
from tests.sync.test_folder_sync import digest, first_note


def test_both_transports_are_transports_and_the_folder_one_syncs(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    assert isinstance(PostgresTransport("postgresql://u@h/db"), Transport)
    folder = FolderTransport(sync_folder)
    assert isinstance(folder, Transport)
    a, b = make_device("a"), make_device("b")
    first_note(a)
    assert SyncService(a).sync(folder, org_key).published == 1
    assert SyncService(b).sync(folder, org_key).applied == 1
    assert digest(a) == digest(b)
