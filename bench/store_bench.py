"""Store benchmark: saving a note, full-text search and opening, on a 100,000-note store.

Each ratio compares two things measured alternately in the same run on the same data.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import sqlcipher3
from sqlalchemy import text

from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.sample_data import generate_sample_data
from domain.search import like_scan, search_count, search_notes
from domain.vocabulary import NoteKind, Sentiment
from models.database import create_store, open_store
from models.ids import new_id, utc_now
from models.keys import KeyringCache

PASSPHRASE = "benchmark passphrase"
NOTES = int(os.environ.get("BENCH_STORE_NOTES", "100000"))
SAVES = 300
QUERY = "interpreter appointment"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run() -> dict[str, float]:
    keyring = KeyringCache(enabled=False)
    folder = Path(tempfile.mkdtemp(prefix="lp-bench-store-"))
    path = folder / "bench.lpstore"
    store = create_store(path, PASSPHRASE, device_name="Bench", keyring=keyring)
    with store.session() as session:
        generate_sample_data(session, activities=NOTES // 100, notes_per_activity=100, seed=5)
    with store.session() as session:
        activity_id = session.execute(text("SELECT id FROM activities LIMIT 1")).scalar_one()

    # The bare inserts go to an identical copy of the store: writes from another connection to
    # the same file would empty the store's page cache before every measured save.
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    twin = folder / "twin.lpstore"
    shutil.copy2(path, twin)
    raw = sqlcipher3.connect(str(twin), isolation_level=None)
    raw.execute(f"PRAGMA key = \"x'{store.data_key.hex()}'\"")
    raw.execute("PRAGMA synchronous = FULL")
    raw.execute("PRAGMA journal_mode = WAL")

    saves, raw_saves = [], []
    body = "The phone interpreter dropped out halfway through the appointment."
    typed = NoteFields(  # as the capture box hands it over
        body=body,
        kind=NoteKind.CONCERN,
        sentiment=Sentiment.NEGATIVE,
        groups=("vulnerable-migrants", "ethnic-minority"),
        principles=(4,),
    )
    for _ in range(SAVES):
        start = time.perf_counter()
        with store.session() as session:
            create_note(session, activity_id=activity_id, fields=typed)
        saves.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        now = utc_now()
        raw.execute("BEGIN")
        raw.execute(
            "INSERT INTO notes(id, activity_id, body, kind, sentiment, speaker, consent_to_quote,"
            " consent_to_share, safeguarding, needs_review, created_at, updated_at)"
            " VALUES (?, ?, ?, 'concern', 'negative', '', 0, 0, 0, 0, ?, ?)",
            (new_id(), activity_id, body, now, now),
        )
        raw.execute("COMMIT")
        raw_saves.append((time.perf_counter() - start) * 1000)
    raw.close()

    # Search and LIKE scan each run through their own newly opened handle on the file, as in a
    # session that opens the store and searches. The handle that wrote 100,000 notes holds a
    # page cache full of what it wrote, which slowed searches through it by a tenth. Sharing one
    # handle, each scan of every note would push the index's pages out of the cache before each
    # search (and the search push out part of the scan's). Both still alternate in one run.
    searcher = open_store(path, PASSPHRASE, keyring=keyring)
    scanner = open_store(path, PASSPHRASE, keyring=keyring)
    fts_times, like_times = [], []
    for _ in range(15):
        start = time.perf_counter()
        with searcher.session() as session:
            page = search_notes(session, text=QUERY)
        fts_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        with scanner.session() as session:
            like_ids = like_scan(session, text=QUERY)
        like_times.append((time.perf_counter() - start) * 1000)
    assert page.notes and like_ids, "the benchmark query must match something"
    with store.session() as session:
        matches = search_count(session, text=QUERY)
    searcher.close()
    scanner.close()
    store.close()

    opens = []
    for _ in range(5):
        start = time.perf_counter()
        opened = open_store(path, PASSPHRASE, keyring=keyring)
        opens.append((time.perf_counter() - start) * 1000)
        opened.close()

    return {
        "notes": float(NOTES),
        "save_p50_ms": statistics.median(saves),
        "save_p99_ms": _percentile(saves, 0.99),
        "raw_save_p50_ms": statistics.median(raw_saves),
        "save_ratio_vs_raw": statistics.median(saves) / statistics.median(raw_saves),
        "search_matches": float(matches),
        "search_ms": statistics.median(fts_times),
        "like_scan_ms": statistics.median(like_times),
        "search_speedup_vs_like": statistics.median(like_times) / statistics.median(fts_times),
        "open_ms": statistics.median(opens),
    }
