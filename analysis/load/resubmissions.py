"""A form tool's response sheet (Google Forms and its kin): one row per submission, a
column headed as the submission's time (``Timestamp``, ``타임스탬프``, ``Horodateur``; see
``submission_time_headers`` in the vocabulary). A nurse who notices a mistake submits
the form again for the same visit, and the later submission replaces the earlier one.

Rows of one patient that name the same visit (the cell of the column naming the row's
visit or event, ``술후 3개월``) on the same date (the row's visit or procedure date) are
submissions of one visit: all but the latest, by the time submitted (by the order of the
rows when a time cannot be read), are left out, each with a warning naming the row that
replaces it. A sheet without a visit or a date column is left as it is: a patient's rows
are then not told apart as visits. Decided from the sheet's own cells before its rows are
read, so a mapping's load leaves out the same rows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache

from analysis.io import RawSheet
from analysis.load.header import SheetLayout
from analysis.normalize.headers import header_text
from analysis.problems import WARNING, Problem, Source
from analysis.spec import load_spec, normalize_text

RULE = "resubmitted"

# "2022. 3. 4 오후 2:05:33", "2022-03-04 14:05:33": a date, year first, and a time on a
# 12- or 24-hour clock, its half of the day written before or after it
_STAMP = re.compile(
    r"(\d{4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\.?\s*([^\d\s]*)\s*"
    r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([^\d\s]*)"
)


@cache
def _headers() -> frozenset[str]:
    return frozenset(header_text(h) for h in load_spec().vocabulary.submission_time_headers)


@cache
def _half_days() -> dict[str, str]:
    return {
        normalize_text(w): half
        for half, words in load_spec().vocabulary.half_days.items()
        for w in words
    }


def submission_time(value: object) -> datetime | None:
    """The time a form's response cell says it was submitted, or None when it cannot be
    read (a date written month or day first is not guessed)."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        return None
    found = _STAMP.fullmatch(value.strip())
    if found is None:
        return None
    year, month, day, before, hour, minute, second, after = found.groups()
    halves = [_half_days().get(normalize_text(w)) for w in (before, after) if w]
    if None in halves or len(halves) > 1:
        return None
    h = int(hour)
    if halves == ["pm"] and h < 12:
        h += 12
    elif halves == ["am"] and h == 12:
        h = 0
    try:
        return datetime(int(year), int(month), int(day), h, int(minute), int(second or 0))
    except ValueError:
        return None


def time_column(layout: SheetLayout) -> int | None:
    """The index of the column headed as a form's submission time, or None."""
    return next((c.index for c in layout.columns if header_text(c.header) in _headers()), None)


def _row_value(sheet: RawSheet, row: int, index: int) -> object:
    cells = sheet.rows[row - 1] if row - 1 < sheet.n_rows else []
    return cells[index - 1] if 0 < index <= len(cells) else None


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def resubmitted_rows(
    sheet: RawSheet,
    layout: SheetLayout,
    rows: Sequence[int],
    patient_key: Callable[[int], str | None],
    visit_columns: Sequence[int],
) -> list[Problem]:
    """A warning on every row a later submission of the same visit replaces (see the
    module docstring); ``visit_columns`` are the indices of the columns naming a row's
    visit or event, then of its date (none when the sheet has no visit column)."""
    stamp_col = time_column(layout)
    if stamp_col is None or not visit_columns:
        return []
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for row in rows:
        patient = patient_key(row)
        if patient is None:
            continue
        said = tuple(_text(_row_value(sheet, row, c)) for c in visit_columns)
        if said[0]:
            groups[(patient, *said)].append(row)
    out = []
    for group in groups.values():
        if len(group) < 2:
            continue
        times = [submission_time(_row_value(sheet, r, stamp_col)) for r in group]
        if all(t is not None for t in times):
            order = sorted(zip(times, group, strict=True))
            latest = order[-1][1]
        else:
            latest = group[-1]
        for row in group:
            if row != latest:
                out.append(
                    Source(sheet.file, sheet.sheet, row).problem(
                        RULE,
                        f"a later submission of the same visit (row {latest}, the same "
                        "patient, visit and date) replaces this one: not read; delete the "
                        "row, or correct its visit or date if it is another visit",
                        severity=WARNING,
                    )
                )
    return out
