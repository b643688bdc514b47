"""Byte-level scans of worksheet XML: where its cells lie, and which cells a reader other
than openpyxl could read differently.

Each scan is a search for a short byte pattern (C speed) or one vectorised pass with
NumPy; none parses the XML. They serve :mod:`analysis.io.xlsx_calamine`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

# Text calamine reads otherwise than openpyxl: white space at either end of a text run
# not marked xml:space="preserve" (calamine trims it), an empty text run (openpyxl reads
# an empty string, calamine a blank cell), and _x000D_-style escapes (calamine decodes
# them, openpyxl keeps them as written).
_TEXT = re.compile(
    rb"<t(?=[\s>/])(?:"
    rb'(?![^>]*xml:space="preserve")[^>]*>(?:[ \t\r\n]|[^<]*[ \t\r\n]</t>)'
    rb"|[^>]*/>|[^>]*></t>)"
)
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
_EMPTY_ITEM = re.compile(rb"<si\s*/>|<si></si>")
# Stored numbers whose reading may depend on how they are written: a point followed by
# zeros or by 15 digits and more (12.0, 3.0000000000000001), an exponent, 16 digits and
# more, white space at either end; :func:`number_differs` decides.
_NUMBER = re.compile(rb"<v>(-?\d+\.(?:0*|\d{15,})|[^<]*[eE][^<]*|-?\d{16,}|\s[^<]*|[^<]*\s)</v>")
_TYPED = re.compile(rb't="([edb])"')
_BOOLEAN = re.compile(rb"<v>[01]</v>")
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')
_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_EXACT = 2.0**53  # whole floats below this convert to int exactly
_WHITE = b" \t\r\n"


@dataclass(frozen=True)
class Extent:
    """Where a sheet's cells lie: how many are stored, the last row and column holding
    one, and the width its dimension declares."""

    cells: int
    last_row: int
    last_column: int
    declared_width: int


def sheet_data(xml: bytes) -> tuple[int, int]:
    """Start and end offsets of the ``<sheetData>`` element (``(0, 0)`` when absent)."""
    lo = xml.find(b"<sheetData")
    if lo < 0:
        return 0, 0
    hi = xml.find(b"</sheetData>", lo)
    return lo, (lo if hi < 0 else hi)


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def extent(xml: bytes) -> Extent | None:
    """The sheet's extent from its cell and row references, in one vectorised pass;
    ``None`` when it has no dimension, a cell or row lacks its reference, or rows are
    out of order (readers then place cells differently)."""
    head = xml[: max(xml.find(b"<sheetData"), 0)]
    dim = _DIMENSION.search(head)
    if dim is None:
        return None
    declared = column_number(dim[1])
    lo, hi = sheet_data(xml)
    data = np.frombuffer(xml, dtype=np.uint8, count=hi - lo, offset=lo)
    data = np.concatenate([data, np.zeros(16, dtype=np.uint8)])
    tags = np.flatnonzero(data[:-16] == ord("<"))
    after = data[tags + 2]
    separator = (after == 32) | (after == 62) | (after == 47) | (after == 9) | (after == 10)
    cells = tags[(data[tags + 1] == ord("c")) & (separator | (after == 13))]
    rows = tags[(data[tags + 1] == ord("r")) & (data[tags + 2] == ord("o")) & (data[tags + 3] == ord("w"))]  # fmt: skip
    if not (_referenced(data, cells, 2) and _referenced(data, rows, 4)):
        return None
    letters = [data[cells + k] for k in (6, 7, 8)]
    is_letter = [(x >= 65) & (x <= 90) for x in letters]
    if not is_letter[0].all():
        return None
    value = [x.astype(np.int64) - 64 for x in letters]
    column = np.where(
        is_letter[1],
        np.where(is_letter[2], value[0] * 676 + value[1] * 26 + value[2], value[0] * 26 + value[1]),
        value[0],
    )
    numbers = _row_numbers(data, rows + 8)
    if len(numbers) > 1 and not (np.diff(numbers) > 0).all():
        return None
    last_row = int(numbers[-1]) if len(numbers) else 0
    last_column = int(column.max()) if len(column) else 0
    return Extent(len(cells), last_row, last_column, declared)


def _referenced(data: np.ndarray, tags: np.ndarray, at: int) -> bool:
    """Whether every tag has `` r="`` as its first attribute."""
    return bool(
        (
            (data[tags + at] == 32)
            & (data[tags + at + 1] == ord("r"))
            & (data[tags + at + 2] == ord("="))
            & (data[tags + at + 3] == ord('"'))
        ).all()
    )


