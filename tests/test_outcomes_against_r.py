"""Outcome statistics against R (tests/reference/outcomes.R -> outcomes.csv).

Tolerances: estimates and CIs 1e-6 relative, p-values 1e-4 relative (absolute 1e-12
near 0); the mixed model, fitted by two different optimisers, 1e-4 relative.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats.outcomes.cement import logistic_model
from analysis.stats.outcomes.groups import (
    ancova,
    compare_many_groups,
    compare_two_groups,
    two_by_two,
)
from analysis.stats.outcomes.paired import compare_paired, mcnemar_values
from analysis.stats.outcomes.proportions import proportion, proportion_difference
from analysis.stats.outcomes.timecourse import fit_mixed_model
from tests.reference_values import read_input, ref

EST = {"rel": 1e-6, "abs": 1e-9}
PVAL = {"rel": 1e-4, "abs": 1e-12}

PAIRED_CASES = ["n4", "n6", "n9_ties", "n9_zeros", "n60", "n30_continuous"]


def _paired(case: str):
    d = read_input("paired_input.csv")
    d = d[d.case == case]
    return compare_paired(d.before.to_numpy(), d.after.to_numpy())


@pytest.mark.parametrize("case", PAIRED_CASES)
def test_paired_t_matches_r(case: str) -> None:
    t = _paired(case).t_test
    assert t.statistic == pytest.approx(ref("outcomes", "paired_t", case, "statistic"), **EST)
    assert t.df == ref("outcomes", "paired_t", case, "df")
    assert t.p_value == pytest.approx(ref("outcomes", "paired_t", case, "p_value"), **PVAL)
    assert t.estimate == pytest.approx(ref("outcomes", "paired_t", case, "estimate"), **EST)
    assert t.ci_low == pytest.approx(ref("outcomes", "paired_t", case, "ci_low"), **EST)
    assert t.ci_high == pytest.approx(ref("outcomes", "paired_t", case, "ci_high"), **EST)


@pytest.mark.parametrize("case", PAIRED_CASES)
def test_signed_rank_and_hodges_lehmann_match_r(case: str) -> None:
    w = _paired(case).wilcoxon
    r = lambda q: ref("outcomes", "signed_rank", case, q)  # noqa: E731
    assert w.statistic == r("statistic")
    assert w.p_value == pytest.approx(r("p_value"), **PVAL)
    assert w.ci_low == pytest.approx(r("ci_low"), **EST)
    assert w.ci_high == pytest.approx(r("ci_high"), **EST)
    assert w.ci_level == pytest.approx(r("ci_level"), **EST)
    # R's estimate in the normal branch is any root of a step function found by uniroot;
    # ours is the median of the Walsh averages, the midpoint of that root set.
    assert w.estimate == pytest.approx(r("walsh_median"), **EST)


def test_signed_rank_method_is_named() -> None:
    assert _paired("n6").wilcoxon.method.startswith("Wilcoxon signed-rank test, exact")
    ties = _paired("n9_ties").wilcoxon.method
    assert "normal approximation with continuity correction" in ties
    assert "2 zero differences dropped" in _paired("n9_zeros").wilcoxon.method


def test_incomplete_pairs_are_counted_not_used() -> None:
    res = compare_paired(np.array([8, 7, np.nan, 9, 6]), np.array([3, np.nan, 2, 4, 2]))
    assert (res.n_pairs, res.n_excluded) == (3, 2)
    assert (res.n_missing_before, res.n_missing_after) == (1, 1)
    assert res.t_test.n_used == 3 and res.t_test.n_excluded == 2
    assert res.mean_before == pytest.approx(23 / 3)


def test_cohen_dz_is_mean_over_sd_of_changes() -> None:
    d = read_input("paired_input.csv")
    d = d[d.case == "n6"]
    diff = d.after - d.before
    assert _paired("n6").cohen_dz == pytest.approx(diff.mean() / diff.std(ddof=1))


def _groups(case: str) -> tuple[np.ndarray, np.ndarray]:
    d = read_input("groups_input.csv")
    d = d[d.case == case]
    levels = list(dict.fromkeys(d.group))
    return (d.value[d.group == levels[0]].to_numpy(), d.value[d.group == levels[1]].to_numpy())


@pytest.mark.parametrize("case", ["exact_small", "ties_small", "large"])
def test_two_group_tests_match_r(case: str) -> None:
    x, y = _groups(case)
    res = compare_two_groups(x, y)
    welch, student, mw = res.tests.values()
    assert list(res.tests) == ["welch", "student", "mann_whitney"]
    for est, topic, point in (
        (welch, "welch", "mean_difference"),
        (student, "student", "mean_difference"),
        (mw, "rank_sum", "estimate"),
    ):
        r = lambda q, t=topic: ref("outcomes", t, case, q)  # noqa: E731
        assert est.statistic == pytest.approx(r("statistic"), **EST), topic
        assert est.p_value == pytest.approx(r("p_value"), **PVAL), topic
        assert est.estimate == pytest.approx(r(point), **EST), topic
        assert est.ci_low == pytest.approx(r("ci_low"), **EST), topic
        assert est.ci_high == pytest.approx(r("ci_high"), **EST), topic
    assert welch.df == pytest.approx(ref("outcomes", "welch", case, "df"), **EST)
    assert res.smd == pytest.approx(ref("outcomes", "smd", case, "estimate"), **EST)
    assert ("exact" in mw.method) == (case == "exact_small")


def test_ancova_matches_lm() -> None:
    d = read_input("groups_input.csv")
    d = d[d.case == "large"]
    est = ancova(d, "value", "baseline", "group", ("osteoporotic", "pathologic"))
    for q in ("estimate", "ci_low", "ci_high", "statistic"):
        assert getattr(est, q) == pytest.approx(ref("outcomes", "ancova", "large", q), **EST)
    assert est.p_value == pytest.approx(ref("outcomes", "ancova", "large", "p_value"), **PVAL)
    assert est.df == ref("outcomes", "ancova", "large", "df")


def test_three_groups_match_r() -> None:
    d = read_input("groups_input.csv")
    res = compare_many_groups(d[d.case == "three"], "value", "group")
    for est, topic in zip(res.tests.values(), ("anova", "welch_anova", "kruskal"), strict=True):
        assert est.statistic == pytest.approx(ref("outcomes", topic, "three", "statistic"), **EST)
        assert est.p_value == pytest.approx(ref("outcomes", topic, "three", "p_value"), **PVAL)
    assert res.tests["welch_anova"].df == pytest.approx(
        ref("outcomes", "welch_anova", "three", "df"), **EST
    )


SEED_COUNTS = [
    (5, 6, 83.3),  # Gaughen: responders after repeat vertebroplasty
    (29, 124, 23.4),  # Kamalian: persistent pain
    (25, 29, 86.2),  # Kamalian: facet and/or sacroiliac source
    (17, 29, 58.6),
    (12, 29, 41.4),
    (10, 29, 34.5),
    (34, 124, 27.4),  # Kamalian: men
    (217, 300, 72.3),  # Mitchell: women
    (270, 300, 90.0),  # Mitchell: osteoporotic
    (10, 1800, 0.6),  # Jacobson: same-level refractures in the literature
    (0, 12, 0.0),
    (12, 12, 100.0),
]


@pytest.mark.parametrize(("count", "n", "percent"), SEED_COUNTS)
def test_published_proportions_and_their_intervals(count: int, n: int, percent: float) -> None:
    p = proportion(count, n)
    assert round(p.percent, 1) == percent
    case = f"{count}/{n}"
    assert p.wilson.ci_low == pytest.approx(ref("outcomes", "wilson", case, "ci_low"), **EST)
    assert p.wilson.ci_high == pytest.approx(ref("outcomes", "wilson", case, "ci_high"), **EST)
    cp = p.clopper_pearson
    assert cp.ci_low == pytest.approx(ref("outcomes", "clopper_pearson", case, "ci_low"), **EST)
    assert cp.ci_high == pytest.approx(ref("outcomes", "clopper_pearson", case, "ci_high"), **EST)


@pytest.mark.parametrize("counts", [(12, 29, 10, 29), (25, 29, 17, 29), (5, 6, 1, 6)])
def test_newcombe_difference(counts: tuple[int, int, int, int]) -> None:
    est = proportion_difference(*counts)
    case = "_".join(map(str, counts))
    for q in ("estimate", "ci_low", "ci_high"):
        assert getattr(est, q) == pytest.approx(ref("outcomes", "newcombe", case, q), **EST)


@pytest.mark.parametrize("counts", [(12, 29, 10, 29), (3, 6, 0, 6), (31, 330, 8, 115)])
def test_two_by_two_matches_r(counts: tuple[int, int, int, int]) -> None:
    res = two_by_two(*counts)
    case = "_".join(map(str, counts))
    by = {e.quantity + ("_yates" if "Yates" in e.method else ""): e for e in res.tests.values()}
    r = lambda t, q: ref("outcomes", t, case, q)  # noqa: E731
    assert by["association"].statistic == pytest.approx(r("chisq", "statistic"), **EST)
    assert by["association"].p_value == pytest.approx(r("chisq", "p_value"), **PVAL)
    assert by["association_yates"].statistic == pytest.approx(r("chisq_yates", "statistic"), **EST)
    assert by["association_yates"].p_value == pytest.approx(r("chisq_yates", "p_value"), **PVAL)
    fisher = by["odds_ratio_conditional"]
    assert fisher.p_value == pytest.approx(r("fisher", "p_value"), **PVAL)
    # R's fisher.test finds the conditional MLE and its limits with uniroot at its
    # default tolerance (about 1e-4), so R itself is exact only to that.
    assert fisher.estimate == pytest.approx(r("fisher", "estimate"), rel=2e-4)
    assert fisher.ci_low == pytest.approx(r("fisher", "ci_low"), rel=2e-4, abs=1e-9)
    if np.isfinite(r("fisher", "ci_high")):
        assert fisher.ci_high == pytest.approx(r("fisher", "ci_high"), rel=2e-4)
    else:
        assert fisher.ci_high == np.inf
    if "risk_ratio" in by:
        for q in ("estimate", "ci_low", "ci_high"):
            assert getattr(by["risk_ratio"], q) == pytest.approx(r("risk_ratio", q), **EST)
            assert getattr(by["odds_ratio"], q) == pytest.approx(r("odds_ratio", q), **EST)
    else:
        assert counts == (3, 6, 0, 6)  # a zero cell: no Wald ratios, Fisher still given


def test_mcnemar_matches_r() -> None:
    # before no/after no 10, no/yes 15, yes/no 4, yes/yes 21
    before = np.array([0] * 25 + [1] * 25, dtype=float)
    after = np.array([0] * 10 + [1] * 15 + [0] * 4 + [1] * 21, dtype=float)
    est = mcnemar_values(before, after)
    assert est.statistic == pytest.approx(ref("outcomes", "mcnemar", "10_15_4_21", "statistic"))
    assert est.p_value == pytest.approx(ref("outcomes", "mcnemar", "10_15_4_21", "p_value"), **PVAL)
    assert est.estimate == pytest.approx((36 - 25) / 50)


def test_mcnemar_refuses_non_binary_values() -> None:
    with pytest.raises(ValueError, match="yes/no"):
        mcnemar_values(np.array([0, 1, 2.0]), np.array([1, 1, 0.0]))


def test_logistic_regression_matches_glm() -> None:
    d = read_input("logistic_input.csv")
    d["technique"] = pd.Categorical(d.technique, categories=["vertebroplasty", "kyphoplasty"])
    model = logistic_model(d, "leak", ["volume", "technique"])
    terms = {e.quantity: e for e in model.terms}
    pairs = {"volume": "volume", "technique=kyphoplasty": "techniquekyphoplasty"}
    for ours, theirs in pairs.items():
        est = terms[f"odds_ratio[{ours}]"]
        for q in ("estimate", "ci_low", "ci_high", "statistic"):
            assert getattr(est, q) == pytest.approx(ref("outcomes", "logistic", theirs, q), **EST)
        assert est.p_value == pytest.approx(ref("outcomes", "logistic", theirs, "p_value"), **PVAL)
    lr = model.tests["likelihood_ratio"]
    assert lr.statistic == pytest.approx(ref("outcomes", "logistic", "likelihood_ratio", "statistic"), **EST)  # fmt: skip
    assert lr.p_value == pytest.approx(ref("outcomes", "logistic", "likelihood_ratio", "p_value"), **PVAL)  # fmt: skip
    counts = model.level_counts
    assert counts is not None and list(counts["covariate"]) == ["technique", "technique"]
    assert counts["n_subjects"].sum() == model.n_used and counts["n_events"].sum() == model.n_events


def test_mixed_model_matches_nlme() -> None:
    """Against nlme::lme converged tightly (tests/reference/outcomes.R)."""
    long = read_input("mixed_input.csv")
    tps = ("pre", "24h", "1m", "3m", "12m")
    model = fit_mixed_model(long, "pain_vas", tps)
    fixed = model.fixed.set_index("term")
    for term in ("intercept", *tps[1:]):
        for q in ("estimate", "std_error"):
            assert fixed.loc[term, q] == pytest.approx(ref("outcomes", "mixed", term, q), **EST)
    assert model.random_intercept_variance == pytest.approx(
        ref("outcomes", "mixed", "variance", "random_intercept"), rel=1e-6
    )
    assert model.residual_variance == pytest.approx(
        ref("outcomes", "mixed", "variance", "residual"), rel=1e-6
    )
    assert model.log_likelihood == pytest.approx(ref("outcomes", "mixed", "fit", "log_likelihood"), rel=1e-9)  # fmt: skip
    assert model.n_patients == 80


def test_unreachable_exact_level_is_reported_as_r_does() -> None:
    # 3 vs 2 observations: the exact interval cannot reach 95%; R reports 1 - 0.2 = 0.8
    est = compare_two_groups(np.array([1.1, 2.3, 3.7]), np.array([0.5, 1.7])).tests["mann_whitney"]
    assert est.ci_level == pytest.approx(0.8)
    paired = compare_paired(np.array([3.1, 2.0, 4.4, 1.2]), np.array([1.0, 0.7, 1.9, 1.5]))
    assert paired.wilcoxon.ci_level == pytest.approx(0.88)
