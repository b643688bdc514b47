"""New-fracture classification, analysis datasets and survival invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.schema import Cohort
from analysis.stats.fractures.classify import (
    classify_fractures,
    time_to_fracture,
    vertebrae_at_risk,
)
from analysis.stats.survival.competing import cumulative_incidence
from analysis.stats.survival.kaplan_meier import kaplan_meier


def _cohort() -> Cohort:
    pts = pd.DataFrame(
        {
            "patient_id": ["A", "B", "C", "D"],
            "followup_days": [400, 300, 500, 200],
            "died": [False, True, False, False],
            "death_day": [None, 250, None, None],
        }
    )
    procs = pd.DataFrame(
        {
            "procedure_id": ["A-1", "A-1", "A-2", "B-1", "C-1", "D-1"],
            "patient_id": ["A", "A", "A", "B", "C", "D"],
            "day": [0, 0, 100, 0, 0, 0],
            "level": ["T12", "L2", "L4", "L1", "T8", "L5"],
        }
    )
    fx = pd.DataFrame(
        {
            "patient_id": ["A", "A", "A", "C", "C", "D"],
            "day": [50, 100, 150, 90, 90, 60],
            "level": ["L1", "L4", "L5", "T6", "T9", "S1"],
        }
    )
    return Cohort.from_frames(patients=pts, procedures=procs, fractures=fx)


def test_fractures_are_classified_against_vertebrae_treated_before() -> None:
    fx = classify_fractures(_cohort()).set_index(["patient_id", "day", "level"])
    # L1 is a sandwich level between treated T12 and L2: adjacent to both
    assert fx.loc[("A", 50, "L1"), "fracture_class"] == "adjacent"
    # L4 fractured on the day it was treated: not treated before, L2 is 2 away
    assert fx.loc[("A", 100, "L4"), "fracture_class"] == "remote"
    assert fx.loc[("A", 100, "L4"), "distance"] == 2
    # after the day-100 session L4 is treated, so L5 at day 150 is adjacent
    assert fx.loc[("A", 150, "L5"), "fracture_class"] == "adjacent"
    assert fx.loc[("A", 150, "L5"), "nearest_treated_level"] == "L4"
    assert fx.loc[("C", 90, "T6"), "distance"] == 2
    assert fx.loc[("C", 90, "T9"), "fracture_class"] == "adjacent"
    # L5-S1 is adjacent across the lumbosacral junction
    assert fx.loc[("D", 60, "S1"), "fracture_class"] == "adjacent"


def test_patient_dataset_first_fracture_death_and_censoring() -> None:
    ttf = time_to_fracture(_cohort()).set_index("patient_id")
    assert ttf.loc["A", "time"] == 50 and ttf.loc["A", "cause"] == "adjacent"
    assert ttf.loc["B", "time"] == 250 and ttf.loc["B", "cause"] == "death"
    assert ttf.loc["B", "fracture"] == 0
    # two fractures on C's first day: the closest class wins
    assert ttf.loc["C", "cause"] == "adjacent"
    assert list(ttf.index) == ["A", "B", "C", "D"]  # nobody dropped


def test_vertebra_dataset_flags() -> None:
    v = vertebrae_at_risk(_cohort(), "T10", "L3").set_index(["patient_id", "level"])
    assert ("A", "T12") not in v.index  # treated at index: not at risk
    assert v.loc[("A", "L1"), "sandwich"] == 1
    assert v.loc[("A", "L1"), "event"] == 1 and v.loc[("A", "L1"), "time"] == 50
    assert v.loc[("A", "T11"), "adjacent"] == 1 and v.loc[("A", "T11"), "junction"] == 1
    assert v.loc[("A", "T10"), "distance"] == 2 and v.loc[("A", "T10"), "junction"] == 0
    assert v.loc[("B", "T12"), "time"] == 250  # death ends B's time at risk
    assert len(v) == 4 * 6 - 3  # 6 levels per patient, minus A's T12, L2 and B's L1


def test_classification_does_not_depend_on_row_order() -> None:
    c = _cohort()
    shuffled = Cohort.from_frames(
        patients=c.patients.sample(frac=1, random_state=1),
        procedures=c.procedures.sample(frac=1, random_state=2),
        fractures=c.fractures.sample(frac=1, random_state=3),
    )
    a = classify_fractures(c)
    b = classify_fractures(shuffled)
    pd.testing.assert_frame_equal(a, b)


def test_demo_like_cohort_classes(small_cohort: Cohort) -> None:
    fx = classify_fractures(small_cohort)
    assert len(fx) == len(small_cohort.fractures)
    assert set(fx["fracture_class"].astype(str)) <= {
        "same_level",
        "adjacent",
        "remote",
        "unclassified",
    }
    assert (fx["fracture_class"] == "adjacent").eq(fx["distance"] == 1).all()


survival_data = st.lists(st.tuples(st.integers(1, 60), st.integers(0, 3)), min_size=2, max_size=80)


@settings(max_examples=60, deadline=None)
@given(survival_data)
def test_kaplan_meier_is_non_increasing_within_unit_interval(rows: list[tuple[int, int]]) -> None:
    t = np.array([r[0] for r in rows], dtype=float)
    e = np.array([r[1] > 0 for r in rows], dtype=int)
    s = kaplan_meier(t, e).curve().table["survival"].to_numpy()
    assert np.all((s >= 0) & (s <= 1))
    assert np.all(np.diff(s) <= 1e-15)


@settings(max_examples=60, deadline=None)
@given(survival_data)
def test_cumulative_incidences_and_overall_survival_sum_to_one(rows: list[tuple[int, int]]) -> None:
    t = np.array([r[0] for r in rows], dtype=float)
    code = np.array([r[1] for r in rows])
    if not (code > 0).any():
        return
    labels = np.array(["censored", "adjacent", "remote", "death"])[code]
    ci = cumulative_incidence(t, labels)
    grid = np.unique(t)
    total = sum(ci.curve(c).at(grid)["estimate"].to_numpy() for c in ci.causes)
    km = kaplan_meier(t, code > 0).curve().at(grid)["survival"].to_numpy()
    ok = ~np.isnan(km)
    assert np.allclose(total[ok] + km[ok], 1.0)


def test_missing_follow_up_is_excluded_and_counted() -> None:
    km = kaplan_meier([10, np.nan, 30, 40], [1, 1, 0, np.nan])
    assert km.n_excluded == 2
    assert km.curve().n == 2
    with pytest.raises(ValueError, match="negative"):
        kaplan_meier([-1, 5], [1, 0])


def test_interval_censored_fractures_lie_between_visits() -> None:
    from analysis.stats import fracture_intervals, interval_censored_survival

    iv = fracture_intervals(_cohort(), visit_days=(0, 30, 90, 180, 365)).set_index("patient_id")
    assert tuple(iv.loc["A", ["lower", "upper"]]) == (30.0, 50.0)  # found day 50, last visit day 30
    assert iv.loc["B", "upper"] == np.inf and iv.loc["B", "lower"] == 250  # censored at death
    res = interval_censored_survival(iv["lower"], iv["upper"])
    assert res.n_used == 4 and res.n_interval == 3
    upper = res.table["survival_upper"].to_numpy()
    assert np.all(np.diff(upper) <= 1e-12) and upper[0] <= 1.0
    assert "Turnbull" in res.method


def test_time_to_fracture_is_reused_only_while_the_cohort_is_unchanged() -> None:
    from analysis.stats import time_to_fracture
    from analysis.synth import synthesize

    cohort = synthesize(60, seed=20261121)
    first = time_to_fracture(cohort)
    first.loc[0, "time"] = -1  # a caller's copy: changing it changes nothing
    again = time_to_fracture(cohort)
    assert again.loc[0, "time"] != -1
    cohort.patients.loc[cohort.patients.index[0], "followup_days"] = 1  # edited in place
    assert (
        time_to_fracture(cohort).loc[0, "time"] != again.loc[0, "time"]
        or again.loc[0, "fracture"] == 1
    )


def test_session_cement_volume_uses_the_total_never_a_partial_sum() -> None:
    import numpy as np
    import pandas as pd

    from analysis.stats import session_cement_volume

    rows = pd.DataFrame(
        {
            "patient_id": ["A", "A", "B", "B", "C", "C", "D"],
            "cement_volume_ml": [2.0, 3.0, np.nan, np.nan, 2.6, np.nan, np.nan],
            "session_cement_volume_ml": [5.0, 5.0, 9.1, 9.1, np.nan, np.nan, np.nan],
        }
    )
    got = session_cement_volume(rows)
    assert got["A"] == 5.0 and got["B"] == 9.1  # every vertebra's volume; the recorded total
    assert np.isnan(got["C"]) and np.isnan(got["D"])  # one of two volumes: no sum; nothing
