"""Rubin's rules against mice::pool on the same m completed data sets
(tests/reference/mice_pool.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import stats
from analysis.stats.missing.pool import PooledModel, PooledTerm, rubin
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


@pytest.mark.parametrize("analysis", list(R_TERMS))
def test_large_sample_fmi_equals_mice_with_infinite_dfcom(analysis: str) -> None:
    frame = stats.pool(fits(analysis)).to_frame().set_index("term")
    ref = reference("mice_pool")
    ref = ref[(ref.analysis == analysis) & (ref.quantity == "fmi_dfcom_inf")]
    assert set(R_TERMS[analysis]) <= set(ref.term)
    for r_term, term in R_TERMS[analysis].items():
        want = float(ref[ref.term == r_term]["value"].iloc[0])
        assert frame.loc[term, "fmi_large_sample"] == pytest.approx(want, rel=1e-6, abs=1e-12)


def test_a_term_with_nothing_missing_has_a_large_sample_fmi_near_zero() -> None:
    # age is complete: mice's fmi on the Barnard-Rubin df stays near 2 / (df + 3)
    term = stats.pool(fits("cox")).terms["age_years"]
    assert isinstance(term, PooledTerm)
    assert term.fmi == pytest.approx((term.riv + 2 / (term.df + 3)) / (term.riv + 1), rel=1e-12)
    assert term.fmi - term.fmi_large_sample > 0.03
    r = rubin(1 + 1e-9 * np.arange(3)[:, None], np.full((3, 1), 0.1), dfcom=22)
    assert r["fmi"][0] == pytest.approx(2 / (r["df"][0] + 3), rel=1e-6)  # 0.08
    assert r["fmi_large_sample"][0] < 1e-6


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


def mixed_fits() -> list[object]:
    long = read_input("mice_pool_mixed_input.csv")
    tps = ("pre", "1m", "3m", "12m")
    return [stats.fit_mixed_model(g.drop(columns=".imp"), "pain_vas", tps)
            for i, g in long.groupby(".imp") if i > 0]  # fmt: skip


MIXED_TERMS = {"(Intercept)": "intercept", "timepoint1m": "1m", "timepoint3m": "3m",
               "timepoint12m": "12m"}  # fmt: skip


def test_mixed_model_fixed_effects_pool_as_mice_pools_lmer() -> None:
    """Against mice::pool of lme4::lmer fits on the same completed sets, dfcom lme4's
    df.residual (tests/reference/mice_pool_mixed.R)."""
    pooled = stats.pool(mixed_fits())
    assert pooled.dfcom == 240 - 4 - 2 and pooled.m == 5
    frame = pooled.to_frame().set_index("term")
    ref = reference("mice_pool_mixed")
    lmer = ref[ref.analysis == "lmer"]
    checked = 0
    for r_term, term in MIXED_TERMS.items():
        rows = lmer[lmer.term == r_term].set_index("quantity")["value"].astype(float)
        for quantity, column in {**COLUMNS, "fmi_dfcom_inf": "fmi_large_sample"}.items():
            tol = 1e-4 if quantity == "p.value" else 1e-6
            got = float(frame.loc[term, column])
            assert got == pytest.approx(rows[quantity], rel=tol, abs=1e-10), (term, quantity)
            checked += 1
        scalar = ref[(ref.analysis == "pool.scalar") & (ref.term == r_term)].set_index("quantity")
        assert frame.loc[term, "t"] == pytest.approx(float(scalar.loc["t", "value"]), rel=1e-6)
        assert frame.loc[term, "fmi"] == pytest.approx(float(scalar.loc["fmi", "value"]), rel=1e-6)
    assert checked == 16 * 4
    assert np.isnan(pooled.terms["1m"].exp_estimate)


def test_mixed_model_complete_cases_beside_the_pooled_fixed_effects() -> None:
    long = read_input("mice_pool_mixed_input.csv")
    raw = long[long[".imp"] == 0].drop(columns=".imp")
    cc = stats.fit_mixed_model(raw, "pain_vas", ("pre", "1m", "3m", "12m"))
    frame = stats.complete_case_comparison(cc, stats.pool(mixed_fits()))
    row = frame[(frame.term == "3m") & (frame.analysis == "complete cases")].iloc[0]
    fixed = cc.fixed.set_index("term")
    assert row["ci_low"] == pytest.approx(fixed.loc["3m", "ci_low"], rel=1e-10)  # Wald z
    assert row["p_value"] == pytest.approx(fixed.loc["3m", "p_value"], rel=1e-10)
    assert row["n_used"] == cc.n_observations < 240
    assert frame[frame.analysis == "multiple imputation"]["n_used"].eq(240).all()


def test_one_gee_coefficient_pools_its_link_scale_coefficient_and_robust_se() -> None:
    from analysis.stats.outcomes.cement import gee_coefficient

    fits = [gee_coefficient(d, "leak", "bmd_t", "centre", family="binomial") for d in completed()]
    pooled = stats.pool(fits)
    term = pooled.terms["bmd_t"]
    assert isinstance(term, PooledTerm)
    coef = [f.coefficient for f in fits]
    assert term.estimate == pytest.approx(np.mean(coef), rel=1e-12)  # log odds, not odds
    assert term.ubar == pytest.approx(np.mean([f.robust_std_error**2 for f in fits]), rel=1e-12)
    assert term.exp_estimate == pytest.approx(np.exp(term.estimate), rel=1e-12)
    assert term.quantity == "log_odds_ratio[bmd_t]" and term.std_error_used == "robust"
    assert pooled.dfcom == 100 - 2
    both = stats.complete_case_comparison(fits[0], pooled)
    assert both["exp_ci_low"][0] == pytest.approx(fits[0].ci_low, rel=1e-10)  # Wald z, as fitted
