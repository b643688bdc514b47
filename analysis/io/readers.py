"""Raw readers: each returns :class:`RawSheet` grids of untouched cell values.

Row ``i`` of a grid is spreadsheet row ``i + 1`` as Excel (or a text editor, for CSV)
shows it, so every later message can point at the cell a user will open.

What is checked before and while reading, with documented limits a user can raise
(:class:`ReadLimits`):

* an empty file, a password-protected workbook (an encrypted OLE2 container, not a zip),
  and a workbook whose members would expand beyond ``max_expanded_mb`` are refused with
  a message saying what to do;
* worksheets are streamed and read to their real extent: a run of more than
  ``max_blank_rows`` empty rows ends the data, and cells far below it (a stray entry in
  row 1,048,576) are reported, not read;
* formula cells saved without a value (a workbook written by a program that does not
  calculate) are reported: they would otherwise read as blanks;
* text files are decoded by their byte-order mark, as UTF-8, or by charset detection
  (charset-normalizer), so UTF-16 and Windows-1252 exports read correctly; a quote
  opened and never closed, which would swallow the rest of the file, is refused with its
  line; rows longer than the header are reported.

A text table without quote characters, carriage returns, NUL characters or blank lines
(what registry exports write) is read by Arrow's CSV reader straight into coded columns
(:mod:`analysis.io.columns`); any other is read by :mod:`csv`, whose strict reading and
messages then apply. Both give the same cells.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from analysis.io.columns import Coded, Grid, arrow_text_columns, distinct
from analysis.problems import (
    WARNING,
    InputFormatError,
    Problem,
    column_letter,
    sheet_problem,
)

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
Merged = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_CELL = re.compile(rb"<c\b([^>]*)>(.*?)</c>", re.S)
_REF = re.compile(rb'r="([A-Z]+\d+)"')


@dataclass(frozen=True)
class ReadLimits:
    """Limits that protect a run from hostile or damaged files; raise them for a file you
    trust (``--max-expanded-mb``)."""

    max_expanded_mb: float = 500.0
    max_blank_rows: int = 1000
    max_field_kb: int = 16384


@dataclass(frozen=True)
class RawSheet:
    """The cells of one worksheet or text table, exactly as stored."""

    file: str
    sheet: str
    rows: Sequence[list[object]]
    merged: tuple[Merged, ...] = ()
    hidden: bool = False
    header_row: int | None = field(default=None)  # known header row (1-based), if any
    problems: tuple[Problem, ...] = ()  # what the reader noticed (stray cells, formulas)

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def row(self, i: int) -> list[object]:
        """Row ``i`` (0-based) as stored."""
        return self.rows.row(i) if isinstance(self.rows, Grid) else list(self.rows[i])

    def coded_columns(self) -> list[Coded]:
        """The grid column by column, each as codes into its distinct values (padded
        with ``None`` where a row is shorter than the widest)."""
        if isinstance(self.rows, Grid):
            return self.rows.coded()
        return [distinct(c) for c in self.column_cells()]

    def column_cells(self) -> list[Any]:
        """The grid column by column: one object array per column, padded with ``None``
        where a row is shorter than the widest."""
        import numpy as np

        if isinstance(self.rows, Grid):
            return self.rows.columns
        width = max((len(r) for r in self.rows), default=0)
        cols = [np.full(len(self.rows), None, dtype=object) for _ in range(width)]
        for i, r in enumerate(self.rows):
            for j, v in enumerate(r):
                cols[j][i] = v
        return cols


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def _check_container(path: Path, limits: ReadLimits) -> None:
    """Refuse empty, encrypted and zip-bomb workbooks before any parser sees them."""
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
    except zipfile.BadZipFile:
        raise InputFormatError(
            f"{path.name}: not a readable Excel workbook (the file is damaged or is not "
            "an .xlsx file); open it in Excel and save it again as .xlsx"
        ) from None
    if expanded > limits.max_expanded_mb * 1e6:
        raise InputFormatError(
            f"{path.name}: the workbook would expand to {expanded / 1e6:.0f} MB, above the "
            f"limit of {limits.max_expanded_mb:g} MB; if you trust the file, raise the "
            "limit with --max-expanded-mb"
        )


def _sheet_xml(path: Path) -> dict[str, bytes]:
    """Worksheet XML by sheet name (for merged ranges and formula checks)."""
    out: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        book = z.read("xl/workbook.xml") if "xl/workbook.xml" in names else b""
        rels_path = "xl/_rels/workbook.xml.rels"
        rels = z.read(rels_path) if rels_path in names else b""
        targets = {
            m[0]: m[1]
            for m in re.findall(rb'<Relationship[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"', rels)
        }
        targets.update(
            {
                m[1]: m[0]
                for m in re.findall(rb'<Relationship[^>]*Target="([^"]+)"[^>]*Id="([^"]+)"', rels)
            }
        )
        for name, rid in re.findall(rb'<sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]+)"', book):
            target = targets.get(rid, b"").decode()
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if member in names:
                out[unescape(name.decode())] = z.read(member)
    return out


def _merged(xml: bytes) -> tuple[Merged, ...]:
    return tuple(
        (int(r0), _column_index(c0), int(r1), _column_index(c1))
        for c0, r0, c1, r1 in _MERGE.findall(xml)
    )


def _formulas_without_value(xml: bytes) -> list[str]:
    cells = []
    for attrs, body in _CELL.findall(xml):
        if b"<f" in body and not re.search(rb"<v>[^<]", body):
            ref = _REF.search(attrs)
            cells.append(ref[1].decode() if ref else "?")
    return cells


def _stream_rows(
    rows: Iterator[tuple[object, ...]], limits: ReadLimits
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


def read_workbook(
    path: Path, include_hidden: bool = False, limits: ReadLimits | None = None
) -> list[RawSheet]:
    """All worksheets of an ``.xlsx`` workbook; hidden sheets come without cells unless asked.

    openpyxl parses the XML through defusedxml (a dependency), so a hostile workbook
    cannot expand entities; sheets are streamed (read-only mode) to their real extent.
    """
    import openpyxl  # heavy; imported on use

    limits = limits or ReadLimits()
    _check_container(path, limits)
    try:
        xml = _sheet_xml(path)
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, ParseError, zipfile.BadZipFile) as exc:
        raise InputFormatError(
            f"{path.name}: not a readable Excel workbook ({type(exc).__name__}); "
            "open it in Excel and save it again as .xlsx"
        ) from None
    sheets = []
    try:
        for ws in wb.worksheets:
            hidden = ws.sheet_state != "visible"
            if hidden and not include_hidden:
                sheets.append(RawSheet(path.name, ws.title, [], (), hidden=True))
                continue
            sheets.append(_read_sheet(path.name, ws, xml.get(ws.title, b""), hidden, limits))
    finally:
        wb.close()
    return sheets


def _read_sheet(name: str, ws: object, xml: bytes, hidden: bool, limits: ReadLimits) -> RawSheet:
    rows, stray = _stream_rows(ws.iter_rows(values_only=True), limits)  # type: ignore[attr-defined]
    problems: list[Problem] = []
    title = str(ws.title)  # type: ignore[attr-defined]
    if stray is not None:
        problems.append(
            sheet_problem(
                name,
                title,
                "stray_cells",
                f"cells in row {stray} and below lie more than {limits.max_blank_rows} empty "
                f"rows below the data (which ends in row {len(rows)}) and were not read; "
                "delete them or move them next to the data",
                row=stray,
            )
        )
    missing = _formulas_without_value(xml)
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        problems.append(
            sheet_problem(
                name,
                title,
                "formula_no_value",
                f"{len(missing)} formula cell(s) ({shown}) have no saved value, so they read as "
                "blank; open the workbook in Excel (or LibreOffice), let it calculate, save, "
                "and load again",
                severity="error",
            )
        )
    merged = _merged(xml)
    return RawSheet(name, title, rows, merged, hidden, problems=tuple(problems))


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > 0.4 * len(sample[1::2]):
        return data.decode("utf-16-le", errors="replace")
    if len(sample) >= 4 and sample[0::2].count(0) > 0.4 * len(sample[0::2]):
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    # Short Western-European exports fool any detector between single-byte code pages;
    # Windows-1252 is what Excel writes there, so it wins unless the text is multi-byte.
    if western is not None and (best is None or _single_byte(best.encoding)):
        return western
    encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, errors="replace")


def _single_byte(encoding: str) -> bool:
    import codecs

    name = codecs.lookup(encoding).name
    return not any(k in name for k in ("utf", "gb", "big5", "shift", "jis", "euc", "kr", "hz"))


@contextlib.contextmanager
def _field_limit(kb: int) -> Iterator[None]:
    """csv's field size limit is process-wide: set it for one read and restore it."""
    before = csv.field_size_limit()
    csv.field_size_limit(kb * 1024)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def read_csv_sheet(path: Path, limits: ReadLimits | None = None) -> RawSheet:
    """A CSV file as a grid of strings (any common encoding, delimiter , ; or tab)."""
    limits = limits or ReadLimits()
    data = path.read_bytes()
    if not data:
        raise InputFormatError(f"{path.name}: the file is empty (0 bytes)")
    text = _decode(data)
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    # ASCII without NUL bytes (no UTF-16) was decoded as UTF-8: the text is the bytes
    ascii_text = data.isascii() and b"\x00" not in data
    grid = _fast_grid(text, delimiter, limits, data if ascii_text else None)
    if grid is not None:
        return RawSheet(path.name, path.stem, grid)
    rows: list[list[object]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 0
    with _field_limit(limits.max_field_kb):
        try:
            for row in reader:
                rows.append(list(row))
                line = reader.line_num
        except csv.Error as exc:
            total = text.count("\n") + (0 if text.endswith("\n") else 1)
            if "end of data" in str(exc) or "EOF" in str(exc):
                raise InputFormatError(
                    f"{path.name}: a quote opened on line {line + 1} is never closed, so the "
                    f"rest of the file ({total - line} lines) would be read as one cell; close "
                    "the quote (or remove it) and load again"
                ) from None
            if "field limit" in str(exc):
                raise InputFormatError(
                    f"{path.name}: a cell on line {line + 1} is longer than the limit of "
                    f"{limits.max_field_kb} KB; shorten it or raise the limit"
                ) from None
            raise InputFormatError(
                f"{path.name}: not a readable CSV file (line {line + 1}: {exc})"
            ) from None
    return RawSheet(path.name, path.stem, rows, problems=tuple(_ragged(path.name, path.stem, rows)))


def _longest_line(encoded: bytes) -> int:
    """Length in bytes (at least its length in characters) of the longest line."""
    import numpy as np

    data = np.frombuffer(encoded, dtype=np.uint8)
    ends = np.concatenate([[-1], np.flatnonzero(data == 10), [len(data)]])
    return int(np.diff(ends).max()) - 1


def _fast_grid(
    text: str, delimiter: str, limits: ReadLimits, encoded: bytes | None = None
) -> Grid | None:
    """The table read by Arrow's CSV reader, column by column, when that reader is sure
    to read it exactly as :mod:`csv` would: no quote characters (their strict reading,
    and its messages, are :mod:`csv`'s), no carriage returns or NUL characters, every
    row as long as the first, no blank line, no cell beyond the size limit. ``None``
    otherwise; the caller then reads it with :mod:`csv`. ``encoded`` is the text as
    UTF-8 when the caller holds it already (an ASCII file's own bytes)."""
    if any(c in text for c in ('"', "\r", "\x00", "\n\n")) or not text.strip() or text[0] == "\n":
        return None
    limit = limits.max_field_kb * 1024
    if len(text) > limit:
        encoded = encoded if encoded is not None else text.encode("utf-8")
        if _longest_line(encoded) > limit:
            return None
    coded = arrow_text_columns(text, delimiter, encoded)
    if coded is None:
        return None
    n = len(coded[0][0])
    if n != text.count("\n") + (0 if text.endswith("\n") else 1):
        return None  # lines the reader joined: leave it to csv
    return Grid(n, coded=coded)


def _ragged(file: str, sheet: str, rows: list[list[object]]) -> list[Problem]:
    """Rows with more filled cells than the widest of the first rows (the header)."""
    head = rows[:20]
    width = max((len([c for c in r if str(c).strip()]) for r in head), default=0)
    width = max(width, max((len(r) for r in head), default=0))
    out = []
    for i, r in enumerate(rows[20:], start=21):
        extra = [c for c in r[width:] if str(c).strip()]
        if extra:
            out.append(
                sheet_problem(
                    file,
                    sheet,
                    "ragged_row",
                    f"row has {len(r)} cells, more than the {width} header columns; cells from "
                    f"column {column_letter(width + 1)} on were not read (a stray delimiter?)",
                    row=i,
                    severity=WARNING,
                )
            )
    return out


def read_parquet_sheet(path: Path) -> RawSheet:
    """A Parquet file as a grid whose first row holds the column names."""
    import numpy as np
    import pandas as pd

    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises many types for damaged files
        raise InputFormatError(
            f"{path.name}: not a readable Parquet file ({type(exc).__name__})"
        ) from None
    columns = []
    for name in frame.columns:
        cells = frame[name].astype(object).to_numpy()
        cells[pd.isna(frame[name]).to_numpy()] = None
        columns.append(np.concatenate([np.array([name], dtype=object), cells]))
    return RawSheet(path.name, path.stem, Grid(len(frame) + 1, columns), header_row=1)


def read_input_sheets(
    path: Path, include_hidden: bool = False, limits: ReadLimits | None = None
) -> list[RawSheet]:
    """Read a file of any supported format into raw sheets."""
    if not path.exists():
        raise InputFormatError(f"{path}: no such file or directory")
    if path.is_file() and path.stat().st_size == 0:
        raise InputFormatError(f"{path.name}: the file is empty (0 bytes)")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return read_workbook(path, include_hidden, limits)
    if suffix in (".csv", ".tsv", ".txt"):
        return [read_csv_sheet(path, limits)]
    if suffix == ".parquet":
        return [read_parquet_sheet(path)]
    if suffix == ".xls":
        raise InputFormatError(
            f"{path.name}: legacy .xls workbooks are not read; save it as .xlsx in Excel"
        )
    raise InputFormatError(
        f"{path.name}: unknown input format '{suffix}' (expected .xlsx, .csv, .parquet "
        "or a directory of tidy CSV/Parquet files)"
    )
