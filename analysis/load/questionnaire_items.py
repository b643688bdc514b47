"""A questionnaire's items written beside its total: ``ODI P1`` ... ``ODI P10`` then
``ODI %``.

Many units copy the Oswestry form's ten answers (0-5 each) into the sheet before the
total they analyse. Each item's header names the measure and an item's code (``P1``,
``Q3``, ``item 7``), a code some units also use for a time point (``P1``, the first day
after the operation). A run of such headers under one measure numbered 1, 2, 3 ... in
order, five or more of them, is the questionnaire's items, never a time point: the
items are not read (no measure of their own, no clash with the total), and ``inspect``
says so. A lone ``ODI P1`` keeps its reading as a time point.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.load.header_columns import HeaderColumn
from analysis.normalize.headers import questionnaire_item

__all__ = ["questionnaire_items"]

_MIN_ITEMS = 5  # the shortest questionnaire read as items (a run of time points is shorter)
_MAPPED = "mapping file"


def questionnaire_items(cols: list[HeaderColumn]) -> list[HeaderColumn]:
    """The columns, each of a run of numbered items of one questionnaire left unread."""
    out = list(cols)
    run: list[int] = []  # positions of the run so far: items 1, 2, ... of one measure
    measure = ""
    for k, col in enumerate(cols):
        item = _item(col)
        if item is not None and run and item == (measure, len(run) + 1):
            run.append(k)
            continue
        _close(run, cols, out)
        run, measure = ([k], item[0]) if item is not None and item[1] == 1 else ([], "")
    _close(run, cols, out)
    return out


def _close(run: list[int], cols: list[HeaderColumn], out: list[HeaderColumn]) -> None:
    if len(run) >= _MIN_ITEMS:
        for j in run:
            out[j] = _unread(cols[j])


def _item(col: HeaderColumn) -> tuple[str, int] | None:
    """The measure and item number a column's header names, unless a mapping names it."""
    if col.reason == _MAPPED:
        return None
    return questionnaire_item(col.header)


def _unread(col: HeaderColumn) -> HeaderColumn:
    measure, number = questionnaire_item(col.header) or ("", 0)
    why = f"item {number} of the {measure} questionnaire: not read, its total column is the value"  # fmt: skip
    return replace(col, target=None, confidence=0.0, reason=why)
