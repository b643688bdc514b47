"""Numbers a sheet shows as percentages, given as the sheet shows them.

A percentage typed into a cell (``42%``) is stored by Excel as its fraction (``0.42``)
under a percent number format (``0%``): the cell shows 42 %, its value is 0.42. Read by
value alone, the Oswestry score of such a cell would be 0.42 beside the 40s typed as
plain numbers in the same column. Each number under a percent format is given as the
text the sheet shows (``42%``), so a reader of the column sees what the clinician typed,
the percent sign with it; the number formats are looked up once per workbook, and a
workbook with no percent format costs nothing more.
"""

from __future__ import annotations

import re

_NUM_FMT = re.compile(rb"<numFmt\b([^>]*)>")
_FORMAT_CODE = re.compile(rb'\bformatCode="([^"]*)"')
_XFS = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.S)
_XF = re.compile(rb"<xf\b([^>]*?)(?:/>|>)")
_FMT_ID = re.compile(rb'\bnumFmtId="(\d+)"')
_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"([^>]*?)/?>')
_STYLE = re.compile(rb'\ss="(\d+)"')
# what a format code shows literally, not as a placeholder: quoted text, an escaped
# character, a bracketed colour or condition
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_BUILTIN_PERCENT = frozenset({9, 10})  # "0%", "0.00%"


def _shows_percent(code: str) -> bool:
    """Whether a number format code shows a positive number as a percentage."""
    first = _LITERAL.sub("", code).split(";")[0]
    return "%" in first


def percent_styles(styles_xml: bytes) -> frozenset[int]:
    """The cell styles (``s=``) of a workbook's ``styles.xml`` whose number format shows
    a percentage (built-in ``0%``, ``0.00%`` or a format code of the workbook's own)."""
    from html import unescape

    custom = {}
    for attrs in _NUM_FMT.findall(styles_xml):
        fmt_id, code = _FMT_ID.search(attrs), _FORMAT_CODE.search(attrs)
        if fmt_id and code:
            custom[int(fmt_id[1])] = unescape(code[1].decode("utf-8"))
    block = _XFS.search(styles_xml)
    if block is None:
        return frozenset()
    out = set()
    for idx, attrs in enumerate(_XF.findall(block[1])):
        m = _FMT_ID.search(attrs)
        number = int(m[1]) if m else 0
        if number in _BUILTIN_PERCENT or _shows_percent(custom.get(number, "")):
            out.add(idx)
    return frozenset(out)


def shown_as_percent(rows: list[list[object]], xml: bytes, styles: frozenset[int]) -> None:
    """Replace, in ``rows`` (the sheet's rows from row 1, cells from column A), each number
    under a percent format by the text the sheet shows (``0.42`` -> ``42%``)."""
    if not styles:
        return
    for letters, row, attrs in _CELL.findall(xml):
        s = _STYLE.search(attrs)
        if s is None or int(s[1]) not in styles:
            continue
        r, c = int(row) - 1, _column(letters) - 1
        if r < len(rows) and c < len(rows[r]):
            value = rows[r][c]
            if isinstance(value, int | float) and not isinstance(value, bool):
                rows[r][c] = f"{round(value * 100, 9):g}%"


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n
