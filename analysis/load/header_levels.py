"""The treated vertebrae as columns: a run of columns each headed by one vertebra
(``T5``, ``T6``, ... ``L5``), whose cell holds that vertebra's cement volume on the rows
that treated it, or a tick (``√``, ``x``, a checkbox's ``TRUE``) where only the session's
total was noted, and is blank (or a checkbox's ``FALSE``) on the others. Each such column is read as a vertebra of
the row's session (a numbered ``slot``, as ``Level 2`` / ``Volume 2`` would be), its
level given by the header, its volume by the cell."""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.io import RawSheet
from analysis.levels import LevelError, parse_levels
from analysis.load.header_columns import HeaderColumn
from analysis.normalize import Target, is_missing
from analysis.normalize.cells import CellError, parse_boolean
from analysis.normalize.content import column_fit
from analysis.normalize.headers import VERTEBRA

_VOLUME = Target("column", "procedures", "cement_volume_ml")
_RUN = 3  # vertebrae side by side that make such a run
_FIT = 0.8  # share of a run's filled cells that read as volumes
# one vertebra and nothing else: "T5", "Th12", "L 1", "D12"
_ONE_LEVEL = re.compile(r"^\s*(?:v?th|[ctlsd])\s*-?\s*\d{1,2}\s*$", re.IGNORECASE)


def header_level(text: str) -> str | None:
    """The vertebra a header names and nothing else (``Th12`` -> ``T12``), or ``None``."""
    if not _ONE_LEVEL.match(text):
        return None
    try:
        levels = parse_levels(text)
    except LevelError:
        return None
    return levels[0] if len(levels) == 1 else None


def vertebra_columns(sheet: RawSheet, row: int, columns: list[HeaderColumn], subs: list[str]) -> list[HeaderColumn]:  # fmt: skip
    """``columns`` with each run of three or more columns headed by one vertebra each
    (``subs``: each column's own header, under any group) read as the session's
    vertebrae, when their filled cells below ``row`` are cement volumes."""
    out = list(columns)
    runs: list[list[int]] = []
    for i, col in enumerate(columns):
        named = col.target is None and i < len(subs) and header_level(subs[i]) is not None
        if named and runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        elif named:
            runs.append([i])
    for run in runs:
        levels = [header_level(subs[i]) for i in run]
        if len(run) < _RUN or len(set(levels)) < len(levels):
            continue
        cells = [r[i] for r in sheet.rows[row:] for i in run if i < len(r) and not is_missing(r[i])]
        cells = [c for c in cells if not unticked(c)]
        volumes = [c for c in cells if not _tick(c)]
        if not cells or (volumes and (column_fit(volumes, _VOLUME).fit or 0) < _FIT):
            continue
        ticked = len(volumes) < len(cells)
        reason = _ONLY_TICKED if not volumes else _TICKED if ticked else _VOLUMES
        for k, (i, level) in enumerate(zip(run, levels, strict=True), start=1):
            out[i] = replace(
                columns[i],
                header=subs[i] if not columns[i].header else columns[i].header,
                target=Target(VERTEBRA, column=level),
                confidence=1.0,
                reason=reason,
                slot=k,
            )
    return out


def ticked_totals(columns: list[HeaderColumn]) -> list[HeaderColumn]:
    """A session's cement column beside vertebrae only ticked (``TRUE``, ``√``) is the
    session's total: its one cell stands for every vertebra ticked on the row."""
    sessions = {c.session for c in columns if c.reason == _ONLY_TICKED}
    out = list(columns)
    for i, col in enumerate(columns):
        if col.session in sessions and col.slot == 0 and col.target == _VOLUME:
            out[i] = replace(col, target=_TOTAL, reason=f"{col.reason}; {_TOTAL_REASON}")
    return out


_TOTAL = Target("column", "procedures", "session_cement_volume_ml")
_TOTAL_REASON = "beside vertebrae only ticked: the session's total"


_VOLUMES = "header: one vertebra of a run, its cement volume in the cell"
_ONLY_TICKED = (
    "header: one vertebra of a run, ticked where treated (its volume only in the session's total)"
)
_TICKED = (
    "header: one vertebra of a run, its cement volume in the cell or a tick "
    "(treated, its volume only in the session's total)"
)


def unticked(value: object) -> bool:
    """Whether a cell is a checkbox left clear (``FALSE``): the vertebra not treated. Only
    the spreadsheet's own false is, never a number (0 is a volume) nor a word."""
    return value is False or (isinstance(value, str) and value.strip().upper() == "FALSE")


def _tick(value: object) -> bool:
    """Whether a cell is a yes mark (``√``, ``x``, ``✓``, a checkbox's ``TRUE``): the
    vertebra treated, no volume."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return False  # 1 is a volume here, never a yes
    try:
        return parse_boolean(value) is True
    except CellError:
        return False
