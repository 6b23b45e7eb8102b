"""Checks that a file is a workbook import can safely open, before openpyxl parses it.

Hand-written because openpyxl's own errors for a CSV, a password-protected file or a zip bomb
are either cryptic or come only after the damage (memory) is done.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
# What an import needs to unpack, by the rows it holds: every workbook may have a few MB of
# parts (styles, lists, a long note or two); beyond that, each row may bring ROW_TEXT_BYTES of
# distinct text (a long note, its ids; repeated labels are shared) and ROW_XML_BYTES of sheet
# XML (30 cells of markup). openpyxl holds all shared strings in memory (about 5 times their
# size), so at the 100,000-row limit this keeps an import well under a gigabyte, and a workbook
# of a few rows whose strings unpack to hundreds of MB is refused before any is unpacked.
BASE_UNPACKED_BYTES = 8 * 1024 * 1024
ROW_TEXT_BYTES = 1_500
ROW_XML_BYTES = 4 * 1024
SHARED_STRINGS = "xl/sharedStrings.xml"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted Office file is an OLE container holding a stream of this name.
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
_PREFIXED_ROW = re.compile(rb"<\w+:row[\s>/]")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class NotAWorkbook(Exception):
    """The file cannot be imported at all; the message says why and what to do."""


def check_container(path: Path) -> None:
    """Raise NotAWorkbook unless `path` is a plausible, unencrypted, modest .xlsx file."""
    if not path.is_file():
        raise NotAWorkbook("no such file")
    size = path.stat().st_size
    if size == 0:
        raise NotAWorkbook("the file is empty")
    if size > MAX_FILE_BYTES:
        raise NotAWorkbook(
            f"the file is {size // (1024 * 1024)} MB; import takes workbooks up to "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB: split it"
        )
    with path.open("rb") as handle:
        head = handle.read(512 * 1024)
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTION_INFO in head:
            raise NotAWorkbook(
                "the workbook is password-protected: open it in Excel, remove the password "
                "(File > Info > Protect Workbook), save, and import again"
            )
        raise NotAWorkbook(
            "this is an old-style Excel file (.xls): open it in Excel and save it as "
            "Excel Workbook (.xlsx)"
        )
    if not head.startswith(_ZIP_MAGIC):
        if _looks_like_text(head):
            raise NotAWorkbook(
                "this is a text or CSV file, not an Excel workbook: open it in Excel and save "
                "it as Excel Workbook (.xlsx)"
            )
        raise NotAWorkbook("this is not an Excel workbook (.xlsx)")
    try:
        with zipfile.ZipFile(path) as archive:
            members = {info.filename: info for info in archive.infolist()}
            if "xl/workbook.xml" not in members:
                raise NotAWorkbook(
                    "this zip file is not an Excel workbook (a Word or other document renamed?)"
                )
            # Sizes first, from the zip's directory, so a zip bomb is never unpacked (zipfile
            # stops any member at its stated size, so a false directory gains nothing).
            unpacked = sum(info.file_size for info in members.values())
            if unpacked > MAX_UNPACKED_BYTES:
                raise NotAWorkbook("the workbook unpacks to far more data than an import can take")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error) as error:
        raise NotAWorkbook("the workbook is damaged (it cannot be unzipped)") from error


def check_checksums(path: Path) -> None:
    """Unpack every part once to check its checksum: only after its sizes have been bounded."""
    try:
        with zipfile.ZipFile(path) as archive:
            damaged = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error) as error:
        raise NotAWorkbook("the workbook is damaged (it cannot be unzipped)") from error
    if damaged is not None:
        raise NotAWorkbook("the workbook is damaged (a part of it fails its checksum)")


def _looks_like_text(head: bytes) -> bool:
    sample = head[:4096]
    if not sample:
        return False
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = sample.decode("cp1252")
        except UnicodeDecodeError:
            return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable / len(text) > 0.95


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name → its part inside the zip (e.g. 'xl/worksheets/sheet2.xml')."""
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError) as error:
        raise NotAWorkbook("the workbook is damaged (its list of sheets is unreadable)") from error
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_NS_PKG_REL}Relationship")
    }
    parts = {}
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        if not target:
            continue
        if target.startswith("/"):
            parts[sheet.get("name", "")] = target.lstrip("/")
        else:
            parts[sheet.get("name", "")] = str(PurePosixPath("xl") / target)
    return parts


def shared_strings_budget(rows: int) -> int:
    """The most shared-string text an import of `rows` rows (all sheets) needs, in bytes."""
    return BASE_UNPACKED_BYTES + max(rows, 0) * ROW_TEXT_BYTES


def check_shared_strings(path: Path, rows: int) -> None:
    """Refuse a workbook whose shared strings unpack to more than its rows can need.

    Read from the zip's directory only: nothing is unpacked, so this costs no memory.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            size = archive.getinfo(SHARED_STRINGS).file_size
    except KeyError:
        return
    except (zipfile.BadZipFile, OSError) as error:
        raise NotAWorkbook("the workbook is damaged (it cannot be unzipped)") from error
    budget = shared_strings_budget(rows)
    if size > budget:
        raise NotAWorkbook(
            f"the workbook's text unpacks to {size // (1024 * 1024):,} MB, far more than its "
            f"{rows:,} rows can hold (at most {budget // (1024 * 1024):,} MB): it is damaged or "
            "was made to exhaust memory; open it in Excel, save it again, and import that"
        )


@dataclass(frozen=True)
class SheetScan:
    rows: int  # <row> elements, blank but formatted ones included
    merged: tuple[str, ...]  # merged ranges such as "B5:B7"


def scan_sheet(path: Path, part: str) -> SheetScan:
    """Count a sheet's rows and find its merged cells by streaming its raw XML once.

    Cheap (no XML parse), so a million-row sheet is refused before openpyxl reads a row,
    whatever size the file claims; and openpyxl's read-only mode does not report merged cells.
    """
    try:
        return _scan(path, part)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
        raise NotAWorkbook(f"the workbook is damaged (its part {part} is unreadable)") from error


def _scan(path: Path, part: str) -> SheetScan:
    rows = unpacked = 0
    merged: list[str] = []
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        while True:
            chunk = stream.read(1024 * 1024)
            unpacked += len(chunk)
            # Checked as it streams, so a sheet of a few rows padded to gigabytes stops early.
            if unpacked > BASE_UNPACKED_BYTES + rows * ROW_XML_BYTES:
                raise NotAWorkbook(
                    f"the workbook's part {part} unpacks to far more than its {rows:,} rows "
                    "need: it is damaged or was made to exhaust memory; open it in Excel, "
                    "save it again, and import that"
                )
            data = tail + chunk
            # Cut before the last "<": every tag before the cut is then complete.
            cut = data.rfind(b"<") if chunk else len(data)
            if cut <= 0:
                cut = max(len(data) - 256, 0) if chunk else len(data)
            rows += _count_rows(data, cut)
            if b"mergeCell" in data:  # a plain search first: the regex is slow on rows
                merged += [m.group(1).decode("ascii") for m in _MERGE_REF.finditer(data, 0, cut)]
            tail = data[cut:]
            if not chunk:
                break
    return SheetScan(rows, tuple(merged))


def _count_rows(data: bytes, end: int) -> int:
    count = data.count(b"<row ", 0, end) + data.count(b"<row>", 0, end)
    if b":row" in data:  # a namespace prefix, as some generators write: rare, so slower
        count += len(_PREFIXED_ROW.findall(data, 0, end))
    return count
