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

from analysis.schema import Cohort
from analysis.stats.outcomes.cement import gee_coefficient, repeat_volume
from analysis.stats.outcomes.comparisons import change_by_group
from analysis.stats.outcomes.correlation import correlation, spearman_test
from analysis.stats.outcomes.gee_model import GeeModel, gee_model
from analysis.stats.outcomes.groups import ancova, ancova_model, compare_two_groups
from analysis.stats.outcomes.paired import compare_paired, mcnemar_values, paired_change
from analysis.stats.outcomes.proportions import (
    prop_test_difference,
    proportion,
    proportion_difference,
)
from analysis.stats.outcomes.repeated import rm_anova
from analysis.stats.outcomes.selection import measure_wide
from analysis.stats.ranks import rank_sum, signed_rank
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
    "volume_etiology": ("cement_volume_ml", ["etiology", "kyphoplasty"], "gaussian"),
    "leakage": ("any_leakage", ["pathologic", "kyphoplasty"], "binomial"),
    "leak_sites": ("leak_sites", ["pathologic", "kyphoplasty"], "poisson"),
}


def _gee_ref(model: str) -> pd.DataFrame:
    frame = reference("gee_2")
    return frame[frame.model == model]


def _term_name(r_term: str) -> str:
    """Our name of R's term: R writes a factor's level as etiologypathologic."""
    if r_term == "(Intercept)":
        return "intercept"
    if r_term.startswith("etiology"):
        return "etiology=" + r_term.removeprefix("etiology")
    return r_term


def _gee(model: str, epsilon: float | None = 1e-4) -> GeeModel:
    outcome, terms, family = GEE_MODELS[model.removesuffix("_converged")]
    return gee_model(
        read_input("gee_2_input.csv"), outcome, terms, "patient_id", family, epsilon=epsilon
    )


@pytest.mark.parametrize(("model", "epsilon"), [("volume", 1e-4), ("volume_etiology", 1e-4), ("leakage", 1e-4), ("leak_sites", 1e-4), ("leakage_converged", None)])  # fmt: skip
def test_gee_coefficient_table_equals_geeglm(model: str, epsilon: float | None) -> None:
    fit = _gee(model, epsilon)
    r = _gee_ref(model)
    coef = r[r.term.notna()]
    names = [_term_name(t) for t in coef.term.unique()]
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
    assert row.conf_low_exp == pytest.approx(np.exp(row.conf_low), rel=1e-12)
    assert row.conf_high - row.estimate == pytest.approx(
        1.959963984540054 * row.std_error, rel=1e-9
    )
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
    with pytest.raises(
        ValueError, match=r"etiology is not numeric \(object\): the outcome is a number"
    ):
        gee_model(data, "etiology", ["kyphoplasty"], "patient_id")
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


def test_compare_paired_passes_the_rank_switches_and_records_the_branch() -> None:
    rng = np.random.default_rng(20261121)
    before = np.round(rng.normal(7, 1, 20), 3)
    after = before - np.round(rng.normal(2, 1.5, 20), 3)
    default = compare_paired(before, after)
    assert default.wilcoxon.exact is True and default.wilcoxon.correct is False
    normal = compare_paired(before, after, exact=False, correct=False)
    direct = signed_rank(after - before, exact=False, correct=False)
    assert normal.wilcoxon == direct
    assert normal.wilcoxon.exact is False and normal.wilcoxon.correct is False
    assert normal.wilcoxon.p_value != pytest.approx(default.wilcoxon.p_value, rel=1e-3)
    assert normal.t_test == default.t_test


def test_paired_change_passes_the_rank_switches(small_cohort: Cohort) -> None:
    default = paired_change(small_cohort, "pain_vas", "pre", "1m")
    plain = paired_change(small_cohort, "pain_vas", "pre", "1m", correct=False)
    wide = measure_wide(small_cohort, "pain_vas", ["pre", "1m"]).dropna(subset=["pre", "1m"])
    diff = (wide["1m"] - wide["pre"]).to_numpy(float)
    assert plain.wilcoxon == signed_rank(diff, n_excluded=plain.n_excluded, correct=False)
    assert default.wilcoxon.correct is True and plain.wilcoxon.correct is False
    assert "without continuity correction" in plain.wilcoxon.method
    assert plain.wilcoxon.p_value != default.wilcoxon.p_value


