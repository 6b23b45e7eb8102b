"""Pins the private ReportLab internals the tagging layer relies on (reportlab==5.1.0).

If one of these fails after a ReportLab upgrade, fix exporters/pdf before moving the pin.
"""

from __future__ import annotations

import inspect

import reportlab
from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table
from reportlab.platypus.tables import TableRenderCB

from exporters.pdf.fonts import register_fonts
from exporters.pdf.glyph_text import to_unicode_cmap


def test_reportlab_version_is_the_pinned_one() -> None:
    assert reportlab.Version == "5.1.0"


def test_tounicode_cmap_hook_is_replaced_and_handles_astral_characters() -> None:
    original = inspect.signature(to_unicode_cmap)
    register_fonts()
    assert ttfonts.makeToUnicodeCMap is to_unicode_cmap
    assert list(original.parameters) == ["fontname", "subset"]
    cmap = to_unicode_cmap("F", [0x41, 0x1F600])
    assert "<00> <0041>" in cmap and "<01> <D83DDE00>" in cmap
    # ReportLab still calls it by module global name from TTFont.splitString/addObjects
    assert "makeToUnicodeCMap(" in inspect.getsource(ttfonts.TTFont)


def test_page_dictionary_keys_come_from_NoDefault() -> None:
    page = pdfdoc.PDFPage()
    assert isinstance(pdfdoc.PDFPage.__NoDefault__, list)
    assert "for k in self.__NoDefault__" in inspect.getsource(pdfdoc.PDFCatalog.format)
    assert "StructTreeRoot" in pdfdoc.PDFCatalog.__NoDefault__
    assert "MarkInfo" in pdfdoc.PDFCatalog.__NoDefault__
    assert "Metadata" in pdfdoc.PDFCatalog.__NoDefault__
    assert "ViewerPreferences" in pdfdoc.PDFCatalog.__NoDefault__
    assert page.Annots is None


def test_page_objects_are_named_PageN() -> None:
    doc = pdfdoc.PDFDocument()
    assert doc.thisPageName() == "Page1"


def test_canvas_internals(tmp_path) -> None:  # type: ignore[no-untyped-def]
    canvas = Canvas(str(tmp_path / "x.pdf"))
    assert isinstance(canvas._code, list)
    canvas.addLiteral("/P <</MCID 0>> BDC")
    assert canvas._code[-1] == "/P <</MCID 0>> BDC"
    assert canvas._pageNumber == 1
    assert hasattr(canvas, "_addAnnotation")
    canvas.showPage()
    assert canvas._code == []
    assert len(canvas._doc.Pages.pages) == 1
    assert isinstance(canvas._doc.Catalog, pdfdoc.PDFCatalog)


def test_table_render_callback_protocol() -> None:
    assert "renderCB" in inspect.signature(Table.__init__).parameters
    for name in (
        "startTable",
        "startBG",
        "endBG",
        "startRow",
        "startCell",
        "endCell",
        "endRow",
        "startLines",
        "endLines",
        "endTable",
    ):
        assert hasattr(TableRenderCB, name)
    source = inspect.getsource(Table.draw)
    assert source.index("startBG") < source.index("_drawBkgrnd") < source.index("endBG")
    assert source.index("startLines") < source.index("_drawLines()") < source.index("endLines")
    assert "renderCB=getattr(self,'_renderCB',None)" in inspect.getsource(Table._splitRows)


def test_flowable_drawon_signature() -> None:
    assert list(inspect.signature(Flowable.drawOn).parameters) == [
        "self",
        "canvas",
        "x",
        "y",
        "_sW",
    ]


def test_shaping_hook_is_installed_where_paragraphs_call_it() -> None:
    from reportlab.pdfbase.ttfonts import ShapeData
    from reportlab.platypus import paragraph

    from exporters.pdf.glyph_text import shape_frag_word

    register_fonts()
    assert paragraph.shapeFragWord is shape_frag_word
    assert "shapeFragWord(_) for _ in _words" in inspect.getsource(paragraph.Paragraph.breakLines)
    assert ShapeData._fields == (
        "cluster",
        "x_advance",
        "y_advance",
        "x_offset",
        "y_offset",
        "width",
    )
    assert "uchar = ttf.hbAddPrivate(name, gid, x_advance)" in inspect.getsource(ttfonts)
