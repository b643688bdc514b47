"""Pick the assessments an outcome analysis uses: which sessions, which time points."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from analysis.schema import Cohort

Sessions = Literal["index", "repeat", "all"]


def session_ids(cohort: Cohort, sessions: Sessions = "index") -> pd.Index:
    """Procedure (session) identifiers of the index sessions, the repeat sessions, or all.

    The index session is the one on day 0; a repeat session is one with any vertebra
    marked ``is_repeat``.
    """
    procs = cohort.procedures
    if sessions == "index":
        chosen = procs[procs["day"] == 0]
    elif sessions == "repeat":
        chosen = procs[procs["is_repeat"].fillna(False).astype(bool)]
    elif sessions == "all":
        chosen = procs
    else:
        raise ValueError(f"sessions must be 'index', 'repeat' or 'all', not {sessions!r}")
    return pd.Index(chosen["procedure_id"].astype(str).unique(), name="procedure_id")


def measure_wide(
    cohort: Cohort, measure: str, timepoints: list[str], sessions: Sessions = "index"
) -> pd.DataFrame:
    """One row per selected session, one column per time point, NaN where not assessed.

    Columns ``patient_id`` and the time points; indexed by ``procedure_id``. Sessions
    without any assessment of the measure are kept (all NaN) so that they are counted
    as excluded, never silently dropped.
    """
    known = set(cohort.assessments["measure"].cat.categories)
    if measure not in known:
        raise ValueError(f"unknown measure {measure!r}; declared measures: {sorted(known)}")
    allowed = list(cohort.assessments["timepoint"].cat.categories)
    unknown = [t for t in timepoints if t not in allowed]
    if unknown:
        raise ValueError(f"unknown time point(s) {unknown}; declared: {allowed}")
    ids = session_ids(cohort, sessions)
    a = cohort.assessments
    a = a[(a["measure"] == measure) & a["procedure_id"].astype(str).isin(ids)]
    if a.empty:
        raise ValueError(
            f"no {measure} assessments in the {sessions} sessions of this cohort"
            + ("" if len(ids) else f" (the cohort has no {sessions} sessions)")
        )
    wide = a.pivot_table(
        index=a["procedure_id"].astype(str),
        columns=a["timepoint"].astype(str),
        values="value",
        aggfunc="first",
    )
    wide = wide.reindex(index=ids, columns=timepoints)
    owner = cohort.procedures.drop_duplicates("procedure_id").set_index(
        cohort.procedures.drop_duplicates("procedure_id")["procedure_id"].astype(str)
    )["patient_id"]
    wide.insert(0, "patient_id", owner.reindex(ids).astype(str).to_numpy())
    wide.columns.name = None
    return wide
