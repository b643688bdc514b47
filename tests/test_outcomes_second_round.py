"""Second round of outcome statistics against R: GEE coefficient tables (geepack),
Spearman's S and exact p, proportions (prop.test, McNemar), repeated-measures ANOVA
degrees of freedom and ANCOVA standard errors (tests/reference/*_2.R -> *_2.csv).

Tolerances: estimates 1e-6 relative, p-values 1e-4 relative (absolute 1e-12 near 0).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.stats.outcomes.cement import gee_coefficient
from analysis.stats.outcomes.correlation import correlation, spearman_test
from analysis.stats.outcomes.gee_model import GeeModel, gee_model
from analysis.stats.outcomes.groups import ancova, ancova_model
from analysis.stats.outcomes.paired import mcnemar_values
from analysis.stats.outcomes.proportions import (
    prop_test_difference,
    proportion,
    proportion_difference,
)
from analysis.stats.outcomes.repeated import rm_anova
from analysis.stats.results import TERM_COLUMNS, FTest
from tests.reference_values import read_input, reference

EST = {"rel": 1e-6, "abs": 1e-12}
PVAL = {"rel": 1e-4, "abs": 1e-12}

GEE_MODELS = {
    "volume": (
        "cement_volume_ml",
        ["kyphoplasty", "pathologic", "traumatic", "age_years"],
        "gaussian",
    ),
    "leakage": ("any_leakage", ["pathologic", "kyphoplasty"], "binomial"),
    "leak_sites": ("leak_sites", ["pathologic", "kyphoplasty"], "poisson"),
}


def _gee_ref(model: str) -> pd.DataFrame:
    frame = reference("gee_2")
    return frame[frame.model == model]


def _gee(model: str, epsilon: float | None = 1e-4) -> GeeModel:
    outcome, terms, family = GEE_MODELS[model.removesuffix("_converged")]
    return gee_model(
        read_input("gee_2_input.csv"), outcome, terms, "patient_id", family, epsilon=epsilon
    )


@pytest.mark.parametrize(("model", "epsilon"), [("volume", 1e-4), ("leakage", 1e-4), ("leak_sites", 1e-4), ("leakage_converged", None)])  # fmt: skip
def test_gee_coefficient_table_equals_geeglm(model: str, epsilon: float | None) -> None:
    fit = _gee(model, epsilon)
    r = _gee_ref(model)
    coef = r[r.term.notna()]
    names = ["intercept" if t == "(Intercept)" else t for t in coef.term.unique()]
    assert list(fit.terms) == names
    for name, term in zip(names, coef.term.unique(), strict=True):
        got, want = fit.terms[name], coef[coef.term == term].set_index("quantity")["value"]
        assert got.estimate == pytest.approx(want["estimate"], **EST)
        assert got.robust_std_error == pytest.approx(want["robust_std_error"], **EST)
        assert got.std_error == got.robust_std_error
        assert got.std_error_used == "robust"
        assert got.naive_std_error == pytest.approx(want["naive_std_error"], **EST)
        assert got.statistic == pytest.approx(want["wald"], **EST)
        assert got.df == 1.0
        assert got.p_value == pytest.approx(want["p_value"], **PVAL)
        if "exp_estimate" in want:
            assert got.exp_estimate == pytest.approx(want["exp_estimate"], **EST)
        else:
            assert np.isnan(got.exp_estimate)
    model_row = r[r.term.isna()].set_index("quantity")["value"]
    assert fit.correlation == pytest.approx(model_row["alpha"], **EST)
    assert fit.scale == pytest.approx(model_row["scale"], **EST)
    assert fit.n_used == model_row["n"]
    assert fit.n_clusters == model_row["clusters"]


def test_gee_tidy_and_glance_read_as_broom() -> None:
    fit = _gee("leakage")
    tidy = fit.tidy()
    assert list(tidy.columns) == TERM_COLUMNS
    assert list(tidy.term) == ["intercept", "pathologic", "kyphoplasty"]
    row = tidy.set_index("term").loc["kyphoplasty"]
    assert row.exp_ci_low == pytest.approx(np.exp(row.ci_low), rel=1e-12)
    assert row.ci_high - row.estimate == pytest.approx(1.959963984540054 * row.std_error, rel=1e-9)
    glance = fit.glance().iloc[0]
    assert glance.family == "binomial" and glance.link == "logit"
    assert glance.correlation == fit.correlation and glance.n_clusters == 70


def test_gee_coefficient_keeps_the_odds_ratio_and_adds_the_coefficient() -> None:
    data = read_input("gee_input.csv")
    r = pd.read_csv("tests/reference/gee.csv", comment="#").set_index("model")
    leak = gee_coefficient(data, "any_leakage", "kyphoplasty", "patient_id", "binomial")
    assert leak.coefficient == pytest.approx(r.loc["leakage", "estimate"], rel=1e-6)
    assert leak.estimate == pytest.approx(np.exp(leak.coefficient), rel=1e-12)
    assert leak.std_error == pytest.approx(r.loc["leakage", "std_error"], rel=1e-5)
    assert leak.robust_std_error == leak.std_error
    assert leak.naive_std_error > 0 and leak.naive_std_error != leak.std_error
    vol = gee_coefficient(data, "cement_volume_ml", "repeated", "patient_id")
    assert vol.coefficient == vol.estimate


def test_gee_refuses_what_it_cannot_fit() -> None:
    data = read_input("gee_2_input.csv")
    with pytest.raises(ValueError, match=r"etiology is not numeric .*0/1 columns"):
        gee_model(data, "cement_volume_ml", ["etiology"], "patient_id")
    with pytest.raises(ValueError, match=r"no column \['missing'\]"):
        gee_model(data, "cement_volume_ml", ["missing"], "patient_id")
    with pytest.raises(ValueError, match="family must be one of"):
        gee_model(data, "cement_volume_ml", ["kyphoplasty"], "patient_id", "gamma")
    with pytest.raises(ValueError, match=r"every term to vary .*constant: \['one'\]"):
        gee_model(data.assign(one=1.0), "cement_volume_ml", ["one"], "patient_id")
    with pytest.raises(ValueError, match="gee_model fits poisson"):
        gee_coefficient(data, "leak_sites", "kyphoplasty", "patient_id", "poisson")


SPEARMAN_CASES = ["n5", "n6_perfect", "n7_negative", "n9", "n12", "n25", "n10_ties"]


@pytest.mark.parametrize("case", SPEARMAN_CASES)
@pytest.mark.parametrize("branch", ["default", "approximate"])
def test_spearman_s_and_p_equal_cor_test(case: str, branch: str) -> None:
    d = read_input("correlation_2_input.csv")
    d = d[d.case == case]
    r = reference("correlation_2")
    want = r[(r.case == case) & (r.exact == branch)].set_index("quantity")["value"]
    got = spearman_test(d.x, d.y, None if branch == "default" else False)
    assert got.estimate == pytest.approx(want["rho"], **EST)
    assert got.statistic == pytest.approx(want["S"], **EST)
    assert got.p_value == pytest.approx(want["p_value"], **PVAL)
    exact = branch == "default" and case != "n10_ties"
    assert got.method.startswith("Spearman rank correlation, " + ("exact (AS 89)" if exact else "t approximation"))  # fmt: skip


def test_correlation_keeps_its_t_approximation_by_default() -> None:
    d = read_input("correlation_2_input.csv")
    d = d[d.case == "n9"]
    r = reference("correlation_2")
    want = r[(r.case == "n9")].set_index(["exact", "quantity"])["value"]
    default = correlation(d.x, d.y, "spearman")
    assert default.p_value == pytest.approx(want["approximate", "p_value"], **PVAL)
    assert default.df == 7.0  # the t statistic, as before
    exact = correlation(d.x, d.y, "spearman", exact=None)
    assert exact.p_value == pytest.approx(want["default", "p_value"], **PVAL)
    assert exact.statistic == pytest.approx(want["default", "S"], **EST)


def test_exact_spearman_refuses_ties_and_pearson() -> None:
    d = read_input("correlation_2_input.csv")
    d = d[d.case == "n10_ties"]
    with pytest.raises(ValueError, match="exact Spearman test needs values without ties"):
        spearman_test(d.x, d.y, exact=True)
    with pytest.raises(ValueError, match="exact= applies to method='spearman' only"):
        correlation(d.x, d.y, "pearson", exact=True)


def _prop_ref(topic: str, case: str) -> pd.Series:
    r = reference("proportions_2")
    return r[(r.topic == topic) & (r.case == case)].set_index("quantity")["value"]


ONE_SAMPLE = [(5, 6, 0.5), (29, 124, 0.2), (25, 29, 0.5), (0, 10, 0.1), (12, 12, 0.9), (217, 300, 0.72), (6, 9, 0.5), (3, 40, 0.05)]  # fmt: skip


@pytest.mark.parametrize(("count", "n", "p0"), ONE_SAMPLE)
def test_uncorrected_score_test_beside_the_corrected_one(count: int, n: int, p0: float) -> None:
    p = proportion(count, n, p0=p0)
    case = f"{count}_{n}_{p0:g}"
    plain, corrected = _prop_ref("one_sample", case), _prop_ref("one_sample_corrected", case)
    assert p.wilson.statistic == pytest.approx(plain["statistic"], **EST)
    assert p.wilson.p_value == pytest.approx(plain["p_value"], **PVAL)
    assert p.wilson.df == 1.0
    assert p.wilson.ci_low == pytest.approx(plain["ci_low"], **EST)
    assert p.wilson.ci_high == pytest.approx(plain["ci_high"], **EST)
    assert "without continuity correction" in p.wilson.method
    assert p.wilson_cc is not None
    assert p.wilson_cc.statistic == pytest.approx(corrected["statistic"], **EST)
    assert p.wilson_cc.p_value == pytest.approx(corrected["p_value"], **PVAL)


TWO_SAMPLE = [(12, 40, 20, 41), (30, 100, 18, 95), (5, 9, 2, 11), (0, 15, 4, 16), (7, 20, 7, 20), (40, 50, 10, 48), (3, 30, 3, 31)]  # fmt: skip


@pytest.mark.parametrize("counts", TWO_SAMPLE)
@pytest.mark.parametrize("correct", [False, True])
def test_prop_test_difference_equals_r(counts: tuple[int, int, int, int], correct: bool) -> None:
    want = _prop_ref(
        "difference_corrected" if correct else "difference", "_".join(map(str, counts))
    )
    got = prop_test_difference(*counts, correct=correct)
    for q in ("estimate", "statistic", "ci_low", "ci_high"):
        assert getattr(got, q) == pytest.approx(want[q], **EST)
    assert got.p_value == pytest.approx(want["p_value"], **PVAL)
    assert got.method.endswith(("with" if correct else "without") + " continuity correction")
    newcombe = proportion_difference(*counts)  # kept as it was
    assert newcombe.method == "Newcombe hybrid score interval"
    assert newcombe.ci_low != pytest.approx(got.ci_low, rel=1e-3)


def test_prop_test_difference_refuses_a_table_without_events() -> None:
    with pytest.raises(ValueError, match=r"both outcomes among the 30 observations \(0 events\)"):
        prop_test_difference(0, 10, 0, 20)
    with pytest.raises(ValueError, match=r"outside 0\.\.10"):
        prop_test_difference(11, 10, 0, 20)


MCNEMAR_TABLES = [(10, 15, 4, 21), (30, 2, 9, 11), (5, 6, 6, 8), (40, 1, 0, 12)]


def _pairs_of(table: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    cells = [(0, 0), (0, 1), (1, 0), (1, 1)]
    before = np.repeat([b for b, _ in cells], table).astype(float)
    after = np.repeat([a for _, a in cells], table).astype(float)
    return before, after


@pytest.mark.parametrize("table", MCNEMAR_TABLES)
@pytest.mark.parametrize("correct", [False, True])
def test_mcnemar_correct_switch_and_discordant_counts(table: tuple[int, int, int, int], correct: bool) -> None:  # fmt: skip
    want = _prop_ref("mcnemar_corrected" if correct else "mcnemar", "_".join(map(str, table)))
    got = mcnemar_values(*_pairs_of(table), correct=correct)
    assert got.statistic == pytest.approx(want["statistic"], **EST)
    assert got.p_value == pytest.approx(want["p_value"], **PVAL)
    assert (got.no_to_yes, got.yes_to_no) == (want["no_to_yes"], want["yes_to_no"])
    assert got.correct is correct and got.exact is False
    assert got.method.endswith(("with" if correct else "without") + " continuity correction")


def test_mcnemar_exact_records_its_branch() -> None:
    got = mcnemar_values(*_pairs_of((10, 15, 4, 21)), exact=True)
    assert got.exact is True and got.correct is False
    assert got.method == "McNemar exact (binomial) test"
    assert got.p_value == pytest.approx(2 * stats.binom.cdf(4, 19, 0.5), rel=1e-12)


@pytest.mark.parametrize("case", ["pain", "spherical", "capped"])
def test_rm_anova_both_dfs_uncorrected_and_corrected(case: str) -> None:
    d = read_input("rm_anova_2_input.csv")
    r = reference("rm_anova_2")
    want = r[r.case == case].set_index("quantity")["value"]
    res = rm_anova(d[d.case == case].drop(columns="case"))
    assert res.n_used == want["n_used"]
    assert res.n_excluded == (2 if case == "pain" else 0)
    assert res.epsilon_gg == pytest.approx(want["epsilon_gg"], **EST)
    assert res.epsilon_hf == pytest.approx(want["epsilon_hf"], **EST)
    assert res.epsilon_hf_uncapped == pytest.approx(want["epsilon_hf_raw"], **EST)
    for name, suffix, p in [("uncorrected", "", "p_uncorrected"), ("greenhouse_geisser", "_gg", "p_gg"), ("huynh_feldt", "_hf", "p_hf")]:  # fmt: skip
        test = res.tests[name]
        assert isinstance(test, FTest)
        assert test.statistic == pytest.approx(want["F"], **EST)
        assert test.df == pytest.approx(want["df1" + suffix], **EST)
        assert test.df_denominator == pytest.approx(want["df2" + suffix], **EST)
        assert test.p_value == pytest.approx(want[p], **PVAL)
    frame = res.to_frame()
    assert list(frame.test) == ["uncorrected", "greenhouse_geisser", "huynh_feldt"]
    assert frame.df_denominator.to_numpy() == pytest.approx([want["df2"], want["df2_gg"], want["df2_hf"]], rel=1e-9)  # fmt: skip


def test_ancova_terms_carry_their_standard_errors() -> None:
    d = read_input("groups_input.csv")
    d = d[d.case == "large"]
    model = ancova_model(d, "value", "baseline", "group", ("osteoporotic", "pathologic"))
    r = reference("ancova").set_index("term")
    names = {"(Intercept)": "intercept", "baseline": "baseline", "grouposteoporotic": "group=osteoporotic"}  # fmt: skip
    for theirs, ours in names.items():
        assert model.terms[ours].std_error == pytest.approx(r.loc[theirs, "std_error"], **EST)
    adjusted = ancova(d, "value", "baseline", "group", ("osteoporotic", "pathologic"))
    assert adjusted.std_error == pytest.approx(r.loc["grouposteoporotic", "std_error"], **EST)
    assert model.to_frame()["std_error"].to_numpy() == pytest.approx(r["std_error"].to_numpy(), rel=1e-6)  # fmt: skip
    tidy = model.tidy()
    assert list(tidy.columns) == TERM_COLUMNS
    assert list(tidy.term) == list(names.values())
    assert tidy.std_error.to_numpy() == pytest.approx(r["std_error"].to_numpy(), rel=1e-6)
