"""PDF benchmark: tagged report vs the same flowables untagged, and vs WeasyPrint's PDF/UA-1.

`python -m bench pdf [--json]` (bench/__main__.py dispatches here). Ratios come from runs
alternated in the same process, never from remembered numbers.
"""

from __future__ import annotations

import functools
import html
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from domain.report_content import ReportContent
from exporters.pdf import build_community_report
from exporters.pdf.canvas import TaggedCanvas
from exporters.pdf.document import StoryBuilder, TaggedDocTemplate
from exporters.pdf.fonts import BODY, atkinson_dir
from exporters.pdf.render import render
from exporters.pdf.sample_content import community_sample
from exporters.pdf.styles import style_set
from exporters.pdf.wording import action_line, period
from exporters.report_text import community_report_text

ROUNDS = 3
REPEAT = 85  # sample themes x 85 gives a report of about 100 pages


class _UntaggedCanvas(TaggedCanvas):
    """Plain ReportLab output: marked-content hooks do nothing and no structure is written."""

    def begin_tagged(self, element: Any) -> int:
        return 0

    def begin_artifact(self, kind: str | None = None, subtype: str | None = None) -> None:
        pass

    def end_marked(self) -> None:
        pass

    def showPage(self) -> None:
        TaggedCanvas.__mro__[1].showPage(self)

    def save(self) -> None:
        TaggedCanvas.__mro__[1].save(self)


def _untagged(content: ReportContent, out: Path) -> int:
    builder = StoryBuilder(style_set("standard"))
    render(builder, community_report_text(content, "standard"))
    doc = TaggedDocTemplate(
        str(out),
        styles=builder.styles,
        title=content.title,
        running_head=content.title,
        progress=None,
        total=len(builder.story),
    )
    maker = functools.partial(
        _UntaggedCanvas,
        tree=builder.tree,
        title=content.title,
        language="en-GB",
        font_name=BODY,
    )
    doc.build(list(builder.story), canvasmaker=maker)
    return int(doc.page)


def _html(content: ReportContent) -> str:
    e = html.escape
    font = (atkinson_dir() / "AtkinsonHyperlegible-Regular.ttf").as_uri()
    bold = (atkinson_dir() / "AtkinsonHyperlegible-Bold.ttf").as_uri()
    parts = [
        f"<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>{e(content.title)}"
        "</title><style>"
        f"@font-face{{font-family:A;src:url('{font}')}}"
        f"@font-face{{font-family:A;font-weight:bold;src:url('{bold}')}}"
        "body{font-family:A;font-size:14pt;line-height:1.4} h1,h2{color:#003087}"
        "table{border-collapse:collapse} th,td{border-bottom:1px solid #425563;text-align:left}"
        "@page{size:A4;margin:20mm;@bottom-left{content:'Page ' counter(page)}}</style></head>"
        f"<body><h1>{e(content.title)}</h1><p>{e(content.organisation)}</p>"
        f"<p>{e(period(content.period))}</p><p>{e(content.intro)}</p><h2>Who we heard from</h2>"
        "<table><tr><th scope='col'>Kind</th><th scope='col'>Activities</th>"
        "<th scope='col'>People</th></tr>",
    ]
    for r in content.activities:
        parts.append(
            f"<tr><th scope='row'>{e(r.kind)}</th><td>{r.activities}</td>"
            f"<td>{r.people_reached}</td></tr>"
        )
    parts.append("</table><h2>You said</h2>")
    for t in content.themes:
        parts.append(f"<h3>{e(t.title)}</h3><p>{e(t.summary)}</p>")
        parts.extend(
            f"<blockquote><p>\u201c{e(q.text)}\u201d</p><p>\u2014 {e(q.speaker)}</p></blockquote>"
            for q in t.quotes
        )
    parts.append("<h2>We did</h2>")
    for t in content.themes:
        parts.append(f"<h3>About: {e(t.title)}</h3><ul>")
        parts.extend(f"<li>{e(action_line(a))}</li>" for a in t.actions)
        parts.append("</ul>")
    parts.append("<h2>What happens next</h2><ul>")
    parts.extend(f"<li>{e(s)}</li>" for s in content.next_steps)
    parts.append("</ul></body></html>")
    return "".join(parts)


def run() -> dict[str, float]:
    """Measure and return the figures (WeasyPrint's only when the `bench` extra is installed)."""
    content = community_sample(repeat=REPEAT)
    tagged: list[float] = []
    untagged: list[float] = []
    weasy: list[float] = []
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_community_report(content, "standard", folder / "warm.pdf")  # fonts, caches
        _untagged(content, folder / "warm-u.pdf")
        for _ in range(ROUNDS):
            start = time.perf_counter()
            pages = build_community_report(content, "standard", folder / "t.pdf").pages
            tagged.append(time.perf_counter() - start)
            start = time.perf_counter()
            _untagged(content, folder / "u.pdf")
            untagged.append(time.perf_counter() - start)
        try:
            import weasyprint  # type: ignore[import-not-found, unused-ignore]
        except ImportError:
            weasyprint = None
        if weasyprint is not None:
            document = _html(content)
            for _ in range(2):
                start = time.perf_counter()
                weasyprint.HTML(string=document).write_pdf(folder / "w.pdf", pdf_variant="pdf/ua-1")
                weasy.append(time.perf_counter() - start)
    tagged_s = statistics.median(tagged)
    figures = {
        "pages": float(pages),
        "tagged_s": round(tagged_s, 3),
        "untagged_s": round(statistics.median(untagged), 3),
        "tagged_vs_untagged_ratio": round(tagged_s / statistics.median(untagged), 3),
    }
    if weasy:
        figures["weasyprint_s"] = round(statistics.median(weasy), 3)
        figures["weasyprint_vs_tagged_ratio"] = round(statistics.median(weasy) / tagged_s, 2)
    else:
        print("pdf: WeasyPrint is not installed (pip install -e '.[bench]')", file=sys.stderr)
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:28} {value}")
