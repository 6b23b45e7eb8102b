"""Structure checks with pikepdf: headings, alt text, table scope, marked content, ParentTree,
fonts, and the document-level PDF/UA entries."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from tests.exporters.pdf.conftest import ALL_KEYS, Built

PAINTING = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do"}


def _elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    stack = [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
            continue
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") in ("/MCR", "/OBJR"):
            continue
        yield node
        kids = node.get("/K")
        if kids is not None:
            stack.append(kids)


def _open(built: Built, key: str) -> pikepdf.Pdf:
    return pikepdf.open(built.path(key))


@pytest.mark.parametrize("key", ALL_KEYS)
def test_headings_start_at_h1_and_never_skip(built: Built, key: str) -> None:
    with _open(built, key) as pdf:
        levels = [int(str(e.S)[2]) for e in _elements(pdf) if str(e.S) in ("/H1", "/H2", "/H3")]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


@pytest.mark.parametrize("key", ALL_KEYS)
def test_figures_have_alt_and_th_have_scope(built: Built, key: str) -> None:
    with _open(built, key) as pdf:
        elements = list(_elements(pdf))
        figures = [e for e in elements if e.S == "/Figure"]
        headers = [e for e in elements if e.S == "/TH"]
        assert figures, "every report has at least one chart or picture"
        assert headers
        for figure in figures:
            assert str(figure.get("/Alt", "")).strip()
        for th in headers:
            assert str(th.A.Scope) in ("/Column", "/Row")


@pytest.mark.parametrize("key", ALL_KEYS)
def test_nothing_painted_outside_marked_content(built: Built, key: str) -> None:
    with _open(built, key) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            depth = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BDC", "BMC"):
                    depth += 1
                elif op == "EMC":
                    depth -= 1
                    assert depth >= 0
                elif op in PAINTING:
                    assert depth > 0, f"page {number}: {op} {operands} outside marked content"
            assert depth == 0


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_mcid_resolves_through_the_parent_tree(built: Built, key: str) -> None:
    with _open(built, key) as pdf:
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        seen = 0
        for page in pdf.pages:
            parents = tree[int(page.StructParents)]
            assert page.Tabs == "/S"
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) != "BDC" or not isinstance(operands[1], pikepdf.Dictionary):
                    continue
                if "/MCID" not in operands[1]:
                    # artifacts, or a shaped line's text inside its tagged paragraph (shaped.py)
                    assert operands[0] == "/Artifact" or (
                        operands[0] == "/Span" and "/ActualText" in operands[1]
                    )
                    continue
                mcid = int(operands[1].MCID)
                element = parents[mcid]
                assert operands[0] == element.S
                refs = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                assert any(
                    (
                        isinstance(r, pikepdf.Dictionary)
                        and r.get("/MCID") == mcid
                        and r.Pg.objgen == page.obj.objgen
                    )
                    or (
                        isinstance(r, int)
                        and int(r) == mcid
                        and element.Pg.objgen == page.obj.objgen
                    )
                    for r in refs
                )
                seen += 1
        assert seen > 10


@pytest.mark.parametrize("key", ALL_KEYS)
def test_fonts_are_embedded_truetype_with_tounicode(built: Built, key: str) -> None:
    with _open(built, key) as pdf:
        fonts = {}
        for page in pdf.pages:
            for name, font in page.Resources.get("/Font", {}).items():
                fonts[(name, font.objgen)] = font
        assert fonts
        for font in fonts.values():
            assert font.Subtype == "/TrueType", font.BaseFont
            assert "/FontFile2" in font.FontDescriptor, font.BaseFont
            assert "/ToUnicode" in font, font.BaseFont


@pytest.mark.parametrize("key", ALL_KEYS)
def test_document_level_pdf_ua_entries(built: Built, key: str) -> None:
    with _open(built, key) as pdf:
        root = pdf.Root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "en-GB"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert root.StructTreeRoot.K.S == "/Document"
        assert "/RoleMap" in root.StructTreeRoot
        xmp = root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert "<dc:title>" in xmp and "en-GB" in xmp
        assert "/Outlines" in root and int(root.Outlines.Count) != 0


def test_split_paragraph_keeps_one_element_across_pages(built: Built) -> None:
    """The 20,000-character quote spans pages but is a single P with MCRs on several pages."""
    with _open(built, "hostile-standard") as pdf:
        multi = [
            e
            for e in _elements(pdf)
            if e.S == "/P"
            and isinstance(e.get("/K"), pikepdf.Array)
            and len({r.Pg.objgen for r in e.K if isinstance(r, pikepdf.Dictionary)}) > 2
        ]
        assert multi


def test_repeated_table_header_is_an_artifact(tmp_path: Path) -> None:
    from exporters.pdf.document import StoryBuilder, build_pdf
    from exporters.pdf.styles import style_set

    builder = StoryBuilder(style_set("standard"))
    builder.section()
    builder.heading("Long table", 1)
    builder.table(["Group", "Count"], [[f"Group {i}", str(i)] for i in range(120)])
    path = tmp_path / "table.pdf"
    pages = build_pdf(builder, path, title="Table", language="en-GB", progress=None)
    assert pages >= 3
    with pikepdf.open(path) as pdf:
        ths = [e for e in _elements(pdf) if e.S == "/TH" and str(e.A.Scope) == "/Column"]
        assert len(ths) == 2
        for th in ths:  # tagged once, on page 1
            assert th.Pg.objgen == pdf.pages[0].obj.objgen
            assert len(th.K) == 1
        text_ops = list(pikepdf.parse_content_stream(pdf.pages[1]))
        artifacts = [o for o, op in text_ops if str(op) == "BDC" and o[0] == "/Artifact"]
        assert any(str(a[1].get("/Subtype")) == "/Header" for a in artifacts)
