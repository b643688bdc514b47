"""Raw readers: each returns :class:`RawSheet` grids of untouched cell values.

Row ``i`` of a grid is spreadsheet row ``i + 1`` as Excel (or a text editor, for CSV)
shows it, so every later message can point at the cell a user will open.

Workbooks are read by :mod:`analysis.io.xlsx` (its checks: encrypted files, zip bombs,
stray cells far below the data, formulas saved without a value, hidden sheets). For text
tables, with documented limits a user can raise (:class:`ReadLimits`): an empty file is
refused; text files are decoded by their byte-order mark, as UTF-8, or by charset
detection (charset-normalizer), so UTF-16, Windows-1252 and Windows-1250 exports read
correctly (:mod:`analysis.io.code_pages` tells the last two apart); a
quote opened and never closed, which would swallow the rest of the file, is refused with
its line; rows longer than the header are reported.

A text table without quote characters, carriage returns, NUL characters or blank lines
(what registry exports write) is read by Arrow's CSV reader straight into coded columns
(:mod:`analysis.io.columns`); any other is read by :mod:`csv`, whose strict reading and
messages then apply. Both give the same cells.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from analysis.io.code_pages import central_european
from analysis.io.columns import Grid, arrow_text_columns
from analysis.io.fixed_width import fixed_width_sheets, is_fixed_width
from analysis.io.html_tables import is_html_table, read_html_sheet
from analysis.io.sheets import CellOrigin, RawSheet, ReadLimits
from analysis.io.xlsx import read_workbook
from analysis.problems import (
    WARNING,
    InputFormatError,
    Problem,
    column_letter,
    sheet_problem,
)

__all__ = [
    "EXCEL_SUFFIXES",
    "CellOrigin",
    "RawSheet",
    "ReadLimits",
    "read_csv_sheet",
    "read_input_sheets",
    "read_parquet_sheet",
    "read_workbook",
]

EXCEL_SUFFIXES = (".xlsx", ".xlsm")


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
        # ... unless its accented letters fit one Central European alphabet better
        return data.decode("cp1250") if central_european(data) else western
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


_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(text: str) -> str:
    """The delimiter that splits the most of the first lines into one common number of
    fields (above one), the wider split winning a tie: export metadata lines above the
    header (``Erstellt;14.03.2024``) and commas inside text cells do not mislead it."""
    lines = [line for line in text[:65536].splitlines()[:300] if line.strip()]
    best: tuple[int, int, str] = (0, 0, ",")
    for d in _DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=d))
        width, n = max(widths.items(), key=lambda wn: (wn[1], wn[0]), default=(1, 0))
        if width > 1 and (n, width) > best[:2]:
            best = (n, width, d)
    if best[0]:
        return best[2]
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def read_csv_sheet(path: Path, limits: ReadLimits | None = None) -> RawSheet:
    """A CSV file as a grid of strings (any common encoding, delimiter , ; or tab)."""
    limits = limits or ReadLimits()
    data = path.read_bytes()
    if not data:
        raise InputFormatError(f"{path.name}: the file is empty (0 bytes)")
    text = _decode(data)
    delimiter = _delimiter(text)
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
    if suffix in (*EXCEL_SUFFIXES, ".xls", ".htm", ".html") and path.is_file():
        with path.open("rb") as f:
            head = f.read(65536)
        # a system's "export to Excel" that wrote an HTML table under an Excel name
        if not head.startswith(b"PK") and is_html_table(head):
            return [read_html_sheet(path)]
    if suffix in EXCEL_SUFFIXES:
        return read_workbook(path, include_hidden, limits)
    if suffix == ".txt":
        text = _decode(path.read_bytes())
        if is_fixed_width(text):
            return fixed_width_sheets(path, text)
    if suffix in (".csv", ".tsv", ".txt"):
        return [read_csv_sheet(path, limits)]
    if suffix == ".parquet":
        return [read_parquet_sheet(path)]
    if suffix == ".xls":
        raise InputFormatError(
            f"{path.name}: legacy .xls workbooks are not read; save it as .xlsx in Excel"
        )
    raise InputFormatError(
        f"{path.name}: unknown input format '{suffix}' (expected .xlsx, .csv, .parquet, "
        "an HTML table saved as .xls, or a directory of tidy CSV/Parquet files)"
    )
