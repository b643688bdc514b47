"""One result shape: every model and test reads the same way.

``tidy()`` gives one row per term, estimate or test in the columns of
:data:`~analysis.stats.results.TIDY_COLUMNS` (R's broom in snake_case, the same whatever
alpha), ``glance()`` one row of the result's own numbers, and a model's terms are keyed
by name (``coefficients``, ``term(name)``). The values must be those of the fields the
results already had: each check below would fail on a column mapped from the wrong
field (the naive SE where the statistic used the robust one, a limit from the wrong
side, the ratio where the coefficient belongs)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

import analysis.stats as st
from analysis.schema import Cohort
from analysis.stats.results import TIDY_COLUMNS, ModelTerm, Tidy
from analysis.synth import synthesize

EXACT = {"rel": 1e-12, "abs": 0.0}


def _rng() -> np.random.Generator:
    return np.random.default_rng(20261121)


def _survival_data() -> pd.DataFrame:
    rng = _rng()
    n = 160
    x = np.round(rng.normal(size=n), 3)
    group = rng.choice(["osteoporotic", "pathologic"], n)
    time = np.round(rng.exponential(400 / np.exp(0.5 * x + 0.4 * (group == "pathologic"))), 1) + 1
    censor = np.round(rng.uniform(100, 900, n), 1)
    event = (time <= censor).astype(int)
    cause = np.where(event == 1, rng.choice(["fracture", "death"], n, p=[0.6, 0.4]), "censored")
    return pd.DataFrame(
        {
            "time": np.minimum(time, censor),
            "event": event,
            "cause": cause,
            "x": x,
            "group": group,
            "patient_id": np.repeat(np.arange(n // 2), 2).astype(str),
        }
    )


def _vertebrae() -> pd.DataFrame:
    rng = _rng()
    n = 180
    x = np.round(rng.normal(size=n), 3)
    cid = np.repeat(np.arange(60), 3).astype(str)
    shared = np.repeat(rng.normal(0, 0.7, 60), 3)
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.8 * x + shared)))).astype(float)
    value = np.round(10 + 2 * x + shared + rng.normal(size=n), 3)
    return pd.DataFrame({"y": y, "x": x, "value": value, "patient_id": cid,
                         "technique": rng.choice(["kyphoplasty", "vertebroplasty"], n)})  # fmt: skip


def _pairs() -> tuple[np.ndarray, np.ndarray]:
    rng = _rng()
    before = np.round(rng.normal(7, 1.2, 40), 1)
    return before, np.round(before - rng.normal(2.5, 1.5, 40), 1)


def _groups_frame() -> pd.DataFrame:
    rng = _rng()
    n = 90
    group = np.repeat(["osteoporotic", "pathologic", "traumatic"], n // 3)
    base = np.round(rng.normal(7, 1, n), 1)
    return pd.DataFrame({"group": group, "baseline": base,
                         "value": np.round(base - 2 - (group == "pathologic") + rng.normal(size=n), 1)})  # fmt: skip


def _long() -> pd.DataFrame:
    rng = _rng()
    rows = []
    for p in range(50):
        level = rng.normal(7, 1)
        for k, tp in enumerate(("pre", "24h", "1m")):
            rows.append({"patient_id": f"p{p}", "timepoint": tp, "value": round(level - 2 * k + rng.normal(), 2)})  # fmt: skip
    return pd.DataFrame(rows)


COHORT: list[Cohort] = []


def _cohort() -> Cohort:
    if not COHORT:
        COHORT.append(synthesize(200, seed=20261121))
    return COHORT[0]


def _wide() -> pd.DataFrame:
    long = _long()
    return long.pivot(index="patient_id", columns="timepoint", values="value")[["pre", "24h", "1m"]]


# one builder per kind of result, each taking alpha
KINDS: dict[str, Callable[[float], Tidy]] = {
    "linear": lambda a: st.ancova_model(
        _groups_frame(), "value", "baseline", "group", ("pathologic", "osteoporotic"), a
    ),
    "logistic": lambda a: st.logistic_model(_vertebrae(), "y", ["x", "technique"], a),
    "cox": lambda a: st.cox_ph(_survival_data(), "time", "event", ["x", "group"], alpha=a),
    "cox_clustered": lambda a: st.cox_ph(
        _survival_data(), "time", "event", ["x", "group"], "patient_id", a
    ),
    "fine_gray": lambda a: st.fine_gray(
        _survival_data().assign(pathologic=lambda d: (d.group == "pathologic").astype(float)),
        "time",
        "cause",
        ["x", "pathologic"],
        "fracture",
        alpha=a,
    ),
    "gee": lambda a: st.gee_model(
        _vertebrae(), "y", ["x", "technique"], "patient_id", "binomial", a
    ),
    "mixed": lambda a: st.fit_mixed_model(_long(), "pain_vas", ("pre", "24h", "1m"), a),
    "estimate": lambda a: st.welch_t_test(*_pairs(), alpha=a),
    "rank_test": lambda a: st.signed_rank(_pairs()[1] - _pairs()[0], alpha=a),
    "mcnemar": lambda a: st.mcnemar_values(
        np.array([1, 1, 0, 0, 1, 0, 1, 1, 0, 1] * 3),
        np.array([0, 1, 0, 1, 0, 0, 0, 1, 0, 0] * 3),
        alpha=a,
    ),
    "two_groups": lambda a: st.compare_two_groups(*_pairs(), ("before", "after"), alpha=a),
    "many_groups": lambda a: st.compare_many_groups(_groups_frame(), "value", "group"),
    "paired": lambda a: st.compare_paired(*_pairs(), "pain_vas", "pre", "1m", a),
    "proportion": lambda a: st.proportion(12, 40, "responders", a),
    "two_by_two": lambda a: st.two_by_two(
        12, 40, 5, 38, ("kyphoplasty", "vertebroplasty"), "leakage", a
    ),
    "responders": lambda a: st.responders_from_values(*_pairs(), alpha=a),
    "repeated": lambda a: st.rm_anova(_wide(), a),
    "logrank": lambda a: st.logrank_test(
        *(_survival_data()[c] for c in ("time", "event", "group"))
    ),
    "cumulative_incidence": lambda a: st.cumulative_incidence(
        *(_survival_data()[c] for c in ("time", "cause", "group")), alpha=a
    ),
    "rmst": lambda a: st.rmst(
        *(_survival_data()[c] for c in ("time", "event", "group")), tau=300, alpha=a
    ),
    "kaplan_meier": lambda a: st.kaplan_meier(
        *(_survival_data()[c] for c in ("time", "event", "group")), alpha=a
    ),
    "survival_at": lambda a: st.kaplan_meier(
        *(_survival_data()[c] for c in ("time", "event", "group")), alpha=a
    ).survival_at((100, 300)),
    "time_course": lambda a: st.change_from_baseline(
        _cohort(), timepoints=("pre", "24h", "1m"), alpha=a
    ),
    "change_by_group": lambda a: st.change_by_group(_cohort(), alpha=a),
    "repeat_volume": lambda a: st.repeat_volume(_cohort(), a),
    "fracture_timing": lambda a: st.fracture_timing(_cohort(), a),
}

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


@pytest.fixture(scope="module", params=sorted(KINDS))
def kind(request: pytest.FixtureRequest) -> tuple[str, Tidy, Tidy]:
    build = KINDS[request.param]
    return request.param, build(0.05), build(0.1)


def test_every_result_tidies_to_the_common_columns_whatever_alpha(kind: tuple[str, Tidy, Tidy]) -> None:  # fmt: skip
    name, result, at_90 = kind
    tidy, tidy_90 = result.tidy(), at_90.tidy()
    assert list(tidy.columns) == TIDY_COLUMNS
    assert list(tidy_90.columns) == TIDY_COLUMNS
    assert len(tidy) >= 1, name
    assert tidy.term.is_unique and tidy.term.map(lambda t: isinstance(t, str) and t != "").all()
    assert list(tidy.term) == list(tidy_90.term)
    assert set(tidy.std_error_used.dropna()) <= {"naive", "robust"}
    # the level is a value, never in a column name; intervals widen as the level rises
    levels = tidy.conf_level.dropna()
    assert (levels == 0.95).all() and (tidy_90.conf_level.dropna() == 0.9).all()
    finite = np.isfinite(tidy.conf_low) & np.isfinite(tidy_90.conf_low) & (tidy.conf_high > tidy.conf_low)  # fmt: skip
    assert (tidy.conf_low[finite] <= tidy_90.conf_low[finite]).all(), name
    assert not finite.any() or (tidy.conf_low[finite] < tidy_90.conf_low[finite]).any(), name
    for col in ("estimate", "statistic", "p_value"):
        assert tidy[col].to_numpy() == pytest.approx(
            tidy_90[col].to_numpy(), rel=1e-12, nan_ok=True
        )


def test_every_result_glances_to_one_row_of_snake_case_columns(
    kind: tuple[str, Tidy, Tidy],
) -> None:
    name, result, at_90 = kind
    glance = result.glance()
    assert len(glance) == 1, name
    assert all(SNAKE.match(c) for c in glance.columns), list(glance.columns)
    assert list(glance.columns) == list(at_90.glance().columns)
    # the level of the intervals is recorded, NaN only where there is no interval
    no_interval = {"logrank", "many_groups", "repeated", "mcnemar"}
    levels = (glance.conf_level.iloc[0], at_90.glance().conf_level.iloc[0])
    assert levels == ((0.95, 0.9) if name not in no_interval else (levels[0], levels[1])), name
    assert np.isnan(levels[0]) == (name in {"logrank", "many_groups", "repeated"}), name
    if "n_used" in glance:
        assert int(glance.n_used.iloc[0]) > 0


# ------------------------------------------------------------------ models


def _rows(result: Tidy) -> pd.DataFrame:
    return result.tidy().set_index("term")


def test_cox_tidy_is_the_coefficient_table_with_the_robust_se_the_statistic_used() -> None:
    model = KINDS["cox_clustered"](0.05)
    assert isinstance(model, st.CoxModel) and model.robust_std_error is not None
    rows = _rows(model)
    assert list(rows.index) == list(model.hazard_ratios) == ["x", "group=pathologic"]
    for i, (name, hr) in enumerate(model.hazard_ratios.items()):
        row = rows.loc[name]
        assert row.estimate == model.coef[i]
        assert row.std_error == model.robust_std_error[i] != model.std_error[i]
        assert row.naive_std_error == model.std_error[i]
        assert row.robust_std_error == model.robust_std_error[i]
        assert row.std_error_used == "robust"
        assert row.statistic == hr.statistic == pytest.approx(row.estimate / row.std_error, **EXACT)
        assert row.p_value == hr.p_value
        assert (row.estimate_exp, row.conf_low_exp, row.conf_high_exp) == (hr.estimate, hr.ci_low, hr.ci_high)  # fmt: skip
        assert row.conf_low == pytest.approx(np.log(hr.ci_low), **EXACT)
        assert row.conf_high == pytest.approx(np.log(hr.ci_high), **EXACT)
        assert model.term(name) == model.coefficients[name]
        assert model.term(name).std_error_used == "robust"
    glance = model.glance().iloc[0]
    assert glance.n_clusters == model.n_clusters == 80
    assert glance.concordance == model.concordance and glance.concordance_std_error == model.concordance_se  # fmt: skip
    assert glance.statistic_likelihood_ratio == model.lr_test
    assert glance.statistic_robust_score == model.robust_score_test
    assert glance.p_value_wald == model.tests["wald"].p_value
    assert glance.aic == pytest.approx(-2 * model.loglik + 2 * 2, **EXACT)
    assert glance.p_value_proportional_hazards == model.ph_test.set_index("term").loc["GLOBAL", "p_value"]  # fmt: skip


def test_cox_without_cluster_uses_the_naive_se_and_has_no_robust_one() -> None:
    model = KINDS["cox"](0.05)
    assert isinstance(model, st.CoxModel)
    rows = _rows(model)
    assert (rows.std_error_used == "naive").all()
    assert rows.std_error.to_numpy() == pytest.approx(model.std_error, **EXACT)
    assert rows.robust_std_error.isna().all()
    assert rows.statistic.to_numpy() == pytest.approx((rows.estimate / rows.std_error).to_numpy(), **EXACT)  # fmt: skip
    glance = model.glance().iloc[0]
    assert np.isnan(glance.n_clusters) and np.isnan(glance.statistic_robust_score)


def test_a_missing_term_names_the_terms() -> None:
    model = KINDS["cox"](0.05)
    assert isinstance(model, st.CoxModel)
    with pytest.raises(KeyError, match=r"no term 'age_years'; terms: \['x', 'group=pathologic'\]"):
        model.term("age_years")


def test_logistic_tidy_adds_the_intercept_and_keys_what_odds_ratios_held() -> None:
    model = KINDS["logistic"](0.05)
    assert isinstance(model, st.LogisticModel)
    rows = _rows(model)
    assert list(rows.index) == ["intercept", "technique=vertebroplasty", "x"]
    fit = smf.logit("y ~ x + technique", _vertebrae()).fit(disp=0, method="newton")
    for name, theirs in (("intercept", "Intercept"), ("x", "x"), ("technique=vertebroplasty", "technique[T.vertebroplasty]")):  # fmt: skip
        row = rows.loc[name]
        assert row.estimate == pytest.approx(fit.params[theirs], rel=1e-9)
        assert row.std_error == pytest.approx(fit.bse[theirs], rel=1e-9)
        assert row.std_error_used == "naive" and np.isnan(row.robust_std_error)
        assert row.estimate_exp == pytest.approx(np.exp(row.estimate), **EXACT)
    for name, ratio in model.odds_ratios.items():
        row = rows.loc[name]
        assert (row.estimate_exp, row.conf_low_exp, row.conf_high_exp) == (ratio.estimate, ratio.ci_low, ratio.ci_high)  # fmt: skip
        assert (row.statistic, row.p_value) == (ratio.statistic, ratio.p_value)
        assert model.term(name).exp_estimate == ratio.estimate
    glance = model.glance().iloc[0]
    assert glance.log_likelihood == pytest.approx(fit.llf, rel=1e-9)
    assert glance.aic == pytest.approx(fit.aic, rel=1e-9)
    assert glance.statistic_likelihood_ratio == model.likelihood_ratio
    assert (glance.n_used, glance.n_events) == (model.n_used, model.n_events)


def test_fine_gray_tidy_holds_the_sandwich_se_as_robust() -> None:
    model = KINDS["fine_gray"](0.05)
    assert isinstance(model, st.FineGrayModel)
    rows = _rows(model)
    assert list(rows.index) == ["x", "pathologic"]
    assert rows.estimate.to_numpy() == pytest.approx(model.coef, **EXACT)
    assert rows.std_error.to_numpy() == pytest.approx(model.std_error, **EXACT)
    assert rows.robust_std_error.to_numpy() == pytest.approx(model.std_error, **EXACT)
    assert (rows.std_error_used == "robust").all() and rows.naive_std_error.isna().all()
    assert list(rows.estimate_exp) == [t.estimate for t in model.terms]
    assert list(rows.conf_high_exp) == [t.ci_high for t in model.terms]
    glance = model.glance().iloc[0]
    assert (glance.n_events, glance.n_competing) == (model.n_events, model.n_competing)


def test_gee_tidy_is_its_terms() -> None:
    model = KINDS["gee"](0.05)
    assert isinstance(model, st.GeeModel)
    rows = _rows(model)
    for name, term in model.terms.items():
        row = rows.loc[name]
        assert isinstance(term, ModelTerm)
        assert (row.estimate, row.std_error, row.naive_std_error, row.robust_std_error) == (
            term.estimate, term.robust_std_error, term.naive_std_error, term.robust_std_error)  # fmt: skip
        assert row.std_error_used == "robust"
        assert (row.conf_low_exp, row.estimate_exp) == (term.exp_ci_low, term.exp_estimate)
        assert model.term(name) is term


def test_linear_and_mixed_models_tidy_their_coefficient_tables() -> None:
    linear = KINDS["linear"](0.05)
    assert isinstance(linear, st.LinearModel)
    rows = _rows(linear)
    assert list(rows.index) == ["intercept", "baseline", "group=pathologic"]
    assert list(rows.std_error) == [t.std_error for t in linear.terms.values()]
    assert list(rows.df) == [linear.df_residual] * 3
    assert (rows.std_error_used == "naive").all() and rows.estimate_exp.isna().all()
    assert linear.glance().iloc[0].r_squared == linear.r_squared
    mixed = KINDS["mixed"](0.05)
    assert isinstance(mixed, st.MixedModel)
    rows = _rows(mixed)
    fixed = mixed.fixed.set_index("term")
    for col, theirs in (("estimate", "estimate"), ("std_error", "std_error"), ("conf_low", "ci_low"), ("conf_high", "ci_high"), ("statistic", "statistic"), ("p_value", "p_value")):  # fmt: skip
        assert list(rows[col]) == list(fixed[theirs]), col
    assert mixed.term("1m").estimate == fixed.loc["1m", "estimate"]
    glance = mixed.glance().iloc[0]
    assert (glance.n_used, glance.n_clusters) == (mixed.n_observations, mixed.n_patients)


# ------------------------------------------------------------------ tests


def _same(row: pd.Series, e: st.Estimate) -> None:
    got = (row.estimate, row.conf_low, row.conf_high, row.statistic, row.df, row.p_value)
    want = (e.estimate, e.ci_low, e.ci_high, e.statistic, e.df, e.p_value)
    assert got == pytest.approx(want, nan_ok=True, **EXACT)
    assert row.method == e.method


def test_test_results_tidy_to_their_estimates_keyed_by_name() -> None:
    two = KINDS["two_groups"](0.05)
    assert isinstance(two, st.TwoGroupComparison)
    rows = _rows(two)
    assert list(rows.index) == ["welch", "student", "mann_whitney"]
    for name, test in two.tests.items():
        _same(rows.loc[name], test)
    paired = KINDS["paired"](0.05)
    assert isinstance(paired, st.PairedChange)
    rows = _rows(paired)
    _same(rows.loc["t_test"], paired.t_test)
    _same(rows.loc["wilcoxon"], paired.wilcoxon)
    prop = KINDS["proportion"](0.05)
    assert isinstance(prop, st.Proportion) and prop.wilson_cc is not None
    rows = _rows(prop)
    assert list(rows.index) == ["wilson", "clopper_pearson", "wilson_cc"]
    _same(rows.loc["clopper_pearson"], prop.clopper_pearson)
    _same(rows.loc["wilson_cc"], prop.wilson_cc)
    table = KINDS["two_by_two"](0.05)
    assert isinstance(table, st.TwoByTwo)
    rows = _rows(table)
    assert list(rows.index) == list(table.tests)
    _same(rows.loc["odds_ratio"], table.tests["odds_ratio"])
    _same(rows.loc["fisher"], table.tests["fisher"])
    estimate = KINDS["estimate"](0.05)
    assert isinstance(estimate, st.Estimate)
    _same(_rows(estimate).loc[estimate.quantity], estimate)


def test_survival_tests_tidy_to_their_estimates() -> None:
    lr = KINDS["logrank"](0.05)
    assert isinstance(lr, st.LogRank)
    rows = _rows(lr)
    _same(rows.loc["survival_difference"], lr.test)
    assert lr.glance().iloc[0].statistic == lr.test.statistic
    cif = KINDS["cumulative_incidence"](0.05)
    assert isinstance(cif, st.CumulativeIncidence)
    rows = _rows(cif)
    assert list(rows.index) == list(cif.gray) == ["death", "fracture"]
    for cause, test in cif.gray.items():
        _same(rows.loc[cause], test)
    mean = KINDS["rmst"](0.05)
    assert isinstance(mean, st.RestrictedMean)
    rows = _rows(mean)
    assert list(rows.index) == ["osteoporotic", "pathologic", "difference", "ratio"]
    for group, se, est in zip(rows.index[:2], mean.std_errors, mean.groups, strict=True):
        assert rows.loc[group, "std_error"] == se
        _same(rows.loc[group], est)
    assert rows.loc["difference", "std_error"] == mean.difference_std_error
    _same(rows.loc["difference"], mean.tests["difference"])
    _same(rows.loc["ratio"], mean.tests["ratio"])
    assert np.isnan(rows.loc["ratio", "std_error"])
    assert mean.glance().iloc[0].log_ratio_std_error == mean.log_ratio_std_error
    km = KINDS["kaplan_meier"](0.05)
    assert isinstance(km, st.KaplanMeier)
    rows = _rows(km)
    medians = km.medians().set_index("group")
    assert list(rows.estimate) == list(medians["median"])
    assert list(rows.conf_low) == list(medians["ci_low"])
    assert list(rows.conf_high) == list(medians["ci_high"])
    glance = km.glance().iloc[0]
    assert (glance.n_used, glance.n_events) == (160, sum(c.n_events for c in km.curves))


def test_glance_holds_the_summaries_with_minimum_and_maximum() -> None:
    before, after = _pairs()
    two = KINDS["two_groups"](0.05)
    g = two.glance().iloc[0]
    assert (g.minimum_1, g.maximum_1, g.minimum_2, g.maximum_2) == (before.min(), before.max(), after.min(), after.max())  # fmt: skip
    assert (g.n_1, g.mean_2) == (40, pytest.approx(after.mean(), rel=1e-12))
    frame = two.to_frame()
    assert list(frame.minimum_1) == [before.min()] * 3 and list(frame.maximum_2) == [after.max()] * 3  # fmt: skip
    paired = KINDS["paired"](0.05)
    p = paired.glance().iloc[0]
    change = after - before
    assert (p.minimum_before, p.maximum_after, p.minimum_change, p.maximum_change) == pytest.approx(
        (before.min(), after.max(), change.min(), change.max()), rel=1e-12)  # fmt: skip
    assert p.n_used == 40 and p.wilcoxon_exact == paired.wilcoxon.exact  # type: ignore[attr-defined]
    assert list(paired.to_frame().minimum_change) == [paired.minimum_change] * 2


def test_an_estimate_glances_at_what_its_tidy_row_lacks() -> None:
    rank = KINDS["rank_test"](0.05)
    g = rank.glance().iloc[0]
    assert (g.exact, g.correct, g.n_used) == (rank.exact, rank.correct, rank.n_used)  # type: ignore[attr-defined]
    mc = KINDS["mcnemar"](0.05)
    g = mc.glance().iloc[0]
    assert (g.no_to_yes, g.yes_to_no) == (mc.no_to_yes, mc.yes_to_no)  # type: ignore[attr-defined]
    assert "estimate" not in g and "p_value" not in g


# ------------------------------------------------------------------ names


def test_fracture_timing_says_its_second_group_holds_remote_fractures() -> None:
    timing = KINDS["fracture_timing"](0.05)
    assert isinstance(timing, st.FractureTiming)
    assert timing.comparison.groups[1].group == "non-adjacent"  # the label the report prints
    assert timing.logrank.groups == ("adjacent", "non-adjacent")
    assert timing.second_group_holds == "remote (two or more levels from any treated vertebra)"
    rows = _rows(timing)
    assert list(rows.index) == ["welch", "student", "mann_whitney", "logrank"]
    _same(rows.loc["logrank"], timing.logrank.test)
    g = timing.glance().iloc[0]
    assert g.second_group_holds.startswith("remote") and g.n_same_level == timing.n_same_level


def test_composite_results_name_their_rows() -> None:
    course = KINDS["time_course"](0.05)
    assert isinstance(course, st.TimeCourse)
    assert list(course.tidy().term) == [
        "t_test[24h]",
        "wilcoxon[24h]",
        "t_test[1m]",
        "wilcoxon[1m]",
    ]
    _same(_rows(course).loc["wilcoxon[1m]"], course.changes[1].wilcoxon)
    change = KINDS["change_by_group"](0.05)
    assert isinstance(change, st.ChangeByGroup)
    rows = _rows(change)
    assert list(rows.index) == ["welch", "student", "mann_whitney", "ancova"]
    _same(rows.loc["ancova"], change.ancova)
    volume = KINDS["repeat_volume"](0.05)
    assert isinstance(volume, st.RepeatVolume)
    terms = list(volume.tidy().term)
    assert terms[-1] == "clustered" and volume.clustered is not None
    assert all(t.startswith(("paired_", "unpaired_", "clustered")) for t in terms)


def test_vertebrae_at_risk_documents_its_default_levels() -> None:
    doc: Any = st.vertebrae_at_risk.__doc__
    assert 'Default ``"T4"`` to ``"L5"``' in " ".join(doc.split())


def test_a_logistic_model_built_without_its_logit_terms_derives_them_from_the_odds_ratios() -> None:
    model = KINDS["logistic"](0.05)
    assert isinstance(model, st.LogisticModel) and model.logit_terms is not None
    bare = replace(model, logit_terms=None)
    derived, stored = bare.coefficients, model.coefficients
    assert list(derived) == ["technique=vertebroplasty", "x"]  # no intercept to derive from
    for name in derived:
        assert derived[name].estimate == pytest.approx(stored[name].estimate, rel=1e-12)
        assert derived[name].std_error == pytest.approx(stored[name].std_error, rel=1e-9)


def test_a_tests_mapping_tidies_one_row_per_test() -> None:
    table = KINDS["two_by_two"](0.05)
    assert isinstance(table, st.TwoByTwo)
    frame = table.tests.tidy()
    assert list(frame.columns) == TIDY_COLUMNS
    assert list(frame.term) == list(table.tests)
    want = [t.p_value for t in table.tests.values()]
    assert frame.p_value.to_numpy() == pytest.approx(want, nan_ok=True, **EXACT)


# ------------------------------------------------------------------ one shape, no duplicates


def test_cumulative_incidence_keys_gray_tests_by_cause_and_deprecates_the_tuple() -> None:
    cif = KINDS["cumulative_incidence"](0.05)
    assert isinstance(cif, st.CumulativeIncidence)
    assert isinstance(cif.gray, st.Tests) and list(cif.gray) == list(cif.causes)
    with pytest.warns(DeprecationWarning, match=r"use cif.gray, keyed by cause"):
        legacy = cif.gray_tests
    assert legacy == tuple(cif.gray.values())
    assert legacy[1].p_value == cif.gray["fracture"].p_value
    rebuilt = st.CumulativeIncidence(cif.curves, legacy, cif.causes, cif.groups, cif.n_excluded, cif.method)  # fmt: skip
    assert rebuilt.gray == cif.gray
    assert list(cif.tests_frame().p_value) == [t.p_value for t in cif.gray.values()]
    assert cif.glance().iloc[0].conf_level == 0.95
    one = st.cumulative_incidence(*(_survival_data()[c] for c in ("time", "cause")))
    assert len(one.gray) == 0 and one.tidy().empty
    assert st.gray_test(*(_survival_data()[c] for c in ("time", "cause", "group"))) == dict(
        cif.gray
    )


def test_logrank_variance_matrix_names_its_groups() -> None:
    data = _survival_data().assign(group=lambda d: np.where(d.x > 0.6, "traumatic", d.group))
    lr = st.logrank_test(data.time, data.event, data.group)
    matrix = lr.variance_matrix
    assert list(matrix.index) == list(matrix.columns) == list(lr.groups)
    assert matrix.shape == (3, 3)
    assert matrix.to_numpy().tolist() == [list(row) for row in lr.variance]
    assert matrix.loc["pathologic", "traumatic"] == lr.variance[1][2]
    assert matrix.to_numpy() == pytest.approx(matrix.to_numpy().T, **EXACT)
    assert matrix.to_numpy().sum(axis=1) == pytest.approx(np.zeros(3), abs=1e-9)
    bare = replace(lr, variance=())
    assert bare.variance_matrix.isna().all().all()


def test_survival_at_is_the_frame_of_at_as_a_result() -> None:
    km = KINDS["kaplan_meier"](0.05)
    assert isinstance(km, st.KaplanMeier)
    at = km.survival_at((100, 300))
    assert isinstance(at, st.SurvivalAt)
    pd.testing.assert_frame_equal(at.to_frame(), km.at((100, 300)))
    tidy = at.tidy().set_index("term")
    assert list(tidy.index) == [
        "osteoporotic, day 100",
        "osteoporotic, day 300",
        "pathologic, day 100",
        "pathologic, day 300",
    ]
    row = km.curve("pathologic").at((300,)).iloc[0]
    assert tidy.loc["pathologic, day 300", "estimate"] == row.survival
    assert tidy.loc["pathologic, day 300", "conf_low"] == row.ci_low
    assert tidy.loc["pathologic, day 300", "conf_high"] == row.ci_high
    e = at.estimate("pathologic", 300)
    assert (e.estimate, e.n_used, e.ci_level) == (row.survival, km.curve("pathologic").n, 0.95)
    with pytest.raises(KeyError, match=r"no estimate for 'pathologic' at day 200; asked: .*'pathologic, day 300'"):  # fmt: skip
        at.estimate("pathologic", 200)
    g = at.glance().iloc[0]
    assert (g.times, g.n_used, g.conf_type) == ("100, 300", 160, "log-log")
    assert "pathologic, day 300" in repr(at)


# ------------------------------------------------------------------ options and defaults


def test_rank_test_switches_reach_the_time_course_volume_and_fracture_timing() -> None:
    cohort = _cohort()
    course = st.change_from_baseline(cohort, timepoints=("pre", "24h", "1m"), exact=False, correct=False)  # fmt: skip
    default = st.change_from_baseline(cohort, timepoints=("pre", "24h", "1m"))
    for switched, usual in zip(course.changes, default.changes, strict=True):
        assert (switched.wilcoxon.exact, switched.wilcoxon.correct) == (False, False)
        assert usual.wilcoxon.correct or usual.wilcoxon.exact
        assert switched.wilcoxon.p_value != usual.wilcoxon.p_value
        same = st.compare_paired(
            *(st.measure_wide(cohort, "pain_vas", ["pre", switched.time_after])[c].to_numpy(float)
              for c in ("pre", switched.time_after)), exact=False, correct=False,
        )  # fmt: skip
        assert switched.wilcoxon.p_value == same.wilcoxon.p_value
    volume = st.volume_by(cohort, exact=False, correct=False)
    assert isinstance(volume, st.TwoGroupComparison)
    mw = volume.tests["mann_whitney"]
    assert (mw.exact, mw.correct) == (False, False) and "without continuity correction" in mw.method  # type: ignore[attr-defined]
    assert mw.p_value != st.volume_by(cohort).tests["mann_whitney"].p_value
    timing = st.fracture_timing(cohort, exact=False, correct=False)
    mw = timing.comparison.tests["mann_whitney"]
    assert (mw.exact, mw.correct) == (False, False)  # type: ignore[attr-defined]


def test_fracture_timing_names_its_groups_as_asked_and_by_what_they_hold() -> None:
    cohort = _cohort()
    default = st.fracture_timing(cohort)
    named = st.fracture_timing(cohort, labels=("adjacent", "remote"))
    assert named.comparison.groups[1].group == "remote" and named.logrank.groups == ("adjacent", "remote")  # fmt: skip
    assert named.remote.n == default.remote.n == default.comparison.groups[1].n
    assert named.adjacent.mean == default.adjacent.mean == default.comparison.groups[0].mean
    assert named.remote.maximum == default.comparison.groups[1].maximum
    assert named.tidy().equals(default.tidy())
    with pytest.raises(ValueError, match=r"labels names the adjacent and the remote group: two different words"):  # fmt: skip
        st.fracture_timing(cohort, labels=("adjacent", "adjacent"))


def test_every_default_is_documented_in_its_docstring() -> None:
    import inspect

    undocumented = {}
    for name in st.__all__:
        f = getattr(st, name)
        if not inspect.isfunction(f) or f.__module__.startswith("analysis.stats.missing"):
            continue
        doc = f.__doc__ or ""
        params = inspect.signature(f).parameters.items()
        missing = [p for p, v in params if v.default is not inspect.Parameter.empty and not re.search(rf"\b{p}\b", doc)]  # fmt: skip
        if missing:
            undocumented[name] = missing
    assert undocumented == {}


def test_a_cox_model_records_the_tie_method_it_used() -> None:
    data = _survival_data().assign(time=lambda d: np.ceil(d.time / 30))  # months: ties
    efron = st.cox_ph(data, "time", "event", ["x", "group"])
    breslow = st.cox_ph(data, "time", "event", ["x", "group"], ties="breslow")
    assert (efron.ties, breslow.ties) == ("efron", "breslow")
    assert breslow.glance().iloc[0].ties == "breslow" and efron.glance().iloc[0].ties == "efron"
    assert breslow.term("x").estimate != pytest.approx(efron.term("x").estimate, rel=1e-6)
    risk = st.fracture_risk_model(_cohort(), ("age_years",), ties="breslow")
    assert risk.ties == "breslow"
