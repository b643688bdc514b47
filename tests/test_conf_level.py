"""``conf_level=`` on every function that gives an interval: the same as ``alpha = 1 -
conf_level``, recorded on the result, and at 0.9 equal to R's ``conf.level = 0.9``
(tests/reference/conf_level.R -> conf_level.csv)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

import analysis.stats as st
from analysis.schema import Cohort
from analysis.stats.levels import confidence_alpha
from analysis.synth import synthesize
from tests.reference_values import read_input, ref

EST = {"rel": 1e-6, "abs": 1e-9}


def r(topic: str, case: str, quantity: str) -> float:
    return ref("conf_level", topic, case, quantity)


def _same_interval(
    est: Any, topic: str, case: str, estimate: str = "estimate", **tol: float
) -> None:
    tol = tol or EST
    assert getattr(est, estimate) == pytest.approx(r(topic, case, "estimate"), **tol), topic
    low = "exp_ci_low" if estimate == "exp_estimate" else "ci_low"
    high = "exp_ci_high" if estimate == "exp_estimate" else "ci_high"
    assert getattr(est, low) == pytest.approx(r(topic, case, "ci_low"), **tol), topic
    assert getattr(est, high) == pytest.approx(r(topic, case, "ci_high"), **tol), topic
    assert est.ci_level == 0.9


# ------------------------------------------------------------------ against R at 0.9


def test_paired_change_at_90_percent_matches_t_test_and_wilcox_test() -> None:
    d = read_input("paired_input.csv")
    d = d[d.case == "n30_continuous"]
    res = st.compare_paired(d.before.to_numpy(), d.after.to_numpy(), conf_level=0.9)
    _same_interval(res.t_test, "paired_t", "n30_continuous")
    _same_interval(res.wilcoxon, "signed_rank", "n30_continuous")


@pytest.mark.parametrize("case", ["exact_small", "large"])
def test_two_groups_at_90_percent_match_r(case: str) -> None:
    d = read_input("groups_input.csv")
    d = d[d.case == case]
    levels = list(dict.fromkeys(d.group))
    x, y = (d.value[d.group == g].to_numpy() for g in levels)
    res = st.compare_two_groups(x, y, conf_level=0.9)
    _same_interval(res.tests["welch"], "welch", case)
    _same_interval(res.tests["mann_whitney"], "rank_sum", case)


def test_ancova_at_90_percent_matches_confint_lm() -> None:
    d = read_input("groups_input.csv")
    d = d[d.case == "large"]
    est = st.ancova(d, "value", "baseline", "group", ("osteoporotic", "pathologic"), conf_level=0.9)
    _same_interval(est, "ancova", "large")


@pytest.mark.parametrize(("count", "n"), [(12, 40), (3, 25), (0, 10)])
def test_proportions_at_90_percent_match_prop_test_and_binom_test(count: int, n: int) -> None:
    p = st.proportion(count, n, conf_level=0.9)
    _same_interval(p.wilson, "wilson", f"{count}_{n}")
    _same_interval(p.clopper_pearson, "clopper_pearson", f"{count}_{n}")


@pytest.mark.parametrize("correct", [False, True])
def test_prop_test_difference_at_90_percent_matches_prop_test(correct: bool) -> None:
    est = st.prop_test_difference(12, 40, 20, 41, correct=correct, conf_level=0.9)
    topic = "prop_test_difference" + ("_corrected" if correct else "")
    _same_interval(est, topic, "12_40_20_41")


def test_logistic_model_at_90_percent_matches_confint_default() -> None:
    d = read_input("logistic_input.csv")
    d["technique"] = pd.Categorical(d.technique, categories=["vertebroplasty", "kyphoplasty"])
    model = st.logistic_model(d, "leak", ["volume", "technique"], conf_level=0.9)
    for ours, theirs in (("volume", "volume"), ("technique=kyphoplasty", "techniquekyphoplasty")):
        _same_interval(model.term(ours), "logistic", theirs, "exp_estimate")
    assert (model.tidy().conf_level == 0.9).all()


def _survival() -> pd.DataFrame:
    d = read_input("survival_input.csv")
    d["fx"] = d.status.isin([1, 2]).astype(int)
    return d


def test_kaplan_meier_at_90_percent_matches_survfit() -> None:
    d = _survival()
    km = st.kaplan_meier(d.time, d.fx, d.group, conf_level=0.9)
    at = km.survival_at((90, 180, 365))
    for group in ("osteoporotic", "pathologic", "traumatic"):
        for day in (90, 180, 365):
            _same_interval(at.estimate(group, day), "kaplan_meier", f"{group}_{day}")
    assert km.glance().iloc[0].conf_level == 0.9


def test_cox_at_90_percent_matches_summary_coxph() -> None:
    d = _survival()
    model = st.cox_ph(d, "time", "fx", ["age", "bmd", "steroid", "volume"], conf_level=0.9)
    for name in ("age", "bmd", "steroid", "volume"):
        _same_interval(model.term(name), "cox", name, "exp_estimate")


def test_gee_at_90_percent_matches_geeglm() -> None:
    data = read_input("gee_input.csv")
    fit = st.gee_model(data, "any_leakage", ["kyphoplasty"], "patient_id", "binomial", conf_level=0.9)  # fmt: skip
    # geeglm stops at its own tolerance: the SE agrees to 1e-5, as in the GEE tests
    _same_interval(fit.term("kyphoplasty"), "gee", "kyphoplasty", rel=1e-5)


# ------------------------------------------------------------------ every function


def _cohort() -> Cohort:
    return synthesize(200, seed=20261121)


COHORT: list[Cohort] = []


def cohort() -> Cohort:
    if not COHORT:
        COHORT.append(_cohort())
    return COHORT[0]


def _pairs() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20261121)
    before = np.round(rng.normal(7, 1.2, 40), 1)
    return before, np.round(before - rng.normal(2.5, 1.5, 40), 1)


# each call with the level as keywords: alpha=0.1 or conf_level=0.9
CALLS: dict[str, Callable[..., Any]] = {
    "fracture_free_survival": lambda **k: st.fracture_free_survival(cohort(), "etiology", **k),
    "fracture_free_rmst": lambda **k: st.fracture_free_rmst(cohort(), "etiology", 300.0, **k),
    "fracture_timing": lambda **k: st.fracture_timing(cohort(), **k),
    "fracture_cumulative_incidence": lambda **k: st.fracture_cumulative_incidence(cohort(), **k),
    "fracture_risk_model": lambda **k: st.fracture_risk_model(cohort(), **k),
    "repeat_volume": lambda **k: st.repeat_volume(cohort(), **k),
    "volume_by": lambda **k: st.volume_by(cohort(), **k),
    "leakage_by": lambda **k: st.leakage_by(cohort(), **k),
    "leakage_clustered": lambda **k: st.leakage_clustered(cohort(), **k),
    "change_by_group": lambda **k: st.change_by_group(cohort(), **k),
    "change_from_baseline": lambda **k: st.change_from_baseline(
        cohort(), timepoints=("pre", "24h", "1m"), **k
    ),
    "mixed_model": lambda **k: st.mixed_model(cohort(), "pain_vas", ("pre", "24h", "1m"), **k),
    "paired_change": lambda **k: st.paired_change(cohort(), "pain_vas", **k),
    "responders": lambda **k: st.responders(cohort(), **k),
    "responders_by_rule": lambda **k: st.responders_by_rule(cohort(), "pain", **k),
    "improved": lambda **k: st.improved(cohort(), "mobility", **k),
    "correlation": lambda **k: st.correlation(*_pairs(), **k),
    "spearman_test": lambda **k: st.spearman_test(*_pairs(), **k),
    "welch_t_test": lambda **k: st.welch_t_test(*_pairs(), **k),
    "signed_rank": lambda **k: st.signed_rank(_pairs()[1] - _pairs()[0], **k),
    "rank_sum": lambda **k: st.rank_sum(*_pairs(), **k),
    "two_by_two": lambda **k: st.two_by_two(12, 40, 5, 38, **k),
    "proportion_difference": lambda **k: st.proportion_difference(12, 40, 5, 38, **k),
    "responders_from_values": lambda **k: st.responders_from_values(*_pairs(), **k),
    "rm_anova": lambda **k: st.rm_anova(
        pd.DataFrame({"pre": _pairs()[0], "1m": _pairs()[1], "3m": _pairs()[1] - _pairs()[0] / 9}),
        **k,
    ),
}


NO_INTERVAL = {"rm_anova"}


def _tidy(result: Any) -> pd.DataFrame:
    """The intervals of a result: its tidy rows; a curve's at chosen days."""
    if isinstance(result, st.KaplanMeier):
        return result.survival_at((90, 180, 365)).tidy()
    if isinstance(result, st.CumulativeIncidence):
        at = result.at((90, 180, 365)).rename(
            columns={"ci_low": "conf_low", "ci_high": "conf_high"}
        )
        return at.assign(conf_level=result.ci_level)
    return result.tidy()


