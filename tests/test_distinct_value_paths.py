"""Per-row computations done once per distinct value give what the per-row ones gave."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.levels import LEVELS, level_index
from analysis.stats.fractures.classify import _level_codes
from analysis.stats.outcomes.model_terms import level_counts


def _level_codes_by_row(levels: pd.Series) -> np.ndarray:
    return np.asarray([np.nan if pd.isna(v) else level_index(str(v)) for v in levels], dtype=float)


@pytest.mark.parametrize(
    "levels",
    [
        pd.Series(pd.Categorical(["L1", None, "T12", "L1", "S1"], categories=LEVELS, ordered=True)),
        pd.Series(["C7", None, "T1", "C7"], dtype="string"),
        pd.Series([], dtype="string"),
    ],
)
def test_level_codes(levels: pd.Series) -> None:
    np.testing.assert_array_equal(_level_codes(levels), _level_codes_by_row(levels))


def test_an_unknown_level_is_named() -> None:
    with pytest.raises(ValueError, match="'L9' is not a canonical vertebral level"):
        _level_codes(pd.Series(["L1", "L9", "L1"]))


def _level_counts_by_group(used: pd.DataFrame, covariates: list[str], event: str) -> pd.DataFrame:
    rows, ev = [], used[event].astype(float) > 0
    for c in covariates:
        for level, group in used.groupby(used[c].astype(str), sort=True):
            rows.append({"covariate": c, "level": str(level), "n_subjects": len(group), "n_events": int(ev[group.index].sum())})  # fmt: skip
    return pd.DataFrame(rows, columns=["covariate", "level", "n_subjects", "n_events"])


def test_level_counts() -> None:
    rng = np.random.default_rng(20261121)
    n = 500
    used = pd.DataFrame(
        {
            "sex": pd.Categorical(rng.choice(["female", "male"], n)),
            "steroid_use": pd.array(rng.choice([True, False], n), dtype="boolean"),
            "disc_leakage": rng.choice([0.0, 1.0], n),
            "technique": pd.array(rng.choice(["kyphoplasty", "vertebroplasty"], n), dtype="string"),
            "with_missing": rng.choice([0.0, 1.0, np.nan], n),
            "event": rng.integers(0, 2, n),
        },
        index=rng.permutation(n) + 100,
    )
    covariates = ["sex", "steroid_use", "disc_leakage", "technique", "with_missing"]
    expected = _level_counts_by_group(used, covariates, "event")
    pd.testing.assert_frame_equal(level_counts(used, covariates, "event"), expected)


def test_repeat_pairs_are_the_merge_of_first_initial_and_first_repeat() -> None:
    from analysis.figures.outcomes import _repeat_pairs

    rng = np.random.default_rng(20261121)
    n = 400
    v = pd.DataFrame(
        {
            "patient_id": pd.array(rng.choice([f"P{i}" for i in range(60)], n), dtype="string"),
            "level": pd.Categorical(rng.choice(["L1", "L2", "T12", None], n), categories=LEVELS),
            "_g": pd.array(rng.choice(["initial", "repeat"], n, p=[0.7, 0.3]), dtype="string"),
            "cement_volume_ml": rng.uniform(1, 8, n).round(1),
        },
        index=rng.permutation(n) * 3,
    )
    v["_x"] = rng.uniform(-0.1, 1.1, n)
    v["_key"] = v["patient_id"].astype(str) + "|" + v["level"].astype(str)
    cols = ["_key", "_x", "cement_volume_ml"]
    first = v[v["_g"] == "initial"][cols].drop_duplicates("_key")
    again = v[v["_g"] == "repeat"][cols].drop_duplicates("_key")
    both = first.merge(again, on="_key", suffixes=("_i", "_r"))
    expected = both[["_x_i", "_x_r", "cement_volume_ml_i", "cement_volume_ml_r"]].to_numpy(float)
    rows_of = {g: (v["_g"] == g).to_numpy(dtype=bool) for g in ("initial", "repeat")}
    got = _repeat_pairs(v, rows_of, v["_x"].to_numpy(), v["cement_volume_ml"].to_numpy())
    assert len(expected) > 20
    np.testing.assert_array_equal(got, expected)


def _joined(procs: pd.DataFrame, patients: pd.DataFrame) -> pd.DataFrame:
    from analysis.stats.outcomes.cement import PATIENT_COLUMNS

    return procs.join(patients.set_index("patient_id")[PATIENT_COLUMNS], on="patient_id")


def test_patient_columns_are_the_join() -> None:
    from analysis.stats.outcomes.cement import _with_patient_columns
    from analysis.synth import synthesize

    cohort = synthesize(80, seed=20261121)
    procs, pts = cohort.procedures.copy(), cohort.patients.copy()
    pts.loc[pts.index[:4], ["age_years", "steroid_use", "etiology"]] = [np.nan, pd.NA, np.nan]
    stray = procs.index[5:8]
    procs.loc[stray, "patient_id"] = "NOT-A-PATIENT"  # no patient row: missing columns
    procs.index = procs.index * 2 + 1
    cases = [
        (procs, pts),
        (cohort.procedures, cohort.patients),
        (procs.assign(patient_id=procs["patient_id"].astype(object)), pts),  # not text: joined
        (procs, pd.concat([pts, pts.iloc[:2]])),  # a patient twice: joined
        (procs.assign(patient_id=procs["patient_id"].where(procs.index != procs.index[0])), pts),
    ]
    for p, t in cases:
        pd.testing.assert_frame_equal(_with_patient_columns(p, t), _joined(p, t))
    with pytest.raises(ValueError, match="columns overlap"):
        _with_patient_columns(procs.assign(sex="x"), pts)


def test_mixed_model_counts_patients_as_nunique() -> None:
    from analysis.stats import fit_mixed_model

    rng = np.random.default_rng(20261121)
    n = 300
    long = pd.DataFrame(
        {
            "patient_id": pd.array(rng.choice([f"P{i}" for i in range(40)], n), dtype="string"),
            "timepoint": rng.choice(["pre", "1m", "3m"], n),
            "value": np.where(rng.random(n) < 0.1, np.nan, rng.integers(0, 11, n)),
        }
    )
    model = fit_mixed_model(long, "pain_vas", ("pre", "1m", "3m"))
    assert model.n_patients == long.dropna(subset=["value"])["patient_id"].nunique()
    with pytest.raises(ValueError, match="at least 2 patients"):
        fit_mixed_model(long.assign(patient_id="P1"), "pain_vas", ("pre", "1m", "3m"))


def test_vertebra_frame_matches_patients_again_when_identifiers_change() -> None:
    """The patients matched to a cohort's procedures are reused only while both
    identifier columns are unchanged."""
    import dataclasses

    from analysis.stats import vertebra_frame
    from analysis.synth import synthesize

    base = synthesize(60, seed=20261121)
    cohort = dataclasses.replace(base, procedures=base.procedures.copy())
    first = vertebra_frame(cohort, "index")
    assert vertebra_frame(cohort, "index").equals(first)
    # the first vertebra's patient changed in place: its patient columns follow
    procs = cohort.procedures
    other = cohort.patients.iloc[-1]
    procs.loc[procs.index[0], "patient_id"] = other["patient_id"]
    again = vertebra_frame(cohort, "all")
    assert again.loc[again.index[0], "age_years"] == other["age_years"]
    pd.testing.assert_frame_equal(
        again[["patient_id", "age_years", "etiology"]].reset_index(drop=True),
        _joined(procs, cohort.patients)[["patient_id", "age_years", "etiology"]].reset_index(
            drop=True
        ),
    )
    # another cohort: its own patients
    pd.testing.assert_frame_equal(vertebra_frame(base, "index"), first)
