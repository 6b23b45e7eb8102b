"""History-that-forgets benchmark: what a redaction costs on a store with a big op log.

A store of 20,000 notes (about 100,000 logged ops, several full bundles in the folder) syncs
once; then, alternately, one note is edited by adding words (nothing forgotten) and another by
removing words (its earlier text forgotten: the log scrubbed, the one bundle holding it
rewritten), each followed by a sync. Figures: the median seconds of each edit and each sync, the
ratios forgetting/adding (target: a small constant, not growing with the log), and how many
bundles a forgetting sync rewrote out of how many are in the folder (target: 1).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from domain.note_fields import NoteEdit
from domain.notes import update_note
from domain.sample_data import generate_sample_data
from models.database import Store, create_store
from models.entities import Note
from models.keys import KeyringCache
from sync.core.schema import SyncBundle, SyncOp
from sync.folder import SyncFolder
from sync.folder_sync import sync_now
from sync.keys import new_sync_key

PASSPHRASE = "benchmark passphrase"
ROUNDS = 5


def _edit(store: Store, note_id: str, *, forget: bool) -> float:
    """Seconds to save one edit: half the text cut away (forgetting), or words added."""
    with store.session() as session:
        body = session.scalars(select(Note.body).where(Note.id == note_id)).one()
    changed = body[: len(body) // 2] if forget else f"{body} and more"
    started = time.perf_counter()
    with store.session() as session:
        update_note(session, note_id=note_id, edit=NoteEdit.of(body=changed))
    return time.perf_counter() - started


def _sync(store: Store, folder: Path, key: bytes) -> float:
    started = time.perf_counter()
    sync_now(store, folder, key)
    return time.perf_counter() - started


def _revisions(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.sum(SyncBundle.revision))) or 0)


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "folder"
        folder.mkdir()
        key = new_sync_key()
        store = create_store(
            Path(tmp) / "big.lpstore", PASSPHRASE, device_name="big", keyring=KeyringCache(False)
        )
        with store.session() as session:
            generate_sample_data(session, activities=200, notes_per_activity=100, seed=3)
        sync_now(store, folder, key)
        with store.session() as session:
            ops = int(session.scalar(select(func.count()).select_from(SyncOp)) or 0)
            note_ids = list(session.scalars(select(Note.id).order_by(Note.id).limit(4 * ROUNDS)))
        timings: dict[str, list[float]] = {"add": [], "forget": [], "add_s": [], "forget_s": []}
        rewritten: list[int] = []
        for round_ in range(ROUNDS):
            timings["add"].append(_edit(store, note_ids[2 * round_], forget=False))
            timings["add_s"].append(_sync(store, folder, key))
            before = _revisions(store)
            timings["forget"].append(_edit(store, note_ids[2 * round_ + 1], forget=True))
            timings["forget_s"].append(_sync(store, folder, key))
            rewritten.append(_revisions(store) - before)
        in_folder = sum(len(files) for files in SyncFolder(folder).list_bundles().values())
        store.close()
    median = {name: statistics.median(values) for name, values in timings.items()}
    return {
        "ops_in_log": float(ops),
        "bundles_in_folder": float(in_folder),
        "bundles_rewritten_per_redaction": float(max(rewritten)),
        "edit_adding_s": median["add"],
        "edit_forgetting_s": median["forget"],
        "edit_forget_vs_add_ratio": median["forget"] / median["add"],
        "sync_after_adding_s": median["add_s"],
        "sync_after_forgetting_s": median["forget_s"],
        "sync_forget_vs_add_ratio": median["forget_s"] / median["add_s"],
    }
