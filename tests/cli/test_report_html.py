"""`python main.py report --format html` and `report --pack DIR`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.cli.test_store_commands import run


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "demo.lpstore"
    assert run("--store", str(path), "init").returncode == 0
    assert run("--store", str(path), "demo", "--activities", "8").returncode == 0
    return path


def test_format_html_writes_one_private_web_page(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "easy.html"
    result = run(
        "--store", str(store), "report", "--format", "html", "--variant", "easy-read",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"wrote {out} (web page, easy-read)" in result.stdout
    page = lxml_html.document_fromstring(out.read_text(encoding="utf-8"))
    assert page.get("lang") == "en-GB" and len(page.findall(".//h1")) == 1
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_pdf_stays_the_default(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    result = run("--store", str(store), "report", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "html", "--out", "r.pdf"], "should end in .html or .htm"),
        (["--format", "pdf", "--out", "r.html"], "should end in .pdf"),
        (["--pack", "p", "--variant", "easy-read"], "leave out --variant and --format"),
        (["--pack", "p", "--out", "r.pdf"], "not allowed with argument"),
    ],
)
def test_bad_combinations_are_refused(
    store: Path, tmp_path: Path, arguments: list[str], message: str
) -> None:
    absolute = [str(tmp_path / a) if a in ("r.pdf", "r.html", "p") else a for a in arguments]
    result = run("--store", str(store), "report", *absolute)
    assert result.returncode == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_pack_writes_every_public_version_and_an_index(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    result = run("--store", str(store), "report", "--pack", str(folder))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    expected = sorted(
        f"{variant}.{suffix}"
        for variant in ("standard", "large-print", "easy-read")
        for suffix in ("html", "pdf", "txt")
    )
    assert names == sorted([*expected, "index.html"])
    index = lxml_html.document_fromstring((folder / "index.html").read_text(encoding="utf-8"))
    linked = sorted(a.get("href") for a in index.iter("a") if a.get("href") != "#main")
    assert linked == expected
    assert (folder / "standard.pdf").read_bytes().startswith(b"%PDF")
    text = (folder / "easy-read.txt").read_text(encoding="utf-8")
    assert text.startswith("You said, we did\n") and "<" not in text
