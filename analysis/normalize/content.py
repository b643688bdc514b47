"""How well a column's values fit a candidate field: the content half of column recognition.

A header such as ``Cement`` or ``Type`` names several fields; the cells decide. For each
candidate :class:`~analysis.normalize.headers.Target` the values are parsed under that
target's rule (volumes, levels, dates, scores, yes/no codes, categories) and the share that
parses is its *fit*. Fields whose rule accepts any text (identifiers, free text) give no
evidence and report a fit of ``None``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from analysis.normalize.cells import (
    CellError,
    approximate,
    coded_answer,
    is_declared_spelling,
    is_missing,
    is_no,
    not_assessed,
    parse_cell,
    parse_number,
    parse_pair,
    parse_score,
)
from analysis.normalize.dates import inner_date_order, parse_date_column, split_level_dates
from analysis.normalize.headers import BIRTH_YEAR, NAMED_SCORES, NOTE, Target
from analysis.normalize.notes import read_note
from analysis.normalize.scores import named_scores
from analysis.normalize.series import SERIES, series_timepoints, split_series
from analysis.normalize.timed_scores import TIMED, timed_scores
from analysis.normalize.timepoints import column_letters, timepoint_of, visit_point
from analysis.spec import load_spec

# Enough values to tell a volume column from a cement-type column; more add nothing.
SAMPLE = 400
# Fewer non-missing values than this: the cells give no evidence either way.
MIN_EVIDENCE = 3
_TEXT_TYPES = ("id", "string")


@dataclass(frozen=True)
class ColumnFit:
    """How many of a column's (sampled) non-missing values parse under one target's rule."""

    target: Target
    n_values: int
    n_parsed: int

    @property
    def fit(self) -> float | None:
        """Share of values that parse, or ``None`` when the rule accepts anything or too
        few values were given to judge."""
        if self.n_values < MIN_EVIDENCE or not is_typed(self.target):
            return None
        return self.n_parsed / self.n_values


def is_typed(target: Target) -> bool:
    """Whether a target's rule can reject a value (so its cells are evidence)."""
    if target.kind in (
        "measure",
        "date",
        "visit",
        "pair",
        "level_date",
        SERIES,
        TIMED,
        NOTE.kind,
        NAMED_SCORES.kind,
        BIRTH_YEAR.kind,
    ):
        return True
    if target.kind != "column":
        return False
    return load_spec().column(str(target.table), str(target.column)).type not in _TEXT_TYPES


# no typed value (a number, a date, a level, a category) is this long: a longer cell (a
# note of a megabyte) fits none, and is not read through every rule to learn it
MAX_TYPED_CHARS = 1000


def _parses(value: object, target: Target) -> bool:
    if isinstance(value, str) and len(value) > MAX_TYPED_CHARS:
        return False
    spec = load_spec()
    value, _ = approximate(value)
    if target.kind == "visit":
        return timepoint_of(value) is not None
    if target.kind == "pair":
        try:
            parse_pair(value, _pair_names(target))
        except CellError:
            return False
        return True
    if target.kind == "level_date":
        return _level_date(value)
    if target.kind == NOTE.kind:
        return read_note(value) is not None
    if target.kind == NAMED_SCORES.kind:
        return named_scores(value) is not None
    if target.kind == BIRTH_YEAR.kind:
        return birth_year(value) is not None
    if target.kind in (SERIES, TIMED):
        return _scores_fit(value, target)
    if target.kind == "measure":
        return _score_fits(value, str(target.measure))
    column = spec.column(str(target.table), str(target.column))
    try:
        parse_cell(value, column)
    except CellError:
        return False
    return True


def _scores_fit(value: object, target: Target) -> bool:
    """Whether a cell of several scores reads under its rule: a score or a missing mark at
    each time point of a series (``9 / — / 6 / 4``), or on each visit's line (``Trước mổ:
    8`` / ``1 tháng: 3``)."""
    if target.kind == SERIES:
        parts = split_series(value, len(series_timepoints(target)))
    else:
        lines = timed_scores(value)
        parts = None if lines is None else tuple(p for _, p in lines)
    return parts is not None and all(
        is_missing(p) or not_assessed(p) or _score_fits(p, str(target.measure)) for p in parts
    )


