"""A workbook's layout as one value: its tables, each with its header, its columns'
readings, and what its sheet's name says (a visit's time point, new fractures).

Recognition proposes it (:func:`read_layouts`), ``vertebro inspect`` prints it and staging
executes it, so what ``inspect`` shows is what loading does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.blocks import split_at, table_blocks
from analysis.load.header import SheetLayout, detect_layout
from analysis.load.mapping import TableSpec
from analysis.load.roles import sheet_role, sheet_timepoint, title_role, with_role


@dataclass(frozen=True)
class TableLayout:
    """One table of a sheet and how it is read (``layout`` is ``None`` when it is not).

    ``timepoint`` is the time point the sheet's name gives its outcome columns that name
    none (a visit sheet); ``role`` is ``"fractures"`` for a sheet of new fractures.
    """

    sheet: RawSheet
    layout: SheetLayout | None
    timepoint: str | None = None
    role: str | None = None
    role_source: str = "the sheet's name"  # or "the table's title" above its header

    @property
    def note(self) -> str:
        """How the table is read, in a few words."""
        if self.layout is None:
            return "no header with a study ID column"
        parts = ["header found"]
        if self.timepoint:
            parts.append(f"visit at {self.timepoint} (from the sheet's name)")
        if self.role:
            parts.append(f"{self.role} (from {self.role_source})")
        return "; ".join(parts)


def read_layouts(sheets: Iterable[RawSheet], options: LoadOptions) -> list[TableLayout]:
    """Every table of every sheet (several tables on one sheet read apart), read; the
    tables a mapping file lays out are taken as written."""
    mapping = dict(options.mapping)
    written: dict[str, list[TableSpec]] = {}
    for spec in options.tables:
        written.setdefault(spec.sheet, []).append(spec)
    out = []
    for sheet in sheets:
        if options.sheets and sheet.sheet not in options.sheets:
            continue
        if sheet.sheet in written:
            out += _as_written(sheet, written[sheet.sheet])
            continue
        timepoint = sheet_timepoint(sheet.sheet)
        role = sheet_role(sheet.sheet)
        for k, block in enumerate(table_blocks(sheet, mapping)):
            layout = detect_layout(block, mapping, options, timepoint, role)
            # a second table's title line says what it holds ("... new fractures ...")
            titled = title_role(sheet, layout.header_row) if layout and k and not role else None
            if layout is not None:
                layout = with_role(layout, role or titled, timepoint, block)
            source = "the table's title" if titled else "the sheet's name"
            out.append(TableLayout(block, layout, timepoint, role or titled, source))
    return out


def _as_written(sheet: RawSheet, specs: list[TableSpec]) -> list[TableLayout]:
    """A sheet's tables as a mapping file lays them out: no recognition, every column
    read as written (a column the file does not list is not read)."""
    kept = sorted((s for s in specs if not s.skip), key=lambda s: s.header_row or 1)
    if not kept:
        return [TableLayout(sheet, None)]
    blocks = split_at(sheet, [s.header_row or 1 for s in kept])
    return [
        TableLayout(
            block, SheetLayout(spec.header_row or 1, spec.columns), spec.timepoint, spec.role
        )
        for spec, block in zip(kept, blocks, strict=True)
    ]
