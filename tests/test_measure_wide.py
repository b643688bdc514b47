"""``measure_wide`` against the pivot-table definition it replaced, on awkward data."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from analysis.schema import Cohort
from analysis.stats import measure_wide, session_ids
from analysis.stats.outcomes.selection import session_rows
from analysis.synth import synthesize

TIMEPOINTS = ["pre", "24h", "1w", "1m", "3m", "12m"]


def pivot_reference(cohort: Cohort, measure: str, timepoints: list[str], sessions: str) -> pd.DataFrame:  # fmt: skip
    """The former implementation: text identifiers, ``pivot_table(aggfunc="first")``."""
    ids = session_ids(cohort, sessions)  # type: ignore[arg-type]
    a = cohort.assessments
    a = a[(a["measure"] == measure) & a["procedure_id"].astype(str).isin(ids)]
    wide = a.pivot_table(
        index=a["procedure_id"].astype(str),
        columns=a["timepoint"].astype(str),
        values="value",
        aggfunc="first",
    )
    wide = wide.reindex(index=ids, columns=timepoints)
    procs = cohort.procedures.drop_duplicates("procedure_id")
    owner = procs.set_index(procs["procedure_id"].astype(str))["patient_id"]
    wide.insert(0, "patient_id", owner.reindex(ids).astype(str).to_numpy())
    wide.columns.name = None
    return wide


@pytest.fixture(scope="module")
def awkward() -> Cohort:
    """Shuffled rows, cells given twice (a missing value before the value, or two
    values), sessions without any assessment, missing values and time points."""
    base = synthesize(120, seed=20261121)
    rng = np.random.default_rng(20261121)
    a = base.assessments.sample(frac=1.0, random_state=7).reset_index(drop=True)
    a.loc[rng.random(len(a)) < 0.1, "value"] = np.nan
    twice = a.sample(40, random_state=8).copy()
    twice["value"] = rng.integers(0, 11, len(twice)).astype(float)
    nan_first = a.sample(30, random_state=9).copy()
    nan_first["value"] = np.nan
    a = pd.concat([nan_first, a, twice], ignore_index=True)
    a.loc[a.sample(15, random_state=10).index, "timepoint"] = np.nan
    silent = set(base.procedures["procedure_id"].drop_duplicates().sample(25, random_state=11))
    a = a[~a["procedure_id"].isin(silent)].reset_index(drop=True)
    return dataclasses.replace(base, assessments=a)


@pytest.mark.parametrize("sessions", ["index", "repeat", "all"])
@pytest.mark.parametrize(
    ("measure", "timepoints"),
    [("pain_vas", TIMEPOINTS), ("pain_vas", ["1m", "pre"]), ("mobility", ["pre", "1m", "pre"])],
)
def test_measure_wide_equals_the_pivot_table(
    awkward: Cohort, measure: str, timepoints: list[str], sessions: str
) -> None:
    expected = pivot_reference(awkward, measure, timepoints, sessions)
    got = measure_wide(awkward, measure, timepoints, sessions)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.index.equals(session_ids(awkward, sessions))  # type: ignore[arg-type]
    assert got.index.dtype == expected.index.dtype and got.columns.dtype == expected.columns.dtype
    assert got[timepoints].isna().all(axis=1).any()  # silent sessions kept, all missing


def test_first_recorded_value_of_a_cell_wins(awkward: Cohort) -> None:
    a = awkward.assessments
    doubled = a[a.duplicated(["procedure_id", "timepoint", "measure"], keep=False)]
    assert doubled["value"].notna().groupby([doubled["procedure_id"], doubled["timepoint"]], observed=True).sum().max() > 1  # fmt: skip
    wide = measure_wide(awkward, "pain_vas", TIMEPOINTS, "all")
    pain = a[(a["measure"] == "pain_vas") & a["value"].notna() & a["timepoint"].notna()]
    first = pain.groupby([pain["procedure_id"].astype(str), pain["timepoint"].astype(str)])["value"].first()  # fmt: skip
    for (proc, tp), value in first.items():
        if tp in TIMEPOINTS:
            assert wide.loc[proc, tp] == value


def test_measure_wide_compares_identifiers_as_text() -> None:
    base = synthesize(20, seed=20261121)
    procs = base.procedures.assign(procedure_id=base.procedures["procedure_id"].astype(object))
    a = base.assessments.assign(procedure_id=base.assessments["procedure_id"].astype(object))
    cohort = dataclasses.replace(base, procedures=procs, assessments=a)
    expected = pivot_reference(cohort, "pain_vas", ["pre", "1m"], "index")
    pd.testing.assert_frame_equal(measure_wide(cohort, "pain_vas", ["pre", "1m"]), expected)


def test_missing_identifiers_read_as_text() -> None:
    """A missing identifier reads "<NA>" as text, as before: assessments without one go
    to a session without one."""
    base = synthesize(20, seed=20261121)
    procs, a = base.procedures.copy(), base.assessments.copy()
    procs.loc[procs.index[0], "procedure_id"] = pd.NA
    a.loc[a.index[:5], "procedure_id"] = pd.NA
    cohort = dataclasses.replace(base, procedures=procs, assessments=a)
    expected = pivot_reference(cohort, "pain_vas", ["pre", "1m"], "index")
    got = measure_wide(cohort, "pain_vas", ["pre", "1m"])
    pd.testing.assert_frame_equal(got, expected)
    assert "<NA>" in got.index
    rows = session_rows(cohort, "index")
    np.testing.assert_array_equal(
        rows, procs["procedure_id"].astype(str).isin(session_ids(cohort)).to_numpy()
    )


def test_measure_wide_names_what_is_missing(awkward: Cohort) -> None:
    with pytest.raises(ValueError, match="unknown measure 'vas'"):
        measure_wide(awkward, "vas", ["pre"])
    with pytest.raises(ValueError, match=r"unknown time point\(s\) \['6 weeks'\]"):
        measure_wide(awkward, "pain_vas", ["pre", "6 weeks"])
    with pytest.raises(ValueError, match="sessions must be"):
        measure_wide(awkward, "pain_vas", ["pre"], "first")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no odi assessments in the index sessions"):
        measure_wide(awkward, "odi", ["pre"])


@pytest.mark.parametrize("sessions", ["index", "repeat", "all"])
def test_session_rows_are_the_rows_of_the_session_ids(awkward: Cohort, sessions: str) -> None:
    procs = awkward.procedures.copy()
    # a vertebra of a multi-level session that does not itself mark the session
    shared = procs.index[procs["procedure_id"].duplicated(keep="first").to_numpy()]
    procs.loc[shared[:3], "day"] = pd.NA
    procs.loc[shared[:3], "is_repeat"] = False
    for ids in (procs["procedure_id"], procs["procedure_id"].astype(object)):
        cohort = dataclasses.replace(awkward, procedures=procs.assign(procedure_id=ids))
        expected = ids.astype(str).isin(session_ids(cohort, sessions)).to_numpy()  # type: ignore[arg-type]
        got = session_rows(cohort, sessions)  # type: ignore[arg-type]
        np.testing.assert_array_equal(got, expected)
        assert 0 < got.sum() <= len(procs)
        if sessions == "index":
            assert got[procs.index.get_indexer(shared[:3])].all()


def test_identifiers_coded_again_when_the_cohort_changes(awkward: Cohort) -> None:
    """The coded identifiers of a cohort are reused only while its identifier columns
    are the same: an identifier changed in place, or another cohort, is coded afresh."""
    cohort = dataclasses.replace(
        awkward, assessments=awkward.assessments.copy(), procedures=awkward.procedures.copy()
    )
    before = measure_wide(cohort, "pain_vas", TIMEPOINTS, "all")
    assert measure_wide(cohort, "pain_vas", TIMEPOINTS, "all").equals(before)
    # one session's assessments moved to another session, in place
    a = cohort.assessments
    assessed = before.index[before[TIMEPOINTS].notna().any(axis=1)]
    first, second = assessed[0], assessed[1]
    a.loc[a["procedure_id"] == first, "procedure_id"] = second
    after = measure_wide(cohort, "pain_vas", TIMEPOINTS, "all")
    pd.testing.assert_frame_equal(after, pivot_reference(cohort, "pain_vas", TIMEPOINTS, "all"))
    assert after.loc[first, TIMEPOINTS].isna().all()
    assert not after.equals(before)
    # the other cohort again: its own sessions, not the last one's
    pd.testing.assert_frame_equal(
        measure_wide(awkward, "pain_vas", TIMEPOINTS, "all"),
        pivot_reference(awkward, "pain_vas", TIMEPOINTS, "all"),
    )