def test_compare_two_groups_passes_the_rank_switches() -> None:
    x = np.array([3.1, 4.7, 5.2, 6.8, 2.9, 7.4, 5.9])
    y = np.array([1.2, 2.4, 3.3, 0.8, 2.2, 4.1])
    default = compare_two_groups(x, y)
    assert default.tests["mann_whitney"].exact is True
    normal = compare_two_groups(x, y, exact=False, correct=False)
    assert normal.tests["mann_whitney"] == rank_sum(x, y, exact=False, correct=False)
    assert normal.tests["mann_whitney"].exact is False
    assert normal.tests["welch"] == default.tests["welch"]


def test_repeat_volume_passes_the_rank_switches() -> None:
    # patients 0-5: the same level again (paired); 6-13: a repeat at another level
    n = 14
    ids = [f"P{i}" for i in range(n) for _ in range(2)]
    levels = [lv for i in range(n) for lv in (("L1", "L1") if i < 6 else ("T12", "L3"))]
    volume = [v for i in range(n) for v in (3.0 + 0.37 * i, 5.1 + 0.53 * i + 0.01 * i * i)]
    procs = pd.DataFrame(
        {
            "procedure_id": [f"{p}-{k}" for p in ids[::2] for k in (1, 2)],
            "patient_id": ids,
            "day": [d for _ in range(n) for d in (0, 60)],
            "level": levels,
            "is_repeat": [r for _ in range(n) for r in (False, True)],
            "cement_volume_ml": volume,
            "technique": ["vertebroplasty"] * (2 * n),
            "leakage": ["none"] * (2 * n),
        }
    )
    pts = pd.DataFrame({"patient_id": ids[::2], "etiology": ["osteoporotic"] * n})
    cohort = Cohort.from_frames(patients=pts, procedures=procs)
    default = repeat_volume(cohort)
    plain = repeat_volume(cohort, exact=False, correct=False)
    assert default.paired is not None and plain.paired is not None
    assert default.unpaired is not None and plain.unpaired is not None
    assert default.paired.wilcoxon.exact is True
    assert default.unpaired.tests["mann_whitney"].exact is True
    assert plain.paired.wilcoxon.exact is False and plain.paired.wilcoxon.correct is False
    mann_whitney = plain.unpaired.tests["mann_whitney"]
    assert mann_whitney.exact is False and mann_whitney.correct is False
    assert mann_whitney.p_value != default.unpaired.tests["mann_whitney"].p_value


def test_change_by_group_passes_switches_and_refuses_swapped_time_points(small_cohort: Cohort) -> None:  # fmt: skip
    default = change_by_group(small_cohort, "pain_vas", "pre", "3m")
    plain = change_by_group(small_cohort, "pain_vas", "pre", "3m", correct=False)
    test = plain.change.tests["mann_whitney"]
    assert test.correct is False and "without continuity correction" in test.method
    assert test.p_value != default.change.tests["mann_whitney"].p_value
    with pytest.raises(ValueError, match=r"before='3m' is later than after='pre': swap them"):
        change_by_group(small_cohort, "pain_vas", "3m", "pre")
    with pytest.raises(ValueError, match=r"before='12m' is later than after='6w'"):
        change_by_group(small_cohort, "pain_vas", "12m", "6w")
    with pytest.raises(ValueError, match="both '1m': give two different time points"):
        change_by_group(small_cohort, "pain_vas", "1m", "1m")
    # 1m (30 days) then 6w (42 days) is in order: it passes the check and fails later,
    # for want of 6-week values in this cohort
    with pytest.raises(ValueError, match="each group needs at least 2 values"):
        change_by_group(small_cohort, "pain_vas", "1m", "6w")


def test_continuous_summaries_carry_minimum_and_maximum() -> None:
    before = np.array([7.0, 8.0, np.nan, 6.0, 9.0])
    after = np.array([3.0, 5.0, 4.0, np.nan, 2.0])
    res = compare_paired(before, after)
    assert (res.minimum_before, res.maximum_before) == (7.0, 9.0)  # complete pairs only
    assert (res.minimum_after, res.maximum_after) == (2.0, 5.0)
    assert (res.minimum_change, res.maximum_change) == (-7.0, -3.0)
    groups = compare_two_groups(np.array([1.0, 4.0, np.nan, 2.5]), np.array([9.0, 3.0, 5.0]))
    first, second = groups.groups
    assert (first.minimum, first.maximum) == (1.0, 4.0)
    assert (second.minimum, second.maximum) == (3.0, 9.0)
    assert "median 2.50 [1.75, 3.25], range 1.00 to 4.00" in repr(groups)
