"""``.xlsx`` workbooks read into :class:`~analysis.io.sheets.RawSheet` grids.

What is checked before and while reading, with documented limits a user can raise
(:class:`~analysis.io.sheets.ReadLimits`):

* a password-protected workbook (an encrypted OLE2 container, not a zip) and a workbook
  whose members would expand beyond ``max_expanded_mb`` are refused with a message
  saying what to do, before any parser sees the file;
* worksheets are read to their real extent: a run of more than ``max_blank_rows`` empty
  rows ends the data, and cells far below it (a stray entry in row 1,048,576) are
  reported, not read;
* formula cells saved without a value (a workbook written by a program that does not
  calculate) are reported: they would otherwise read as blanks;
* hidden sheets are listed but their cells are not read unless asked;
* a damaged container (truncated, bit flips, a member failing its CRC or its deflate
  stream, malformed sheet XML) is one "damaged workbook" message, whatever part of the
  reading it breaks.

Cells come out as openpyxl's read-only (streaming) mode gives them. A workbook in the
plain form Excel, LibreOffice and openpyxl write is read straight from its XML by
:mod:`analysis.io.xlsx_cells` (several times faster, the same cells: the tests compare
them cell by cell); any other is read by openpyxl. Each member of the archive is
decompressed once, for the cells, the sheet list, merged ranges and the formula check.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable
from html import unescape
from pathlib import Path
from types import TracebackType
from typing import Any
from xml.etree.ElementTree import ParseError

from analysis.io.sheets import Merged, RawSheet, ReadLimits
from analysis.io.xlsx_cells import NotPlainError, book_facts, sheet_rows
from analysis.io.xlsx_comments import Comment, sheet_comments
from analysis.io.xlsx_marks import NO_MARKS, CellMarks, Mark, marked_styles
from analysis.io.xlsx_percent import percent_styles, shown_as_percent
from analysis.problems import InputFormatError, Problem, sheet_problem

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_REF = re.compile(rb'\br="([A-Z]+\d+)"')
_VALUE = re.compile(rb"<v>[^<]")
_UNREADABLE = (OSError, KeyError, ValueError, ParseError, zipfile.BadZipFile)


def check_container(path: Path, limits: ReadLimits) -> None:
    """Refuse encrypted and zip-bomb workbooks before any parser sees them."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE2):
        raise InputFormatError(
            f"{path.name}: the workbook is password-protected (encrypted). Open it in Excel, "
            "remove the password (File > Info > Protect Workbook > Encrypt with Password) "
            "or save an unprotected copy, and load that"
        )
    try:
        with zipfile.ZipFile(path) as z:
            expanded = sum(i.file_size for i in z.infolist())
    except Exception:  # BadZipFile, and what a flipped bit in its directory raises
        raise InputFormatError(
            f"{path.name}: damaged workbook: not a readable Excel workbook (the file is "
            "truncated, damaged or is not an .xlsx file); open it in Excel (which may offer "
            "to repair it) and save it again as .xlsx, or load an undamaged copy"
        ) from None
    if expanded > limits.max_expanded_mb * 1e6:
        raise InputFormatError(
            f"{path.name}: the workbook would expand to {expanded / 1e6:.0f} MB, above the "
            f"limit of {limits.max_expanded_mb:g} MB; if you trust the file, raise the "
            "limit with --max-expanded-mb"
        )


class Archive:
    """A workbook's zip members, each decompressed once and only when asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip = zipfile.ZipFile(path)
        self._names = set(self._zip.namelist())
        self._read: dict[str, bytes] = {}
        self.sheet_members = self._sheet_members()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._zip.close()

    def member(self, name: str) -> bytes:
        """The member's bytes; empty when the archive has no such member."""
        if name not in self._read:
            try:
                self._read[name] = self._zip.read(name) if name in self._names else b""
            except _UNREADABLE as exc:
                raise _unreadable(self.path, exc) from None
        return self._read[name]

    def sheet_xml(self, sheet: str) -> bytes:
        """The worksheet XML of a sheet by name (empty when it cannot be found)."""
        member = self.sheet_members.get(sheet)
        return self.member(member) if member else b""

    def _sheet_members(self) -> dict[str, str]:
        book = self.member("xl/workbook.xml")
        rels = self.member("xl/_rels/workbook.xml.rels")
        pattern = rb'<Relationship[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"'
        targets = {m[0]: m[1] for m in re.findall(pattern, rels)}
        pattern = rb'<Relationship[^>]*Target="([^"]+)"[^>]*Id="([^"]+)"'
        targets.update({m[1]: m[0] for m in re.findall(pattern, rels)})
        out = {}
        for name, rid in re.findall(rb'<sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]+)"', book):
            target = targets.get(rid, b"").decode()
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if member in self._names:
                out[unescape(name.decode())] = member
        return out


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def merged_ranges(xml: bytes) -> tuple[Merged, ...]:
    """The merged ranges of a worksheet (single cells named as merged are left out)."""
    start = xml.find(b"<mergeCell ")
    if start < 0:
        return ()
    return tuple(
        (int(r0), _column_index(c0), int(r1), _column_index(c1))
        for c0, r0, c1, r1 in _MERGE.findall(xml, start)
    )


