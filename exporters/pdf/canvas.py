"""A ReportLab canvas that writes marked content and, on save, the PDF/UA document furniture.

Hand-written because open-source ReportLab has no tagging. ReportLab internals used here (pinned
by reportlab==5.1.0 and covered by tests/exporters/pdf/test_reportlab_internals.py):
``Canvas._code`` (via ``addLiteral``), ``Canvas._doc.Catalog`` / ``Pages.pages``,
``PDFPage.__NoDefault__`` (the attribute list a page dictionary writes), ``Canvas._pageNumber``,
``Canvas._addAnnotation`` and page object names ``Page<n>``.

Not thread-safe: a canvas belongs to the one thread building its document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFPage, PDFString, PDFtrue
from reportlab.pdfgen.canvas import Canvas

from exporters.pdf.structure import StructElement, StructTree
from exporters.pdf.xmp import metadata_stream, xmp_packet

_PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]


class UntaggedAnnotationError(RuntimeError):
    """An annotation was drawn outside a Link element; PDF/UA needs every one tagged."""


class TaggedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
    """Canvas that tracks the open marked-content sequence and owns the structure tree."""

    def __init__(
        self,
        filename: Any,
        *,
        tree: StructTree,
        title: str,
        language: str,
        font_name: str,
        **kwargs: Any,
    ) -> None:
        # BaseDocTemplate passes these too (as None unless set); ours win.
        kwargs.update(lang=language, initialFontName=font_name)
        if kwargs.get("initialFontSize") is None:
            kwargs["initialFontSize"] = 12
        if kwargs.get("initialLeading") is None:
            kwargs["initialLeading"] = 14.4
        super().__init__(filename, **kwargs)
        self.tree = tree
        self._title = title
        self._language = language
        self._depth = 0  # nesting of marked-content sequences on the current page
        self._link_element: StructElement | None = None
        self._link_text = ""
        self.setTitle(title)
        self.setCreator("Listening Post")

    @property
    def page_index(self) -> int:
        """Zero-based index of the page being drawn."""
        return int(self._pageNumber) - 1

    def begin_tagged(self, element: StructElement) -> int:
        """Open marked content belonging to `element`; returns its MCID on this page."""
        mcid = self.tree.next_mcid(self.page_index, element)
        self.addLiteral(f"/{element.tag} <</MCID {mcid}>> BDC")
        self._depth += 1
        return mcid

    def begin_artifact(self, kind: str | None = None, subtype: str | None = None) -> None:
        """Open an artifact sequence (pagination furniture, table rules, backgrounds)."""
        if kind is None:
            self.addLiteral("/Artifact BMC")
        else:
            props = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
            self.addLiteral(f"/Artifact <<{props}>> BDC")
        self._depth += 1

    def end_marked(self) -> None:
        """Close the innermost marked-content sequence."""
        if self._depth <= 0:
            raise RuntimeError("end_marked without an open marked-content sequence")
        self.addLiteral("EMC")
        self._depth -= 1

    def begin_link(self, element: StructElement, text: str) -> None:
        """Annotations created until end_link belong to the Link `element`, described by `text`."""
        self._link_element = element
        self._link_text = text

    def end_link(self) -> None:
        """Stop attaching annotations to the current Link element."""
        self._link_element = None
        self._link_text = ""

    def _addAnnotation(self, annotation: Any, name: Any = None, addtopage: int = 1) -> None:
        if self._link_element is None or not isinstance(annotation, PDFDictionary):
            raise UntaggedAnnotationError("annotation drawn outside a Link structure element")
        annotation["Contents"] = PDFString(self._link_text)
        self.tree.attach_annotation(self._link_element, self.page_index, annotation)
        super()._addAnnotation(annotation, name, addtopage)

    def showPage(self) -> None:
        if self._depth:
            raise RuntimeError("page ended inside a marked-content sequence")
        index = self.page_index
        super().showPage()
        page = self._doc.Pages.pages[-1]
        page.__NoDefault__ = _PAGE_KEYS
        page.StructParents = index
        page.Tabs = PDFName("S")

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        self._finish_document()
        super().save()

    def _finish_document(self) -> None:
        doc = self._doc
        page_count = len(doc.Pages.pages)
        catalog = doc.Catalog
        catalog.StructTreeRoot = self.tree.write(doc, page_count)
        catalog.MarkInfo = PDFDictionary({"Marked": PDFtrue})
        catalog.Lang = PDFString(self._language)
        catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": PDFtrue})
        packet = xmp_packet(
            title=self._title,
            language=self._language,
            creator_tool="Listening Post",
            modified=dt.datetime.now(dt.UTC),
        )
        catalog.Metadata = metadata_stream(packet)
