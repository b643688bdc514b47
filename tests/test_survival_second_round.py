"""Second round of survival checks against R: stratified Cox (Efron and Breslow ties),
the concordance SE of a clustered Cox fit, R's ``timefix`` merging of near-tied times,
and RMST standard errors (tests/reference/cox_strata.R, cox_cluster_concordance.R,
rmst_se.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import stats
from analysis.schema import Cohort
from analysis.stats.fractures.classify import time_to_fracture
from analysis.stats.survival.cox import cox_ph
from tests.reference_values import REFERENCE, read_input

EST = {"rel": 1e-6, "abs": 1e-12}
P = {"rel": 1e-4, "abs": 1e-12}


def _ref(name: str) -> pd.DataFrame:
    return pd.read_csv(REFERENCE / f"{name}.csv", comment="#")


def _values(frame: pd.DataFrame, case: str) -> dict[str, float]:
    hit = frame[frame.case == case]
    return dict(zip(hit.quantity, hit.value.astype(float), strict=True))


@pytest.fixture(scope="module")
def strata_data() -> pd.DataFrame:
    return read_input("cox_strata_input.csv")


@pytest.mark.parametrize("ties", ["efron", "breslow"])
def test_stratified_cox_equals_coxph_strata(strata_data: pd.DataFrame, ties: str) -> None:
    r = _values(_ref("cox_strata"), ties)
    m = cox_ph(strata_data, "time", "event", ["x1", "x2"], ties=ties, strata="stratum")
    for k, name in enumerate(["x1", "x2"]):
        assert m.coef[k] == pytest.approx(r[f"coef[{name}]"], **EST)
        assert m.std_error[k] == pytest.approx(r[f"se[{name}]"], **EST)
        assert m.hazard_ratios[name].estimate == pytest.approx(np.exp(r[f"coef[{name}]"]), **EST)
        assert m.hazard_ratios[name].p_value == pytest.approx(r[f"p[{name}]"], **P)
    assert m.loglik == pytest.approx(r["loglik"], **EST)
    assert m.loglik_null == pytest.approx(r["loglik_null"], **EST)
    for test, key in (("likelihood_ratio", "lr"), ("wald", "wald"), ("score", "score")):
        assert m.tests[test].statistic == pytest.approx(r[key], **EST)
        assert m.tests[test].df == 2
        assert m.tests[test].p_value == pytest.approx(r[f"{key}_p"], **P)
    assert m.concordance == pytest.approx(r["concordance"], **EST)
    assert m.concordance_se == pytest.approx(r["concordance_se"], **EST)
    zph = m.ph_test.set_index("term")["statistic"]
    for term in ("x1", "x2", "GLOBAL"):
        assert zph[term] == pytest.approx(r[f"zph[{term}]"], **EST)
    assert m.n_events == r["n_events"]
    assert m.strata == ("stratum",)
    assert m.formula == "Surv(time, event) ~ x1 + x2 + strata(stratum)"
    assert "stratified by stratum" in m.method


def test_strata_change_the_model_and_none_keeps_the_unstratified_one(
    strata_data: pd.DataFrame,
) -> None:
    plain = cox_ph(strata_data, "time", "event", ["x1", "x2"])
    again = cox_ph(strata_data, "time", "event", ["x1", "x2"], strata=None)
    stratified = cox_ph(strata_data, "time", "event", ["x1", "x2"], strata="stratum")
    assert again.coef == plain.coef and again.method == plain.method and again.strata == ()
    assert abs(stratified.coef[0] - plain.coef[0]) > 1e-3
    # a stratum with a single level is the unstratified model
    one = cox_ph(strata_data.assign(all="x"), "time", "event", ["x1", "x2"], strata="all")
    assert one.coef == pytest.approx(plain.coef, rel=1e-10)
    assert one.concordance == pytest.approx(plain.concordance, rel=1e-12)


def test_two_strata_columns_are_their_combinations(strata_data: pd.DataFrame) -> None:
    d = strata_data.assign(half=np.where(strata_data.id % 2 == 0, "even", "odd"))
    both = cox_ph(d, "time", "event", ["x1"], strata=["stratum", "half"])
    combined = cox_ph(
        d.assign(cell=d.stratum + "/" + d.half), "time", "event", ["x1"], strata="cell"
    )
    assert both.coef == pytest.approx(combined.coef, rel=1e-12)
    assert both.formula.endswith("strata(stratum, half)")


def test_a_stratum_cannot_also_be_a_covariate(strata_data: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="cannot be both a covariate and a stratum"):
        cox_ph(strata_data, "time", "event", ["x1", "stratum"], strata="stratum")
    with pytest.raises(ValueError, match=r"no column\(s\) \['site'\]"):
        cox_ph(strata_data, "time", "event", ["x1"], strata="site")


def test_missing_stratum_excludes_the_subject(strata_data: pd.DataFrame) -> None:
    d = strata_data.astype({"stratum": object})
    d.loc[:4, "stratum"] = None
    m = cox_ph(d, "time", "event", ["x1", "x2"], strata="stratum")
    assert (m.n_used, m.n_excluded) == (len(d) - 5, 5)


@pytest.mark.parametrize("ties", ["efron", "breslow"])
def test_fracture_risk_model_passes_ties_and_strata(
    small_cohort: Cohort, ties: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    covariates = ("age_years", "bmd_t_score")
    data = time_to_fracture(small_cohort)
    want = cox_ph(data, "time", "fracture", covariates, ties=ties, strata="etiology")
    got = stats.fracture_risk_model(small_cohort, covariates, ties=ties, strata="etiology")
    assert got.coef == want.coef and got.method == want.method
    assert got.strata == ("etiology",)
    assert got.coef != stats.fracture_risk_model(small_cohort, covariates).coef
    # the synthetic cohort has no tied fracture times: see that ties= reaches cox_ph
    from analysis.stats.fractures import cohort as fractures_cohort

    seen: dict[str, object] = {}

    def spy(*args: object, **kwargs: object) -> object:
        seen.update(kwargs)
        return cox_ph(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fractures_cohort, "cox_ph", spy)
    model = stats.fracture_risk_model(small_cohort, covariates, ties=ties)
    assert (seen["ties"], seen["strata"]) == (ties, None)
    assert f"{ties.capitalize()} ties" in model.method


@pytest.mark.parametrize("ties", ["efron", "breslow"])
@pytest.mark.parametrize("form", ["plain", "strata"])
def test_clustered_cox_concordance_se_groups_by_cluster(
    strata_data: pd.DataFrame, ties: str, form: str
) -> None:
    r = _values(_ref("cox_cluster_concordance"), f"{form}_{ties}")
    strata = "stratum" if form == "strata" else None
    m = cox_ph(strata_data, "time", "event", ["x1", "x2"], cluster="id", ties=ties, strata=strata)
    assert m.robust_std_error is not None
    for k, name in enumerate(["x1", "x2"]):
        assert m.coef[k] == pytest.approx(r[f"coef[{name}]"], **EST)
        assert m.std_error[k] == pytest.approx(r[f"se[{name}]"], **EST)
        assert m.robust_std_error[k] == pytest.approx(r[f"robust_se[{name}]"], **EST)
    assert m.robust_score_test == pytest.approx(r["robust_score"], **EST)
    assert m.tests["wald"].statistic == pytest.approx(r["wald"], **EST)
    assert m.concordance == pytest.approx(r["concordance"], **EST)
    assert m.concordance_se == pytest.approx(r["concordance_se"], **EST)
    # without the cluster the per-subject influence gives R's unclustered SE
    unclustered = cox_ph(strata_data, "time", "event", ["x1", "x2"], ties=ties, strata=strata)
    assert unclustered.concordance_se == pytest.approx(r["concordance_se_unclustered"], **EST)
    assert abs(unclustered.concordance_se - m.concordance_se) > 1e-4


def test_one_subject_per_cluster_keeps_the_unclustered_concordance_se(
    strata_data: pd.DataFrame,
) -> None:
    d = strata_data.assign(row=np.arange(len(strata_data)))
    each = cox_ph(d, "time", "event", ["x1", "x2"], cluster="row")
    plain = cox_ph(d, "time", "event", ["x1", "x2"])
    assert each.concordance_se == pytest.approx(plain.concordance_se, rel=1e-12)


@pytest.fixture(scope="module")
def near_ties() -> pd.DataFrame:
    return read_input("near_ties_input.csv")


@pytest.mark.parametrize("ties", ["efron", "breslow"])
def test_cox_merges_near_tied_times_as_coxph_timefix(near_ties: pd.DataFrame, ties: str) -> None:
    r = _values(_ref("cox_strata"), f"near_ties_{ties}")
    m = cox_ph(near_ties, "time", "event", ["x1", "x2"], ties=ties, strata="stratum")
    for k, name in enumerate(["x1", "x2"]):
        assert m.coef[k] == pytest.approx(r[f"coef[{name}]"], **EST)
        assert m.std_error[k] == pytest.approx(r[f"se[{name}]"], **EST)
    assert m.loglik == pytest.approx(r["loglik"], **EST)
    assert m.lr_test == pytest.approx(r["lr"], **EST)
    assert m.score_test == pytest.approx(r["score"], **EST)
    assert m.tests["wald"].statistic == pytest.approx(r["wald"], **EST)
    assert m.concordance == pytest.approx(r["concordance"], **EST)
    assert m.concordance_se == pytest.approx(r["concordance_se"], **EST)
    c = cox_ph(near_ties, "time", "event", ["x1", "x2"], ties=ties, cluster="id")
    assert c.robust_std_error is not None
    for k, name in enumerate(["x1", "x2"]):
        assert c.coef[k] == pytest.approx(r[f"cluster_coef[{name}]"], **EST)
        assert c.robust_std_error[k] == pytest.approx(r[f"cluster_robust_se[{name}]"], **EST)
    assert c.concordance_se == pytest.approx(r["cluster_concordance_se"], **EST)
    # the times as they are (the bare fit does not merge, as coxph.fit) give another model
    x = near_ties[["x1", "x2"]].to_numpy(dtype=float)
    raw = stats.cox_fit(near_ties.time.to_numpy(), near_ties.event.to_numpy(), x, ties)
    assert abs(raw.coef[0] - c.coef[0]) > 1e-4


def test_kaplan_meier_and_log_rank_merge_near_tied_times(near_ties: pd.DataFrame) -> None:
    ref = _ref("cox_strata")
    km = stats.kaplan_meier(near_ties.time, near_ties.event, near_ties.stratum)
    for curve in km.curves:
        r = _values(ref, f"near_ties_km_{curve.group}")
        tab = curve.table
        assert len(tab) == sum(q.startswith("time[") for q in r)
        for col, key in (("time", "time"), ("n_risk", "n_risk"), ("n_event", "n_event"),
                         ("survival", "surv"), ("std_err", "std_err"), ("ci_low", "lower"),
                         ("ci_high", "upper")):  # fmt: skip
            want = [r[f"{key}[{k + 1}]"] for k in range(len(tab))]
            assert tab[col].to_numpy(dtype=float) == pytest.approx(want, nan_ok=True, **EST)
    r = _values(ref, "near_ties_logrank")
    lr = stats.logrank_test(near_ties.time, near_ties.event, near_ties.stratum)
    assert lr.test.statistic == pytest.approx(r["chisq"], **EST)
    strat = stats.logrank_test(
        near_ties.time, near_ties.event, near_ties.x2, strata=near_ties.stratum
    )
    assert strat.test.statistic == pytest.approx(r["stratified_chisq"], **EST)


def test_merge_near_ties_follows_aeqsurv() -> None:
    from analysis.stats.survival._counting import merge_near_ties

    t = np.array([1.0000000001, 1.0, 0.9999999999, 2.0, np.nan, 2.5, 2.5 + 1e-7])
    got = merge_near_ties(t)
    # a group takes its smallest time; 1e-7 apart is more than the tolerance at 2.5
    assert got[:4].tolist() == [0.9999999999, 0.9999999999, 0.9999999999, 2.0]
    assert np.isnan(got[4]) and got[5:].tolist() == [2.5, 2.5 + 1e-7]
    days = np.array([0.0, 1.0, 2.0, 365.0])
    assert merge_near_ties(days) is days  # whole days are never within the tolerance


RMST_CASES = {
    "strata_ab_300": ("cox_strata_input.csv", ("a", "b"), 300.0),
    "strata_ab_600": ("cox_strata_input.csv", ("a", "b"), 600.0),
    "strata_abc_450": ("cox_strata_input.csv", ("a", "b", "c"), 450.0),
    "near_ties_ab_15": ("near_ties_input.csv", ("a", "b"), 15.0),
}


@pytest.mark.parametrize("case", list(RMST_CASES))
def test_rmst_standard_errors_equal_rmean_and_rmst2(case: str) -> None:
    name, groups, tau = RMST_CASES[case]
    d = read_input(name)
    d = d[d.stratum.isin(groups)]
    r = _values(_ref("rmst_se"), case)
    res = stats.rmst(d.time, d.event, d.stratum, tau=tau, group_order=groups)
    assert len(res.std_errors) == len(groups)
    for g, est, se in zip(groups, res.groups, res.std_errors, strict=True):
        assert est.estimate == pytest.approx(r[f"rmst[{g}]"], **EST)
        assert se == pytest.approx(r[f"se[{g}]"], **EST)
        # the SE is the one behind the normal interval
        assert (est.ci_high - est.ci_low) / (2 * 1.959963984540054) == pytest.approx(se, rel=1e-9)
    if len(groups) == 2:
        assert res.tests["difference"].estimate == pytest.approx(r["difference"], **EST)
        assert res.difference_std_error == pytest.approx(r["difference_se"], **EST)
        assert res.tests["ratio"].estimate == pytest.approx(r["ratio"], **EST)
        assert res.log_ratio_std_error == pytest.approx(r["log_ratio_se"], **EST)
        z = res.tests["difference"].statistic
        assert z == pytest.approx(r["difference"] / r["difference_se"], **EST)
    else:
        assert np.isnan(res.difference_std_error) and np.isnan(res.log_ratio_std_error)


def test_rmst_standard_errors_at_the_edges() -> None:
    """A group without events up to tau (SE 0, as R) and one whose last subject at risk
    has the event (that time adds no variance, as survmean and rmst2)."""
    time = [10, 50, 120, 200, 260, 300, 20, 40, 60, 100]
    event = [0, 0, 0, 0, 1, 0, 1, 0, 1, 1]
    group = ["flat"] * 6 + ["all_die"] * 4
    r = _values(_ref("rmst_se"), "edge_100")
    res = stats.rmst(time, event, group, tau=100, group_order=("flat", "all_die"))
    assert res.std_errors == pytest.approx((r["se[flat]"], r["se[all_die]"]), **EST)
    assert res.std_errors[0] == 0.0
    assert res.groups[1].ci_low == pytest.approx(
        r["rmst[all_die]"] - 1.959963984540054 * r["se[all_die]"], **EST
    )
    assert res.difference_std_error == pytest.approx(r["difference_se"], **EST)
    assert res.log_ratio_std_error == pytest.approx(r["log_ratio_se"], **EST)
    # the flat group's interval and the comparisons' tests stay withheld
    assert np.isnan(res.groups[0].ci_low) and np.isnan(res.tests["difference"].p_value)
    assert res.without_events == ("flat",)
