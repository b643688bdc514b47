"""Kaplan-Meier survival pooled on the complementary log-log scale, proportions on the
logit scale."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from analysis import stats
from analysis.stats.missing.pool_curves import PooledProbability


def _sets() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(20261121)
    time = np.round(rng.exponential(600, 80)) + 1
    event = (rng.random(80) < 0.7).astype(float)
    out = []
    for _ in range(4):  # a few times "imputed" differently
        t = time.copy()
        t[:10] = np.round(rng.exponential(600, 10)) + 1
        out.append((t, event))
    return out


def test_identical_sets_give_the_curves_own_log_log_interval() -> None:
    t, e = _sets()[0]
    km = stats.kaplan_meier(t, e)
    pooled = stats.pool_survival([km, km, km], [180, 365])
    own = km.at([180, 365])
    frame = pooled.to_frame()
    assert frame["survival"].to_numpy() == pytest.approx(own["survival"].to_numpy(), rel=1e-12)
    # b = 0: df is huge, the t quantile the normal one, the interval survfit's log-log one
    assert frame["ci_low"].to_numpy() == pytest.approx(own["ci_low"].to_numpy(), rel=1e-6)
    assert frame["ci_high"].to_numpy() == pytest.approx(own["ci_high"].to_numpy(), rel=1e-6)
    assert (frame["b"] == 0).all() and (frame["riv"] == 0).all()


def test_survival_pooled_by_hand_on_the_cloglog_scale() -> None:
    kms = [stats.kaplan_meier(t, e) for t, e in _sets()]
    pooled = stats.pool_survival(kms, [365])
    at = [k.at([365]).iloc[0] for k in kms]
    s = np.array([a["survival"] for a in at])
    g = np.log(-np.log(s))
    u = (np.array([a["std_err"] for a in at]) / (s * np.log(s))) ** 2
    b = g.var(ddof=1)
    t = u.mean() + 1.25 * b
    df = 3 / (1.25 * b / t) ** 2
    half = sps.t.ppf(0.975, df) * np.sqrt(t)
    term = pooled.terms["365"]
    assert isinstance(term, PooledProbability) and term.scale == "cloglog"
    assert term.estimate == pytest.approx(np.exp(-np.exp(g.mean())), rel=1e-12)
    assert term.df == pytest.approx(df, rel=1e-10) and term.scale_estimate == pytest.approx(
        g.mean()
    )
    assert np.isnan(term.p_value) and term.quantity == "survival[365]"
    # log(-log S) falls as S rises: the upper limit of S comes from the lower one of g
    assert term.ci_high == pytest.approx(np.exp(-np.exp(g.mean() - half)), rel=1e-10)
    assert term.ci_low == pytest.approx(np.exp(-np.exp(g.mean() + half)), rel=1e-10)


def test_proportions_pooled_on_the_logit_scale() -> None:
    same = stats.pool_proportions([(30, 100)] * 3)
    z = sps.norm.ppf(0.975)
    logit = np.log(0.3 / 0.7)
    se = 1 / np.sqrt(100 * 0.3 * 0.7)
    assert same.estimate == pytest.approx(0.3, rel=1e-12)
    assert same.ci_low == pytest.approx(1 / (1 + np.exp(-(logit - z * se))), rel=1e-6)
    varied = stats.pool_proportions([stats.proportion(c, 100, "responders") for c in (28, 33, 30)])
    assert varied.quantity == "responders" and varied.b == pytest.approx(
        np.var(np.log(np.array([28, 33, 30]) / np.array([72, 67, 70])), ddof=1), rel=1e-12
    )
    assert varied.ci_high - varied.ci_low > same.ci_high - same.ci_low
    with pytest.raises(ValueError, match="0 or 1 in some completed data sets"):
        stats.pool_proportions([(0, 50), (2, 50)])
    assert stats.pool_proportions([(0, 50), (0, 50)]).estimate == 0.0
