"""Tests from printed summaries against R on data with exactly those moments
(tests/reference/aggregate.R), and the check of a printed p-value."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.published import (
    anova_from_summary,
    check_printed_p,
    one_sample_t_from_summary,
    paired_p_range,
    t_test_from_summary,
)
from tests.reference_values import REFERENCE

EST = {"rel": 1e-6}


@pytest.fixture(scope="module")
def r() -> pd.DataFrame:
    return pd.read_csv(REFERENCE / "aggregate.csv", comment="#").set_index("test")


@pytest.mark.parametrize("welch", [True, False])
def test_two_sample_t_from_summaries_equals_t_test(r: pd.DataFrame, welch: bool) -> None:
    est = t_test_from_summary(6.8, 1.92, 9, 4.2, 0.84, 9, welch=welch)
    want = r.loc["welch" if welch else "student"]
    assert est.statistic == pytest.approx(want["statistic"], **EST)
    assert est.df == pytest.approx(want["df"], **EST)
    assert est.p_value == pytest.approx(want["p_value"], rel=1e-4)
    assert (est.ci_low, est.ci_high) == pytest.approx((want["ci_low"], want["ci_high"]), **EST)


def test_one_sample_and_anova_from_summaries(r: pd.DataFrame) -> None:
    est = one_sample_t_from_summary(-4.1, 2.3, 12)
    assert est.statistic == pytest.approx(r.loc["one_sample", "statistic"], **EST)
    assert est.p_value == pytest.approx(r.loc["one_sample", "p_value"], rel=1e-4)
    groups = ([4.9, 3.8, 4.4], [2.1, 2.6, 1.9], [270, 30, 15])
    fisher = anova_from_summary(*groups)
    assert fisher.statistic == pytest.approx(r.loc["anova", "statistic"], **EST)
    assert fisher.p_value == pytest.approx(r.loc["anova", "p_value"], rel=1e-4)
    welch = anova_from_summary(*groups, welch=True)
    assert welch.statistic == pytest.approx(r.loc["welch_anova", "statistic"], **EST)
    assert welch.df == pytest.approx(r.loc["welch_anova", "df"], **EST)
    assert welch.p_value == pytest.approx(r.loc["welch_anova", "p_value"], rel=1e-4)


def test_the_printed_cement_comparison_follows_from_no_t_test() -> None:
    # repeat vs initial cement volume, 6.8 +- 1.92 vs 4.2 +- 0.84 mL, n = 9, printed P = 0.033
    check = check_printed_p(0.033, 6.8, 1.92, 9, 4.2, 0.84, 9)
    assert check.consistent == ()
    assert check.verdict.startswith("no t-test gives p = 0.033 from these summaries")
    (p_min, _), (p_max, r_max) = paired_p_range(6.8, 1.92, 4.2, 0.84, 9)
    assert p_min < p_max < 0.033 and r_max == -1.0
    ok = check_printed_p(0.003, 6.8, 1.92, 9, 4.2, 0.84, 9)
    assert "welch" in ok.consistent


def test_summaries_that_cannot_be_tested_are_named() -> None:
    with pytest.raises(ValueError, match="first group: the SD must be positive"):
        t_test_from_summary(1, 0, 5, 2, 1, 5)
    with pytest.raises(ValueError, match="at least two groups"):
        anova_from_summary([1.0], [1.0], [5])


def test_grim_on_the_worked_example_and_percentages_of_the_seed_papers() -> None:
    from analysis.published import grim, percentage_consistency

    bad = grim(5.19, 28)  # Brown & Heathers' example: no total of 28 scores gives 5.19
    assert not bad.consistent and "145/28 = 5.1786, 146/28 = 5.2143" in bad.explanation
    good = grim(5.18, 28)
    assert good.consistent and good.candidates == (145.0,)
    assert grim(3.5, 12, decimals=1, items=2).consistent
    # Kamalian et al.: 29 of 124 (23.4%), 17 of 29 (58.6%)
    assert percentage_consistency(23.4, 124).candidates == (29.0,)
    assert percentage_consistency(58.6, 29).candidates == (17.0,)
    wrong = percentage_consistency(58.0, 29)
    assert not wrong.consistent and "16/29 = 55.17%, 17/29 = 58.62%" in wrong.explanation
