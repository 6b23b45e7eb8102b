"""Every community's script printed right: shaped as HarfBuzz shapes it, extracted as typed, and
default-ignorable characters (U+FEFF, bidi controls) in any field still PDF/UA clean."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from reportlab.pdfbase import pdfmetrics

from exporters.pdf import build_community_report
from exporters.pdf.document import StoryBuilder, build_pdf
from exporters.pdf.fonts import BODY, clean_text, font_runs, register_fonts
from exporters.pdf.sample_content import community_sample
from exporters.pdf.shaped import visual_words
from exporters.pdf.styles import style_set
from exporters.pdf.verapdf import validate

SCRIPTS = {
    "urdu": "ڈاکٹر نے بہت مدد کی",
    "punjabi-gurmukhi": "ਡਾਕਟਰ ਨੇ ਬਹੁਤ ਮਦਦ ਕੀਤੀ",
    "punjabi-shahmukhi": "ڈاکٹر نے بہت مدد کیتی",
    "bengali": "দেখানো হয়েছে ডাক্তার খুব ভালো",
    "gujarati": "ડૉક્ટરે ખૂબ મદદ કરી",
    "arabic": "ساعدني الطبيب لا يعرف السلام عليكم",  # lam-alef: one glyph, two letters
    "polish": "Zażółć gęślą jaźń — Łódź",
    "romanian": "Mulțumesc pentru ajutor, așteptăm",
    "somali": "Dhakhtarku aad buu ii caawiyay",
    "tamil": "மருத்துவர் மிகவும் உதவினார்",
    "chinese": "医生看病很好，谢谢你们的帮助",
    "emoji": "Family 👨‍👩‍👧 flag 🇬🇧 thumbs 👍🏽 done",
}
VARIANTS = ("standard", "large-print", "easy-read")
IGNORABLE = "\ufeff\u202e\u2066\u200b"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class ScriptPdfs:
    """One PDF per (script, variant) holding just that text, plus a mixed one per variant."""

    folder: Path

    def path(self, script: str, variant: str) -> Path:
        return self.folder / f"{script}-{variant}.pdf"


def _build(path: Path, variant: str, texts: list[str]) -> None:
    builder = StoryBuilder(style_set(variant))  # type: ignore[arg-type]
    builder.section()
    for text in texts:
        builder.paragraph(text)
    build_pdf(builder, path, title="Scripts", language="en-GB", progress=None)
    assert builder.problems == []


@pytest.fixture(scope="session")
def script_pdfs(tmp_path_factory: pytest.TempPathFactory) -> ScriptPdfs:
    folder = tmp_path_factory.mktemp("scripts")
    for variant in VARIANTS:
        for script, text in SCRIPTS.items():
            _build(folder / f"{script}-{variant}.pdf", variant, [text])
        mixed = [f"{script}: {IGNORABLE}{text}{IGNORABLE}" for script, text in SCRIPTS.items()]
        _build(folder / f"mixed-{variant}.pdf", variant, mixed)
    return ScriptPdfs(folder)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", _BIDI.sub("", text))


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("script", SCRIPTS)
def test_each_script_extracts_as_typed(script_pdfs: ScriptPdfs, script: str, variant: str) -> None:
    for path in (script_pdfs.path(script, variant), script_pdfs.path("mixed", variant)):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert _squash(SCRIPTS[script]) in _squash(text), (script, path.name)


def _outline(font: Any, glyph_name: str) -> tuple[Any, ...]:
    glyf = font["glyf"]
    coordinates, ends, _flags = glyf[glyph_name].getCoordinates(glyf)
    return (tuple(coordinates), tuple(ends))


def _drawn_outlines(path: Path, face_name: str) -> list[tuple[Any, ...]]:
    """Outlines of the glyphs drawn in the embedded font `face_name`, in drawing order."""
    out: list[tuple[Any, ...]] = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts: dict[str, tuple[Any, dict[int, str]]] = {}
            for name, font in page.Resources.Font.items():
                if str(font.BaseFont).split("+")[-1] != face_name:
                    continue
                embedded = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
                fonts[name] = (embedded, dict(embedded["cmap"].tables[0].cmap))
            current = None
            marks: list[str] = []  # open marked content: page furniture is an Artifact
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BDC", "BMC"):
                    marks.append(str(operands[0]))
                elif op == "EMC":
                    marks.pop()
                elif "/Artifact" in marks:
                    continue
                elif op == "Tf":
                    current = fonts.get(str(operands[0]))
                elif op in ("Tj", "TJ") and current is not None:
                    items = operands[0] if op == "TJ" else [operands[0]]
                    for item in items:
                        if isinstance(item, pikepdf.String):
                            for code in bytes(item):
                                out.append(_outline(current[0], current[1][code]))
    return [o for o in out if o[0]]  # spaces and zero-width joiners draw nothing


def _shaped_outlines(text: str, font_name: str) -> list[tuple[Any, ...]]:
    """HarfBuzz's own shaping of the same words with the same font file, in visual order."""
    path = pdfmetrics.getFont(font_name).face.filename
    original = TTFont(path)
    hb_font = hb.Font(hb.Face(hb.Blob.from_file_path(path)))
    order = original.getGlyphOrder()
    rtl = any(font_name == f and "\u0600" <= t[:1] <= "\u06ff" for f, t in font_runs(text))
    out: list[tuple[Any, ...]] = []
    for word in visual_words(text.split(" "), rtl):
        for run_font, run in font_runs(word):
            if run_font != font_name:
                continue
            buffer = hb.Buffer()
            buffer.add_str(run)
            buffer.guess_segment_properties()
            hb.shape(hb_font, buffer, {"kern": True, "liga": True, "dlig": True})
            out.extend(_outline(original, order[info.codepoint]) for info in buffer.glyph_infos)
    return [o for o in out if o[0]]


