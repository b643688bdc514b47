"""An HTML table saved under an Excel name, read as the sheet Excel shows.

Hospital and laboratory systems often "export to Excel" by writing an HTML page of one or
more ``<table>`` elements into a file named ``.xls`` (Excel opens it, with a warning, as one
sheet). Such a file is read here into one :class:`RawSheet`, the tables one under another
(a blank row between them), as Excel lays them out: each ``<tr>`` a row, each ``<td>`` or
``<th>`` a cell at the next free column; a cell spanning columns or rows (``colspan``,
``rowspan``) is a merged range with its text in its first cell; a line break (``<br>``) a
new line within the cell, other white space of the page one space, ``&nbsp;`` a space.
Spans are clipped as HTML clips them (``colspan`` at most 1000, ``rowspan`` at most 65534
and never past the table's last row), and a page whose spans would fill more than 20
million cells is refused with a message. The page is parsed by lxml's HTML parser without
network access.
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis.io.sheets import Merged, RawSheet
from analysis.problems import InputFormatError

_MAX_COLSPAN = 1000  # HTML's own limits on a cell's span
_MAX_ROWSPAN = 65534
_MAX_CELLS = 20_000_000  # spans of a hostile page could otherwise fill memory
_LINE = "\ue000"  # a <br>, kept apart from the page's white space until cells are read
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
_START = re.compile(rb"^\s*<(?:!doctype\s+html|html|table|head|body|meta)\b", re.IGNORECASE)


def is_html_table(data: bytes) -> bool:
    """Whether a file's first bytes are an HTML page holding a table (a byte-order mark
    and leading white space allowed)."""
    head = data[:65536]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head[:2].count(b"\x00"):  # UTF-16: compare its ASCII letters
        head = head.replace(b"\x00", b"")
    return bool(_START.match(head)) and b"<table" in head.lower()


def read_html_sheet(path: Path) -> RawSheet:
    """The tables of an HTML page as one sheet of text cells (``None`` for a blank)."""
    from lxml import etree, html

    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = html.parse(str(path), parser).getroot()
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        raise InputFormatError(f"{path.name}: an HTML page that could not be read")
    rows: list[list[object]] = []
    merged: list[Merged] = []
    tables = [t for t in root.iter("table") if not any(a.tag == "table" for a in t.iterancestors())]
    for table in tables:
        try:
            block, spans = _table(table, len(rows) + (1 if rows else 0))
        except InputFormatError as exc:
            raise InputFormatError(f"{path.name}: {exc}") from None
        if not block:
            continue
        if rows:
            rows.append([])
        rows.extend(block)
        merged.extend(spans)
    if not rows:
        raise InputFormatError(f"{path.name}: an HTML page with no table rows")
    width = max(len(r) for r in rows)
    rows = [r + [None] * (width - len(r)) for r in rows]
    return RawSheet(path.name, path.stem, rows, merged=tuple(merged))


def _table(table: object, offset: int) -> tuple[list[list[object]], list[Merged]]:
    """A table's rows (cells placed at the next free column, spans left blank) and its
    merged ranges, 1-based, its first row at sheet row ``offset + 1``."""
    trs = [tr for tr in table.iter("tr") if _owner(tr) is table]  # type: ignore[attr-defined]
    grid: dict[tuple[int, int], object] = {}
    spans: list[Merged] = []
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            across = _span(cell.get("colspan"), _MAX_COLSPAN)
            down = min(_span(cell.get("rowspan"), _MAX_ROWSPAN, zero=len(trs) - r), len(trs) - r)
            if len(grid) + across * down > _MAX_CELLS:
                raise InputFormatError(
                    f"its table cells span more than {_MAX_CELLS:,} cells (row {offset + r + 1}); "
                    "save the page as .xlsx in Excel and load that"
                )
            for i in range(down):
                for j in range(across):
                    grid[(r + i, c + j)] = None
            grid[(r, c)] = _text(cell)
            if across > 1 or down > 1:
                spans.append((offset + r + 1, c + 1, offset + r + down, c + across))
            c += across
    width = 1 + max((c for _, c in grid), default=-1)
    return [[grid.get((r, c)) for c in range(width)] for r in range(len(trs))], spans


def _owner(tr: object) -> object:
    for a in tr.iterancestors():  # type: ignore[attr-defined]
        if a.tag == "table":
            return a
    return None


def _span(value: str | None, most: int, zero: int = 1) -> int:
    """A ``colspan``/``rowspan`` as HTML reads it: a positive whole number up to ``most``;
    ``0`` (rowspan only) to the table's end; anything else 1."""
    try:
        n = int(str(value).strip())
    except ValueError:
        return 1
    if n == 0:
        return max(zero, 1)
    return min(n, most) if n > 0 else 1


def _text(cell: object) -> str | None:
    """A cell's text: lines at its ``<br>``, the page's other white space one space."""
    for br in cell.iter("br"):  # type: ignore[attr-defined]
        br.tail = _LINE + (br.tail or "")
    text = _SPACES.sub(" ", cell.text_content())  # type: ignore[attr-defined]
    lines = [line.strip() for line in text.split(_LINE)]
    out = "\n".join(line for line in lines if line)
    return out or None
