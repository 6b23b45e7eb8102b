"""The texts of a report in reading order, read back from a written PDF (its structure tree)
and from a written HTML page (its elements), so the two can be compared."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pikepdf
from lxml import html as lxml_html

_PDF_TEXT = {"/H1", "/H2", "/H3", "/P", "/TH", "/TD", "/LBody", "/Caption"}
_HTML_TEXT = {"h1", "h2", "h3", "h4", "p", "li", "th", "td", "caption", "figcaption"}


def squash(text: str) -> str:
    """Whitespace differs between a laid-out page and a web page; the characters may not."""
    return "".join(text.split())


def _kids(element: pikepdf.Dictionary) -> list[object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def pdf_texts(path: Path) -> list[str]:
    """Each text element's characters (a Figure: its alt text), walking the structure tree."""
    with pikepdf.open(path) as pdf, pdfplumber.open(path) as plumbed:
        page_of = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        chars: dict[tuple[int, int], list[str]] = defaultdict(list)
        for index, page in enumerate(plumbed.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    chars[(index, int(char["mcid"]))].append(char["text"])

        def marked(element: pikepdf.Dictionary, page: object) -> Iterator[tuple[int, int]]:
            page = element.get("/Pg", page)
            for kid in _kids(element):
                if isinstance(kid, int):
                    yield page_of[page.objgen], int(kid)  # type: ignore[attr-defined]
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    mcr_page = kid.get("/Pg", page)
                    yield page_of[mcr_page.objgen], int(kid.MCID)
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    yield from marked(kid, page)

        out: list[str] = []

        def walk(element: pikepdf.Dictionary) -> None:
            kind = str(element.get("/S"))
            if kind == "/Figure":
                out.append(str(element.get("/Alt", "")))
            elif kind in _PDF_TEXT:
                out.append("".join("".join(chars[m]) for m in marked(element, None)))
            elif kind != "/Lbl":  # a list bullet is a label, not text of the report
                for kid in _kids(element):
                    if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                        walk(kid)

        walk(pdf.Root.StructTreeRoot)
        return out


def html_texts(source: str) -> list[str]:
    """Each text element's text (a picture or chart: its description, else its title; an
    image: its alt), in document order, leaving out the skip link."""
    body = lxml_html.document_fromstring(source).body
    out: list[str] = []

    def walk(element: lxml_html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag.rsplit("}", 1)[-1]
        if local == "svg":
            named = element.find(".//desc")
            if named is None:
                named = element.find(".//title")
            out.append(named.text_content() if named is not None else "")
        elif local == "img":
            out.append(element.get("alt", ""))
        elif local in _HTML_TEXT:
            out.append(element.text_content())
        elif "skip-link" not in (element.get("class") or ""):
            for child in element:
                walk(child)

    walk(body)
    return out
