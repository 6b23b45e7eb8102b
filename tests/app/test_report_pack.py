"""The report use case as a web page and as a publish pack, on a real store."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.reports import (
    PackRequest,
    ReportContentError,
    ReportRequest,
    make_pack,
    make_report,
)
from domain.errors import InvalidInput
from domain.progress import Cancelled
from domain.selection import Selection
from domain.themes import list_themes, update_theme
from models.database import Store


class CancelAfter:
    """Says "cancelled" once `count` progress reports have come in."""

    def __init__(self, count: int) -> None:
        self.count = count

    def report(self, done: int, total: int, label: str) -> None:
        self.count -= 1

    @property
    def cancelled(self) -> bool:
        return self.count <= 0


def test_a_web_page_is_written_and_a_mismatched_name_refused(
    sample_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "coordinator.html"
    with sample_store.session() as session:
        result = make_report(session, ReportRequest("coordinator", Selection(), out, format="html"))
        with pytest.raises(InvalidInput, match=r"should end in \.html or \.htm"):
            make_report(
                session, ReportRequest("standard", Selection(), tmp_path / "r.pdf", format="html")
            )
        with pytest.raises(InvalidInput, match="choose one of pdf, html"):
            make_report(session, ReportRequest("standard", Selection(), out, format="docx"))
    assert result.format == "html" and result.path == out and result.pages == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.glob("*.*") if p.suffix in (".html", ".pdf")] == [
        "coordinator.html"
    ]


def test_pack_has_every_public_version_private_and_linked(
    sample_store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "pack"
    with sample_store.session() as session:
        result = make_pack(session, PackRequest(Selection(), folder))
    assert result.index == folder / "index.html"
    assert {p.name for p in result.files} == {p.name for p in folder.iterdir()}
    assert len(result.files) == 10  # three versions in three formats, and the index
    assert "coordinator" not in " ".join(p.name for p in result.files)  # internal: never packed
    if os.name == "posix":
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in result.files)
    index = result.index.read_text(encoding="utf-8")
    for path in result.files[:-1]:
        assert f'href="{path.name}"' in index


def test_missing_easy_read_text_refuses_the_pack_whole(sample_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    with sample_store.session() as session:
        theme = list_themes(session)[0]
        update_theme(session, theme_id=theme.id, easy_read_summary="")
        with pytest.raises(ReportContentError, match="Easy Read"):
            make_pack(session, PackRequest(Selection(), folder))
    assert not folder.exists()


def test_a_cancelled_pack_leaves_nothing_behind(sample_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    with sample_store.session() as session, pytest.raises(Cancelled):
        make_pack(session, PackRequest(Selection(), folder), CancelAfter(3))
    assert list(folder.iterdir()) == []