@pytest.mark.parametrize("name", sorted(CALLS))
def test_conf_level_is_the_complement_of_alpha_and_is_recorded(name: str) -> None:
    by_level, by_alpha = CALLS[name](conf_level=0.9), CALLS[name](alpha=0.1)
    default = CALLS[name]()
    a, b, c = _tidy(by_level), _tidy(by_alpha), _tidy(default)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) and (a.conf_level.dropna() == 0.9).all() and (c.conf_level.dropna() == 0.95).all()
    finite = np.isfinite(a.conf_low) & np.isfinite(c.conf_low) & (c.conf_high > c.conf_low)
    assert finite.any() == (name not in NO_INTERVAL), name  # the F tests have none
    assert (a.conf_low[finite] >= c.conf_low[finite]).all(), name
    assert (a.conf_low[finite] > c.conf_low[finite]).any() or name in NO_INTERVAL, name


def test_leakage_model_and_mcnemar_take_conf_level() -> None:
    model = st.leakage_model(cohort(), conf_level=0.9)
    assert (model.tidy().conf_level == 0.9).all()
    wide = st.leakage_model(cohort())
    assert (model.tidy().conf_low > wide.tidy().conf_low).all()
    test = st.mcnemar_values(np.array([1, 0, 1, 1, 0] * 4), np.array([0, 0, 1, 0, 0] * 4), conf_level=0.9)  # fmt: skip
    assert test.ci_level == 0.9


