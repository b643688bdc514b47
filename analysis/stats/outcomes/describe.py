"""Descriptive summary of a cohort: who was treated, where, how, and how long followed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.schema import Cohort
from analysis.stats.display import Displayed, distribution, of
from analysis.stats.outcomes.selection import Sessions, count_sessions, session_rows


@dataclass(frozen=True, repr=False)
class CountRow(Displayed):
    """A categorical count: ``count`` of ``n`` with ``n_missing`` not recorded."""

    variable: str
    level: str
    count: int
    n: int
    n_missing: int

    @property
    def proportion(self) -> float:
        return self.count / self.n if self.n else float("nan")

    def _display_label(self) -> str:
        return f"{self.variable}: {self.level}"

    def _display_headline(self) -> str:
        missing = f" ({self.n_missing} missing)" if self.n_missing else ""
        return of(self.count, self.n) + missing


@dataclass(frozen=True, repr=False)
class ContinuousRow(Displayed):
    """Mean, SD, median, quartiles and range of a continuous variable."""

    variable: str
    n: int
    n_missing: int
    mean: float
    sd: float
    median: float
    q1: float
    q3: float
    minimum: float
    maximum: float

    def _display_label(self) -> str:
        return self.variable

    def _display_headline(self) -> str:
        return distribution(self.n, self.n_missing, self.mean, self.sd, self.median, self.q1,
                            self.q3, self.minimum, self.maximum)  # fmt: skip


@dataclass(frozen=True, repr=False)
class CohortSummary(Displayed):
    """Numbers of the cohort description (no formatted strings).

    ``n_procedures`` and ``n_vertebrae`` count every session and every vertebra treated
    at any session; ``n_index_procedures`` and ``n_index_vertebrae`` the index procedures
    (day 0) and the vertebrae treated there; ``n_repeat_vertebrae`` the vertebrae marked
    ``is_repeat`` (augmented again) and ``n_repeat_patients`` the patients with one.
    """

    n_patients: int
    n_procedures: int
    n_vertebrae: int
    n_new_fractures: int
    categorical: tuple[CountRow, ...]
    continuous: tuple[ContinuousRow, ...]
    n_index_procedures: int
    n_index_vertebrae: int
    n_repeat_vertebrae: int
    n_repeat_patients: int

    def to_frame(self) -> pd.DataFrame:
        """Tidy long frame: one row per statistic of a variable level."""
        rows = [
            {
                "variable": c.variable,
                "level": c.level,
                "statistic": "count",
                "value": c.count,
                "n": c.n,
                "n_missing": c.n_missing,
            }
            for c in self.categorical
        ]
        for c in self.continuous:
            for stat in ("mean", "sd", "median", "q1", "q3", "minimum", "maximum"):
                rows.append(
                    {
                        "variable": c.variable,
                        "level": "",
                        "statistic": stat,
                        "value": getattr(c, stat),
                        "n": c.n,
                        "n_missing": c.n_missing,
                    }
                )
        return pd.DataFrame(
            rows, columns=["variable", "level", "statistic", "value", "n", "n_missing"]
        )


def _counts(variable: str, series: pd.Series) -> list[CountRow]:
    observed = series.dropna()
    n, missing = len(observed), int(series.isna().sum())
    if series.dtype == "boolean":
        return [CountRow(variable, "yes", int(observed.sum()), n, missing)]
    levels = (
        list(series.cat.categories)
        if isinstance(series.dtype, pd.CategoricalDtype)
        else sorted(observed.unique(), key=str)
    )
    return [
        CountRow(variable, str(lv), int((observed == lv).sum()), n, missing)
        for lv in levels
        if not isinstance(series.dtype, pd.CategoricalDtype) or (observed == lv).any()
    ]


def summarize_continuous(variable: str, series: pd.Series) -> ContinuousRow:
    """n, missing, mean, SD, median, quartiles (R type 7) and range of a variable."""
    x = pd.to_numeric(series, errors="coerce").astype(float)
    v = x.dropna().to_numpy()
    if len(v) == 0:
        nan = float("nan")
        return ContinuousRow(variable, 0, int(x.isna().sum()), nan, nan, nan, nan, nan, nan, nan)
    q1, med, q3 = np.percentile(v, [25, 50, 75])
    sd = float(np.std(v, ddof=1)) if len(v) > 1 else float("nan")
    return ContinuousRow(
        variable,
        len(v),
        int(x.isna().sum()),
        float(v.mean()),
        sd,
        float(med),
        float(q1),
        float(q3),
        float(v.min()),
        float(v.max()),
    )


def describe_cohort(cohort: Cohort, sessions: Sessions = "index") -> CohortSummary:
    """Describe patients, procedures and treated vertebrae of a cohort.

    Patient variables are counted per patient; technique, cement and leakage per
    treated vertebra of the index procedure (``sessions="index"``, the default, as
    :func:`analysis.stats.leakage_by` counts them) or of every session (``"all"``);
    initial cement volume over all initial (non-repeat) vertebrae.
    """
    if sessions not in ("index", "all"):
        raise ValueError(f"sessions must be 'index' or 'all', not {sessions!r}")
    pts, procs = cohort.patients, cohort.procedures
    index = procs[session_rows(cohort, sessions)]
    categorical: list[CountRow] = []
    categorical += _counts("sex", pts["sex"])
    categorical += _counts("etiology", pts["etiology"])
    categorical += _counts("steroid_use", pts["steroid_use"])
    categorical += _counts("technique", index["technique"])
    categorical += _counts("cement_type", index["cement_type"])
    leak = index["leakage"].astype("string")
    categorical.append(
        CountRow(
            "any_leakage",
            "yes",
            int((leak.dropna() != "none").sum()),
            int(leak.notna().sum()),
            int(leak.isna().sum()),
        )
    )
    at_index = procs[session_rows(cohort, "index")]
    repeated = procs[procs["is_repeat"].fillna(False).astype(bool).to_numpy()]
    levels_per_session = index.groupby("procedure_id", observed=True)["level"].size()
    continuous = (
        summarize_continuous("age_years", pts["age_years"]),
        summarize_continuous("bmd_t_score", pts["bmd_t_score"]),
        summarize_continuous(
            "levels_per_index_procedure" if sessions == "index" else "levels_per_procedure",
            levels_per_session,
        ),
        summarize_continuous(
            "cement_volume_ml_initial",
            procs.loc[~procs["is_repeat"].fillna(False).astype(bool), "cement_volume_ml"],
        ),
        summarize_continuous("followup_days", pts["followup_days"]),
    )
    return CohortSummary(
        n_patients=len(pts),
        n_procedures=count_sessions(cohort),
        n_vertebrae=len(procs),
        n_new_fractures=len(cohort.fractures),
        categorical=tuple(categorical),
        continuous=continuous,
        n_index_procedures=count_sessions(cohort, session_rows(cohort, "index")),
        n_index_vertebrae=len(at_index),
        n_repeat_vertebrae=len(repeated),
        n_repeat_patients=int(repeated["patient_id"].nunique()),
    )