def birth_year(value: object) -> int | None:
    """A year of birth as written (``1933``, ``'1948'``), or ``None`` when the cell holds
    no four-digit year."""
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return int(text) if len(text) == 4 and text.isdigit() else None


def _score_fits(value: object, name: str) -> bool:
    """Whether ``value`` reads as a score of measure ``name``."""
    measure = load_spec().measures[name]
    try:
        x = parse_number(coded_answer(value))
    except CellError:
        try:  # "3/10": a score with the scale it is out of
            parse_score(value, measure, None)
        except CellError:
            return False
        return True
    # a declared or undeclared 0-100 pain scale still holds pain scores
    top = 100.0 if measure.scales else measure.max
    return measure.min <= x <= top


_NOT_A_DATE = CellError("date", "not a date")


def _small_number(value: object) -> bool:
    """A number below 3653 (an Excel serial before 1910) or such a number as text."""
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit():
            return False
        value = int(value)
    return isinstance(value, int | float) and not isinstance(value, bool) and value < 3653


def _level_date(value: object, order: str | None = None) -> bool:
    if not isinstance(value, str):
        return False
    # a date of an ambiguous day/month order is still a date (``T12 (02/06/2022)``): the
    # sheet's other dates settle its order when the cell is read
    orders = (order,) if order else (None, "dmy", "mdy")
    parts = next((p for o in orders if (p := split_level_dates(value, o)) is not None), None)
    if parts is None:
        return False
    try:
        for levels, _ in parts:
            parse_cell(levels, load_spec().column("fractures", "level"))
    except CellError:
        return False
    return True


def _pair_names(target: Target) -> tuple[str, str]:
    first, _, second = str(target.column).partition("|")
    return first, second


def column_fit(values: Sequence[object], target: Target) -> ColumnFit:
    """Parse the first :data:`SAMPLE` non-missing values of a column under ``target``'s
    rule (the others are not looked at)."""
    spec = load_spec()
    column = spec.column(str(target.table), str(target.column)) if target.kind == "column" else None
    wanted = (
        v
        for v in values
        if not is_missing(v) or (column is not None and is_declared_spelling(v, column))
    )
    present = list(islice(wanted, SAMPLE))
    if target.kind == "measure":
        present = [v for v in present if not not_assessed(v)]
    if (
        column is not None and column.type in ("level", "level_list")
    ) or target.kind == "level_date":
        present = [v for v in present if not is_no(v)]  # "nein": no new fracture
    if target.kind == "date":
        # "no" in a date column (no death) is no evidence either way; a small number (a
        # count, a session number) is no evidence of a date
        present = [v for v in present if not is_no(v)]
        parsed = [_NOT_A_DATE if _small_number(v) else p for v, p in zip(present, parse_date_column(present), strict=True)]  # fmt: skip
        # an ambiguous day/month order or an implausible year is still a date
        dated = ("date_order", "date_range")
        ok = sum(1 for p in parsed if p is not None and (not isinstance(p, CellError) or p.rule in dated))  # fmt: skip
        return ColumnFit(target, len(present), ok)
    if target.kind == "level_date":  # the dates of the column prove its day/month order
        order = inner_date_order(present)
        return ColumnFit(target, len(present), sum(_level_date(v, order) for v in present))
    if not is_typed(target):
        return ColumnFit(target, len(present), len(present))
    if target.kind == "visit":  # "S6" among "J1" and "M3": read in the column's notation
        letters = column_letters(present)
        return ColumnFit(target, len(present), sum(visit_point(v, letters) is not None for v in present))  # fmt: skip
    counts = Counter((type(v), v) for v in present)  # parse each distinct value once
    return ColumnFit(target, len(present), sum(n for (_, v), n in counts.items() if _parses(v, target)))  # fmt: skip