@pytest.mark.parametrize("script", [s for s in SCRIPTS if s not in ("polish", "somali")])
def test_each_script_is_drawn_with_harfbuzz_glyphs(script_pdfs: ScriptPdfs, script: str) -> None:
    register_fonts()
    text, _ = clean_text(SCRIPTS[script])
    fonts = {font for font, _run in font_runs(text)} - {BODY}
    if script == "romanian":
        fonts = {BODY}
    assert fonts, script
    for font_name in fonts:
        face = pdfmetrics.getFont(font_name).face.name
        face_name = face.decode() if isinstance(face, bytes) else str(face)
        expected = _shaped_outlines(text, font_name)
        drawn = _drawn_outlines(script_pdfs.path(script, "standard"), face_name)
        assert expected and drawn == expected, (script, font_name, len(drawn), len(expected))


def test_shaping_really_changes_the_glyphs() -> None:
    register_fonts()
    path = pdfmetrics.getFont("LP-NotoSansBengali").face.filename
    hb_font = hb.Font(hb.Face(hb.Blob.from_file_path(path)))
    buffer = hb.Buffer()
    buffer.add_str("দেখানো")
    buffer.guess_segment_properties()
    hb.shape(hb_font, buffer, {})
    cmap = TTFont(path).getBestCmap()
    unshaped = [TTFont(path).getGlyphID(cmap[ord(c)]) for c in "দেখানো"]
    assert [i.codepoint for i in buffer.glyph_infos] != unshaped  # reordered vowel signs


def _with_ignorables(value: Any) -> Any:
    if isinstance(value, str):
        return f"{IGNORABLE}{value[:3]}\ufeff{value[3:]}" if value.strip() else value
    if isinstance(value, tuple):
        return tuple(_with_ignorables(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _with_ignorables(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init and not f.name.endswith("_id") and f.name not in ("language", "key")
        }
        return dataclasses.replace(value, **changes)
    return value


def test_default_ignorables_in_every_field_and_every_script_are_pdf_ua_clean(
    script_pdfs: ScriptPdfs, tmp_path: Path
) -> None:
    paths = [script_pdfs.path("mixed", v) for v in VARIANTS]
    content = _with_ignorables(community_sample())
    for variant in ("standard", "large-print"):
        out = tmp_path / f"ignorables-{variant}.pdf"
        build_community_report(content, variant, out)  # type: ignore[arg-type]
        paths.append(out)
    reports = validate(paths)
    for path, report in zip(paths, reports, strict=True):
        assert not report.error, report.error
        assert report.failed == [], (path.name, [str(f) for f in report.failed])
    title = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(paths[-1]), "-"], capture_output=True, text=True
    ).stdout
    assert "\ufeff" not in title and community_sample().title.split(":")[0] in title


def test_words_are_ordered_by_the_bidi_algorithm() -> None:
    assert visual_words(["One", "two", "three"], False) == ["One", "two", "three"]
    words = ["الف", "باء", "NHS", "111", "جيم"]
    assert visual_words(words, True) == ["جيم", "NHS", "111", "باء", "الف"]
    assert visual_words(["Call", "الف", "باء", "today"], False) == ["Call", "باء", "الف", "today"]


def test_right_to_left_paragraphs_are_right_aligned(script_pdfs: ScriptPdfs) -> None:
    import pdfplumber

    margin = style_set("standard").margin
    with pdfplumber.open(script_pdfs.path("arabic", "standard")) as pdf:
        page = pdf.pages[0]
        arabic = [c for c in page.chars if "\u0600" <= c["text"][:1] <= "\u06ff" or c["x0"] > 300]
    assert arabic
    assert abs(max(c["x1"] for c in arabic) - (page.width - margin)) < 2
    assert min(c["x0"] for c in arabic) > margin + 100
