"""The vertebrae's patients ranked by their IDs' text from the identifiers coded once per
cohort: the GEEs' clusters, and repeat-volume pairs, as from hashing and sorting text."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from analysis.schema import Cohort
from analysis.stats.outcomes import cement
from analysis.synth import synthesize


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    return synthesize(400, seed=20261206)


def _shuffled(c: Cohort) -> Cohort:
    """The same cohort with its patients listed in another order (IDs not ascending)."""
    order = np.random.default_rng(3).permutation(len(c.patients))
    return dataclasses.replace(c, patients=c.patients.iloc[order].reset_index(drop=True))


@pytest.mark.parametrize("sessions", ["index", "all"])
@pytest.mark.parametrize("shuffle", [False, True])
def test_the_order_is_that_of_the_ids_sorted_as_text(
    cohort: Cohort, sessions: str, shuffle: bool
) -> None:
    c = _shuffled(cohort) if shuffle else cohort
    order = cement.vertebra_patient_order(c, sessions)  # type: ignore[arg-type]
    ids = cement.vertebra_frame(c, sessions)["patient_id"].astype(str)  # type: ignore[arg-type]
    assert order is not None and len(order) == len(ids)
    expected = pd.factorize(ids, sort=True)[0]
    np.testing.assert_array_equal(np.unique(order, return_inverse=True)[1], expected)


def test_unmatched_patients_give_none(cohort: Cohort) -> None:
    procs = cohort.procedures.copy()
    procs.loc[procs.index[0], "patient_id"] = "NOT-A-PATIENT"
    assert cement.vertebra_patient_order(dataclasses.replace(cohort, procedures=procs)) is None


def test_the_gee_with_the_order_is_the_gee_without(cohort: Cohort) -> None:
    c = _shuffled(cohort)
    frame = cement.vertebra_frame(c)
    data = frame.assign(repeated=frame["is_repeat"].astype(float))[["cement_volume_ml", "repeated", "patient_id"]]  # fmt: skip
    args = (data, "cement_volume_ml", "repeated", "patient_id")
    assert cement.gee_coefficient(*args, cluster_order=cement.vertebra_patient_order(c)) == cement.gee_coefficient(*args)  # fmt: skip


def test_results_do_not_depend_on_the_patients_order(cohort: Cohort) -> None:
    c = _shuffled(cohort)
    assert cement.repeat_volume(c) == cement.repeat_volume(cohort)  # every number, exactly
    assert cement.leakage_clustered(c) == cement.leakage_clustered(cohort)
    assert cement.leakage_clustered(c, sessions="all") == cement.leakage_clustered(
        cohort, sessions="all"
    )
