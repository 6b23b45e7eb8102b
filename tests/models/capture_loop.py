"""A capture process for the concurrency tests: saves notes in a loop, prints saved and failed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy.exc import OperationalError

from domain.note_fields import NoteFields
from domain.notes import create_note
from models.database import open_store
from models.keys import KeyringCache
from sync.core import install as install_op_capture


def main(path: str, passphrase: str, activity_id: str, saves: int, start_at: float) -> None:
    install_op_capture()  # as main.py does: every save logs its ops for sync
    store = open_store(Path(path), passphrase, keyring=KeyringCache(enabled=False))
    # Every loop starts at the same moment, so they really contend (start-up times vary).
    time.sleep(max(0.0, start_at - time.time()))
    saved = failed = 0
    started = time.monotonic()
    for number in range(saves):
        try:
            with store.session() as session:
                create_note(
                    session,
                    activity_id=activity_id,
                    fields=NoteFields(body=f"capture note {number}"),
                )
            saved += 1
        except OperationalError:
            failed += 1
    store.close()
    print(f"{saved} {failed} {time.monotonic() - started:.2f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