def formulas_without_value(xml: bytes) -> list[str]:
    """The cells (``C3``) holding a formula but no saved value."""
    cells: list[str] = []
    pos = xml.find(b"<f")
    while pos >= 0:
        start = xml.rfind(b"<c ", 0, pos)
        end = xml.find(b"</c>", pos)
        inside = start >= 0 and end >= 0 and xml.rfind(b"</c>", start, pos) < 0
        if inside and xml[pos + 2 : pos + 3] in (b">", b" ", b"/"):
            if not _VALUE.search(xml, start, end):
                ref = _REF.search(xml, start, xml.find(b">", start))
                cells.append(ref[1].decode() if ref else "?")
            pos = xml.find(b"<f", end)
        else:
            pos = xml.find(b"<f", pos + 2)
    return cells


_ROW = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?(?:/>|>(.*?)</row>)', re.S)
_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+\d+)"[^>]*?(?:/>|>(.*?)</c>)', re.S)
MAX_STRAY_ROWS = 1000  # named one by one; beyond, the sheet's warning gives the first


def stray_rows(xml: bytes, first: int) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """The rows from ``first`` on that hold a value, each with its cells (``A1048576``)."""
    start = xml.find(b'r="%d"' % first)
    start = xml.rfind(b"<row", 0, start) if start >= 0 else -1
    if start < 0:
        return ()
    out = []
    for row in _ROW.finditer(xml, start):
        cells = tuple(
            c[1].decode()
            for c in _CELL.finditer(row[2] or b"")
            if c[2] and (_VALUE.search(c[2]) or b"<is>" in c[2])
        )
        if cells:
            out.append((int(row[1]), cells))
            if len(out) >= MAX_STRAY_ROWS:
                break
    return tuple(out)


def stream_rows(
    rows: Iterable[Iterable[object]], limits: ReadLimits
) -> tuple[list[list[object]], int | None]:
    """Rows up to the real end of the data, and the first far row holding a value."""
    kept: list[list[object]] = []
    blank_run: list[list[object]] = []
    for i, row in enumerate(rows, start=1):
        values = list(row)
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            if len(blank_run) < limits.max_blank_rows:
                blank_run.append([])
            continue
        if len(blank_run) >= limits.max_blank_rows:
            return kept, i  # data ended; this is a stray entry far below it
        kept += blank_run
        blank_run = []
        kept.append(values)
    return kept, None


def _raw_sheet(
    file: str,
    title: str,
    rows: Iterable[Iterable[object]],
    xml: bytes,
    hidden: bool,
    limits: ReadLimits,
    styles: dict[int, Mark] | None = None,
    comments: tuple[Comment, ...] = (),
    percents: frozenset[int] = frozenset(),
) -> RawSheet:
    kept, stray = stream_rows(rows, limits)
    shown_as_percent(kept, xml, percents)
    problems: list[Problem] = []
    if stray is not None:
        problems.append(
            sheet_problem(
                file,
                title,
                "stray_cells",
                f"cells in row {stray} and below lie more than {limits.max_blank_rows} empty "
                f"rows below the data (which ends in row {len(kept)}) and were not read; "
                "delete them or move them next to the data",
                row=stray,
            )
        )
    for ref in formulas_without_value(xml):  # each on its row, by its cell
        row = int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or 0) or None
        problems.append(
            Problem(
                file,
                title,
                row,
                None,
                ref if row else None,
                None,
                "formula_no_value",
                "error",
                "a formula saved without its value (the program that wrote the workbook did "
                "not calculate it), so the cell reads as blank; open the workbook in Excel (or "
                "LibreOffice), let it calculate, save, and load again",
            )
        )
    strays = stray_rows(xml, stray) if stray is not None else ()
    marks = CellMarks(xml, styles) if styles else NO_MARKS
    return RawSheet(
        file, title, kept, merged_ranges(xml), hidden, problems=tuple(problems), stray_rows=strays,
        marks=marks, comments=comments,
    )  # fmt: skip


