"""The index page of a publish pack: one page linking every version of the report (web page,
PDF, plain text), in the same style as the reports themselves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from exporters.html import write_private_text
from exporters.html.document import POLICY, SKIP_LINK
from exporters.html.markup import Markup, el, join
from exporters.html.style import style_sheet
from exporters.report_text.blocks import clean

INTRO = (
    "Choose the version that suits you. Every version says the same things. You can read the "
    "web page in your browser, download the PDF to print it, or use the plain text with a "
    "screen reader or braille display."
)


@dataclass(frozen=True, slots=True)
class PackVersion:
    """One version of the report and its files (names inside the pack's folder)."""

    label: str  # "Large print"
    html: str
    pdf: str = ""
    text: str = ""


def _size(path: Path) -> str:
    size = path.stat().st_size if path.exists() else 0
    return f"{max(1, round(size / 1024))} KB"


def _links(version: PackVersion, folder: Path) -> Markup:
    name = version.label.lower() if version.label != "Easy Read" else version.label
    items = [el("li", {}, el("a", {"href": quote(version.html)}, f"Read the {name} version"))]
    if version.pdf:
        text = f"Download the {name} version as a PDF ({_size(folder / version.pdf)})"
        items.append(el("li", {}, el("a", {"href": quote(version.pdf)}, text)))
    if version.text:
        text = f"Download the {name} version as plain text ({_size(folder / version.text)})"
        items.append(el("li", {}, el("a", {"href": quote(version.text)}, text)))
    return el("ul", {}, *items)


def index_page(title: str, language: str, versions: list[PackVersion], folder: Path) -> str:
    """The index page's HTML."""
    title = clean(title)
    sections = []
    for number, version in enumerate(versions, start=1):
        heading = el("h2", {"id": f"version-{number}"}, version.label)
        sections.append(
            el(
                "section",
                {"aria-labelledby": f"version-{number}"},
                heading,
                _links(version, folder),
            )
        )
    body = join(
        [
            el("a", {"class": "skip-link", "href": "#main"}, SKIP_LINK),
            el("header", {}, el("h1", {}, title)),
            el("main", {"id": "main", "tabindex": "-1"}, el("p", {}, INTRO), join(sections)),
        ]
    )
    head = join(
        [
            el("meta", {"charset": "utf-8"}),
            el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            el("meta", {"http-equiv": "Content-Security-Policy", "content": POLICY}),
            el("meta", {"name": "color-scheme", "content": "light dark"}),
            el("title", {}, title),
            el("style", {}, Markup(style_sheet("standard"))),
        ]
    )
    page = el("html", {"lang": language}, el("head", {}, head), el("body", {}, body))
    return "<!DOCTYPE html>\n" + page + "\n"


def write_index(path: Path, title: str, language: str, versions: list[PackVersion]) -> Path:
    """Write the index page beside the files it links."""
    write_private_text(path, index_page(title, language, versions, path.parent))
    return path
