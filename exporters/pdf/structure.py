"""The logical structure tree of a tagged PDF, built alongside the story and written on save.

Hand-written because open-source ReportLab has no tagging: it only offers the hooks (literal
operators on the canvas, table render callbacks, catalog attributes). Elements are created by the
report builder at the same moment as their flowables, so the order of children here *is* the
reading order, independent of where things land on the page.

Not thread-safe: one tree belongs to one document build on one thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObjectReference,
    PDFString,
)

#: Standard structure types this layer emits (PDF 1.7, 14.8.4); nothing needs remapping.
STANDARD_TYPES: Final = frozenset(
    {
        "Document",
        "Sect",
        "Div",
        "H1",
        "H2",
        "H3",
        "P",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Table",
        "THead",
        "TBody",
        "TR",
        "TH",
        "TD",
        "Figure",
        "Caption",
        "Link",
        "Span",
    }
)

#: Structure types that may legitimately exist without marked content of their own.
_GROUPING: Final = frozenset(
    {"Document", "Sect", "Div", "L", "LI", "Table", "THead", "TBody", "TR"}
)


@dataclass(eq=False)
class StructElement:
    """One node of the structure tree; `mcrefs` are (page index, MCID) pairs of its content."""

    tag: str
    parent: StructElement | None = None
    alt: str | None = None
    scope: str | None = None  # "Column" or "Row" for TH
    title: str | None = None
    children: list[StructElement] = field(default_factory=list)
    mcrefs: list[tuple[int, int]] = field(default_factory=list)
    annotations: list[tuple[int, int, PDFDictionary]] = field(default_factory=list)
    # (page index, struct parent key, annotation dict) for Link elements

    def __post_init__(self) -> None:
        if self.tag not in STANDARD_TYPES:
            raise ValueError(f"not a standard structure type: {self.tag!r}")
        if self.tag == "Figure" and not (self.alt and self.alt.strip()):
            raise ValueError("a Figure needs non-empty alternative text")

    def add(
        self,
        tag: str,
        *,
        alt: str | None = None,
        scope: str | None = None,
        title: str | None = None,
    ) -> StructElement:
        """Create a child element after the existing ones (reading order is creation order)."""
        child = StructElement(tag, parent=self, alt=alt, scope=scope, title=title)
        self.children.append(child)
        return child

    def has_content(self) -> bool:
        """True when this element or a descendant received marked content or an annotation."""
        if self.mcrefs or self.annotations:
            return True
        return any(child.has_content() for child in self.children)

    def walk(self) -> list[StructElement]:
        """This element and all descendants in reading (pre-)order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


class StructTree:
    """Owns the root element, hands out MCIDs per page and writes the tree into a PDFDocument."""

    def __init__(self) -> None:
        self.root = StructElement("Document")
        # page index -> element for each MCID on that page, in MCID order
        self._page_mcids: dict[int, list[StructElement]] = {}
        self._annotation_keys = 0

    def next_mcid(self, page_index: int, element: StructElement) -> int:
        """Allocate the next MCID on a page for `element` and remember the reference."""
        mcids = self._page_mcids.setdefault(page_index, [])
        mcid = len(mcids)
        mcids.append(element)
        element.mcrefs.append((page_index, mcid))
        return mcid

    def attach_annotation(
        self, element: StructElement, page_index: int, annotation: PDFDictionary
    ) -> None:
        """Link an annotation (a link hotspot) to `element`; the key is fixed at write time."""
        element.annotations.append((page_index, self._annotation_keys, annotation))
        self._annotation_keys += 1

    def mcid_count(self, page_index: int) -> int:
        """How many MCIDs a page has so far."""
        return len(self._page_mcids.get(page_index, []))

    def write(self, doc: PDFDocument, page_count: int) -> PDFObjectReference:
        """Register the structure tree objects in `doc`; returns a reference to StructTreeRoot."""
        root_dict = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        root_ref = doc.Reference(root_dict)
        refs: dict[int, PDFObjectReference] = {}
        dicts: dict[int, PDFDictionary] = {}
        live = [e for e in self.root.walk() if e is self.root or e.has_content()]
        for element in live:
            d = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(element.tag)})
            dicts[id(element)] = d
            refs[id(element)] = doc.Reference(d)
        for element in live:
            d = dicts[id(element)]
            d["P"] = refs[id(element.parent)] if element.parent is not None else root_ref
            _write_attributes(d, element)
            kids = _content_kids(d, element) + _annotation_kids(doc, element)
            kids.extend(refs[id(c)] for c in element.children if id(c) in refs)
            if kids or element.tag in _GROUPING:
                d["K"] = PDFArray(kids)
        parent_tree = PDFDictionary(
            {"Nums": PDFArray(self._parent_tree_nums(page_count, live, refs))}
        )
        root_dict["K"] = refs[id(self.root)]
        root_dict["ParentTree"] = doc.Reference(parent_tree)
        root_dict["ParentTreeNextKey"] = page_count + self._annotation_keys
        root_dict["RoleMap"] = PDFDictionary({})
        return root_ref

    def _parent_tree_nums(
        self, page_count: int, live: list[StructElement], refs: dict[int, PDFObjectReference]
    ) -> list[object]:
        """The ParentTree's number tree: each page's MCID owners, then each annotation's owner."""
        nums: list[object] = []
        for page_index in range(page_count):
            elements = self._page_mcids.get(page_index, [])
            nums.extend([page_index, PDFArray([refs[id(e)] for e in elements])])
        for element in live:
            for _page_index, key, annotation in element.annotations:
                annotation["StructParent"] = page_count + key
                nums.extend([page_count + key, refs[id(element)]])
        return nums


def _write_attributes(d: PDFDictionary, element: StructElement) -> None:
    """Alternative text, title and table header scope, where the element has them."""
    if element.alt:
        d["Alt"] = PDFString(element.alt)
    if element.title:
        d["T"] = PDFString(element.title)
    if element.scope:
        d["A"] = PDFDictionary({"O": PDFName("Table"), "Scope": PDFName(element.scope)})


def _content_kids(d: PDFDictionary, element: StructElement) -> list[object]:
    """The element's marked content: bare MCIDs when on one page, else MCR dictionaries."""
    pages = {p for p, _ in element.mcrefs}
    if len(pages) == 1:
        # Content on one page: plain MCIDs with /Pg on the element (smaller, faster).
        d["Pg"] = _page_ref(element.mcrefs[0][0])
        return [mcid for _, mcid in element.mcrefs]
    return [
        PDFDictionary({"Type": PDFName("MCR"), "Pg": _page_ref(page_index), "MCID": mcid})
        for page_index, mcid in element.mcrefs
    ]


def _annotation_kids(doc: PDFDocument, element: StructElement) -> list[object]:
    """Object references to the element's annotations (link hotspots)."""
    return [
        PDFDictionary(
            {"Type": PDFName("OBJR"), "Pg": _page_ref(page_index), "Obj": doc.Reference(annotation)}
        )
        for page_index, _key, annotation in element.annotations
    ]


def _page_ref(page_index: int) -> PDFObjectReference:
    # ReportLab names page objects "Page1", "Page2", ... (pdfdoc.PDFDocument.thisPageName).
    return PDFObjectReference(f"Page{page_index + 1}")
