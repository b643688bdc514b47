"""Raw readers: each returns :class:`RawSheet` grids of untouched cell values.

Row ``i`` of a grid is spreadsheet row ``i + 1`` as Excel (or a text editor, for CSV)
shows it, so every later message can point at the cell a user will open.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from analysis.problems import InputFormatError

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
Merged = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based)


@dataclass(frozen=True)
class RawSheet:
    """The cells of one worksheet or text table, exactly as stored."""

    file: str
    sheet: str
    rows: list[list[object]]
    merged: tuple[Merged, ...] = ()
    hidden: bool = False
    header_row: int | None = field(default=None)  # known header row (1-based), if any

    @property
    def n_rows(self) -> int:
        return len(self.rows)


def read_workbook(path: Path, include_hidden: bool = False) -> list[RawSheet]:
    """All worksheets of an ``.xlsx`` workbook; hidden sheets come without cells unless asked.

    openpyxl parses the XML through defusedxml (a dependency), so a hostile workbook
    cannot expand entities.
    """
    import openpyxl  # heavy; imported on use

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputFormatError(f"{path.name}: not a readable Excel workbook ({exc})") from None
    sheets = []
    for ws in wb.worksheets:
        hidden = ws.sheet_state != "visible"
        if hidden and not include_hidden:
            sheets.append(RawSheet(path.name, ws.title, [], (), hidden=True))  # named, not read
            continue
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        merged = tuple((m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges)
        sheets.append(RawSheet(path.name, ws.title, rows, merged, hidden))
    return sheets


def read_csv_sheet(path: Path) -> RawSheet:
    """A CSV file as a grid of strings (encoding UTF-8, with or without BOM, or Latin-1)."""
    for encoding in ("utf-8-sig", "latin-1"):
        try:
            text = path.read_text(encoding=encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows: list[list[object]] = [list(r) for r in csv.reader(text.splitlines(), delimiter=delimiter)]
    return RawSheet(path.name, path.stem, rows)


def read_parquet_sheet(path: Path) -> RawSheet:
    """A Parquet file as a grid whose first row holds the column names."""
    import pandas as pd

    try:
        frame = pd.read_parquet(path)
    except Exception as exc:
        raise InputFormatError(f"{path.name}: not a readable Parquet file ({exc})") from None
    body = [
        [None if pd.isna(v) else v for v in row] for row in frame.astype(object).to_numpy().tolist()
    ]
    return RawSheet(path.name, path.stem, [list(frame.columns), *body], header_row=1)


def read_input_sheets(path: Path, include_hidden: bool = False) -> list[RawSheet]:
    """Read a file of any supported format into raw sheets."""
    if not path.exists():
        raise InputFormatError(f"{path}: no such file or directory")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return read_workbook(path, include_hidden)
    if suffix in (".csv", ".tsv", ".txt"):
        return [read_csv_sheet(path)]
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
