"""Imaging reports naming new fractures: a column of report text (an MRI's impression,
``Acute compression fracture of the L3 vertebral body with marrow edema.``) whose every
report names a fracture at one vertebral level.

On a sheet with no treated level and nothing of a procedure, such a column (under a header
naming nothing known) is read as the new fracture's level, the sheet is a table of new
fractures and its one date column (the examination's) dates them
(:func:`analysis.load.roles.with_role`). Beside a treated level, a remark naming a new
fracture is the event log's (:mod:`analysis.load.events`), not a report. A report that says no (``No acute fracture``), names
no level or names several is no such column's: the column is then not read, never read in
part.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.io import RawSheet
from analysis.load.header_columns import HeaderColumn
from analysis.load.header_sessions import _names_new_fracture
from analysis.normalize import Target, is_missing
from analysis.normalize.cells import LEVEL_IN_TEXT, levels_in_text
from analysis.normalize.content import MIN_EVIDENCE
from analysis.spec import load_spec, normalize_text

_MIN_WORDS = 4  # a report is a sentence, not a level with a word or two
FRACTURE_LEVEL = Target("column", "fractures", "level")
REPORTS = "cell contents: imaging reports, each naming a fracture at one vertebral level"


def _says_no(text: str) -> bool:
    """Whether a report's words hold a word for no (``No acute fracture``)."""
    no = load_spec().false_tokens
    return any(w in no for w in normalize_text(text).split())


def _one_fracture(value: object) -> bool:
    """A report of a fracture at one level, no other number in it (an operative note
    names its cement's volume)."""
    if not isinstance(value, str) or len(value.split()) < _MIN_WORDS:
        return False
    levels = levels_in_text(value)
    if levels is None or len(levels) != 1 or not _names_new_fracture(value) or _says_no(value):
        return False
    return not any(ch.isdigit() for ch in LEVEL_IN_TEXT.sub(" ", value))


def fracture_reports(col: HeaderColumn, values: list[object], own: Target | None) -> HeaderColumn | None:  # fmt: skip
    """The column read as new fractures' levels when its header names nothing known and
    each of its reports names a fracture at one level (at least three reports, or one on
    every row of a shorter sheet); else ``None``."""
    if own is not None:
        return None
    present = [v for v in values if not is_missing(v)]
    if not present or len(present) < min(MIN_EVIDENCE, len(values)):
        return None
    if not all(_one_fracture(v) for v in present):
        return None
    return replace(
        col,
        target=FRACTURE_LEVEL,
        confidence=1.0,
        n_values=len(present),
        n_parsed=len(present),
        reason=REPORTS,
    )


def report_columns(cols: list[HeaderColumn], sheet: RawSheet, header_row: int) -> list[HeaderColumn]:  # fmt: skip
    """The columns of a table with no treated level, each one unread or read by its cells
    as operative notes whose cells are imaging reports naming a fracture at one level and
    no volume (:func:`fracture_reports`) read so."""
    out = []
    for c in cols:
        if c.target is None or (c.target.kind == "note" and c.reason.startswith("cell contents")):
            values = [r[c.index - 1] if c.index - 1 < len(r) else None for r in sheet.rows[header_row:]]  # fmt: skip
            c = fracture_reports(c, values, None) or c
        out.append(c)
    return out
