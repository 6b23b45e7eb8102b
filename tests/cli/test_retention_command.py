"""`retention` as scripts use it: rules shown, a rule changed, bad input refused, --apply --yes."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import run_main as run
from tests.conftest import copy_store


def test_rules_are_shown_changed_and_applied(sample_template: Path, tmp_path: Path) -> None:
    store = str(copy_store(sample_template, tmp_path / "laptop"))
    shown = run("--store", store, "retention")
    assert shown.returncode == 0, shown.stderr
    assert "- Notes [notes]: 2 years after the activity (default)" in shown.stdout
    assert "- The bin [bin]: 30 days after being deleted (default)" in shown.stdout

    bad = run("--store", store, "retention", "--set", "notes=2 fortnights")
    assert bad.returncode == 2 and "'2 fortnights' is not a period" in bad.stderr
    unknown = run("--store", store, "retention", "--set", "memos=1y")
    assert unknown.returncode == 2 and "'memos' is not one of" in unknown.stderr

    # Everything older than a day goes: the sample's activities are all in the past.
    changed = run(
        "--store", store, "retention", "--set", "notes=1d", "--set", "activities=1d",
        "--delete-after-sync", "on",
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    assert "- Notes [notes]: 1 day after the activity\n" in changed.stdout
    assert "Past its date\n- Notes: " in changed.stdout
    assert "delete after sync on; coordinator's store off" in changed.stdout

    summary = run("--store", store, "data-summary")  # ages beside the organisation's rules
    assert "- Notes: 48, from " in summary.stdout
    assert "    kept for 1 day after the activity\n" in summary.stdout
    assert "    kept for 30 days after being deleted\n" in summary.stdout

    refused = run("--store", store, "retention", "--apply")
    assert refused.returncode == 2 and "add --yes" in refused.stderr
    assert "Past its date" in run("--store", store, "retention").stdout  # nothing purged

    done = run("--store", store, "retention", "--apply", "--yes")
    assert done.returncode == 0, done.stderr
    assert "purged " in done.stdout and "at their next sync" in done.stdout
    after = run("--store", store, "retention")
    assert "Nothing is past its date." in after.stdout
    assert run("--store", store, "search", "bus").stdout.strip() == ""

    lonely_yes = run("--store", store, "retention", "--yes")
    assert lonely_yes.returncode == 2 and "--yes goes with --apply" in lonely_yes.stderr
