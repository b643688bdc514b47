"""The fill and strike-through of a workbook's cells, for sheets that give them meaning.

A unit may keep a value in a cell's format alone (a level filled red for a disc leak, a
patient's row filled yellow for a death, a visit's date struck through when the visit was
not made), explaining it in a legend under its table. The cells' values are read without
their styles (:mod:`analysis.io.xlsx_cells`); a workbook whose styles fill no cell with a
colour and strike no font costs nothing more, and one that does is read for its marked
cells only when a sheet's legend asks for them (:meth:`CellMarks.at`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

_BLOCK = {name: re.compile(rb"<%s\b[^>]*>(.*?)</%s>" % (name, name), re.S) for name in (b"fonts", b"fills", b"cellXfs")}  # fmt: skip
_ITEM = {
    b"fonts": re.compile(rb"<font\b[^>]*?(?:/>|>(.*?)</font>)", re.S),
    b"fills": re.compile(rb"<fill\b[^>]*?(?:/>|>(.*?)</fill>)", re.S),
    b"cellXfs": re.compile(rb"<xf\b([^>]*?)(?:/>|>.*?</xf>)", re.S),
}
_STRIKE = re.compile(rb'<strike\b(?![^>]*val="(?:0|false)")')
_SOLID = re.compile(rb'patternType="solid"')
_FG_RGB = re.compile(rb'<fgColor\b[^>]*\brgb="([0-9A-Fa-f]{6,8})"')
_ID = re.compile(rb'\b(fontId|fillId)="(\d+)"')
_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"([^>]*?)/?>')
_STYLE = re.compile(rb'\ss="(\d+)"')


class Mark(NamedTuple):
    """How one cell is marked: its solid fill's colour (``FF0000``, no alpha) and whether
    its text is struck through."""

    fill: str | None
    struck: bool


def marked_styles(styles_xml: bytes) -> dict[int, Mark]:
    """The cell styles of a workbook's ``styles.xml`` that fill a cell with a colour or
    strike its text through, by style index (empty for a workbook that has none)."""
    blocks = {}
    for name, pattern in _BLOCK.items():
        m = pattern.search(styles_xml)
        blocks[name] = [g or b"" for g in _ITEM[name].findall(m[1])] if m else []
    struck = {i for i, font in enumerate(blocks[b"fonts"]) if _STRIKE.search(font)}
    fills = {}
    for i, fill in enumerate(blocks[b"fills"]):
        rgb = _FG_RGB.search(fill) if _SOLID.search(fill) else None
        if rgb is not None:
            fills[i] = rgb[1].decode()[-6:].upper()
    out = {}
    for i, attrs in enumerate(blocks[b"cellXfs"]):
        ids = {k: int(v) for k, v in _ID.findall(attrs)}
        mark = Mark(fills.get(ids.get(b"fillId", 0)), ids.get(b"fontId", 0) in struck)
        if mark.fill is not None or mark.struck:
            out[i] = mark
    return out


@dataclass(frozen=True, eq=False)
class CellMarks:
    """The marked cells of one sheet, found in its XML on first use."""

    xml: bytes = b""
    styles: dict[int, Mark] = field(default_factory=dict)
    _found: dict[tuple[int, int], Mark] = field(default_factory=dict)

    def at(self) -> dict[tuple[int, int], Mark]:
        """Each marked cell by its 1-based (row, column)."""
        if self.styles and not self._found:
            for letters, row, attrs in _CELL.findall(self.xml):
                s = _STYLE.search(attrs)
                mark = self.styles.get(int(s[1])) if s else None
                if mark is not None:
                    self._found[(int(row), _column(letters))] = mark
        return self._found


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


NO_MARKS = CellMarks()
