"""`erase` as scripts use it: lists what it will purge, needs --yes without a terminal."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import run_main as run
from tests.conftest import copy_store


def test_erase_by_words_lists_then_needs_yes(sample_template: Path, tmp_path: Path) -> None:
    store = str(copy_store(sample_template, tmp_path / "laptop"))
    listed = run("--store", store, "search", "bus")
    first = listed.stdout.splitlines()[0]
    note_id, body = first.split("\t")[0], first.split("\t")[-1]

    refused = run("--store", store, "erase", "--note", note_id)
    assert refused.returncode == 2
    assert "add --yes" in refused.stderr and note_id in refused.stdout
    assert note_id in run("--store", store, "search", "bus").stdout  # nothing erased

    done = run("--store", store, "erase", "--note", note_id, "--yes")
    assert done.returncode == 0, done.stderr
    assert "erased 1 note;" in done.stdout
    assert note_id not in run("--store", store, "search", *body.split()[:3]).stdout

    unknown = run("--store", store, "erase", "--note", note_id, "--yes")
    assert unknown.returncode == 2 and f"no note with id {note_id}" in unknown.stderr
    nothing = run("--store", store, "erase")
    assert nothing.returncode == 2 and "say which notes" in nothing.stderr
