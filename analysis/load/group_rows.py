"""Rows heading groups of patient rows by their cause, as a pivot table groups a register
by diagnosis: ``Osteoporosis (n = 10)``, ``Metastasau / Metastases (n = 4)`` alone in the
study-ID column over the rows of that group. The cause such a heading names is the
etiology of every row under it, up to the next heading, when the sheet has no column of
causes of its own; the heading row is no patient. Both are said: once for the sheet (in
the inspection and the load's warnings) and on each heading's row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from analysis.io import RawSheet
from analysis.load.header_columns import SheetLayout
from analysis.load.header_contents import code_like
from analysis.normalize import CellError, is_missing, parse_cell
from analysis.normalize.folded import normalize_text
from analysis.spec import load_spec

ETIOLOGY = "patients.etiology"

# a heading's count of its group in brackets: "(n = 10)", "(n=4)", "(10)"
_COUNT = re.compile(r"[(\[（]\s*(?:n\s*[=:]?\s*)?\d+\s*[)\]）]", re.I)
_HALVES = re.compile(r"\s+/\s+")


@dataclass(frozen=True)
class GroupCauses:
    """The rows heading groups (row -> the cause they name) and the cause each data row
    under a heading takes from it."""

    headings: dict[int, str]
    causes: dict[int, str]


def group_causes_message(headings: dict[int, str]) -> str:
    """How the headings were read, for the sheet's warning and ``inspect``."""
    said = ", ".join(f"row {r} {cause}" for r, cause in sorted(headings.items()))
    return (
        f"{len(headings)} row(s) heading groups of rows by their cause ({said}): each row "
        "under a heading, up to the next one, read with that etiology; the heading rows are "
        "no patients"
    )


def group_causes(sheet: RawSheet, layout: SheetLayout, rows: list[int]) -> GroupCauses | None:
    """The cause each of ``rows`` (the sheet's data rows, in order) takes from the group
    heading above it; ``None`` when the sheet has a column of causes, no study-ID
    column, or no row heading a group. A heading is a row whose one filled cell is its
    study-ID cell, a text naming a cause as a whole (of a text in two languages apart by
    a spaced slash, either half), a bracketed count of the group's patients aside."""
    targets = [c.target for c in layout.columns if c.target is not None]
    if any(t.label == ETIOLOGY for t in targets):
        return None
    ids = [c.index for c in layout.columns if c.target is not None and c.target.label == "patients.patient_id"]  # fmt: skip
    if len(ids) != 1:
        return None
    headings: dict[int, str] = {}
    causes: dict[int, str] = {}
    cause: str | None = None
    for row in rows:
        cells = sheet.rows[row - 1] if row - 1 < sheet.n_rows else []
        named = heading_cause(cells, ids[0] - 1)
        if named is not None:
            headings[row] = cause = named
        elif cause is not None:
            causes[row] = cause
    return GroupCauses(headings, causes) if headings else None


def heading_cause(cells: list[object], index: int) -> str | None:
    """The cause a row heading a group names, or ``None`` when it is no such row."""
    label = cells[index] if index < len(cells) else None
    if not isinstance(label, str) or code_like(label.strip()):
        return None
    if any(not _blank(c) for i, c in enumerate(cells) if i != index):
        return None
    text = _COUNT.sub(" ", label).strip()
    for part in dict.fromkeys((text, *_HALVES.split(text))):
        if normalize_text(part) in _cause_words():
            try:
                value = parse_cell(part.strip(), load_spec().column("patients", "etiology"))
            except CellError:
                continue
            if isinstance(value, str) and value:
                return value
    return None


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip()) or is_missing(cell)


@cache
def _cause_words() -> frozenset[str]:
    """The spellings of the causes, each as a whole (``osteoporosis``, ``metastases``)."""
    lookup = load_spec().column("patients", "etiology").value_lookup()
    return frozenset(normalize_text(k) for k in lookup)


def summary_label(cells: list[object], index: int, own: bool = False) -> bool:
    """Whether a row's label starts with words for a mean, a count or a total: its
    study-ID cell, or, that cell blank and not ``own``, its first cell written
    (``Moyenne`` in the names' column, the study ID's left blank). A label in two
    languages apart by a spaced slash (``Cymedr / Mean``) by either half."""
    value = cells[index - 1] if index - 1 < len(cells) else None
    if not own and (value is None or (isinstance(value, str) and not value.strip())):
        value = next((c for c in cells if c is not None and str(c).strip()), None)
    if not isinstance(value, str) or code_like(value):
        return False  # "TOT-04": a study ID
    if own and not value.strip()[:1].isalpha():
        return False  # "@SUM(1+1)": a formula typed as a study ID, not a label
    halves = [normalize_text(h).split() for h in _HALVES.split(value)]
    return any(
        words and " ".join(words[: len(w.split())]) == w
        for words in halves
        for w in _summary_words()
    )


@cache
def _summary_words() -> frozenset[str]:
    vocab = load_spec().vocabulary
    words = (normalize_text(w) for w in (*vocab.summary_rows, *vocab.total_words))
    return frozenset(w for w in words if w)  # "Σ" folds to nothing: matched as a word only


def rows_aside(sheet: RawSheet, header_row: int, n: int) -> frozenset[int]:
    """Of the ``n`` rows under ``header_row``, those that are no patient's whatever the
    study-ID column: a text alone on its row and no code (a group's heading, a note, a
    key's line) and a row whose label opens with words for a mean or a total."""
    out = set()
    for row in range(header_row + 1, min(header_row + n, sheet.n_rows) + 1):
        cells = sheet.rows[row - 1]
        written = [c for c in cells if not _blank(c)]
        alone = len(written) == 1 and isinstance(written[0], str) and not code_like(written[0])
        if alone or summary_label(cells, 1):
            out.add(row)
    return frozenset(out)
