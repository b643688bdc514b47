"""Pick the assessments an outcome analysis uses: which sessions, which time points."""

from __future__ import annotations

import weakref
from typing import Literal

import numpy as np
import pandas as pd

from analysis.schema import Cohort
from analysis.schema.timepoints import timepoint_day
from analysis.schema.unchanged import SameTexts

Sessions = Literal["index", "repeat", "all"]


def _chosen(cohort: Cohort, sessions: Sessions) -> np.ndarray:
    """Which procedures rows belong to the selected sessions."""
    procs = cohort.procedures
    if sessions == "index":
        return (procs["day"] == 0).fillna(False).to_numpy(dtype=bool)
    if sessions == "repeat":
        return procs["is_repeat"].fillna(False).to_numpy(dtype=bool)
    if sessions == "all":
        return np.ones(len(procs), dtype=bool)
    raise ValueError(f"sessions must be 'index', 'repeat' or 'all', not {sessions!r}")


def session_ids(cohort: Cohort, sessions: Sessions = "index") -> pd.Index:
    """Procedure (session) identifiers of the index sessions, the repeat sessions, or all.

    The index session is the one on day 0; a repeat session is one with any vertebra
    marked ``is_repeat``.
    """
    chosen = cohort.procedures["procedure_id"][_chosen(cohort, sessions)]
    return pd.Index(chosen.astype(str).unique(), name="procedure_id")


def session_rows(cohort: Cohort, sessions: Sessions = "index") -> np.ndarray:
    """Which procedures rows belong to the selected sessions: every vertebra row whose
    ``procedure_id`` is one of :func:`session_ids` (compared as text)."""
    chosen = _chosen(cohort, sessions)
    codes = _cohort_codes(cohort)[0][: len(chosen)]
    picked = np.zeros(len(codes) + 1, dtype=bool)
    picked[codes[chosen]] = True
    return picked[codes]


def count_sessions(cohort: Cohort, chosen: np.ndarray | None = None) -> int:
    """How many sessions the procedures rows ``chosen`` (a boolean per row; default all)
    belong to: ``procedure_id[chosen].nunique()``, counted from the identifiers coded
    once per cohort instead of hashing their text again."""
    ids = cohort.procedures["procedure_id"]
    known = ids.notna().to_numpy()
    if chosen is not None:
        known &= np.asarray(chosen, dtype=bool)
    codes = _cohort_codes(cohort)[0][: len(ids)]
    return len(pd.unique(codes[known]))


