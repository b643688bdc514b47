"""The frames the missing-data section imputes: one per analysis it re-runs, each with the
analysis's variables, its outcome and the patient's age, sex and etiology, and only the
values that were due (a score after death is not missing data and is never imputed)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from analysis.config import AnalysisConfig
from analysis.figures.outcomes import timepoint_positions
from analysis.schema import Cohort
from analysis.schema.timepoints import DAYS_PER_MONTH  # when a score is due, as the loader dates it
from analysis.stats import measure_wide, time_to_fracture, vertebra_frame
from analysis.stats.fractures.cohort import RISK_FACTORS
from analysis.stats.outcomes.scales import measure_scale

# Patient columns that predict in every imputation model (their own gaps imputed too).
PREDICTORS = ("age_years", "sex", "etiology")

# The paired changes re-run on imputed scores, and the word their columns carry.
SCORES = {"pain_vas": "pain", "mobility": "mobility"}


def used_columns(frame: pd.DataFrame) -> list[str]:
    """Columns with at least two distinct values (a constant predicts nothing)."""
    return [c for c in frame.columns if frame[c].nunique(dropna=True) > 1]


def score_bounds(frame: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """The declared scale of each score column (``pain_1m``: 0 to 10), so that no
    imputed score falls outside it."""
    out = {}
    for measure, word in SCORES.items():
        scale = measure_scale(measure)
        if scale is not None:
            out.update({c: scale for c in frame.columns if str(c).startswith(f"{word}_")})
    return out


def _patients(cohort: Cohort) -> pd.DataFrame:
    return cohort.patients.set_index(cohort.patients["patient_id"].astype(str))


def _alive_at(cohort: Cohort, ids: pd.Series, timepoint: str) -> np.ndarray:
    """Whether each patient was alive when the time point's score was due (True where
    the time point is not a time, or the patient did not die)."""
    months, scaled = timepoint_positions(("pre", "24h", timepoint))
    pts = _patients(cohort)
    if not scaled or "death_day" not in pts or timepoint in ("pre", "baseline"):
        return np.ones(len(ids), dtype=bool)
    death = pd.to_numeric(pts["death_day"], errors="coerce").reindex(ids.astype(str)).to_numpy()
    return np.asarray(~(death < months[-1] * DAYS_PER_MONTH), dtype=bool)


def pain_frame(cohort: Cohort, cfg: AnalysisConfig, measure: str = "pain_vas") -> pd.DataFrame:
    """One row per index procedure of a patient alive when the follow-up score was due:
    the score before and at the follow-up time point, with the patient's predictors."""
    before, after = cfg.baseline, cfg.followup_timepoint
    wide = measure_wide(cohort, measure, [before, after])
    wide = wide[_alive_at(cohort, wide["patient_id"], after)]
    pts = _patients(cohort)
    extra = pts.reindex(wide["patient_id"].astype(str))[list(PREDICTORS)].reset_index(drop=True)
    scores = wide[[before, after]].reset_index(drop=True).add_prefix(f"{SCORES[measure]}_")
    frame = pd.concat([scores, extra], axis=1)
    return frame[used_columns(frame)]


def course_frame(cohort: Cohort, cfg: AnalysisConfig) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The pain time course of the mixed model, one row per index procedure: pain at each
    time point with a score (``pain_pre``, ``pain_1m`` ...), ``patient_id`` and the
    predictors; and which scores were due (the patient alive at the time point), a
    frame of booleans of the score columns."""
    wide = measure_wide(cohort, "pain_vas", list(cfg.timepoints))
    present = [t for t in cfg.timepoints if wide[t].notna().any()]
    scores = wide[present].reset_index(drop=True).add_prefix("pain_")
    ids = wide["patient_id"].reset_index(drop=True)
    due = pd.DataFrame({f"pain_{t}": _alive_at(cohort, ids, t) for t in present})
    extra = _patients(cohort).reindex(ids.astype(str))[list(PREDICTORS)].reset_index(drop=True)
    frame = pd.concat([ids.rename("patient_id"), scores, extra], axis=1)
    kept = ["patient_id", *(c for c in used_columns(frame) if c != "patient_id")]
    return frame[kept], due


def course_long(completed: pd.DataFrame, due: pd.DataFrame) -> pd.DataFrame:
    """A completed course frame in the long layout of
    :func:`~analysis.stats.fit_mixed_model`, the scores that were not due left out."""
    parts = []
    for col in due.columns:
        keep = due[col].to_numpy()
        parts.append(pd.DataFrame({"patient_id": completed.loc[keep, "patient_id"].to_numpy(),
                                   "timepoint": col.removeprefix("pain_"),
                                   "value": completed.loc[keep, col].to_numpy(dtype=float)}))  # fmt: skip
    return pd.concat(parts, ignore_index=True)


def risk_frame(cohort: Cohort) -> pd.DataFrame:
    """One row per patient with a known follow-up time: the risk model's time, event,
    covariates and the predictors."""
    data = time_to_fracture(cohort).dropna(subset=["time"])
    cols = ["time", "fracture", *dict.fromkeys([*RISK_FACTORS, *PREDICTORS])]
    return data[[c for c in cols if c in data.columns]].reset_index(drop=True)


def cement_frame(cohort: Cohort) -> pd.DataFrame:
    """One row per treated vertebra of every session, in the order of the procedures
    table: its cement volume and its predictors, above all the volume per vertebra the
    session's recorded total leaves (``session_ml_per_vertebra``: the total less the
    recorded per-vertebra volumes, shared among the vertebrae without one; the session's
    mean where all are recorded), then the number of vertebrae of the session, the
    technique, whether the session was a repeat, and the patient's predictors."""
    f = vertebra_frame(cohort)
    session = [f["patient_id"].astype(str), f["day"]]
    volume = f["cement_volume_ml"].astype(float)
    total = f["session_cement_volume_ml"].astype(float)
    recorded = volume.groupby(session).transform("sum")
    blank = volume.isna().groupby(session).transform("sum")
    count = volume.groupby(session).transform("size")
    left = (total - recorded) / blank.where(blank > 0)
    mean = total.fillna(recorded.where(blank == 0)) / count
    frame = pd.DataFrame({
        "cement_volume_ml": volume, "session_ml_per_vertebra": left.where(volume.isna(), mean),
        "session_vertebrae": count.astype(float), "technique": f["technique"],
        "repeat": f["is_repeat"].map({True: "yes", False: "no"}),
        **{c: f[c] for c in PREDICTORS},
    })  # fmt: skip
    return frame[used_columns(frame)]


def share_session_totals(cohort: Cohort, completed: pd.Series) -> pd.Series:
    """Imputed per-vertebra volumes scaled so that a session's add up to what its
    recorded total leaves (the total less its recorded per-vertebra volumes): the total
    is data, and the imputation only shares it out."""
    f = cohort.procedures
    session = [f["patient_id"].astype(str), f["day"]]
    volume = f["cement_volume_ml"].astype(float)
    blank = volume.isna()
    left = f["session_cement_volume_ml"].astype(float) - volume.groupby(session).transform("sum")
    drawn = completed.where(blank, 0.0).groupby(session).transform("sum")
    scale = (left / drawn).where((left > 0) & (drawn > 0), 1.0)
    return completed.where(~blank, completed * scale)


def with_volumes(cohort: Cohort, volumes: pd.Series) -> Cohort:
    """The cohort with its per-vertebra cement volumes replaced (the procedures table's
    rows in order)."""
    procedures = cohort.procedures.assign(cement_volume_ml=volumes.to_numpy(dtype=float))
    return replace(cohort, procedures=procedures)
