"""Worksheet cells read by calamine, exactly as openpyxl's read-only mode reads them.

calamine (python-calamine, Rust) reads a worksheet about ten times faster than openpyxl
but types some cells its own way. Its cells are mapped back to openpyxl's: an empty cell
is ``None``, a whole number stored without a decimal point an ``int``, a date a
``datetime`` at midnight. Cells whose stored form calamine could read otherwise are read
again from the sheet's XML, by openpyxl's own rules:

* text calamine would trim (white space at either end without ``xml:space="preserve"``),
  decode (``_x000D_`` escapes) or blank (an empty string), and carriage returns;
* error cells (``#N/A``, which calamine blanks), ISO dates (``t="d"``), yes/no cells
  holding anything but 0 or 1;
* numbers whose reading depends on how they are written: whole numbers stored with a
  decimal point or an exponent (``12.0``: a float in openpyxl), whole numbers beyond
  float precision, numbers padded with spaces (:mod:`analysis.io.xlsx_scan` finds these
  and the text cells above by byte patterns, and openpyxl's cell parser reads them);
* every time of day, date with a time and duration, whose stored number openpyxl's
  ``from_excel`` converts (calamine rounds fractions of a day its own way), and, in a
  sheet using date formats, numbers past the last date Excel knows (openpyxl makes
  them ``#VALUE!``).

openpyxl reads the whole workbook when its date epoch, parts or sheets are not the ones
both readers find, when an XML part declares a document type (openpyxl's defusedxml
refuses entities), or when calamine cannot open it; it reads a single sheet when a
number format the sheet uses is read as a date by one reader and not the other
(:mod:`analysis.io.xlsx_styles`), when its cells lie far apart (a stray entry a million
rows down would make calamine hold every cell in between), when a cell or row lacks its
reference, rows are out of order or it has no dimension (openpyxl then reads rows of
uneven length), or when too many of its cells would need reading again.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from analysis.io import xlsx_scan as scan
from analysis.io.xlsx_styles import INTERRUPTS, MAIN, Styles, date1904, disagreeing_styles
from analysis.problems import column_letter

if TYPE_CHECKING:
    from analysis.io.xlsx import Archive

_LAST_DATE = 2958466  # serial of 10000-01-01: calamine gives later date cells as numbers
_EXACT = 2.0**53  # whole floats below this convert to int exactly
_REREAD_SHARE = 0.05  # beyond this share of its cells (and 100) a sheet is left to openpyxl
_DENSE_SLACK = 1_000_000  # cells calamine may hold beyond twice those a sheet stores
_MANY_STYLES = 20  # more date (or disputed) styles than this: assume a sheet uses one
_MANY_ITEMS = 2000  # more shared strings to read again than this: openpyxl reads the sheets
_SST_PART = re.compile(rb'PartName="/([^"]+)"[^>]*ContentType="[^"]*sharedStrings\+xml"')
_STYLE = re.compile(rb'\ss="(\d+)"')
_XMLNS = b' xmlns="' + MAIN.encode() + b'"'


class _OpenpyxlStrings:
    """Shared strings as openpyxl reads them, each parsed only when asked for."""

    def __init__(self, table: scan.SharedStrings) -> None:
        self.table = table
        self._text: dict[int, str] = {}

    def __getitem__(self, index: int) -> str:
        if index not in self._text:
            from defusedxml.ElementTree import fromstring
            from openpyxl.cell.text import Text

            item = self.table.item(index)
            if not item:
                raise IndexError(f"shared string {index} is not in the workbook")
            node = fromstring(b"<si" + _XMLNS + item[3:])
            self._text[index] = Text.from_tree(node).content.replace("x005F_", "")
        return self._text[index]


def open_calamine(path: Path, archive: Archive) -> CalamineBook | None:
    """The workbook open in calamine, or ``None`` when openpyxl must read all of it."""
    try:
        import python_calamine
    except ImportError:
        return None
    book_xml = archive.member("xl/workbook.xml")
    styles_xml = archive.member("xl/styles.xml")
    sst = archive.member("xl/sharedStrings.xml")
    named = _SST_PART.search(archive.member("[Content_Types].xml"))
    if (named[1].decode() if named else None) != ("xl/sharedStrings.xml" if sst else None):
        return None  # the two would read different shared-string tables
    in_1904 = date1904(book_xml)
    parts = ("[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels")
    declared = [archive.member(name) for name in parts] + [book_xml, styles_xml, sst]
    if in_1904 is None or any(b"<!DOCTYPE" in part for part in declared):
        return None
    try:
        styles = Styles(styles_xml, in_1904)
    except Exception:  # openpyxl refuses the styles: it decides what the workbook is
        return None
    disputed = disagreeing_styles(styles, styles_xml)
    if disputed is None:
        return None
    try:
        book = python_calamine.CalamineWorkbook.from_path(path)
        meta = book.sheets_metadata
    except INTERRUPTS:
        raise
    except BaseException:  # calamine refuses the file (a Rust panic is a BaseException)
        return None
    worksheet, chartsheet = python_calamine.SheetTypeEnum.WorkSheet, python_calamine.SheetTypeEnum.ChartSheet  # fmt: skip
    visible = python_calamine.SheetVisibleEnum.Visible
    known = all(m.typ in (worksheet, chartsheet) for m in meta)
    if not known or [m.name for m in meta] != list(archive.sheet_members):
        book.close()
        return None
    sheets = [(m.name, m.visible != visible) for m in meta if m.typ == worksheet]
    return CalamineBook(book, sheets, styles, disputed, scan.SharedStrings(sst))


class CalamineBook:
    """A workbook open in calamine, with what it takes to vouch for its cells."""

    def __init__(
        self,
        book: Any,
        sheets: list[tuple[str, bool]],
        styles: Styles,
        disputed: set[int],
        sst: scan.SharedStrings,
    ) -> None:
        self.book = book
        self.sheets = sheets  # worksheet titles in workbook order, and whether hidden
        self.styles = styles
        self.disputed = disputed  # styles the two readers read differently
        self.strings = _OpenpyxlStrings(sst)
        self.suspect_strings = sst.suspects()

    def __enter__(self) -> CalamineBook:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.book.close()

    def rows(self, title: str, xml: bytes) -> list[list[Any]] | None:
        """The sheet's rows as openpyxl's read-only mode gives them (each as long as the
        widest, or the dimension if wider), or ``None`` when openpyxl must read it."""
        head = xml[: max(xml.find(b"<sheetData"), 0)]
        extent = scan.extent(xml) if b"<!DOCTYPE" not in head else None
        if extent is None or _uses(xml, self.disputed) or len(self.suspect_strings) > _MANY_ITEMS:
            return None
        cells = extent.last_row * max(extent.last_column, extent.declared_width)
        if cells > 2 * extent.cells + _DENSE_SLACK:
            return None
        again = scan.cell_suspects(xml) | scan.referring_cells(xml, self.suspect_strings)
        try:
            grid = self.book.get_sheet_by_name(title).to_python(skip_empty_area=False)
        except INTERRUPTS:
            raise
        except BaseException:  # calamine refuses the sheet: openpyxl reads it
            return None
        dated = _mapped(grid, _uses(xml, self.styles.dates))
        located = _locate(xml, dated)
        if located is None:
            return None
        again |= self._dates(grid, xml, dated, located)
        if len(again) > _REREAD_SHARE * extent.cells + 100:
            return None
        if not self._read_again(grid, xml, again):
            return None
        width = max([extent.declared_width, *map(len, grid)])
        for row in grid:
            row.extend([None] * (width - len(row)))
        return grid

    def _dates(
        self, grid: list[list[Any]], xml: bytes, cells: list[tuple[int, int]], starts: list[int]
    ) -> set[int]:
        """Date cells converted from their stored number by openpyxl's ``from_excel``;
        the starts of those that need openpyxl's whole cell parser."""
        from openpyxl.utils.datetime import from_excel

        whole: set[int] = set()
        for (i, j), start in zip(cells, starts, strict=True):
            value = grid[i][j]
            tag_end = xml.find(b">", start)
            style = _STYLE.search(xml, start, tag_end)
            if value.__class__ is float or value.__class__ is int:  # past the last date
                if style is not None and int(style[1]) in self.styles.dates:
                    whole.add(start)
                continue
            end = xml.find(b"</c>", tag_end)
            v = xml.find(b"<v>", tag_end, end)
            stored = xml[v + 3 : xml.find(b"</v>", v, end)] if v >= 0 else b""
            try:
                number = _stored_number(stored.decode())
                grid[i][j] = from_excel(number, self.styles.epoch, isinstance(value, timedelta))
            except (ValueError, OverflowError, UnicodeDecodeError):
                whole.add(start)
        return whole

    def _read_again(self, grid: list[list[Any]], xml: bytes, starts: set[int]) -> bool:
        """Replace the cells starting at ``starts`` by openpyxl's reading of them."""
        if not starts:
            return True
        from defusedxml.ElementTree import ParseError, fromstring
        from openpyxl.worksheet._reader import WorkSheetParser

        parser = WorkSheetParser(
            None,
            self.strings,
            data_only=True,
            epoch=self.styles.epoch,
            date_formats=self.styles.dates,
            timedelta_formats=self.styles.durations,
        )
        for start in sorted(starts):
            element = scan.cell_element(xml, start)
            try:
                node = fromstring(b"<c" + _XMLNS + element[2:])
            except (ParseError, ValueError):
                return False
            cell = parser.parse_cell(node)
            row, column = cell["row"], cell["column"]
            while len(grid) < row:
                grid.append([])
            cells = grid[row - 1]
            cells.extend([None] * (column - len(cells)))
            cells[column - 1] = cell["value"]
        return True


