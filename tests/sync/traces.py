"""Where a text still lingers: every table of a decrypted store, every bundle in a sync folder."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from models.database import Store
from sync.bundles import open_bundle
from sync.core.codec import op_array


def found_in_store(store: Store, needle: str) -> list[str]:
    """Every table and column of the (decrypted) store that still holds `needle`, the search
    index's raw segments included."""
    found = []
    with store.engine.connect() as connection:
        tables = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ).scalars()
        for table in list(tables):
            columns = [row[1] for row in connection.execute(text(f'PRAGMA table_info("{table}")'))]
            for column in columns:
                # Blobs (the search index's segments) hold NUL bytes, which end a LIKE: look
                # for the bytes too, as typed and in lower case (how the index keeps words).
                hits = connection.execute(
                    text(
                        f'SELECT count(*) FROM "{table}" WHERE CAST("{column}" AS TEXT) LIKE :n '
                        f'OR instr(CAST("{column}" AS BLOB), :raw) '
                        f'OR instr(CAST("{column}" AS BLOB), :lower)'
                    ),
                    {"n": f"%{needle}%", "raw": needle.encode(), "lower": needle.lower().encode()},
                ).scalar()
                if hits:
                    found.append(f"{table}.{column}")
        terms = connection.execute(
            text("SELECT count(*) FROM note_search_terms WHERE term = :t"), {"t": needle.lower()}
        ).scalar()
        if terms:
            found.append("note_search (index terms)")
    return found


def found_in_folder(folder: Path, key: bytes, needle: str) -> list[str]:
    """Every file under the sync folder holding `needle`, bundles opened and decrypted."""
    found = []
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if needle.encode() in data:
            found.append(str(path))
            continue
        if path.suffix == ".bundle":
            bundle = open_bundle(data, key=key, name=path.name)
            plain = json.dumps([op_array(op) for op in bundle.ops], ensure_ascii=False)
            if needle in plain:
                found.append(str(path))
    return found


__all__ = ["found_in_folder", "found_in_store"]
