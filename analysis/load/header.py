"""Finding the header of a clinician's sheet: title lines, two-row headers, merged cells."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.io import RawSheet
from analysis.normalize import Target, match_header

MAX_HEADER_SEARCH = 20


@dataclass(frozen=True)
class HeaderColumn:
    """One input column: 1-based index, header text as shown, and its target."""

    index: int
    header: str
    target: Target | None


@dataclass(frozen=True)
class SheetLayout:
    """Where the data of a sheet starts and what each column holds."""

    header_row: int  # last header row (1-based); data starts below it
    columns: tuple[HeaderColumn, ...]

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _group_row(sheet: RawSheet, row: int, width: int) -> list[str]:
    """The cells of ``row`` with horizontally merged group labels spread over their span."""
    if row < 1:
        return [""] * width
    cells = sheet.rows[row - 1]
    out = [_text(cells[i]) if i < len(cells) else "" for i in range(width)]
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= row <= r1 and c1 > c0:
            label = _text(sheet.rows[r0 - 1][c0 - 1]) if r0 == row else out[c0 - 1]
            for c in range(c0, min(c1, width) + 1):
                out[c - 1] = label
    return out


def _candidates(sheet: RawSheet, row: int, mapping: dict[str, object]) -> list[HeaderColumn]:
    width = max((len(r) for r in sheet.rows[: row + 1]), default=0)
    sub = _group_row(sheet, row, width)
    group = _group_row(sheet, row - 1, width)
    columns = []
    for i in range(width):
        options = (
            [f"{group[i]} {sub[i]}".strip(), sub[i]]
            if group[i] and sub[i]
            else [sub[i] or group[i]]
        )
        if (
            not sub[i]
            and group[i]
            and any(
                r0 == row - 1 and r1 >= row and c0 <= i + 1 <= c1 for r0, c0, r1, c1 in sheet.merged
            )
        ):
            options = [group[i]]  # a header merged vertically over both rows
        elif not sub[i]:
            options = [""]
        target = None
        shown = options[0]
        for text in options:
            target = match_header(text, mapping) if text else None
            if target is not None:
                shown = text
                break
        columns.append(HeaderColumn(i + 1, shown, target))
    return columns


def _score(columns: list[HeaderColumn]) -> int:
    """Distinct recognised targets; an outcome without its time point does not count."""
    return len(
        {
            c.target.label
            for c in columns
            if c.target is not None
            and not (c.target.kind == "measure" and c.target.timepoint is None)
        }
    )


def detect_layout(sheet: RawSheet, mapping: dict[str, object] | None = None) -> SheetLayout | None:
    """The header row with the most recognised columns, or ``None`` if none fits.

    A sheet qualifies when at least three columns are recognised, one of them a patient
    key (study ID or record number).
    """
    mapping = mapping or {}
    rows = (
        [sheet.header_row]
        if sheet.header_row
        else range(1, min(MAX_HEADER_SEARCH, sheet.n_rows) + 1)
    )
    best: tuple[int, int, list[HeaderColumn]] | None = None
    for r in rows:
        cols = _candidates(sheet, r, mapping)
        score = _score(cols)
        if best is None or (score >= best[0] and score > 0):
            best = (score, r, cols)
    if best is None or best[0] < 3:
        return None
    score, row, cols = best
    keys = {(c.target.table, c.target.column) for c in cols if c.target is not None}
    if ("patients", "patient_id") not in keys and (None, "mrn") not in keys:
        return None
    return SheetLayout(row, tuple(cols))