def _stored_number(text: str) -> int | float:
    """A stored number as openpyxl reads it: a float when written with a point or an
    exponent, else an int."""
    return float(text) if any(c in text for c in ".Ee") else int(text)


def _uses(xml: bytes, styles: set[int]) -> bool:
    """Whether a cell of the sheet has one of ``styles`` (assumed with very many)."""
    return len(styles) > _MANY_STYLES or any(b' s="%d"' % s in xml for s in styles)


def _mapped(grid: list[list[Any]], uses_dates: bool) -> list[tuple[int, int]]:
    """Map calamine's cells to openpyxl's in place; the cells openpyxl may read as other
    dates or times (row and column, 0-based, row by row): times, date-times, durations
    and, in a sheet using date formats, numbers past the last date."""
    dated: list[tuple[int, int]] = []
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            kind = v.__class__
            if kind is str:
                if not v:
                    row[j] = None
            elif kind is float:
                if uses_dates and abs(v) >= _LAST_DATE:
                    dated.append((i, j))
                if v.is_integer() and -_EXACT < v < _EXACT:
                    row[j] = int(v)
            elif kind is date:
                row[j] = datetime(v.year, v.month, v.day)
            elif kind is not bool and kind is not int:
                dated.append((i, j))
    return dated


def _locate(xml: bytes, cells: list[tuple[int, int]]) -> list[int] | None:
    """Starts of the elements of cells given by position (in row order); ``None`` when
    one cannot be found by its reference."""
    lo, hi = scan.sheet_data(xml)
    found: list[int] = []
    pos = lo
    for i, j in cells:
        needle = f'<c r="{column_letter(j + 1)}{i + 1}"'.encode()
        start = xml.find(needle, pos, hi)
        if start < 0:
            start = xml.find(needle, lo, hi)
            if start < 0:
                return None
        found.append(start)
        pos = start
    return found
