"""Rubin's rules against mice::pool on the same m completed data sets
(tests/reference/mice_pool.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import stats
from analysis.stats.missing.pool import PooledModel, rubin
from tests.reference_values import read_input, reference

COLUMNS = {  # mice's summary column -> ours
    "estimate": "estimate", "std.error": "std_error", "statistic": "statistic", "df": "df",
    "p.value": "p_value", "conf.low": "ci_low", "conf.high": "ci_high", "riv": "riv",
    "lambda": "lambda", "fmi": "fmi", "ubar": "ubar", "b": "b", "t": "t", "dfcom": "dfcom",
    "m": "m",
}  # fmt: skip


def completed() -> list[pd.DataFrame]:
    long = read_input("mice_pool_input.csv")
    long = long[long[".imp"] > 0]  # 0: the data with their missing values
    return [g.drop(columns=[".imp", ".id"]).reset_index(drop=True) for _, g in long.groupby(".imp")]


def fits(analysis: str) -> list[object]:
    out: list[object] = []
    for d in completed():
        if analysis == "cox":
            out.append(
                stats.cox_ph(
                    d,
                    "time",
                    "event",
                    ["age_years", "bmd_t", "sex"],
                    concordance=False,
                    proportional_hazards=False,
                )
            )
        elif analysis == "cox_cluster":
            out.append(
                stats.cox_ph(
                    d,
                    "time",
                    "event",
                    ["age_years", "bmd_t"],
                    cluster="centre",
                    concordance=False,
                    proportional_hazards=False,
                )
            )
        elif analysis == "ancova":
            out.append(
                stats.ancova_model(
                    d, "vas_1m", "vas_pre", "technique", ("kyphoplasty", "vertebroplasty")
                )
            )
        elif analysis == "logistic":
            out.append(stats.logistic_model(d, "leak", ["age_years", "bmd_t", "sex"]))
        elif analysis == "mean_change":
            out.append(stats.compare_paired(d["vas_pre"].to_numpy(), d["vas_1m"].to_numpy()))
        elif analysis == "two_group":
            k = d["technique"] == "kyphoplasty"
            out.append(
                stats.compare_two_groups(
                    d.loc[k, "vas_1m"].to_numpy(), d.loc[~k, "vas_1m"].to_numpy(), primary="student"
                )
            )
        elif analysis == "gee":
            g = d.sort_values("centre", kind="stable")
            g["technique"] = pd.Categorical(g["technique"], ["vertebroplasty", "kyphoplasty"])
            out.append(stats.gee_model(g, "vas_1m", ["vas_pre", "technique"], "centre"))
    return out  # fmt: skip


R_TERMS = {  # R's term name -> ours
    "cox": {"age_years": "age_years", "bmd_t": "bmd_t", "sexmale": "sex=male"},
    "cox_cluster": {"age_years": "age_years", "bmd_t": "bmd_t"},
    "ancova": {"(Intercept)": "intercept", "vas_pre": "vas_pre",
               "techniquekyphoplasty": "technique=kyphoplasty"},
    "logistic": {"age_years": "age_years", "bmd_t": "bmd_t", "sexmale": "sex=male"},
    "mean_change": {"(Intercept)": "mean_change"},
    "two_group": {"techniquekyphoplasty": "mean_difference"},
    "gee": {"(Intercept)": "intercept", "vas_pre": "vas_pre",
            "techniquekyphoplasty": "technique=kyphoplasty"},
}  # fmt: skip


@pytest.mark.parametrize("analysis", list(R_TERMS))
def test_every_pooled_column_equals_mice(analysis: str) -> None:
    pooled = stats.pool(fits(analysis))
    assert isinstance(pooled, PooledModel) and pooled.m == 5
    frame = pooled.to_frame().set_index("term")
    ref = reference("mice_pool")
    ref = ref[ref.analysis == analysis]
    checked = 0
    for r_term, term in R_TERMS[analysis].items():
        se = float(ref[(ref.term == r_term) & (ref.quantity == "std.error")]["value"].iloc[0])
        for quantity, column in COLUMNS.items():
            want = float(ref[(ref.term == r_term) & (ref.quantity == quantity)]["value"].iloc[0])
            got = float(frame.loc[term, column])
            tol = 1e-4 if quantity == "p.value" else 1e-6
            # a limit near 0 is a difference of two larger numbers, each known to the fit's
            # convergence (the logistic fit stops at a step of 1e-8): to 1e-6 of the SE
            near = 1e-6 * se if quantity in ("estimate", "conf.low", "conf.high") else 1e-12
            assert got == pytest.approx(want, rel=tol, abs=near), (term, quantity)
            checked += 1
    assert checked == 15 * len(R_TERMS[analysis])


def test_cox_pools_log_hazard_ratios_with_events_minus_coefficients_and_robust_se() -> None:
    data = fits("cox")
    pooled = stats.pool(data)
    term = pooled.terms["sex=male"]
    assert pooled.dfcom == min(f.n_events for f in data) - 3  # type: ignore[attr-defined]
    assert term.exp_estimate == pytest.approx(np.exp(term.estimate), rel=1e-12)
    assert term.exp_ci_low == pytest.approx(np.exp(term.ci_low), rel=1e-12)
    assert term.std_error_used == "naive"
    assert stats.pool(fits("cox_cluster")).terms["age_years"].std_error_used == "robust"
    assert np.isnan(stats.pool(fits("ancova")).terms["vas_pre"].exp_estimate)


def test_rubin_by_hand() -> None:
    q = np.array([1.0, 1.2, 0.9])
    se = np.array([0.5, 0.4, 0.6])
    r = rubin(q[:, None], se[:, None], dfcom=np.inf)
    ubar = np.mean(se**2)
    b = np.var(q, ddof=1)
    t = ubar + (1 + 1 / 3) * b
    lam = (1 + 1 / 3) * b / t
    assert r["t"][0] == pytest.approx(t, rel=1e-12)
    assert r["df"][0] == pytest.approx(2 / lam**2, rel=1e-12)  # (m - 1) / lambda^2


def test_pool_refuses_what_cannot_be_pooled() -> None:
    data = fits("mean_change")
    with pytest.raises(ValueError, match="at least 2 completed data sets"):
        stats.pool(data[:1])
    with pytest.raises(TypeError, match="fits of one analysis"):
        stats.pool([data[0], fits("ancova")[0]])
    with pytest.raises(TypeError, match="cannot pool a str"):
        stats.pool(["a", "b"])
    cox = fits("cox")
    other = stats.cox_ph(completed()[1], "time", "event", ["age_years", "bmd_t"],
                         concordance=False, proportional_hazards=False)  # fmt: skip
    with pytest.raises(ValueError, match="fit 2 has terms"):
        stats.pool([cox[0], other])


def test_complete_cases_beside_the_pooled_result() -> None:
    d = completed()[0]
    long = read_input("mice_pool_input.csv")
    raw = long[long[".imp"] == 0].drop(columns=[".imp", ".id"]).reset_index(drop=True)
    cc = stats.cox_ph(raw, "time", "event", ["age_years", "bmd_t", "sex"])
    pooled = stats.pool(fits("cox"))
    frame = stats.complete_case_comparison(cc, pooled)
    assert list(frame["analysis"][:2]) == ["complete cases", "multiple imputation"]
    row = frame[(frame.term == "bmd_t") & (frame.analysis == "complete cases")].iloc[0]
    hr = cc.hazard_ratios["bmd_t"]
    assert row["exp_estimate"] == pytest.approx(hr.estimate, rel=1e-12)
    assert row["exp_ci_low"] == pytest.approx(hr.ci_low, rel=1e-10)  # the fit's own Wald CI
    assert row["p_value"] == pytest.approx(hr.p_value, rel=1e-10) and row["n_used"] < len(d)
    mi = frame[(frame.term == "bmd_t") & (frame.analysis == "multiple imputation")].iloc[0]
    assert mi["estimate"] == pooled.terms["bmd_t"].estimate and mi["n_used"] == len(d)
    change = stats.compare_paired(raw["vas_pre"].to_numpy(), raw["vas_1m"].to_numpy())
    both = stats.complete_case_comparison(change, stats.pool(fits("mean_change")))
    assert both["ci_low"][0] == pytest.approx(change.t_test.ci_low, rel=1e-10)  # t on n - 1 df
    with pytest.raises(ValueError, match="no term\\(s\\) \\['sex=male'\\]"):
        stats.complete_case_comparison(
            stats.cox_ph(raw, "time", "event", ["age_years", "bmd_t"]), pooled
        )


def test_fine_gray_and_welch_take_mice_like_complete_data_df() -> None:
    sets = completed()[:3]
    fg = []
    for d in sets:
        cause = np.where(d["event"] == 1, np.where(d["leak"] == 1, "death", "fracture"), "censored")
        fg.append(stats.fine_gray(d.assign(cause=cause), "time", "cause", ["age_years", "bmd_t"],
                                  "fracture"))  # fmt: skip
    pooled = stats.pool(fg)
    assert list(pooled.terms) == ["age_years", "bmd_t"]
    assert pooled.dfcom == min(f.n_events for f in fg) - 2
    assert pooled.terms["bmd_t"].quantity == "log_subdistribution_hazard_ratio[bmd_t]"
    assert pooled.terms["bmd_t"].estimate == pytest.approx(
        np.mean([f.coef[1] for f in fg]), rel=1e-12
    )
    welch = []
    for d in sets:
        k = d["technique"] == "kyphoplasty"
        welch.append(stats.compare_two_groups(d.loc[k, "vas_1m"].to_numpy(),
                                              d.loc[~k, "vas_1m"].to_numpy()))  # fmt: skip
    pooled = stats.pool(welch)
    assert pooled.dfcom == min(w.primary_test.df for w in welch)  # Welch df differ by set
    se = [w.primary_test.estimate / w.primary_test.statistic for w in welch]
    assert pooled.terms["mean_difference"].ubar == pytest.approx(np.mean(np.square(se)), rel=1e-12)