def _text_codes(*columns: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes of identifiers compared as the text ``astype(str)`` gives (numbered in order
    of first appearance over the columns in turn) and the distinct texts. Text columns
    without a missing value are hashed as they are, without a copy."""
    if all(isinstance(c.dtype, pd.StringDtype) for c in columns):
        codes, uniques = pd.factorize(np.concatenate([np.asarray(c.array, dtype=object) for c in columns]))  # fmt: skip
        if not (codes < 0).any():  # a missing identifier reads "<NA>" as text
            return codes, np.asarray(uniques, dtype=object)
    texts = np.concatenate([np.asarray(c.astype(str), dtype=object) for c in columns])
    codes, uniques = pd.factorize(texts)
    return codes, np.asarray(uniques, dtype=object)


# The last cohort's identifiers coded (a report selects sessions a dozen times), reused
# while the same cohort's two identifier columns hold the same text objects (compared by
# their pointers, a fraction of the cost of hashing their text again).
_LAST: list[tuple[weakref.ref[Cohort], SameTexts, tuple[np.ndarray, np.ndarray]]] = []


def _cohort_codes(cohort: Cohort) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_text_codes` of the procedures' ``procedure_id`` followed by the
    assessments' (read-only arrays: they may be shared between calls)."""
    columns = (cohort.procedures["procedure_id"], cohort.assessments["procedure_id"])
    if not all(isinstance(c.dtype, pd.StringDtype) for c in columns):
        return _text_codes(*columns)
    if _LAST and _LAST[0][0]() is cohort and _LAST[0][1].holds(columns):
        return _LAST[0][2]
    codes, uniques = _text_codes(*columns)
    codes.flags.writeable = False
    uniques.flags.writeable = False
    _LAST[:] = [(weakref.ref(cohort), SameTexts(columns), (codes, uniques))]
    return codes, uniques


# The index of the last cohort's distinct identifiers (pandas keeps its hash table), while
# they are the ones :func:`_cohort_codes` returns.
_INDEX: list[tuple[np.ndarray, pd.Index]] = []


def _lookup(uniques: np.ndarray) -> pd.Index:
    """``pd.Index(uniques)``, the same object while :func:`_cohort_codes` returns the
    same distinct identifiers, so that their hash table is built once."""
    if not (_INDEX and _INDEX[0][0] is uniques):
        _INDEX[:] = [(uniques, pd.Index(uniques))]
    return _INDEX[0][1]


# The index of the last cohort's patient IDs as text (pandas keeps its hash table and
# whether it is unique), reused while the cohort's patient IDs hold the same objects.
_PATIENTS: list[tuple[weakref.ref[Cohort], SameTexts, pd.Index]] = []


def _patient_index(cohort: Cohort) -> pd.Index:
    """``pd.Index`` of the patients' IDs as text (``astype(str)``), built once per cohort
    while its ``patient_id`` column is unchanged."""
    column = cohort.patients["patient_id"]
    if _PATIENTS and _PATIENTS[0][0]() is cohort and _PATIENTS[0][1].holds([column]):
        return _PATIENTS[0][2]
    ids = pd.Index(column.astype(str).to_numpy())
    _PATIENTS[:] = [(weakref.ref(cohort), SameTexts([column]), ids)]
    return ids


def _first_values(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, shape: tuple[int, int]) -> np.ndarray:  # fmt: skip
    """A ``shape`` array holding, per (row, column) cell, the first non-missing value in
    input order (NaN where none): what ``pivot_table(aggfunc="first")`` keeps."""
    ok = ~np.isnan(values)
    rows, cols, values = rows[ok], cols[ok], values[ok]
    cell = rows.astype(np.int64) * shape[1] + cols
    order = np.argsort(cell, kind="stable")  # within a cell, input order is kept
    cell = cell[order]
    first = np.ones(len(cell), dtype=bool)
    first[1:] = cell[1:] != cell[:-1]
    out = np.full(shape[0] * shape[1], np.nan)
    out[cell[first]] = values[order[first]]
    return out.reshape(shape)


class _Sessions:
    """The selected sessions and, for the assessments at positions ``other``, the row of
    their session.

    Identifiers are compared as text (as ``astype(str)`` gives them), all of them hashed
    once together: ``ids`` are the selected sessions in order of first appearance (as
    :func:`session_ids`), ``owners`` the patient of each (that of the first procedures
    row with the identifier).
    """

    def __init__(self, cohort: Cohort, sessions: Sessions, other: np.ndarray) -> None:
        procs = cohort.procedures
        chosen = _chosen(cohort, sessions)
        codes, uniques = _cohort_codes(cohort)
        own, self.other_codes = codes[: len(procs)], codes[len(procs) :][other]
        picked = pd.unique(own[chosen])
        self.ids = pd.Index(uniques[picked], name="procedure_id")
        self._row = np.full(len(uniques), -1, dtype=np.intp)
        self._row[picked] = np.arange(len(picked))
        # factorize numbers identifiers in order of first appearance: procedures first
        first = np.ones(len(own), dtype=bool)
        first[1:] = own[1:] > np.maximum.accumulate(own)[:-1]
        first_row = np.flatnonzero(first)[picked]
        self.owners = np.asarray(procs["patient_id"].iloc[first_row].astype(str), dtype=object)

    def rows(self) -> np.ndarray:
        """Row in ``ids`` of each of the other identifiers, -1 where not selected."""
        return self._row[self.other_codes]


def measure_wide(
    cohort: Cohort, measure: str, timepoints: list[str], sessions: Sessions = "index"
) -> pd.DataFrame:
    """One row per selected session, one column per time point, NaN where not assessed.

    Columns ``patient_id`` and the time points; indexed by ``procedure_id``. Sessions
    without any assessment of the measure are kept (all NaN) so that they are counted
    as excluded, never silently dropped. Where a session has several values of one
    time point, the first recorded non-missing one is taken. ``sessions``: ``"index"``
    (default), ``"repeat"`` or ``"all"``.
    """
    a = cohort.assessments
    known = list(a["measure"].cat.categories)
    if measure not in known:
        raise ValueError(f"unknown measure {measure!r}; declared measures: {sorted(known)}")
    allowed = list(a["timepoint"].cat.categories)
    unknown = [t for t in timepoints if t not in allowed]
    if unknown:
        raise ValueError(f"unknown time point(s) {unknown}; declared: {allowed}")
    _chosen(cohort, sessions)  # an unknown selection is refused first
    of_measure = (a["measure"].cat.codes == known.index(measure)).to_numpy()
    a = a[of_measure]
    # each declared time point's column among the distinct ones asked for (-1: not asked)
    distinct = list(dict.fromkeys(timepoints))
    column_of = np.array([distinct.index(t) if t in distinct else -1 for t in allowed] + [-1])
    cols = column_of[a["timepoint"].cat.codes.to_numpy()]  # code -1 (missing) -> -1
    asked = cols >= 0
    sel = _Sessions(cohort, sessions, np.flatnonzero(of_measure)[asked])
    rows = sel.rows()
    if not (rows >= 0).any() and not a["procedure_id"].astype(str).isin(sel.ids).any():
        raise ValueError(
            f"no {measure} assessments in the {sessions} sessions of this cohort"
            + ("" if len(sel.ids) else f" (the cohort has no {sessions} sessions)")
        )
    keep = rows >= 0
    values = _first_values(
        rows[keep],
        cols[asked][keep],
        a["value"].to_numpy(dtype=float, na_value=np.nan)[asked][keep],
        (len(sel.ids), len(distinct)),
    )
    wide = pd.DataFrame(
        values[:, [distinct.index(t) for t in timepoints]],
        index=sel.ids,
        columns=pd.Index(timepoints, dtype=object),
    )
    wide.insert(0, "patient_id", sel.owners)
    return wide


def died_before(cohort: Cohort, wide: pd.DataFrame, timepoint: str) -> np.ndarray:
    """Per row of a :func:`measure_wide` frame (a session): whether its patient had
    died before the session's ``timepoint`` score was due (its procedure's day plus the
    time point's due day, :func:`analysis.schema.timepoints.timepoint_day`). False
    where the time point names no time, the patient did not die, or a day is unknown."""
    return deaths_before(cohort, wide, [timepoint])[timepoint]


def deaths_before(cohort: Cohort, wide: pd.DataFrame, timepoints: list[str]) -> dict[str, np.ndarray]:  # fmt: skip
    """:func:`died_before` of each of ``timepoints``, the sessions' days and their
    patients' deaths looked up once for all of them."""
    dues = {t: timepoint_day(t) for t in timepoints}
    if wide.empty or all(due is None for due in dues.values()):
        return {t: np.zeros(len(wide), dtype=bool) for t in timepoints}
    start, death_day = _start_and_death(cohort, wide)
    return {
        t: np.zeros(len(wide), dtype=bool)
        if due is None
        else np.asarray(death_day < start + due, dtype=bool)
        for t, due in dues.items()
    }


def _start_and_death(cohort: Cohort, wide: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per row of a :func:`measure_wide` frame: its session's day (the first known day
    of the procedures rows with its identifier, compared as text) and its patient's
    death day (NaN where the patient did not die or the day is unknown)."""
    procs = cohort.procedures
    start = pd.to_numeric(procs["day"], errors="coerce").astype(float).to_numpy()
    codes, uniques = _cohort_codes(cohort)
    own = codes[: len(procs)]
    known = ~np.isnan(start)
    start_of = np.full(len(uniques) + 1, np.nan)  # the last: an identifier not found
    start_of[own[known][::-1]] = start[known][::-1]  # the first known day writes last
    row = _lookup(uniques).get_indexer(pd.Index(np.asarray(wide.index.astype(str), dtype=object)))
    pts = cohort.patients
    died = pts["died"].fillna(False).astype(bool).to_numpy()
    death = pd.to_numeric(pts["death_day"], errors="coerce").astype(float).where(died)
    ids = _patient_index(cohort)
    wanted = pd.Index(wide["patient_id"].astype(str).to_numpy())
    if ids.is_unique:  # each row's patient found in one hash table, NaN where not found
        death_day = np.append(death.to_numpy(float), np.nan)[ids.get_indexer(wanted)]
    else:  # the first of a repeated identifier
        death_of = pd.Series(death.to_numpy(), index=ids)
        death_day = death_of[~ids.duplicated()].reindex(wanted).to_numpy(float)
    return start_of[row], death_day
