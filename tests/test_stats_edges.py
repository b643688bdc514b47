"""Edges R handles and the toolkit must too (tests/reference/edges.R -> edges.csv), and the
clear errors promised instead of pandas or numpy failures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import stats
from analysis.schema import Cohort
from analysis.stats.survival.competing import cumulative_incidence, gray_test
from analysis.stats.survival.kaplan_meier import kaplan_meier
from tests.reference_values import REFERENCE

EST = {"rel": 1e-6, "abs": 1e-12}
TIME = [5, 10, 12, 20, 30, 45, 60, 80, 100, 120, 3, 8, 15, 22, 40, 60]
CAUSE = [1, 2, 0, 1, 3, 2, 0, 1, 0, 2, 1, 0, 3, 1, 0, 0]
GROUP = ["A"] * 10 + ["B"] * 6


@pytest.fixture(scope="module")
def edges() -> pd.DataFrame:
    return pd.read_csv(REFERENCE / "edges.csv", comment="#")


def test_cumulative_incidence_at_days_equals_cmprsk_timepoints(edges: pd.DataFrame) -> None:
    names = {0: "censored", 1: "c1", 2: "c2", 3: "c3"}
    cif = cumulative_incidence(TIME, [names[c] for c in CAUSE], GROUP)
    ours = cif.at([10, 50, 70, 110])
    theirs = edges[edges.check == "cuminc"]
    for (group, cause), want in theirs.groupby(["group", "cause"]):
        got = ours[(ours.group == group) & (ours.cause == f"c{int(cause)}")]
        # B never has cause 2: 0 and variance 0 while followed, NA after its follow-up ends
        assert got["estimate"].to_numpy() == pytest.approx(
            want["estimate"].to_numpy(), nan_ok=True, **EST
        )
        assert got["variance"].to_numpy() == pytest.approx(
            want["variance"].to_numpy(), nan_ok=True, **EST
        )


def test_kaplan_meier_after_reaching_zero_equals_survfit_extend(edges: pd.DataFrame) -> None:
    want = edges[edges.check == "km_to_zero"]
    km = kaplan_meier([2, 4, 4, 7, 9], [1, 0, 1, 1, 1])
    got = km.at(want["time"].tolist())
    assert got["survival"].to_numpy() == pytest.approx(want["estimate"].to_numpy(), **EST)
    assert got["std_err"].to_numpy() ** 2 == pytest.approx(
        want["variance"].to_numpy(), nan_ok=True, **EST
    )
    assert got["ci_low"].isna().tolist()[-2:] == [True, True]


def test_gray_test_is_callable_with_data_and_keyed_by_cause() -> None:
    names = {0: "censored", 1: "adjacent", 2: "remote", 3: "death"}
    tests = gray_test(TIME, [names[c] for c in CAUSE], GROUP)
    assert set(tests) == {"adjacent", "remote", "death"}
    cif = cumulative_incidence(TIME, [names[c] for c in CAUSE], GROUP)
    assert tests["adjacent"].p_value == cif.gray["adjacent"].p_value
    with pytest.raises(ValueError, match="at least two groups"):
        gray_test(TIME, [names[c] for c in CAUSE], ["A"] * len(TIME))


def test_days_must_be_numbers() -> None:
    km = kaplan_meier([2, 4, 7], [1, 0, 1])
    with pytest.raises(ValueError, match=r"times must be numbers of days, got \['365'\]"):
        km.at(["365"])
    with pytest.raises(ValueError, match="times must be numbers of days"):
        km.at("365")  # type: ignore[arg-type]


def test_grouping_by_a_column_the_survival_data_lacks_names_the_usable_ones(
    small_cohort: Cohort,
) -> None:
    with pytest.raises(
        ValueError,
        match=r"'technique' is not a column of the patient-level survival data; group by one of .*etiology",
    ):
        stats.fracture_free_survival(small_cohort, by="technique")
    with pytest.raises(ValueError, match="'technique' is not a column"):
        stats.fracture_free_logrank(small_cohort, by="technique")


def test_constant_paired_differences_give_an_undefined_t_test() -> None:
    from analysis.stats.outcomes.paired import paired_t

    est = paired_t(np.array([-5.0, -5.0, -5.0]))
    assert np.isnan(est.p_value) and "undefined" in est.method


def _without(cohort: Cohort, measure: str | None = None, timepoint: str | None = None) -> Cohort:
    a = cohort.assessments
    if measure is not None:
        a = a[a["measure"] != measure]
    if timepoint is not None:
        a = a[a["timepoint"] != timepoint]
    return Cohort.from_frames(cohort.patients, cohort.procedures, a, cohort.fractures)


def test_outcome_analyses_name_what_is_missing(small_cohort: Cohort) -> None:
    no_pain = _without(small_cohort, measure="pain_vas")
    with pytest.raises(ValueError, match="no pain_vas assessments in the index sessions"):
        stats.change_from_baseline(no_pain)
    with pytest.raises(ValueError, match="no analgesic_use assessments"):
        stats.mcnemar(small_cohort, "analgesic_use")
    no_three = _without(small_cohort, timepoint="3m")
    model = stats.mixed_model(no_three, "pain_vas", ("pre", "24h", "1m", "3m", "12m"))
    assert "time point(s) 3m without any score left out" in model.method
    assert "3m" not in set(model.fixed["term"])
    with pytest.raises(ValueError, match="no pain_vas scores at the baseline time point pre"):
        stats.mixed_model(_without(small_cohort, timepoint="pre"), "pain_vas")


def test_a_factor_level_without_events_is_named_as_coxph_warns() -> None:
    from analysis.stats.survival.cox import cox_ph

    data = pd.read_csv(REFERENCE / "cox_edges_input.csv")
    r = pd.read_csv(REFERENCE / "cox_edges.csv", comment="#").set_index("term")
    assert "coefficient may be infinite" in r.loc["sitec", "warning"]
    model = cox_ph(data, "time", "event", ["age", "site"])
    hr = {t.quantity: t for t in model.terms}
    assert np.isnan(hr["hazard_ratio[site=c]"].estimate)
    assert "may be infinite" in hr["hazard_ratio[site=c]"].method
    assert len(model.notes) == 1 and model.notes[0].startswith(
        "site=c: the likelihood keeps rising"
    )
    # the finite coefficients agree with R's fit of the same model
    assert np.log(hr["hazard_ratio[age]"].estimate) == pytest.approx(r.loc["age", "coef"], rel=1e-4)
    assert np.log(hr["hazard_ratio[site=b]"].estimate) == pytest.approx(
        r.loc["siteb", "coef"], rel=1e-3
    )


def test_covariates_nobody_has_together_are_named_with_their_missing_counts() -> None:
    from analysis.stats.survival.cox import cox_ph

    data = pd.DataFrame(
        {
            "time": [5, 8, 9, 12],
            "event": [1, 0, 1, 1],
            "a": [1.0, None, None, 2.0],
            "b": [None, 1.0, 2.0, None],
        }
    )
    with pytest.raises(
        ValueError, match=r"no subject has every covariate \(missing per column: a 2, b 2\)"
    ):
        cox_ph(data, "time", "event", ["a", "b"])
    data["c"] = [1.0, 1.0, 1.0, 2.0]
    data["b"] = [1.0, 1.0, None, 1.0]
    with pytest.raises(
        ValueError,
        match=r"do not vary among the subjects used \(the 3 of 4 subjects with every covariate; missing per column: b 1\)",
    ):
        cox_ph(data, "time", "event", ["b"])


def test_vertebra_level_gee_equals_geepack() -> None:
    from analysis.stats import gee_coefficient

    data = pd.read_csv(REFERENCE / "gee_input.csv")
    r = pd.read_csv(REFERENCE / "gee.csv", comment="#").set_index("model")
    vol = gee_coefficient(data, "cement_volume_ml", "repeated", "patient_id")
    assert vol.estimate == pytest.approx(r.loc["volume", "estimate"], rel=1e-6)
    se = (vol.ci_high - vol.ci_low) / (2 * 1.959963984540054)
    assert se == pytest.approx(r.loc["volume", "std_error"], rel=1e-5)
    leak = gee_coefficient(data, "any_leakage", "kyphoplasty", "patient_id", "binomial")
    assert np.log(leak.estimate) == pytest.approx(r.loc["leakage", "estimate"], rel=1e-6)
    assert leak.p_value == pytest.approx(r.loc["leakage", "p_value"], rel=1e-4)
    assert leak.n_excluded == int(data["any_leakage"].isna().sum())


def test_repeat_volume_keeps_paired_and_unpaired_vertebrae_apart() -> None:
    from analysis.synth import synthesize
    from analysis.synth.generate import SynthParams

    cohort = synthesize(300, seed=5, params=SynthParams(p_same_level=0.2))
    rv = stats.repeat_volume(cohort)
    assert rv.paired is not None and rv.clustered is not None
    n_paired = rv.paired.n_pairs
    # every repeat vertebra of this cohort is a paired one: nothing is left to compare
    # unpaired, and no paired vertebra is compared twice
    assert rv.unpaired is None
    assert rv.clustered.n_used == rv.n_used == len(cohort.procedures)
    assert n_paired == rv.n_vertebrae_paired > 2
    assert "exchangeable" in rv.clustered.method


def test_tests_are_addressed_by_name_with_one_primary() -> None:
    x, y = np.array([3.0, 4.5, 5.1, 6.0, 4.4]), np.array([2.0, 2.5, 3.9, 3.1])
    res = stats.compare_two_groups(x, y, ("a", "b"), primary="mann_whitney")
    assert res.primary_test is res.tests["mann_whitney"]
    assert list(res.sensitivity) == ["welch", "student"]
    frame = res.to_frame()
    assert dict(zip(frame["test"], frame["role"], strict=True)) == {
        "welch": "sensitivity",
        "student": "sensitivity",
        "mann_whitney": "primary",
    }
    with pytest.raises(
        KeyError, match=r"no test 'wilcoxon'; tests: \['welch', 'student', 'mann_whitney'\]"
    ):
        res.tests["wilcoxon"]
    with pytest.raises(ValueError, match="primary test must be one of"):
        stats.compare_two_groups(x, y, primary="t")
    table = stats.two_by_two(12, 29, 10, 29)
    assert list(table.tests) == [
        "chi_square",
        "chi_square_yates",
        "fisher",
        "risk_ratio",
        "odds_ratio",
        "risk_difference",
    ]


@pytest.mark.parametrize("tau", [180, 365, 540])
def test_rmst_equals_survival_rmean_and_rmst2_comparisons(tau: int) -> None:
    from analysis.stats.survival.rmst import rmst
    from tests.reference_values import read_input

    d = read_input("survival_input.csv")
    d = d[d.group.isin(["osteoporotic", "pathologic"])]
    fx = d.status.isin([1, 2]).astype(int)
    res = rmst(d.time, fx, d.group, tau=tau, group_order=("osteoporotic", "pathologic"))
    r = pd.read_csv(REFERENCE / "rmst.csv", comment="#")
    r = r[r.tau == tau].set_index("quantity")
    for est in res.groups:
        assert est.estimate == pytest.approx(r.loc[est.quantity, "estimate"], **EST)
        assert est.ci_low == pytest.approx(r.loc[est.quantity, "ci_low"], rel=1e-6)
    for name, quantity in (("difference", "rmst_difference"), ("ratio", "rmst_ratio")):
        est = res.tests[name]
        assert est.estimate == pytest.approx(r.loc[quantity, "estimate"], **EST)
        assert est.ci_high == pytest.approx(r.loc[quantity, "ci_high"], rel=1e-6)
        assert est.p_value == pytest.approx(r.loc[quantity, "p_value"], rel=1e-4)
    with pytest.raises(ValueError, match="beyond the last follow-up"):
        rmst(d.time, fx, d.group, tau=10_000)


def test_proportions_as_prop_test_and_binom_test() -> None:
    r = pd.read_csv(REFERENCE / "proportions.csv", comment="#")
    for row in r.itertuples():
        p = stats.proportion(int(row.count), int(row.n), p0=float(row.p0))
        assert p.wilson_cc is not None
        assert p.wilson_cc.ci_low == pytest.approx(row.wilson_cc_low, rel=1e-6, abs=1e-12)
        assert p.wilson_cc.ci_high == pytest.approx(row.wilson_cc_high, rel=1e-6)
        assert p.wilson_cc.p_value == pytest.approx(row.prop_test_p, rel=1e-4)
        assert p.clopper_pearson.p_value == pytest.approx(row.binom_p, rel=1e-4)
    with pytest.raises(ValueError, match="p0 must lie strictly between 0 and 1"):
        stats.proportion(3, 5, p0=1.0)


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_correlation_equals_cor_test(method: str) -> None:
    d = pd.read_csv(REFERENCE / "correlation_input.csv")
    r = pd.read_csv(REFERENCE / "correlation.csv", comment="#").set_index("method").loc[method]
    est = stats.correlation(d.x, d.y, method)
    assert est.estimate == pytest.approx(r["estimate"], **EST)
    assert est.p_value == pytest.approx(r["p_value"], rel=1e-4)
    if method == "pearson":
        assert (est.ci_low, est.ci_high) == pytest.approx((r["ci_low"], r["ci_high"]), rel=1e-6)
        assert est.statistic == pytest.approx(r["statistic"], rel=1e-6)
    with pytest.raises(ValueError, match="at least 4 pairs"):
        stats.correlation([1, 2, np.nan], [1, 2, 3], method)


def test_paired_change_holds_the_sd_of_changes_and_the_non_zero_count() -> None:
    from analysis.stats.outcomes.paired import compare_paired

    before = np.array([8, 7, 9, 6, 8, 7.0])
    after = np.array([3, 7, 4, 2, 8, 5.0])
    res = compare_paired(before, after)
    diff = after - before
    assert res.sd_change == pytest.approx(float(np.std(diff, ddof=1)), rel=1e-12)
    assert res.n_nonzero == 4  # two patients did not change; the signed-rank test drops them
    assert res.wilcoxon_branch == "normal"  # zero differences rule the exact test out, as R
    assert (
        compare_paired(np.array([1.0, 2, 3, 4]), np.array([2.0, 4.5, 3.5, 7])).wilcoxon_branch
        == "exact"
    )
    assert res.t_test.statistic == pytest.approx(
        diff.mean() / (res.sd_change / np.sqrt(6)), rel=1e-12
    )


@pytest.mark.parametrize("design", ["plain", "stratified"])
def test_logrank_observed_expected_variance_and_strata_equal_survdiff(design: str) -> None:
    from tests.reference_values import read_input

    d = read_input("survival_input.csv")
    fx = d.status.isin([1, 2]).astype(int)
    r = pd.read_csv(REFERENCE / "logrank.csv", comment="#", keep_default_na=False)
    r = r[r.design == design]
    lr = stats.logrank_test(
        d.time, fx, d.group, strata=d.steroid if design == "stratified" else None
    )
    chisq = float(r[r.quantity == "chisq"]["value"].iloc[0])
    assert lr.test.statistic == pytest.approx(chisq, **EST)
    got = lr.groups_frame().set_index("group")
    for row in r[r.quantity.isin(["observed", "expected"])].itertuples():
        assert got.loc[row.row, row.quantity] == pytest.approx(float(row.value), **EST)
    index = {g: i for i, g in enumerate(lr.groups)}
    for row in r[r.quantity == "variance"].itertuples():
        assert lr.variance[index[row.row]][index[row.col]] == pytest.approx(float(row.value), **EST)


def test_kaplan_meier_quantiles_equal_quantile_survfit() -> None:
    from tests.reference_values import read_input

    d = read_input("survival_input.csv")
    r = pd.read_csv(REFERENCE / "quantiles.csv", comment="#")
    km = kaplan_meier(d.time, d.status.isin([1, 2, 3]).astype(int), d.group)
    got = km.quantiles((0.1, 0.25, 0.5))
    for col in ("time", "ci_low", "ci_high"):
        assert got[col].to_numpy() == pytest.approx(r[col].to_numpy(), **EST)
    assert set(got["conf_type"]) == {"log-log"}
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        km.quantiles((50,))


def test_cox_global_tests_equal_coxph() -> None:
    from analysis.stats.survival.cox import cox_ph
    from tests.reference_values import read_input

    d = read_input("survival_input.csv")
    d["fx"] = d.status.isin([1, 2]).astype(int)
    model = cox_ph(d, "time", "fx", ["age", "bmd", "steroid", "volume"])
    r = pd.read_csv(REFERENCE / "cox_tests.csv", comment="#").set_index("test")
    assert model.concordance == pytest.approx(r.loc["concordance", "statistic"], rel=1e-6)
    assert model.concordance_se == pytest.approx(r.loc["concordance_se", "statistic"], rel=1e-6)
    r = r.drop(index=["concordance", "concordance_se"])
    for name in ("likelihood_ratio", "wald", "score"):
        assert model.tests[name].statistic == pytest.approx(r.loc[name, "statistic"], rel=1e-6)
        assert model.tests[name].df == r.loc[name, "df"]
        assert model.tests[name].p_value == pytest.approx(r.loc[name, "p_value"], rel=1e-4)


def test_responder_rules_and_presets(small_cohort: Cohort) -> None:
    from analysis.stats.outcomes.responder_rules import MCID, ResponderRule

    before = np.array([8, 8, 6, 5, 0, np.nan])
    after = np.array([5, 7, 2, 4, 0, 3])
    hit, usable = ResponderRule(points=3).apply(before, after)
    assert hit.tolist() == [True, False, True, False, False, False] and usable.sum() == 5
    hit, usable = ResponderRule(percent=0.5).apply(before, after)
    assert (
        hit.tolist() == [False, False, True, False, False, False] and usable.sum() == 4
    )  # baseline 0 cannot be judged
    hit, _ = ResponderRule(points=3, below=3, combine="all").apply(before, after)
    assert hit.tolist() == [False, False, True, False, False, False]
    hit, _ = ResponderRule(points=3, below=4, combine="any").apply(before, after)
    assert hit.tolist() == [True, False, True, True, True, False]
    assert ResponderRule(points=2, percent=0.3, combine="any").describe() == (
        "reduction of at least 2 points or reduction of at least 30% from baseline"
    )
    assert MCID["odi"].points == 10 and MCID["rdq"].points == 5 and MCID["pain_15mm"].points == 1.5
    res = stats.responders_by_rule(small_cohort, "pain")
    plain = stats.responders(small_cohort, threshold=2)
    assert res.responders.count == plain.responders.count
    with pytest.raises(ValueError, match="no responder preset 'vas'"):
        stats.responders_by_rule(small_cohort, "vas")
    with pytest.raises(ValueError, match="needs points, percent or below"):
        ResponderRule()


def test_naive_one_minus_km_overstates_when_death_competes() -> None:
    names = {0: "censored", 1: "fracture", 2: "fracture", 3: "death"}
    cause = [names[c] for c in CAUSE]
    table = stats.naive_vs_cumulative(TIME, cause, "fracture", days=(10, 30, 50))
    assert (table["overstatement"] >= -1e-12).all()
    assert table["overstatement"].iloc[-1] > 0  # deaths before day 50 make the naive figure larger
    no_death = [("censored" if c == "death" else c) for c in cause]
    same = stats.naive_vs_cumulative(TIME, no_death, "fracture", days=(10, 30, 50))
    assert same["overstatement"].to_numpy() == pytest.approx(0, abs=1e-12)
    with pytest.raises(ValueError, match="no event of cause 'remote'"):
        stats.naive_vs_cumulative(TIME, cause, "remote")


def test_landmark_survival_restarts_the_clock_among_those_still_at_risk() -> None:
    t = np.array([5, 20, 35, 40, 60, 90])
    e = np.array([1, 1, 0, 1, 1, 0])
    km = stats.landmark_survival(t, e, landmark_day=30)
    direct = kaplan_meier(t[t > 30] - 30, e[t > 30])
    assert km.curves[0].table.equals(direct.curves[0].table)
    assert km.n_excluded == 2 and "landmark at day 30" in km.method
    with pytest.raises(ValueError, match="nobody is still followed"):
        stats.landmark_survival(t, e, landmark_day=100)


def test_cox_breslow_ties_naive_and_robust_errors_and_counts_per_level() -> None:
    from analysis.stats.survival.cox import cox_ph
    from tests.reference_values import read_input

    d = read_input("survival_input.csv")
    d["fx"] = d.status.isin([1, 2]).astype(int)
    covs = ["age", "bmd", "steroid", "volume"]
    r = pd.read_csv(REFERENCE / "cox_breslow.csv", comment="#")
    b = cox_ph(d, "time", "fx", covs, ties="breslow", concordance=False)
    want = r[r.fit == "breslow"]
    assert np.array(b.coef) == pytest.approx(want["coef"].to_numpy(), **EST)
    assert np.array(b.std_error) == pytest.approx(want["se"].to_numpy(), rel=1e-6)
    assert "Breslow ties" in b.method
    cl = cox_ph(d, "time", "fx", covs, cluster="patient", concordance=False)
    assert np.array(cl.std_error) == pytest.approx(
        r[r.fit == "cluster_naive"]["se"].to_numpy(), rel=1e-6
    )
    assert np.array(cl.robust_std_error) == pytest.approx(
        r[r.fit == "cluster_robust"]["se"].to_numpy(), rel=1e-6
    )
    assert cl.n_clusters == d["patient"].nunique()
    rscore = float(r[r.fit == "robust_score_test"]["coef"].iloc[0])
    assert cl.tests["robust_score"].statistic == pytest.approx(rscore, rel=1e-6)
    assert cl.tests["robust_score"].df == 4.0
    counts = cl.level_counts.set_index(["covariate", "level"])
    assert counts.loc[("steroid", "1"), "n_events"] == int(d.loc[d.steroid == 1, "fx"].sum())
    with pytest.raises(ValueError, match="ties must be 'efron' or 'breslow'"):
        cox_ph(d, "time", "fx", covs, ties="exact")


@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("correct", [True, False])
def test_wilcoxon_exact_and_correct_switches_as_wilcox_test(exact: bool, correct: bool) -> None:
    from analysis.stats.ranks import rank_sum, signed_rank

    d = np.array([-3.1, -2.4, -4.0, -1.2, -5.5, 0.7, -2.9, -3.6, -0.4, -1.9, -2.2, -4.4])
    x = np.array([6.1, 7.4, 5.9, 8.2, 6.6, 7.0, 9.1, 6.8])
    y = np.array([4.0, 4.6, 5.2, 3.9, 4.4, 5.0, 4.1])
    r = pd.read_csv(REFERENCE / "wilcoxon_switches.csv", comment="#")
    r = r[(r.exact == exact) & (r.correct == correct)].set_index("test")
    for name, est in (("signed_rank", signed_rank(d, exact=exact, correct=correct)),
                      ("rank_sum", rank_sum(x, y, exact=exact, correct=correct))):  # fmt: skip
        assert est.statistic == r.loc[name, "statistic"]
        assert est.p_value == pytest.approx(r.loc[name, "p_value"], rel=1e-4)
        assert (est.ci_low, est.ci_high) == pytest.approx(
            (r.loc[name, "ci_low"], r.loc[name, "ci_high"]), rel=1e-4
        )
        assert ("exact" in est.method) is exact
        if not exact:
            assert ("with continuity" in est.method) is correct


def test_an_exact_test_asked_for_with_ties_says_it_fell_back() -> None:
    from analysis.stats.ranks import signed_rank

    est = signed_rank(np.array([-2.0, -2.0, -1.0, -3.0, 1.0]), exact=True)
    assert "exact p-value impossible with ties or zeros: normal approximation used" in est.method


def test_questionnaire_scores_by_their_published_rules() -> None:
    assert stats.odi_score([5] * 10) == 100.0
    assert stats.odi_score([0] * 10) == 0.0
    assert stats.odi_score([2, 3, 1, 0, 4, 2, 2, 1, 3, None]) == pytest.approx(18 / 45 * 100)
    assert np.isnan(stats.odi_score([2, 3, 1, 0, 4, 2, 2, 1, None, None]))
    with pytest.raises(ValueError, match=r"ODI items are whole numbers 0-5; got \[6.0\]"):
        stats.odi_score([6] + [0] * 9)
    assert stats.rdq_score([1] * 10 + [0] * 14) == 10
    assert np.isnan(stats.rdq_score([1] * 23 + [None]))
    # the UK value set's anchors: full health 1, the worst state -0.594 (Dolan 1997)
    assert stats.eq5d_3l_index_uk("11111") == 1.0
    assert stats.eq5d_3l_index_uk("33333") == pytest.approx(-0.594)
    assert stats.eq5d_3l_index_uk([1, 1, 2, 2, 3]) == pytest.approx(0.255)
    with pytest.raises(ValueError, match="five levels 1-3"):
        stats.eq5d_3l_index_uk("1122")


def test_survival_at_days_counts_since_the_previous_day_and_since_day_zero() -> None:
    km = kaplan_meier([2, 4, 4, 7, 9, 12], [1, 0, 1, 1, 0, 1], conf_type="log")
    at = km.at([5, 10])
    assert at["n_event"].tolist() == [2, 1] and at["n_event_cumulative"].tolist() == [2, 3]
    assert at["n_censor"].tolist() == [1, 1] and at["n_censor_cumulative"].tolist() == [1, 2]
    assert set(at["conf_type"]) == {"log"}


def test_ancova_full_coefficient_table_equals_lm() -> None:
    from tests.reference_values import read_input

    d = read_input("groups_input.csv")
    d = d[d.case == "large"]
    model = stats.ancova_model(d, "value", "baseline", "group", ("osteoporotic", "pathologic"))
    r = pd.read_csv(REFERENCE / "ancova.csv", comment="#").set_index("term")
    names = {
        "(Intercept)": "intercept",
        "baseline": "baseline",
        "grouposteoporotic": "group=osteoporotic",
    }
    assert list(model.terms) == ["intercept", "baseline", "group=osteoporotic"]
    for theirs, ours in names.items():
        est = model.terms[ours]
        assert est.estimate == pytest.approx(r.loc[theirs, "estimate"], **EST)
        assert est.statistic == pytest.approx(r.loc[theirs, "statistic"], rel=1e-6)
        assert est.p_value == pytest.approx(r.loc[theirs, "p_value"], rel=1e-4)
        assert (est.ci_low, est.ci_high) == pytest.approx(
            (r.loc[theirs, "ci_low"], r.loc[theirs, "ci_high"]), rel=1e-6
        )
    assert model.r_squared == pytest.approx(r["r_squared"].iloc[0], **EST)
    assert model.adj_r_squared == pytest.approx(r["adj_r_squared"].iloc[0], **EST)
    assert model.n_used == r["n"].iloc[0]


def test_repeated_measures_anova_with_sphericity_corrections_equals_r() -> None:
    w = pd.read_csv(REFERENCE / "rm_anova_input.csv")
    r = pd.read_csv(REFERENCE / "rm_anova.csv", comment="#").set_index("quantity")["value"]
    res = stats.rm_anova(w)
    assert res.tests["uncorrected"].statistic == pytest.approx(r["F"], **EST)
    assert res.tests["uncorrected"].p_value == pytest.approx(r["p_uncorrected"], rel=1e-4)
    assert res.tests["greenhouse_geisser"].p_value == pytest.approx(r["p_gg"], rel=1e-4)
    assert res.tests["huynh_feldt"].p_value == pytest.approx(r["p_hf"], rel=1e-4)
    assert res.epsilon_gg == pytest.approx(0.6864, abs=5e-5)  # as anova.mlm prints it
    assert res.epsilon_hf == pytest.approx(0.7549, abs=5e-5)
    post = res.posthoc.set_index("pair")
    for name, value in r.items():
        if str(name).startswith("holm["):
            assert post.loc[str(name)[5:-1], "p_holm"] == pytest.approx(value, rel=1e-4)
    with pytest.raises(ValueError, match="at least 3 patients with every time point"):
        stats.rm_anova(w.head(2))


def test_model_terms_are_addressed_by_name(small_cohort: Cohort) -> None:
    model = stats.fracture_risk_model(small_cohort, ("age_years", "bmd_t_score"))
    assert list(model.hazard_ratios) == ["age_years", "bmd_t_score"]
    assert model.hazard_ratios["age_years"] is model.terms[0]
    logit = stats.leakage_model(small_cohort)
    assert set(logit.odds_ratios) == {"cement_volume_ml", "technique=kyphoplasty"}


def test_clustered_kaplan_meier_equals_survfit_with_cluster() -> None:
    from tests.reference_values import read_input

    d = read_input("survival_input.csv")
    r = pd.read_csv(REFERENCE / "km_cluster.csv", comment="#")
    km = stats.kaplan_meier_clustered(
        d.time, d.status.isin([1, 2]).astype(int), d.patient, conf_type="log"
    )
    at = km.at(r["time"].tolist())
    assert at["survival"].to_numpy() == pytest.approx(r["survival"].to_numpy(), **EST)
    assert at["std_err"].to_numpy() == pytest.approx(r["std_err"].to_numpy(), rel=1e-6)
    assert at["ci_low"].to_numpy() == pytest.approx(r["lower"].to_numpy(), rel=1e-6)
    assert "120 clusters" in km.method


def test_clustered_cumulative_incidence_equals_survfit_with_cluster() -> None:
    from tests.reference_values import read_input

    d = read_input("survival_input.csv")
    r = pd.read_csv(REFERENCE / "cif_cluster.csv", comment="#")
    cause = d.status.map({0: "censored", 1: "adjacent", 2: "remote", 3: "death"})
    got = stats.cumulative_incidence_clustered(
        d.time, cause, d.patient, days=(30, 90, 180, 365, 540)
    )
    for k, want in r.groupby("cause"):
        mine = got[got.cause == k]
        assert mine["estimate"].to_numpy() == pytest.approx(want["estimate"].to_numpy(), **EST)
        assert mine["std_err"].to_numpy() == pytest.approx(want["std_err"].to_numpy(), rel=1e-6)


def test_numeric_cause_codes_need_their_censoring_code_named() -> None:
    numeric = CAUSE  # 0 = censored, 1-3 causes, as cmprsk codes them
    with pytest.raises(ValueError, match=r"censoring label 'censored'.*censored=0"):
        cumulative_incidence(TIME, numeric, GROUP)
    coded = cumulative_incidence(TIME, numeric, GROUP, censored=0)
    names = {0: "censored", 1: "c1", 2: "c2", 3: "c3"}
    labelled = cumulative_incidence(TIME, [names[c] for c in CAUSE], GROUP)
    assert coded.causes == ("1", "2", "3")
    a, b = coded.at([10, 50]), labelled.at([10, 50])
    assert a["estimate"].to_numpy() == pytest.approx(b["estimate"].to_numpy())


def test_harrell_pairs_count_every_pair_rule_per_subject() -> None:
    """Both counts (merge sort, time sweep) equal the pairwise definition for every subject: the
    first of a pair has the event and the second is followed longer or censored at
    that time; equal scores earn 1/2; each pair counts for both of its subjects."""
    from analysis.stats.survival._counting import harrell_pairs

    rng = np.random.default_rng(20261121)
    for n in (1, 2, 9, 60, 400):
        t = rng.integers(1, 12, n).astype(float)
        e = (rng.random(n) < 0.6).astype(float)
        s = np.round(rng.normal(size=n), 1)
        earned, pairs = np.zeros(n), np.zeros(n)
        for i in range(n):
            for j in range(n):
                if e[i] and (t[j] > t[i] or (t[j] == t[i] and not e[j])):
                    v = (s[i] > s[j]) + 0.5 * (s[i] == s[j])
                    earned[[i, j]] += v
                    pairs[[i, j]] += 1
        for method in ("merge", "sweep", "auto"):
            ours = harrell_pairs(t, e, s, method)  # type: ignore[arg-type]
            assert np.array_equal(ours[0], earned) and np.array_equal(ours[1], pairs), (n, method)


def test_harrell_pairs_sweep_and_merge_sort_agree_on_registry_sized_data() -> None:
    """The time sweep (whole days, repeated scores) and the merge sort count the same
    pairs subject by subject, with continuous times and scores too."""
    from analysis.stats.survival._counting import harrell_pairs

    rng = np.random.default_rng(20261121)
    n = 20_000
    for t, s in (
        (rng.integers(1, 400, n).astype(float), np.round(rng.normal(size=n), 2)),
        (rng.exponential(100, n), rng.normal(size=n)),
    ):
        e = (rng.random(n) < 0.3).astype(float)
        merged, swept = harrell_pairs(t, e, s, "merge"), harrell_pairs(t, e, s, "sweep")
        assert np.array_equal(merged[0], swept[0]) and np.array_equal(merged[1], swept[1])


def test_concordance_se_is_the_pairwise_jackknife_at_any_size() -> None:
    """The standard error comes from the per-subject counts, so it is reported for
    large data too, and equals the pairwise infinitesimal jackknife."""
    from analysis.stats import cox_ph

    rng = np.random.default_rng(20261121)
    n = 300
    d = pd.DataFrame({"time": rng.integers(1, 40, n), "event": rng.integers(0, 2, n), "x": np.round(rng.normal(size=n), 1)})  # fmt: skip
    m = cox_ph(d, "time", "event", ["x"])
    t, e = d.time.to_numpy(float), d.event.to_numpy(float)
    lp = (d.x - d.x.mean()).to_numpy() * m.coef[0]
    comparable = e[:, None].astype(bool) & ((t[None, :] > t[:, None]) | ((t[None, :] == t[:, None]) & (e[None, :] == 0)))  # fmt: skip
    score = np.where(comparable, (lp[:, None] > lp[None, :]) + 0.5 * (lp[:, None] == lp[None, :]), 0.0)  # fmt: skip
    a, b = score.sum(1) + score.sum(0), comparable.sum(1) + comparable.sum(0)
    c = a.sum() / b.sum()
    assert m.concordance == pytest.approx(c, rel=1e-12)
    assert m.concordance_se == pytest.approx(
        np.sqrt((((a - c * b) / (b.sum() / 2)) ** 2).sum()), rel=1e-10
    )
    assert not any("concordance" in note for note in m.notes)