def _unreadable(path: Path, exc: BaseException) -> InputFormatError:
    return InputFormatError(
        f"{path.name}: damaged workbook: not a readable Excel workbook ({_damage(exc)}); "
        "open it in Excel (which may offer to repair it) and save it again as .xlsx, or "
        "load an undamaged copy"
    )


def _damage(exc: BaseException) -> str:
    """What kind of damage an exception from unzipping or parsing a workbook shows."""
    if isinstance(exc, zlib.error) or "CRC" in str(exc):
        return "a part of the file fails its checksum or cannot be decompressed"
    if isinstance(exc, EOFError | zipfile.BadZipFile):
        return "the file is truncated or its zip structure is broken"
    if isinstance(exc, ParseError | UnicodeError) or "xml" in type(exc).__module__.lower():
        return "a sheet's XML is malformed"
    return f"{type(exc).__name__}"


class _Openpyxl:
    """openpyxl's read-only workbook, opened on first use (defusedxml parses its XML, so
    a hostile workbook cannot expand entities)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._book: Any = None
        self._file: Any = None

    def worksheets(self) -> list[Any]:
        if self._book is None:
            import openpyxl  # heavy; imported on use

            # the file opened here, so it is closed even when openpyxl fails half-way
            self._file = self.path.open("rb")
            self._book = openpyxl.load_workbook(self._file, read_only=True, data_only=True)
        return list(self._book.worksheets)

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
        if self._file is not None:
            self._file.close()


def read_workbook(
    path: Path, include_hidden: bool = False, limits: ReadLimits | None = None
) -> list[RawSheet]:
    """All worksheets of an ``.xlsx`` workbook; hidden sheets come without cells unless asked.

    Parameters
    ----------
    path
        The workbook.
    include_hidden
        Read the cells of hidden sheets too.
    limits
        Limits against hostile or damaged files.

    Returns
    -------
    list of RawSheet
        One per worksheet, in workbook order, cells as openpyxl's read-only mode gives them.
    """
    limits = limits or ReadLimits()
    check_container(path, limits)
    try:
        return _read_sheets(path, include_hidden, limits)
    except InputFormatError:
        raise
    except Exception as exc:  # anything a damaged zip member or its XML raises mid-read
        raise _unreadable(path, exc) from None


def _read_sheets(path: Path, include_hidden: bool, limits: ReadLimits) -> list[RawSheet]:
    with Archive(path) as archive:
        try:
            return _read_plain(archive, include_hidden, limits)
        except NotPlainError:
            pass  # not in the plain form: openpyxl reads it
        return _read_openpyxl(archive, include_hidden, limits)


def _read_plain(archive: Archive, include_hidden: bool, limits: ReadLimits) -> list[RawSheet]:
    """Every sheet read from its XML by :mod:`analysis.io.xlsx_cells`."""
    facts = book_facts(archive.member)
    if not facts.sheets:
        raise NotPlainError("no worksheet found")
    sheets = []
    styles = marked_styles(archive.member("xl/styles.xml"))
    percents = percent_styles(archive.member("xl/styles.xml"))
    for title, member, hidden in facts.sheets:
        if hidden and not include_hidden:
            sheets.append(RawSheet(archive.path.name, title, [], (), hidden=True))
            continue
        xml = archive.member(member)
        rows = sheet_rows(xml, facts)
        comments = sheet_comments(archive.member, member)
        sheets.append(
            _raw_sheet(
                archive.path.name, title, rows, xml, hidden, limits, styles, comments, percents
            )
        )
    return sheets


def _read_openpyxl(archive: Archive, include_hidden: bool, limits: ReadLimits) -> list[RawSheet]:
    book = _Openpyxl(archive.path)
    styles = marked_styles(archive.member("xl/styles.xml"))
    percents = percent_styles(archive.member("xl/styles.xml"))
    try:
        sheets = []
        for ws in book.worksheets():
            hidden = ws.sheet_state != "visible"
            if hidden and not include_hidden:
                sheets.append(RawSheet(archive.path.name, ws.title, [], (), hidden=True))
                continue
            rows = ws.iter_rows(values_only=True)
            xml = archive.sheet_xml(ws.title)
            comments = sheet_comments(archive.member, archive.sheet_members.get(ws.title, ""))
            sheets.append(
                _raw_sheet(
                    archive.path.name,
                    ws.title,
                    rows,
                    xml,
                    hidden,
                    limits,
                    styles,
                    comments,
                    percents,
                )
            )
    finally:
        book.close()
    return sheets
