"""The patient-level fracture dataset is reused only while the cohort behind it is the
same: every column it is built from is watched, and no other column matters."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from analysis.schema import Cohort
from analysis.stats.fractures.classify import DEPENDS_ON, _time_to_fracture, time_to_fracture
from analysis.synth import synthesize


@pytest.fixture(scope="module")
def base() -> Cohort:
    return synthesize(150, seed=20261121)


def _copy(cohort: Cohort) -> Cohort:
    return dataclasses.replace(
        cohort,
        patients=cohort.patients.copy(),
        procedures=cohort.procedures.copy(),
        assessments=cohort.assessments.copy(),
        fractures=cohort.fractures.copy(),
    )


def test_no_other_column_changes_the_dataset(base: Cohort) -> None:
    expected = _time_to_fracture(base)
    for table in ("patients", "procedures", "fractures"):
        frame = getattr(base, table)
        for name in frame.columns.difference(list(DEPENDS_ON[table])):
            shuffled = frame.assign(**{name: frame[name].to_numpy()[::-1]})
            assert not shuffled[name].equals(frame[name]) or frame[name].nunique() < 2
            other = dataclasses.replace(base, **{table: shuffled})
            pd.testing.assert_frame_equal(_time_to_fracture(other), expected, obj=f"{table}.{name}")
    empty = dataclasses.replace(base, assessments=base.assessments.iloc[:0])
    pd.testing.assert_frame_equal(_time_to_fracture(empty), expected)


def _index_volume(c: Cohort) -> None:
    first = c.procedures.index[c.procedures["day"].eq(0).to_numpy()][0]
    c.procedures.loc[first, "cement_volume_ml"] = 59.5


def _fracture_level(c: Cohort) -> None:
    c.fractures.loc[c.fractures.index[0], "level"] = "T4"


def _fracture_day(c: Cohort) -> None:
    c.fractures.loc[c.fractures.index[0], "day"] = 1


def _patient_order(c: Cohort) -> None:
    c.patients.sort_values("age_years", inplace=True, kind="stable")


def _dropped_covariate(c: Cohort) -> None:
    del c.patients["osteoporosis_treatment"]


def _age_dtype(c: Cohort) -> None:
    c.patients["age_years"] = c.patients["age_years"].astype("Float64")


def _patient_renamed(c: Cohort) -> None:
    old = c.patients["patient_id"].iloc[0]
    for frame in (c.patients, c.procedures, c.fractures):
        frame["patient_id"] = frame["patient_id"].replace(old, "ZZ9999")


@pytest.mark.parametrize(
    "edit",
    [_index_volume, _fracture_level, _fracture_day, _patient_order, _dropped_covariate,
     _age_dtype, _patient_renamed],
)  # fmt: skip
def test_a_cohort_edited_in_place_gets_a_fresh_dataset(
    base: Cohort, edit: Callable[[Cohort], None]
) -> None:
    cohort = _copy(base)
    before = time_to_fracture(cohort)
    edit(cohort)
    after = time_to_fracture(cohort)
    pd.testing.assert_frame_equal(after, _time_to_fracture(cohort))
    assert not after.equals(before)  # the edit mattered, so a stale copy would fail


def test_an_unchanged_cohort_reuses_its_dataset(base: Cohort) -> None:
    cohort = _copy(base)
    first = time_to_fracture(cohort)
    cohort.assessments.loc[cohort.assessments.index[0], "value"] = np.nan  # not a source
    again = time_to_fracture(cohort)
    pd.testing.assert_frame_equal(first, again)
    assert again is not first  # a copy each time
