"""The report's shortcuts give what the plain computation gives: GEEs with their
clusters ordered once, deaths before each time point looked up once, Table 1's per-patient
values and repeat augmentation from coded identifiers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.schema.timepoints import timepoint_day
from analysis.stats import gee_coefficient
from analysis.stats.outcomes.selection import deaths_before, died_before, measure_wide
from analysis.synth import synthesize
from analysis.tables.table_one import _patient_values, repeat_augmentation
from tests.reference_values import REFERENCE

TIMEPOINTS = ["pre", "24h", "1w", "1m", "3m", "12m"]


@pytest.fixture(scope="module")
def cohort():  # type: ignore[no-untyped-def]
    return synthesize(400, seed=7)


@pytest.mark.parametrize("family", ["gaussian", "binomial"])
def test_gee_with_its_cluster_order_given_is_the_same_fit(family: str) -> None:
    data = pd.read_csv(REFERENCE / "gee_input.csv")
    # integer IDs (text order "10" < "9" is not their order), rows shuffled, one ID missing
    data = data.sample(frac=1.0, random_state=3).reset_index(drop=True)
    data["patient_id"] = pd.factorize(data["patient_id"])[0].astype(float) * 7
    data.loc[5, "patient_id"] = np.nan
    outcome, term = ("cement_volume_ml", "repeated") if family == "gaussian" else ("any_leakage", "kyphoplasty")  # fmt: skip
    order = pd.factorize(data["patient_id"].astype(str), sort=True)[0]
    plain = gee_coefficient(data, outcome, term, "patient_id", family)
    given = gee_coefficient(data, outcome, term, "patient_id", family, cluster_order=order)
    assert given == plain
    shuffled = gee_coefficient(data, outcome, term, "patient_id", family, cluster_order=-order)
    assert shuffled.n_used == plain.n_used
    assert shuffled.estimate == pytest.approx(plain.estimate, rel=1e-9)


def test_deaths_before_each_time_point_equal_the_day_by_day_lookup(cohort) -> None:  # type: ignore[no-untyped-def]
    wide = measure_wide(cohort, "pain_vas", TIMEPOINTS)
    procs, pts = cohort.procedures, cohort.patients
    start = pd.to_numeric(procs["day"], errors="coerce").astype(float)
    start_of = start.groupby(procs["procedure_id"].astype(str).to_numpy()).first()
    death = pd.to_numeric(pts["death_day"], errors="coerce").where(pts["died"].fillna(False).astype(bool))  # fmt: skip
    death_of = pd.Series(death.to_numpy(float), index=pts["patient_id"].astype(str).to_numpy())
    death_day = death_of.reindex(wide["patient_id"].astype(str)).to_numpy(float)
    got = deaths_before(cohort, wide, TIMEPOINTS)
    dead = 0
    for t in TIMEPOINTS:
        due = timepoint_day(t)
        start_day = start_of.reindex(wide.index.astype(str)).to_numpy(float)
        expected = np.zeros(len(wide), dtype=bool) if due is None else death_day < start_day + due
        np.testing.assert_array_equal(got[t], expected)
        np.testing.assert_array_equal(died_before(cohort, wide, t), expected)
        dead += int(expected.sum())
    assert dead > 0  # the synthetic cohort has deaths before some scores were due


def test_patient_values_keep_each_patients_first_recorded_vertebra(cohort) -> None:  # type: ignore[no-untyped-def]
    verts = cohort.procedures.sample(frac=1.0, random_state=1)  # patients' rows interleaved
    frame = verts.assign(value=verts["is_repeat"].astype(float), group=verts["technique"])
    frame.loc[frame.index[::3], "value"] = np.nan
    frame = frame.assign(value=frame.groupby("patient_id")["value"].transform("max"))
    frame.loc[frame.index[::4], "value"] = np.nan
    got = _patient_values(frame, "value", "group")
    key = frame["patient_id"].astype(str)
    first = frame.assign(_key=key, _unrecorded=frame["value"].isna())
    first = first.sort_values(["_key", "_unrecorded"], kind="stable")
    first = first.loc[~first["_key"].duplicated().to_numpy()].sort_index()
    expected = first[["patient_id", "value", "group"]].reset_index(drop=True)
    assert got is not None
    pd.testing.assert_frame_equal(got, expected)
    assert got["value"].notna().sum() < len(got)  # some patients without a recorded value


def test_repeat_augmentation_per_patient(cohort) -> None:  # type: ignore[no-untyped-def]
    got = repeat_augmentation(cohort)
    procs = cohort.procedures
    key = procs["patient_id"].astype(str).to_numpy()
    flags = procs["is_repeat"].astype("boolean")
    ids = cohort.patients["patient_id"].astype(str)
    yes = flags.fillna(False).astype(bool).groupby(key).any().reindex(ids, fill_value=False)
    seen = flags.notna().groupby(key).any().reindex(ids, fill_value=False)
    assert got.tolist() == [(bool(y) if s else pd.NA) for y, s in zip(yes, seen, strict=True)]
    assert got.sum() > 0


@pytest.mark.parametrize("repeated", [False, True])
def test_deaths_before_read_each_patients_first_row_and_none_for_an_unknown_patient(
    cohort, repeated: bool
) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    wide = measure_wide(cohort, "pain_vas", TIMEPOINTS)
    pts = cohort.patients
    plain = deaths_before(cohort, wide, TIMEPOINTS)
    dying = np.logical_or.reduce([plain[t] for t in TIMEPOINTS])
    first, missing = wide.loc[dying, "patient_id"].unique()[:2]  # each died before a score
    kept = pts[pts["patient_id"] != missing]  # a patient of the sessions not in the table
    if repeated:  # a second row of the first patient, alive: the first row is the one read
        kept = pd.concat([kept, kept[kept["patient_id"] == first].assign(died=False)])
    got = deaths_before(replace(cohort, patients=kept.reset_index(drop=True)), wide, TIMEPOINTS)
    rows = (wide["patient_id"] == missing).to_numpy()
    assert rows.any() and (wide["patient_id"] == first).any()
    for t in TIMEPOINTS:
        np.testing.assert_array_equal(got[t][~rows], plain[t][~rows])
        assert not got[t][rows].any()  # no death day known: never "died before"
    assert (dying & rows).any() and (dying & (wide["patient_id"] == first).to_numpy()).any()


def test_patient_values_with_the_patients_coded_are_those_without(cohort) -> None:  # type: ignore[no-untyped-def]
    verts = cohort.procedures.sample(frac=1.0, random_state=2).reset_index(drop=True)
    same = verts.groupby("patient_id")["technique"].transform("first").astype(str)
    frame = verts.assign(same=same, group=verts["technique"])
    frame.loc[frame.index[::5], "same"] = np.nan  # some vertebrae without it
    # the codes of the patients need not be dense nor in order of appearance
    codes = pd.factorize(frame["patient_id"].astype(str), sort=True)[0] * 3 + 5
    coded = _patient_values(frame, "same", "group", codes)
    assert coded is not None
    pd.testing.assert_frame_equal(coded, _patient_values(frame, "same", "group"))
    assert _patient_values(frame, "level", "group", codes) is None  # differs within patients
    assert _patient_values(frame, "level", "group") is None


def test_deaths_follow_a_patient_renamed_in_place(cohort) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    c = dataclasses.replace(cohort, patients=cohort.patients.copy())
    wide = measure_wide(c, "pain_vas", TIMEPOINTS)
    before = deaths_before(c, wide, TIMEPOINTS)["12m"]
    assert before.any()
    dead = wide["patient_id"].astype(str)[before].iloc[0]
    row = c.patients.index[c.patients["patient_id"].astype(str) == dead][0]
    c.patients.loc[row, "patient_id"] = "RENAMED"  # the patient's scores now have none
    after = deaths_before(c, wide, TIMEPOINTS)["12m"]
    assert not after[(wide["patient_id"].astype(str) == dead).to_numpy()].any()
    assert after.sum() < before.sum()


def test_sessions_counted_from_the_codes_are_nunique(cohort) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from analysis.stats.outcomes.selection import count_sessions, session_rows

    procs = cohort.procedures.copy()
    procs.loc[procs.index[:3], "procedure_id"] = pd.NA  # missing: not a session
    c = dataclasses.replace(cohort, procedures=procs)
    assert count_sessions(c) == procs["procedure_id"].nunique()
    for chosen in (session_rows(c, "index"), ~session_rows(c, "index")):
        assert count_sessions(c, chosen) == procs["procedure_id"][chosen].nunique()
    assert 0 < count_sessions(c, ~session_rows(c, "index")) < count_sessions(c)
