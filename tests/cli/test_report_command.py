"""`python main.py report`: every variant from sample data is a valid PDF/UA file."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from domain.activities import create_activity
from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.themes import create_theme
from exporters.pdf.verapdf import validate
from exporters.report_text.community import THEMES_HEADING
from models.database import open_store
from tests.cli.test_store_commands import PASSPHRASE, run
from tests.conftest import NO_KEYRING

VARIANTS = ("standard", "large-print", "easy-read", "coordinator")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    store = folder / "demo.lpstore"
    assert run("--store", str(store), "init").returncode == 0
    assert run("--store", str(store), "demo", "--activities", "12").returncode == 0
    made = {}
    for variant in VARIANTS:
        out = folder / f"{variant}.pdf"
        result = run("--store", str(store), "report", "--variant", variant, "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert f"wrote {out}" in result.stdout
        made[variant] = out
    return made


def test_every_variant_passes_pdf_ua_1(reports: dict[str, Path]) -> None:
    for report in validate(list(reports.values())):
        assert report.compliant and not report.failed, report


def test_reading_order_starts_with_the_cover_then_who_we_heard_from(
    reports: dict[str, Path],
) -> None:
    text = subprocess.run(
        ["pdftotext", str(reports["standard"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    positions = [text.index(h) for h in ("You said, we did", "Who we heard from", THEMES_HEADING)]
    assert positions == sorted(positions)


def test_quotes_with_identifiers_are_left_out_and_listed(tmp_path: Path) -> None:
    store_path = tmp_path / "s.lpstore"
    assert run("--store", str(store_path), "init").returncode == 0
    store = open_store(store_path, PASSPHRASE, keyring=NO_KEYRING)
    with store.session() as session:
        activity = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 5, 5, 10)
        )
        shown = create_note(
            session,
            activity_id=activity.id,
            fields=NoteFields(
                kind="quote", body="Evening clinics would help shift workers", consent_to_quote=True
            ),
        )
        hidden = create_note(
            session,
            activity_id=activity.id,
            fields=NoteFields(
                kind="quote", body="Call Amira on 07700 900123 about it", consent_to_quote=True
            ),
        )
        create_theme(session, title="Clinic times", note_ids=[shown.id, hidden.id])
    store.close()
    out = tmp_path / "r.pdf"
    refused = run("--store", str(store_path), "report", "--out", str(out))
    assert refused.returncode == 2 and not out.exists()
    assert "the organisation's name and a way to contact you" in refused.stderr
    assert "python main.py organisation" in refused.stderr
    set_up = run(
        "--store",
        str(store_path),
        "organisation",
        "--name",
        "Clinic Voices",
        "--phone",
        "0113 496 0001",
        "--post",
        "1 Example Street, Leeds LS1 1AA",
    )
    assert set_up.returncode == 0, set_up.stderr
    assert "post: 1 Example Street, Leeds LS1 1AA" in set_up.stdout
    result = run("--store", str(store_path), "report", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "(2 pages, standard)" in result.stdout
    assert f"left out (personal identifiers): note {hidden.id}" in result.stderr
    assert "07700" not in result.stderr + result.stdout
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Evening clinics would help shift workers" in text
    assert "07700" not in text

    easy = run(
        "--store",
        str(store_path),
        "report",
        "--variant",
        "easy-read",
        "--out",
        str(tmp_path / "e.pdf"),
    )
    assert easy.returncode == 2
    assert "Clinic times" in easy.stderr and "Easy Read" in easy.stderr
    assert not (tmp_path / "e.pdf").exists()


def test_bad_organisation_details_exit_2_and_change_nothing(tmp_path: Path) -> None:
    store = tmp_path / "s.lpstore"
    assert run("--store", str(store), "init", "--organisation", "Old name").returncode == 0
    bad = run("--store", str(store), "organisation", "--name", "New", "--email", "nope")
    assert bad.returncode == 2
    assert "email: 'nope' does not look like an email" in bad.stderr.lower()
    shown = run("--store", str(store), "organisation")
    assert "name: Old name" in shown.stdout
    assert "reports still need: a way to contact you" in shown.stdout


def test_bad_report_requests_exit_2(tmp_path: Path) -> None:
    store = tmp_path / "s.lpstore"
    assert run("--store", str(store), "init").returncode == 0
    empty = run("--store", str(store), "report", "--out", str(tmp_path / "r.pdf"))
    assert empty.returncode == 2 and "no activities match" in empty.stderr
    assert not (tmp_path / "r.pdf").exists()
    assert run("--store", str(store), "report", "--out", str(tmp_path / "r.txt")).returncode == 2
    missing = run("--store", str(store), "report", "--out", str(tmp_path / "no" / "r.pdf"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert (
        run("--store", str(store), "report", "--variant", "tiny", "--out", "x.pdf").returncode == 2
    )