def _row_numbers(data: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The decimal numbers written at ``starts`` (up to seven digits)."""
    value = np.zeros(len(starts), dtype=np.int64)
    going = np.ones(len(starts), dtype=bool)
    for k in range(8):
        digit = data[starts + k].astype(np.int64) - 48
        going &= (digit >= 0) & (digit <= 9)
        value = np.where(going, value * 10 + digit, value)
    return value


def cell_start(xml: bytes, lo: int, pos: int) -> int | None:
    """Offset of the ``<c`` element holding offset ``pos``, if any."""
    start = xml.rfind(b"<c ", lo, pos)
    if start < 0 or xml.rfind(b"</c>", start, pos) >= 0:
        return None
    return start


def cell_element(xml: bytes, start: int) -> bytes:
    """The whole ``<c ...>...</c>`` element starting at ``start``."""
    tag_end = xml.find(b">", start)
    if xml[tag_end - 1 : tag_end] == b"/":
        return xml[start : tag_end + 1]
    return xml[start : xml.find(b"</c>", tag_end) + 4]


def number_differs(text: bytes) -> bool:
    """Whether a stored number reads otherwise in openpyxl than as calamine's float made
    an ``int`` when whole: ``12.0`` and ``1E3`` are floats in openpyxl, whole numbers of
    16 digits and more exact ints, and numbers padded with spaces are numbers."""
    if text.strip(_WHITE) != text:
        return True
    try:
        x = float(text)
    except ValueError:
        return False  # text of a formula: both readers keep it as written
    if any(c in text for c in b".eE"):
        return x.is_integer() and abs(x) < _EXACT
    return abs(x) >= _EXACT


def text_suspects(xml: bytes, lo: int, hi: int) -> Iterable[int]:
    """Offsets in ``xml[lo:hi]`` of text calamine reads otherwise (see module notes)."""
    for pattern in (_TEXT, _ESCAPE):
        for m in pattern.finditer(xml, lo, hi):
            yield m.start()
    pos = xml.find(b"\r", lo, hi)
    while pos >= 0:
        yield pos
        pos = xml.find(b"\r", pos + 1, hi)


def cell_suspects(xml: bytes) -> set[int]:
    """Starts of the cells of a sheet that calamine could read otherwise than openpyxl:
    suspicious text, error cells, ISO dates, yes/no cells not 0 or 1, numbers whose
    reading depends on how they are written (a hit between cells, such as a line break
    in indented XML, concerns no cell)."""
    lo, hi = sheet_data(xml)
    hits = list(text_suspects(xml, lo, hi))
    hits += [m.start() for m in _NUMBER.finditer(xml, lo, hi) if number_differs(m[1])]
    for m in _TYPED.finditer(xml, lo, hi):
        if m[1] != b"b" or not _BOOLEAN.search(xml, m.end(), xml.find(b"</c>", m.end())):
            hits.append(m.start())
    starts = (cell_start(xml, lo, pos) for pos in hits)
    return {start for start in starts if start is not None}


def referring_cells(xml: bytes, indices: set[int]) -> set[int]:
    """Starts of the shared-string cells of a sheet that refer to one of ``indices``."""
    if not indices:
        return set()
    lo, hi = sheet_data(xml)
    pattern = re.compile(b"<v>(?:" + b"|".join(str(i).encode() for i in sorted(indices)) + b")</v>")
    found = set()
    for m in pattern.finditer(xml, lo, hi):
        start = cell_start(xml, lo, m.start())
        if start is not None and b' t="s"' in xml[start : xml.find(b">", start)]:
            found.add(start)
    return found


def cell_position(xml: bytes, start: int) -> tuple[int, int] | None:
    """Row and column (1-based) of the cell element starting at ``start``."""
    m = _REF.search(xml, start, xml.find(b">", start))
    return None if m is None else (int(m[2]), column_number(m[1]))


class SharedStrings:
    """The items of a workbook's shared-string table, located by index without parsing."""

    def __init__(self, sst: bytes) -> None:
        self.sst = sst
        self.starts = [m.start() for m in re.finditer(rb"<si[\s>/]", sst)]

    def item(self, index: int) -> bytes:
        """The ``<si>`` element of an index (empty when there is none)."""
        if not 0 <= index < len(self.starts):
            return b""
        start = self.starts[index]
        tag_end = self.sst.find(b">", start)
        if self.sst[tag_end - 1 : tag_end] == b"/":
            return self.sst[start : tag_end + 1]
        return self.sst[start : self.sst.find(b"</si>", tag_end) + 5]

    def suspects(self) -> set[int]:
        """Indices of the items calamine reads otherwise than openpyxl."""
        hits = list(text_suspects(self.sst, 0, len(self.sst)))
        hits += [m.start() for m in _EMPTY_ITEM.finditer(self.sst)]
        return {bisect_right(self.starts, pos) - 1 for pos in hits} - {-1}
