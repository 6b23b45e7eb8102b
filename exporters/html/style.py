"""The report's inline style sheet: readable from 320 CSS px to wide screens, sizes in rem so
the reader's own font size counts, dark mode, a clean printout; large print at 150%."""

from __future__ import annotations

# Text colours have at least 7:1 contrast on their background in both schemes.
_BASE = """
:root { --ink: #0b0c0c; --paper: #ffffff; --heading: #003087; --muted: #212b32;
  --link: #003d7a; --rule: #425563; --head-bg: #e8edee; --quote-rule: #005eb8;
  --s0: #005eb8; --s1: #a00024; --s2: #8a4b00; --s3: #212b32; --focus: #ffdd00;
  color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #f0f4f5; --paper: #121417; --heading: #a9cdf5; --muted: #dde3e6;
    --link: #a8d4ff; --rule: #aeb7bd; --head-bg: #283038; --quote-rule: #7fb4ec;
    --s0: #6fa8e6; --s1: #f08a9b; --s2: #e8a54b; --s3: #dde3e6; }
}
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font-family: "Atkinson Hyperlegible", Verdana, "Noto Sans", Arial, sans-serif;
  font-size: 1.125rem; line-height: 1.6; overflow-wrap: anywhere; }
header, main { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
main { padding-bottom: 3rem; }
h1, h2, h3 { color: var(--heading); line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2.25rem; margin-top: 0.5em; }
h2 { font-size: 1.6rem; border-top: 0.125rem solid var(--rule); padding-top: 0.75rem; }
h3 { font-size: 1.3rem; color: var(--ink); }
p, ul { margin: 0 0 0.8em; }
ul { padding-left: 1.5rem; }
li { margin-bottom: 0.4em; }
.lead { font-size: 1.25rem; margin-bottom: 0.5em; }
.label { font-weight: 700; margin: 1em 0 0.25em; }
.note { color: var(--muted); }
a { color: var(--link); text-decoration-thickness: 0.08em; text-underline-offset: 0.15em; }
a:focus-visible, .table-wrap:focus-visible { outline: 0.2rem solid var(--ink);
  box-shadow: 0 0 0 0.4rem var(--focus); }
.skip-link { position: absolute; left: 1rem; top: -10rem; background: var(--paper);
  padding: 0.5rem 1rem; z-index: 1; }
.skip-link:focus { top: 1rem; }
address { font-style: normal; }
.logo { display: block; max-width: 100%; height: auto; max-height: 5rem; margin-bottom: 1rem; }
.quote { margin: 1rem 0 1rem 0; padding-left: 1rem; border-left: 0.3rem solid var(--quote-rule); }
.quote blockquote { margin: 0; }
.quote blockquote p { margin: 0 0 0.25em; }
.quote figcaption { color: var(--muted); }
.figure { margin: 1rem 0 0.5rem; }
.chart { display: block; width: 100%; max-width: 40rem; font-size: 1rem; }
.chart text { fill: var(--ink); font-family: inherit; }
.chart .s0 { fill: var(--s0); } .chart .s1 { fill: var(--s1); }
.chart .s2 { fill: var(--s2); } .chart .s3 { fill: var(--s3); }
.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.4rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem;
  border-bottom: 0.0625rem solid var(--rule); overflow-wrap: break-word; }
thead th { background: var(--head-bg); border-bottom-width: 0.125rem; }
.number { text-align: right; font-variant-numeric: tabular-nums; }
.point { display: grid; grid-template-columns: 4.5rem minmax(0, 1fr); gap: 1rem;
  align-items: start; margin: 0 0 1.25rem; }
.point .picture { width: 4.5rem; height: 4.5rem; background: #ffffff; border-radius: 0.5rem; }
.point .lines p { margin: 0 0 0.3em; }
@media (max-width: 30rem) {
  header, main { padding: 0 0.75rem; }
  h1 { font-size: 1.8rem; }
  h2 { font-size: 1.4rem; }
  table { font-size: 1rem; }
  th, td { padding: 0.3rem 0.25rem; }
  .point { grid-template-columns: 3.5rem minmax(0, 1fr); gap: 0.75rem; }
  .point .picture { width: 3.5rem; height: 3.5rem; }
}
@media print {
  :root { --ink: #000000; --paper: #ffffff; --heading: #000000; --muted: #000000;
    --link: #000000; --head-bg: #eeeeee; }
  body { font-size: 12pt; }
  header, main { max-width: none; padding: 0; }
  .skip-link { display: none; }
  h2, h3 { break-after: avoid; }
  .point, .quote, .figure, tr { break-inside: avoid; }
  .table-wrap { overflow: visible; }
}
"""

_LARGE_PRINT = """
html { font-size: 150%; }
@media print { body { font-size: 18pt; } }
"""

_EASY_READ = """
body { font-size: 1.25rem; line-height: 1.7; }
"""


def style_sheet(variant: str) -> str:
    """The style sheet for one report variant."""
    extra = {"large-print": _LARGE_PRINT, "easy-read": _EASY_READ}.get(variant, "")
    return " ".join((_BASE + extra).split())
