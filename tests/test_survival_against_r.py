"""Survival, competing risks and Cox against R (tests/reference/survival.R).

Tolerances: estimates 1e-6 relative; p-values and CIs 1e-4 relative. Times are weekly,
so events and censorings are tied on purpose.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats.survival.competing import cumulative_incidence
from analysis.stats.survival.cox import cox_fit, cox_ph
from analysis.stats.survival.kaplan_meier import kaplan_meier, logrank_test
from tests.reference_values import REFERENCE, read_input, ref

EST = {"rel": 1e-6, "abs": 1e-12}
PCI = {"rel": 1e-4, "abs": 1e-12}
GROUPS = ["osteoporotic", "pathologic", "traumatic"]
COVS = ["age", "bmd", "steroid", "volume"]


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    d = read_input("survival_input.csv")
    d["fx"] = d.status.isin([1, 2]).astype(int)
    d["cause"] = d.status.map({0: "censored", 1: "adjacent", 2: "remote", 3: "death"})
    return d


@pytest.mark.parametrize("conf_type", ["log-log", "log", "plain"])
def test_kaplan_meier_step_functions_equal_survfit(data: pd.DataFrame, conf_type: str) -> None:
    curves = pd.read_csv(REFERENCE / "survival_curves.csv", comment="#")
    theirs = curves[curves.conf_type == conf_type].reset_index(drop=True)
    ours = kaplan_meier(data.time, data.fx, data.group, conf_type=conf_type).to_frame()  # type: ignore[arg-type]
    assert list(ours.group) == list(theirs.group)
    for col in ("time", "n_risk", "n_event", "n_censor"):
        assert np.array_equal(ours[col].to_numpy(float), theirs[col].to_numpy(float)), col
    for col in ("survival", "std_err"):
        assert np.allclose(ours[col], theirs[col], rtol=1e-6, atol=0), col
    for col in ("ci_low", "ci_high"):
        assert np.allclose(ours[col], theirs[col], rtol=1e-4, atol=0, equal_nan=True), col


@pytest.mark.parametrize("conf_type", ["log-log", "log", "plain"])
def test_medians_and_their_intervals_equal_quantile_survfit(
    data: pd.DataFrame, conf_type: str
) -> None:
    km = kaplan_meier(data.time, data.fx, data.group, conf_type=conf_type)  # type: ignore[arg-type]
    for g in GROUPS:
        c = km.curve(g)
        for ours, q in (
            (c.median, "median"),
            (c.median_ci_low, "ci_low"),
            (c.median_ci_high, "ci_high"),
        ):
            theirs = ref("survival", f"median_{conf_type}", g, q)
            assert ours == theirs or (np.isnan(ours) and np.isnan(theirs)), (g, q)


def test_estimates_at_days_equal_summary_times(data: pd.DataFrame) -> None:
    at = kaplan_meier(data.time, data.fx).at((30, 90, 180, 365, 730)).set_index("time")
    for day in (30, 90, 180, 365, 730):
        for q in ("n_risk", "n_event", "n_censor"):
            assert at.loc[day, q] == ref("survival", "at_times", str(day), q), (day, q)
        assert at.loc[day, "survival"] == pytest.approx(
            ref("survival", "at_times", str(day), "survival"), **EST
        )
        for q in ("ci_low", "ci_high"):
            assert at.loc[day, q] == pytest.approx(ref("survival", "at_times", str(day), q), **PCI)


@pytest.mark.parametrize(("weights", "rho"), [("logrank", 0), ("peto", 1)])
def test_log_rank_equals_survdiff(data: pd.DataFrame, weights: str, rho: int) -> None:
    res = logrank_test(data.time, data.fx, data.group, weights=weights)  # type: ignore[arg-type]
    case = f"rho{rho}"
    assert res.test.statistic == pytest.approx(
        ref("survival", "survdiff", case, "statistic"), **EST
    )
    assert res.test.p_value == pytest.approx(ref("survival", "survdiff", case, "p_value"), **PCI)
    assert res.test.df == 2
    for i in range(3):
        assert res.observed[i] == pytest.approx(
            ref("survival", "survdiff", case, f"observed_{i + 1}"), **EST
        )
        assert res.expected[i] == pytest.approx(
            ref("survival", "survdiff", case, f"expected_{i + 1}"), **EST
        )


def test_cumulative_incidence_equals_cuminc(data: pd.DataFrame) -> None:
    ci = cumulative_incidence(data.time, data.cause, data.group)
    codes = {"adjacent": "1", "remote": "2", "death": "3"}
    at = ci.at((30, 90, 180, 365, 730))
    assert len(at) == 3 * 3 * 5
    for row in at.itertuples():
        name = f"{row.group} {codes[row.cause]}"
        day = str(int(row.time))
        assert row.estimate == pytest.approx(ref("survival", "cuminc_est", name, day), **EST)
        assert row.variance == pytest.approx(ref("survival", "cuminc_var", name, day), **EST)


def test_cumulative_incidence_step_function_equals_cuminc(data: pd.DataFrame) -> None:
    """Every jump of the pooled curve, not only chosen days."""
    ours = cumulative_incidence(data.time, data.cause).curve("adjacent").table
    frame = pd.read_csv(REFERENCE / "survival.csv", comment="#")
    cur = frame[frame.topic == "cuminc_curve_1 1"]
    t = cur[cur.quantity == "time"].value.to_numpy()
    est = cur[cur.quantity == "est"].value.to_numpy()
    var = cur[cur.quantity == "var"].value.to_numpy()
    # cuminc lists each corner twice (before and after the jump) plus 0 and the end
    jumps = np.flatnonzero(np.diff(est) > 0) + 1
    assert np.array_equal(ours["time"].to_numpy(), t[jumps])
    assert np.allclose(ours["estimate"], est[jumps], rtol=1e-10)
    assert np.allclose(ours["variance"], var[jumps], rtol=1e-10)


def test_gray_test_equals_cuminc(data: pd.DataFrame) -> None:
    ci = cumulative_incidence(data.time, data.cause, data.group)
    codes = {"adjacent": "1", "remote": "2", "death": "3"}
    for est in ci.gray.values():
        cause = est.quantity.split("[")[1].rstrip("]")
        assert est.statistic == pytest.approx(
            ref("survival", "gray", codes[cause], "statistic"), **EST
        )
        assert est.p_value == pytest.approx(ref("survival", "gray", codes[cause], "p_value"), **PCI)
        assert est.df == 2


def test_cox_equals_coxph_efron(data: pd.DataFrame) -> None:
    m = cox_ph(data, "time", "fx", COVS)
    for name, b, se, term in zip(COVS, m.coef, m.std_error, m.terms, strict=True):
        assert b == pytest.approx(ref("survival", "coxph", name, "coef"), **EST)
        assert se == pytest.approx(ref("survival", "coxph", name, "se"), **EST)
        assert term.p_value == pytest.approx(ref("survival", "coxph", name, "p_value"), **PCI)
        assert term.ci_low == pytest.approx(ref("survival", "coxph", name, "hr_low"), **PCI)
        assert term.ci_high == pytest.approx(ref("survival", "coxph", name, "hr_high"), **PCI)
    assert m.loglik == pytest.approx(ref("survival", "coxph", "fit", "loglik"), **EST)
    assert m.lr_test == pytest.approx(ref("survival", "coxph", "fit", "lr_test"), **EST)
    assert m.score_test == pytest.approx(ref("survival", "coxph", "fit", "score_test"), **EST)
    assert m.concordance == pytest.approx(ref("survival", "coxph", "fit", "concordance"), **EST)


@pytest.mark.parametrize("ties", ["efron", "breslow"])
def test_bare_cox_fit_equals_coxph_fit(data: pd.DataFrame, ties: str) -> None:
    d = data.dropna(subset=["time", "fx", *COVS])
    fit = cox_fit(d.time.to_numpy(), d.fx.to_numpy(), d[COVS].to_numpy(), ties=ties)
    full = cox_ph(data, "time", "fx", COVS, ties=ties, concordance=False)
    table = "coxph" if ties == "efron" else "coxph_breslow"
    for k, name in enumerate(COVS):
        assert fit.coef[k] == pytest.approx(ref("survival", table, name, "coef"), **EST)
        assert fit.coef[k] == pytest.approx(full.coef[k], rel=1e-12)
        assert np.sqrt(fit.covariance[k, k]) == pytest.approx(full.std_error[k], rel=1e-12)
    assert fit.loglik == pytest.approx(full.loglik, rel=1e-12)
    assert fit.score_test == pytest.approx(full.score_test, rel=1e-12)
    if ties == "efron":
        assert fit.loglik == pytest.approx(ref("survival", "coxph", "fit", "loglik"), **EST)
        assert fit.score_test == pytest.approx(ref("survival", "coxph", "fit", "score_test"), **EST)


def test_cox_fit_returns_the_converged_newton_step_as_coxph_fit() -> None:
    # the second Newton step's log likelihood equals the first's to the last bits, a
    # bit below it here: coxph.fit tests convergence first and keeps that step; halving
    # it would move the coefficient by 6e-6 of itself
    d = pd.read_csv(REFERENCE / "cox_convergence_input.csv", float_precision="round_trip")
    r = pd.read_csv(REFERENCE / "cox_convergence.csv", comment="#").set_index("quantity")["value"]
    fit = cox_fit(d.time.to_numpy(), d.event.to_numpy(), d[["x"]].to_numpy())
    assert fit.iterations == r["iterations"] == 2
    assert fit.coef[0] == pytest.approx(r["coef"], rel=1e-9)
    assert fit.covariance[0, 0] == pytest.approx(r["variance"], rel=1e-9)
    assert fit.loglik == pytest.approx(r["loglik"], rel=1e-12)
    assert fit.loglik_null == pytest.approx(r["loglik_null"], rel=1e-12)


def test_cox_without_the_proportional_hazards_test_leaves_it_empty(data: pd.DataFrame) -> None:
    m = cox_ph(data, "time", "fx", COVS, proportional_hazards=False)
    assert m.ph_test.empty
    assert list(m.ph_test.columns) == ["term", "statistic", "df", "p_value"]
    assert m.coef == cox_ph(data, "time", "fx", COVS).coef


def test_cox_robust_variance_equals_coxph_cluster(data: pd.DataFrame) -> None:
    m = cox_ph(data, "time", "fx", COVS, cluster="patient")
    assert m.robust_std_error is not None
    for name, se in zip(COVS, m.robust_std_error, strict=True):
        assert se == pytest.approx(ref("survival", "coxph_cluster", name, "robust_se"), **EST)
    assert "robust variance clustered by patient" in m.method


def test_proportional_hazards_test_equals_cox_zph(data: pd.DataFrame) -> None:
    ph = cox_ph(data, "time", "fx", COVS).ph_test.set_index("term")
    for name in [*COVS, "GLOBAL"]:
        assert ph.loc[name, "statistic"] == pytest.approx(
            ref("survival", "cox_zph", name, "statistic"), **EST
        )
        assert ph.loc[name, "p_value"] == pytest.approx(
            ref("survival", "cox_zph", name, "p_value"), **PCI
        )


def test_fine_gray_equals_crr(data: pd.DataFrame) -> None:
    from analysis.stats.survival.finegray import fine_gray

    m = fine_gray(data, "time", "cause", ["age", "bmd", "steroid"], ("adjacent", "remote"))
    for name, b, se, term in zip(
        ["age", "bmd", "steroid"], m.coef, m.std_error, m.terms, strict=True
    ):
        # crr stops when the score is below 1e-6 x |loglik|, so its coefficients are
        # converged to about 1e-7 relative; ours are iterated to machine precision.
        assert b == pytest.approx(ref("survival", "crr", name, "coef"), rel=1e-6)
        assert se == pytest.approx(ref("survival", "crr", name, "se"), rel=1e-6)
        assert term.p_value == pytest.approx(ref("survival", "crr", name, "p_value"), **PCI)
    assert m.loglik == pytest.approx(ref("survival", "crr", "fit", "loglik"), **EST)
    assert (m.n_events, m.n_competing) == (113, 30)
