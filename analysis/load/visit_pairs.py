"""Numbered visits across a row, each a date and a score, naming no time point.

A unit that enters its follow-up contacts in the order they happened writes each as a
numbered pair of columns (``Visit 1 date``, ``Visit 1 pain``, ``Visit 2 date``, ...),
the pairs moving left when a visit was missed: the number is no time point. Each
numbered score is read with its own numbered date, at the time point nearest its days
after the procedure (:func:`~analysis.normalize.timepoints.timepoint_by_day`, said in a
warning), as a visit told by its date alone is. The columns' readings name the visit's
number (``date:visit_date@by its date #2``), so a mapping file keeps the pairing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from analysis.io import RawSheet
from analysis.load.header_columns import CONTENT_ONLY, HeaderColumn
from analysis.normalize import Target, is_missing
from analysis.normalize.content import column_fit
from analysis.normalize.timepoints import numbered_visit

__all__ = ["numbered_visit_pairs"]

_NUMBER = re.compile(r"(?<![\w.])(\d{1,2})(?![\w.])")
_SCORE = Target("measure", measure="pain_vas")
_MIN_PAIRS = 2  # a single numbered pair is no row of visits


def _numbered(header: str) -> tuple[str, int, str] | None:
    """``Visit 2 pain`` -> (``visit``, 2, ``pain``): the words before and after the one
    number a header holds."""
    found = _NUMBER.findall(header)
    if len(found) != 1:
        return None
    before, _, after = _NUMBER.split(header, maxsplit=1)
    return before.strip().casefold(), int(found[0]), after.strip().casefold()


def _cells(sheet: RawSheet, header_row: int, index: int) -> list[object]:
    return [
        row[index - 1]
        for row in sheet.rows[header_row:]
        if index - 1 < len(row) and not is_missing(row[index - 1])
    ]


def _unread_score(col: HeaderColumn) -> bool:
    t = col.target
    return t is None or (t.kind == "measure" and t.timepoint is None)


def numbered_visit_pairs(
    sheet: RawSheet, header_row: int, columns: list[HeaderColumn]
) -> list[HeaderColumn]:
    """The columns, each numbered visit's date (a column of visit dates naming no time
    point) and the scores numbered alike beside it (the same words before the number,
    nine in ten cells of all the columns so worded pain scores) read as that visit's,
    at :func:`~analysis.normalize.timepoints.numbered_visit`; unchanged unless two visits
    or more are so paired."""
    dates: dict[tuple[str, int], tuple[HeaderColumn, Target]] = {}
    worded: dict[tuple[str, str], list[tuple[int, HeaderColumn]]] = defaultdict(list)
    for c in columns:
        found = _numbered(c.header)
        if found is None:
            continue
        stem, n, rest = found
        if c.target is not None and c.target.label == "date:visit_date":
            dates.setdefault((stem, n), (c, c.target))
        elif _unread_score(c):
            worded[(stem, rest)].append((n, c))
    new: dict[int, HeaderColumn] = {}
    for (stem, _), group in worded.items():
        paired = [(n, c) for n, c in group if (stem, n) in dates]
        if len({n for n, _ in paired}) < _MIN_PAIRS or len(paired) != len(group):
            continue
        measure = next((c.target for _, c in paired if c.target is not None), _SCORE)
        cells = [v for _, c in paired for v in _cells(sheet, header_row, c.index)]
        if (column_fit(cells, measure).fit or 0) < CONTENT_ONLY:
            continue
        for n, c in paired:
            point = numbered_visit(n)
            when, dated = dates[(stem, n)]
            why = f"numbered visit {n}: its score read with column {when.header!r}'s date, at the time point nearest its days after the procedure"  # fmt: skip
            new[c.index] = replace(c, target=replace(measure, timepoint=point), confidence=1.0, reason=why)  # fmt: skip
            new[when.index] = replace(when, target=replace(dated, timepoint=point), reason=f"{when.reason}; the date of numbered visit {n}")  # fmt: skip
    return [new.get(c.index, c) for c in columns]
