"""Outcome statistics on a cohort: selection, counting, responders, cement, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.schema import Cohort
from analysis.stats import (
    change_from_baseline,
    improved,
    leakage_by,
    leakage_model,
    measure_wide,
    mixed_model,
    paired_change,
    repeat_volume,
    responders,
    responders_from_values,
    volume_by,
)
from analysis.stats.ranks import ranksum_distribution, signrank_distribution


def test_paired_change_uses_index_sessions_and_counts_missing(small_cohort: Cohort) -> None:
    wide = measure_wide(small_cohort, "pain_vas", ["pre", "1m"])
    res = paired_change(small_cohort, "pain_vas", "pre", "1m")
    complete = wide[["pre", "1m"]].notna().all(axis=1)
    assert res.n_pairs == int(complete.sum())
    assert res.n_pairs + res.n_excluded == len(wide)
    assert len(wide) == small_cohort.patients.shape[0]  # one index session per patient
    diff = (wide["1m"] - wide["pre"])[complete]
    assert res.t_test.estimate == pytest.approx(diff.mean())
    assert res.t_test.estimate < 0  # pain falls after augmentation


def test_responders_absolute_and_relative() -> None:
    before = np.array([8, 8, 10, 6, 5, np.nan, 0])
    after = np.array([5, 6, 4, 3, 5, 2, 0])
    absolute = responders_from_values(before, after, threshold=3)
    assert (absolute.responders.count, absolute.responders.n) == (3, 6)
    assert absolute.n_excluded == 1
    relative = responders_from_values(before, after, threshold=0.5, relative=True)
    # 10->4 (60%) and 6->3 (50%) respond; baseline 0 cannot have a relative change
    assert (relative.responders.count, relative.responders.n) == (2, 5)
    assert relative.n_excluded == 2
    assert relative.definition == "reduction of at least 50% from baseline"


def test_responder_threshold_must_make_sense() -> None:
    with pytest.raises(ValueError, match="fraction"):
        responders_from_values(np.array([5.0]), np.array([1.0]), threshold=30, relative=True)
    with pytest.raises(ValueError, match="positive"):
        responders_from_values(np.array([5.0]), np.array([1.0]), threshold=0)


def test_responders_on_cohort_matches_counting(small_cohort: Cohort) -> None:
    wide = measure_wide(small_cohort, "pain_vas", ["pre", "1m"]).dropna(subset=["pre", "1m"])
    res = responders(small_cohort)
    assert res.responders.count == int(((wide["pre"] - wide["1m"]) >= 3).sum())
    assert res.responders.n == len(wide)


def test_unknown_measure_or_time_point_is_named(small_cohort: Cohort) -> None:
    with pytest.raises(ValueError, match="unknown measure 'vas'"):
        paired_change(small_cohort, "vas")
    with pytest.raises(ValueError, match=r"unknown time point\(s\) \['6 weeks'\]"):
        paired_change(small_cohort, "pain_vas", "pre", "6 weeks")


def test_mobility_improved_counts_falls(small_cohort: Cohort) -> None:
    wide = measure_wide(small_cohort, "mobility", ["pre", "1m"]).dropna(subset=["pre", "1m"])
    res = improved(small_cohort)
    assert res.count == int((wide["1m"] < wide["pre"]).sum())
    assert res.n == len(wide)


def test_time_course_holm_adjusts_within_each_test(small_cohort: Cohort) -> None:
    tc = change_from_baseline(small_cohort, "pain_vas", ("pre", "24h", "1m", "3m"))
    raw = [c.t_test.p_value for c in tc.changes]
    order = np.argsort(raw)
    m = len(raw)
    expected = np.maximum.accumulate([min(1.0, (m - i) * raw[j]) for i, j in enumerate(order)])
    assert np.allclose(np.array(tc.p_holm_t)[order], expected)
    frame = tc.to_frame()
    assert list(frame["time_after"].unique()) == ["24h", "1m", "3m"]


def test_mixed_model_uses_every_visit(small_cohort: Cohort) -> None:
    tps = ("pre", "24h", "1m", "3m", "12m")
    model = mixed_model(small_cohort, "pain_vas", tps)
    wide = measure_wide(small_cohort, "pain_vas", list(tps))
    assert model.n_observations == int(wide[list(tps)].notna().sum().sum())
    assert model.n_observations + model.n_excluded == wide.shape[0] * len(tps)
    assert list(model.fixed["term"]) == ["intercept", "24h", "1m", "3m", "12m"]


def test_repeat_volume_pairs_the_same_vertebra() -> None:
    procs = pd.DataFrame(
        {
            "procedure_id": ["A-1", "A-2", "B-1", "B-2", "C-1", "C-2"],
            "patient_id": ["A", "A", "B", "B", "C", "C"],
            "day": [0, 60, 0, 40, 0, 90],
            "level": ["L1", "L1", "T12", "T12", "L2", "L4"],
            "is_repeat": [False, True, False, True, False, True],
            "cement_volume_ml": [3.0, 6.0, 4.0, 6.5, 5.0, 7.0],
            "technique": ["vertebroplasty"] * 6,
            "leakage": ["none", "disc", "none", "none", "venous", "none"],
        }
    )
    pts = pd.DataFrame({"patient_id": ["A", "B", "C"], "etiology": ["osteoporotic"] * 3})
    cohort = Cohort.from_frames(patients=pts, procedures=procs)
    res = repeat_volume(cohort)
    assert res.n_vertebrae_paired == 2  # C's repeat is at another level
    assert res.paired is not None
    assert res.paired.t_test.estimate == pytest.approx(((6 - 3) + (6.5 - 4)) / 2)
    # the paired vertebrae are kept out of the unpaired comparison: C's two vertebrae
    # alone are too few for it
    assert res.unpaired is None
    assert res.n_used == 6 and res.clustered is not None
    assert set(res.to_frame()["design"]) == {
        "paired by vertebra",
        "all vertebrae, clustered by patient",
    }


def test_repeat_volume_counts_the_vertebrae_without_a_volume_in_every_analysis() -> None:
    # D-F: unpaired vertebrae (different levels), two of them without a volume
    procs = pd.DataFrame(
        {
            "procedure_id": [f"{p}-{i}" for p in "ABDEF" for i in (1, 2)],
            "patient_id": [p for p in "ABDEF" for _ in (1, 2)],
            "day": [0, 60] * 5,
            "level": ["L1", "L1", "T12", "T12", "L2", "L4", "L3", "T11", "T10", "L5"],
            "is_repeat": [False, True] * 5,
            "cement_volume_ml": [3.0, 6.0, 4.0, 6.5, 5.0, 7.0, None, 6.0, 4.5, None],
            "technique": ["vertebroplasty"] * 10,
        }
    )
    pts = pd.DataFrame({"patient_id": list("ABDEF"), "etiology": ["osteoporotic"] * 5})
    res = repeat_volume(Cohort.from_frames(patients=pts, procedures=procs))
    assert (res.n_used, res.n_excluded) == (8, 2)
    assert res.clustered is not None and res.unpaired is not None
    assert (res.clustered.n_used, res.clustered.n_excluded) == (8, 2)
    welch = res.unpaired.tests["welch"]
    assert (welch.n_used, welch.n_excluded) == (4, 2)
    assert welch.estimate == pytest.approx((7.0 + 6.0) / 2 - (5.0 + 4.5) / 2)
    frame = res.to_frame()
    gee = frame[frame["design"] == "all vertebrae, clustered by patient"]
    assert gee["n_excluded"].tolist() == [2]


def test_volume_and_leakage_by_technique(small_cohort: Cohort) -> None:
    by_tech = volume_by(small_cohort, "technique")
    assert [g.group for g in by_tech.groups] == ["vertebroplasty", "kyphoplasty"]
    leak = leakage_by(small_cohort, "technique")
    (a, b), (c, d) = leak.table
    procs = small_cohort.procedures
    index = procs[procs["day"] == 0]
    assert a + b + c + d == int(index["leakage"].notna().sum())  # index vertebrae by default
    every = leakage_by(small_cohort, "technique", sessions="all")
    assert int(np.sum(every.table)) == int(procs["leakage"].notna().sum())
    with pytest.raises(ValueError, match="sessions must be 'index' or 'all'"):
        leakage_by(small_cohort, "technique", sessions="repeat")  # type: ignore[arg-type]
    model = leakage_model(small_cohort)
    assert {e.quantity for e in model.terms} == {
        "odds_ratio[cement_volume_ml]",
        "odds_ratio[technique=kyphoplasty]",
    }


@pytest.mark.parametrize("n", [1, 4, 9])
def test_signrank_distribution_matches_enumeration(n: int) -> None:
    sums = [0]
    for i in range(1, n + 1):
        sums = sums + [s + i for s in sums]
    counts = np.bincount(sums) / len(sums)
    assert np.allclose(signrank_distribution(n), counts)


@pytest.mark.parametrize(("m", "n"), [(2, 3), (4, 4), (5, 2)])
def test_ranksum_distribution_matches_enumeration(m: int, n: int) -> None:
    from itertools import combinations

    stats_u = [sum(r) - m * (m + 1) // 2 for r in combinations(range(1, m + n + 1), m)]
    counts = np.bincount(stats_u, minlength=m * n + 1) / len(stats_u)
    assert np.allclose(ranksum_distribution(m, n), counts)