PUBLIC = [
    name
    for name in st.__all__
    if inspect.isfunction(getattr(st, name))
    and "alpha" in inspect.signature(getattr(st, name)).parameters
    and not getattr(st, name).__module__.startswith("analysis.stats.missing")
]


@pytest.mark.parametrize("name", PUBLIC)
def test_every_function_with_alpha_takes_conf_level_and_documents_it(name: str) -> None:
    f = getattr(st, name)
    parameter = inspect.signature(f).parameters["conf_level"]
    assert parameter.default == 0.95 and parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert re.search(r"``conf_level``|^ *(alpha, )?conf_level$", f.__doc__ or "", re.M), name


def test_the_public_functions_checked_include_the_cohort_and_array_ones() -> None:
    assert len(PUBLIC) >= 40
    assert {"fracture_risk_model", "kaplan_meier", "cox_ph", "gee_model", "rmst"} <= set(PUBLIC)


def test_conf_level_refuses_a_percentage_and_a_disagreeing_alpha() -> None:
    assert confidence_alpha(0.05, 0.95) == 0.05 and confidence_alpha(0.1, 0.95) == 0.1
    assert confidence_alpha(0.05, 0.9) == pytest.approx(0.1, abs=1e-15)
    assert confidence_alpha(0.1, 0.9) == pytest.approx(0.1, abs=1e-15)
    with pytest.raises(ValueError, match=r"conf_level must lie strictly between 0 and 1 \(got 95\); give 0.9"):  # fmt: skip
        st.proportion(3, 10, conf_level=95)
    with pytest.raises(
        ValueError, match=r"alpha=0.1 and conf_level=0.8 disagree .*give one of them"
    ):
        st.kaplan_meier([1, 2, 3], [1, 0, 1], alpha=0.1, conf_level=0.8)
