"""A seeded generator of realistic vertebral augmentation cohorts.

Calibration targets (from the series in ``shared/seeds``): about 90% osteoporotic and
10% pathologic fractures; 72% women; age about 72 years (22-95); pain about 8/10 before
and about 3 after; initial cement about 4.2 mL and repeat about 6.8 mL; about 60% of
new fractures adjacent, at a mean of about 72 days against about 287 days for remote
ones; about 92% fracture-free at one year; a few same-level refractures treated by
repeat augmentation between days 8 and 167.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.levels import LEVELS, level_index
from analysis.schema import Cohort
from analysis.schema.timepoints import timepoint_day

_INDEX_LEVELS = ["T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"]
_INDEX_WEIGHTS = np.array([1, 1, 2, 2, 3, 6, 9, 9, 5, 3, 2, 1], dtype=float)


@dataclass(frozen=True)
class SynthParams:
    """Rates and means of the generator (defaults: the published figures)."""

    p_women: float = 0.72
    p_pathologic: float = 0.10
    age_mean: float = 72.0
    age_sd: float = 10.0
    p_new_fracture: float = 0.095
    p_adjacent: float = (
        0.55  # latent; later remote fractures are censored more, observed share ~0.61
    )
    adjacent_mean_days: float = 72.0
    remote_mean_days: float = 350.0  # latent; censoring brings the observed mean to ~287
    p_same_level: float = 0.03
    cement_initial_ml: float = 4.2
    cement_repeat_ml: float = 6.8
    pain_pre: float = 8.0
    pain_post: float = 3.0
    p_persistent_pain: float = 29 / 124
    exact_composition: bool = False  # exactly round(n * p) women and pathologic fractures


def _levels_for(rng: np.random.Generator) -> list[str]:
    first = rng.choice(len(_INDEX_LEVELS), p=_INDEX_WEIGHTS / _INDEX_WEIGHTS.sum())
    n = int(rng.choice([1, 2, 3], p=[0.7, 0.22, 0.08]))
    start = level_index(_INDEX_LEVELS[first])
    return [
        LEVELS[min(start + k, level_index("L5"))]
        for k in range(n)
        if start + k <= level_index("L5")
    ]


def _new_fracture_level(rng: np.random.Generator, treated: list[str], adjacent: bool) -> str:
    idx = [level_index(t) for t in treated]
    lo, hi = level_index("T4"), level_index("L5")
    if adjacent:
        options = [i for i in (min(idx) - 1, max(idx) + 1) if lo <= i <= hi]
    else:
        options = [i for i in range(lo, hi + 1) if min(abs(i - t) for t in idx) >= 2]
    return LEVELS[int(rng.choice(options))]


def _patient(rng: np.random.Generator, pid: str, p: SynthParams,
             fixed: tuple[bool, bool] | None = None) -> dict[str, object]:  # fmt: skip
    """One patient; ``fixed`` gives (pathologic, woman) instead of drawing them."""
    pathologic = rng.random() < p.p_pathologic if fixed is None else fixed[0]
    persistent = rng.random() < p.p_persistent_pain
    source = relief = None
    rf = None
    if persistent:
        source = str(
            rng.choice(
                ["facet", "sacroiliac", "facet_and_sacroiliac", "other"], p=[0.45, 0.2, 0.21, 0.14]
            )
        )
        relief = str(rng.choice(["first_injection", "repeat_injections"], p=[0.59, 0.41]))
        rf = bool(rng.random() < 0.34)
    return {
        "patient_id": pid,
        "sex": "female" if (rng.random() < p.p_women if fixed is None else fixed[1]) else "male",
        "age_years": float(np.clip(np.round(rng.normal(p.age_mean, p.age_sd)), 22, 95)),
        "etiology": "pathologic" if pathologic else "osteoporotic",
        "bmd_t_score": round(float(rng.normal(-1.6 if pathologic else -2.8, 0.8)), 1),
        "steroid_use": bool(rng.random() < 0.15),
        "osteoporosis_treatment": bool(rng.random() < 0.6),
        "prior_fracture_count": int(rng.poisson(0.8)),
        "persistent_pain": persistent,
        "pain_source": source,
        "injection_relief": relief,
        "rf_neurolysis": rf,
    }


def _pain(rng: np.random.Generator, mean: float, sd: float = 1.4) -> float:
    return float(np.clip(np.round(rng.normal(mean, sd)), 0, 10))


def _assessments(
    rng: np.random.Generator, pid: str, proc_id: str, pre: float, post: float, pathologic: bool
) -> list[dict[str, object]]:
    rows = []
    pre_vas = _pain(rng, pre, 1.0)
    shift = 1.0 if pathologic else 0.0
    for tp, mean, p_obs in (
        ("pre", None, 0.98),
        ("24h", post + 1.0, 0.85),
        ("1m", post, 0.85),
        ("3m", post - 0.2, 0.75),
        ("12m", post - 0.3, 0.6),
    ):
        if rng.random() > p_obs:
            continue
        value = pre_vas if mean is None else min(pre_vas, _pain(rng, mean + shift))
        rows.append(
            {
                "patient_id": pid,
                "procedure_id": proc_id,
                "timepoint": tp,
                "measure": "pain_vas",
                "value": value,
            }
        )
    mob_pre = float(rng.choice([0, 1, 2, 3, 4], p=[0.1, 0.2, 0.3, 0.25, 0.15]))
    rows.append(
        {
            "patient_id": pid,
            "procedure_id": proc_id,
            "timepoint": "pre",
            "measure": "mobility",
            "value": mob_pre,
        }
    )
    if rng.random() < 0.85:
        mob_post = float(max(0.0, mob_pre - rng.choice([0, 1, 2], p=[0.3, 0.5, 0.2])))
        rows.append(
            {
                "patient_id": pid,
                "procedure_id": proc_id,
                "timepoint": "1m",
                "measure": "mobility",
                "value": mob_post,
            }
        )
    return rows


def _procedure_rows(
    rng: np.random.Generator,
    pid: str,
    proc_id: str,
    day: int,
    levels: list[str],
    repeat: bool,
    indication: str,
    p: SynthParams,
) -> list[dict[str, object]]:
    technique = "kyphoplasty" if rng.random() < 0.3 else "vertebroplasty"
    cement = "Cortoss" if rng.random() < 0.05 else "PMMA"
    rows = []
    for level in levels:
        mean = p.cement_repeat_ml if repeat else p.cement_initial_ml
        leak = "none"
        if rng.random() < 0.18:
            leak = str(
                rng.choice(
                    ["disc", "venous", "paravertebral", "disc;venous"], p=[0.4, 0.35, 0.15, 0.1]
                )
            )
        rows.append(
            {
                "procedure_id": proc_id,
                "patient_id": pid,
                "day": day,
                "level": level,
                "technique": technique,
                "is_repeat": repeat,
                "approach": "bipedicular" if rng.random() < 0.6 else "unipedicular",
                "cement_type": cement,
                "cement_volume_ml": round(float(np.clip(rng.normal(mean, 1.2), 1.0, 14.0)), 1),
                "leakage": leak,
                "cleft": bool(rng.random() < (0.8 if repeat else 0.15)),
                "indication": indication,
            }
        )
    return rows


def _events(
    rng: np.random.Generator, p: SynthParams, pathologic: bool
) -> tuple[int, bool, int | None]:
    followup = int(rng.integers(365, 1096)) if rng.random() > 0.12 else int(rng.integers(30, 365))
    p_death = 0.4 if pathologic else 0.06
    death = int(rng.integers(30, followup + 1)) if rng.random() < p_death else None
    return (death if death is not None else followup), death is not None, death


def _composition(n: int, p: SynthParams, seed: int) -> list[tuple[bool, bool]]:
    """Exactly round(n * p) pathologic fractures and women, in a seeded random order."""
    rng = np.random.default_rng([seed, 1])
    pathologic = rng.permutation(np.arange(n) < round(n * p.p_pathologic))
    women = rng.permutation(np.arange(n) < round(n * p.p_women))
    return [(bool(a), bool(b)) for a, b in zip(pathologic, women, strict=True)]


def synthesize(n_patients: int, seed: int = 20261121, params: SynthParams | None = None) -> Cohort:
    """Generate a validated synthetic cohort of ``n_patients`` patients.

    Parameters
    ----------
    n_patients
        Number of patients (each has an index procedure on day 0).
    seed
        Seed of ``numpy.random.default_rng``; the same seed gives the same cohort.
    params
        Calibration; defaults reproduce the published figures.
    """
    if n_patients < 1:
        raise ValueError("n_patients must be at least 1")
    p = params or SynthParams()
    rng = np.random.default_rng(seed)
    fixed = _composition(n_patients, p, seed) if p.exact_composition else None
    patients, procedures, assessments, fractures = [], [], [], []
    for k in range(1, n_patients + 1):
        pid = f"VA{k:04d}"
        pt = _patient(rng, pid, p, None if fixed is None else fixed[k - 1])
        pathologic = pt["etiology"] == "pathologic"
        followup, died, death_day = _events(rng, p, pathologic)
        pt.update(followup_days=followup, died=died, death_day=death_day)
        patients.append(pt)
        levels = _levels_for(rng)
        proc_id = f"{pid}-1"
        procedures += _procedure_rows(rng, pid, proc_id, 0, levels, False, "initial", p)
        assessments += _assessments(rng, pid, proc_id, p.pain_pre, p.pain_post, pathologic)
        session = 1
        if rng.random() < p.p_same_level:
            day = int(rng.integers(8, 168))
            if day < followup:
                session += 1
                rid = f"{pid}-{session}"
                procedures += _procedure_rows(
                    rng, pid, rid, day, [levels[0]], True, "recurrent_pain", p
                )
                assessments += _assessments(rng, pid, rid, 8.6, 2.5, False)
        if rng.random() < p.p_new_fracture:
            adjacent = rng.random() < p.p_adjacent
            mean = p.adjacent_mean_days if adjacent else p.remote_mean_days
            day = int(max(1, round(rng.gamma(2.0, mean / 2.0))))
            if day <= followup:
                level = _new_fracture_level(rng, levels, adjacent)
                fractures.append(
                    {
                        "patient_id": pid,
                        "day": day,
                        "level": level,
                        "symptomatic": bool(rng.random() < 0.85),
                        "trauma": bool(rng.random() < 0.2),
                    }
                )
                if rng.random() < 0.5 and level not in levels:
                    session += 1
                    fid = f"{pid}-{session}"
                    procedures += _procedure_rows(
                        rng,
                        pid,
                        fid,
                        day + int(rng.integers(3, 21)),
                        [level],
                        False,
                        "new_fracture",
                        p,
                    )
    procs = pd.DataFrame(procedures)
    procs = procs[
        procs["day"]
        <= procs["patient_id"].map({q["patient_id"]: q["followup_days"] for q in patients})
    ]
    volumes = procs.groupby("procedure_id")["cement_volume_ml"]
    complete = procs["cement_volume_ml"].notna().groupby(procs["procedure_id"]).transform("all")
    procs = procs.assign(session_cement_volume_ml=volumes.transform("sum").round(6).where(complete))
    return Cohort.from_frames(
        pd.DataFrame(patients), procs, _within_follow_up(assessments, procs, patients), pd.DataFrame(fractures)
    )  # fmt: skip


# Days after its session at which each time point's score is taken.
_DUE = {"pre": 0, "24h": 1, "1w": 7, "1m": 30, "3m": 90, "6m": 180, "12m": 365}


def _within_follow_up(
    assessments: list[dict[str, object]], procs: pd.DataFrame, patients: list[dict[str, object]]
) -> pd.DataFrame:
    """The scores due by the end of each patient's follow-up (death or last contact): no
    score after a patient died or was last seen, none of a session not performed. A
    score is dated after death as the loader dates it (a month the calendar's mean,
    :func:`analysis.schema.timepoints.timepoint_day`), so the loader finds none."""
    frame = pd.DataFrame(assessments)
    if frame.empty:
        return frame
    day_of = procs.drop_duplicates("procedure_id").set_index("procedure_id")["day"]
    end = {q["patient_id"]: q["followup_days"] for q in patients}
    start = frame["procedure_id"].map(day_of)
    due = start + frame["timepoint"].map(_DUE)
    death = {q["patient_id"]: q["death_day"] for q in patients if q["died"]}
    taken = start + frame["timepoint"].map({t: timepoint_day(t) for t in _DUE}).astype(float)
    after_death = taken > frame["patient_id"].map(death).astype(float)
    return frame[(due <= frame["patient_id"].map(end)) & ~after_death].reset_index(drop=True)
