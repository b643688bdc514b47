"""Pooling probabilities over m completed data sets on a scale where they are near normal:
Kaplan-Meier survival on the complementary log-log scale, proportions on the logit scale
(Marshall et al., BMC Med Res Methodol 2009), then back to probabilities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.stats.display import Displayed
from analysis.stats.missing.pool import PooledTerm, pooled_fields, rubin
from analysis.stats.outcomes.proportions import Proportion
from analysis.stats.results import Tests
from analysis.stats.survival.kaplan_meier import KaplanMeier, SurvivalCurve

NAN = float("nan")


@dataclass(frozen=True, repr=False)
class PooledProbability(PooledTerm):
    """A probability pooled by Rubin's rules on a transformed scale.

    ``estimate``, ``ci_low`` and ``ci_high`` are the probability and its limits moved
    back from the ``scale`` (``cloglog``: ``log(-log S)``; ``logit``) on which it was
    pooled; ``scale_estimate``, ``scale_ci_low`` and ``scale_ci_high`` are on that scale,
    as are ``std_error``, ``ubar``, ``b`` and ``t``. No test: ``statistic`` and
    ``p_value`` are NaN.
    """

    scale: str = "logit"
    scale_estimate: float = NAN
    scale_ci_low: float = NAN
    scale_ci_high: float = NAN


@dataclass(frozen=True, repr=False)
class PooledSurvival(Displayed):
    """Kaplan-Meier survival at chosen days, pooled over m completed data sets.

    ``terms`` holds one :class:`PooledProbability` per day, keyed by the day (``"365"``).
    """

    group: str
    terms: Tests
    m: int
    method: str

    def to_frame(self) -> pd.DataFrame:
        """One row per day: ``time``, ``survival``, ``ci_low``, ``ci_high``, then the
        pooled columns on the complementary log-log scale (``scale_estimate``,
        ``std_error``, ``df``, ``riv``, ``lambda``, ``fmi``, ``ubar``, ``b``, ``t`` ...)."""
        rows = []
        for day, p in self.terms.items():
            values = p.row() if isinstance(p, PooledProbability) else {}
            rows.append({"group": self.group, "time": float(day), "survival": values.pop("estimate"),
                         **{k: v for k, v in values.items() if k not in _SKIP},
                         "scale_estimate": getattr(p, "scale_estimate", NAN)})  # fmt: skip
        return pd.DataFrame(rows)


_SKIP = ("exp_estimate", "exp_ci_low", "exp_ci_high", "std_error_used", "method", "statistic",
         "p_value")  # fmt: skip


def _curve(fit: KaplanMeier | SurvivalCurve, group: str | None) -> SurvivalCurve:
    if isinstance(fit, SurvivalCurve):
        return fit
    if isinstance(fit, KaplanMeier):
        return fit.curve(group or fit.curves[0].group)
    raise TypeError(f"pool_survival takes Kaplan-Meier results, not {type(fit).__name__}")


def _probability(
    label: str, p: np.ndarray, se_scale: np.ndarray, scale: str, dfcom: float, alpha: float,
    method: str, n_used: int,
) -> PooledProbability:  # fmt: skip
    """Pool the m probabilities ``p`` whose SEs on ``scale`` are ``se_scale``."""
    m = len(p)
    if np.all(p == p[0]) and p[0] in (0.0, 1.0):  # no uncertainty on any scale
        return PooledProbability(label, float(p[0]), NAN, NAN, 1 - alpha, method, n_used, m=m,
                                 scale=scale)  # fmt: skip
    if np.any((p <= 0) | (p >= 1) | ~np.isfinite(se_scale)):
        raise ValueError(
            f"{label}: a probability of 0 or 1 in some completed data sets but not all "
            f"({np.round(p, 4).tolist()}); it cannot be pooled on the {scale} scale: choose "
            "an earlier or later time, or report the range"
        )
    g = np.log(-np.log(p)) if scale == "cloglog" else np.log(p / (1 - p))
    r = {k: float(v[0]) for k, v in rubin(g[:, None], se_scale[:, None], dfcom, alpha).items()}

    def back(x: float) -> float:
        return float(np.exp(-np.exp(x))) if scale == "cloglog" else float(1 / (1 + np.exp(-x)))

    low, high = sorted((back(r["ci_low"]), back(r["ci_high"])))
    fields = {**pooled_fields(r, m, dfcom), "statistic": NAN, "p_value": NAN}
    return PooledProbability(
        label, back(r["estimate"]), low, high, 1 - alpha, method, n_used, **fields,
        scale=scale, scale_estimate=r["estimate"], scale_ci_low=r["ci_low"],
        scale_ci_high=r["ci_high"],
    )  # fmt: skip


def pool_survival(
    fits: Sequence[KaplanMeier | SurvivalCurve],
    times: Sequence[float],
    group: str | None = None,
    alpha: float = 0.05,
) -> PooledSurvival:
    """Pool Kaplan-Meier survival at ``times`` over m completed data sets.

    Each curve's survival ``S`` and Greenwood SE at a day are moved to the
    complementary log-log scale (``log(-log S)``, SE ``se / |S log S|``), pooled by
    Rubin's rules with an infinite complete-data df, and the estimate and interval moved
    back.

    Parameters
    ----------
    fits
        The m Kaplan-Meier results (or single curves).
    times
        Days at which to pool.
    group
        The curve of each result to pool (default its first).
    alpha
        1 - confidence level.
    """
    curves = [_curve(f, group) for f in fits]
    if len(curves) < 2:
        raise ValueError(f"pooling needs at least 2 completed data sets, not {len(curves)}")
    at = [c.at(times) for c in curves]
    method = "Kaplan-Meier, pooled by Rubin's rules on the complementary log-log scale"
    rows = []
    for i, day in enumerate(np.asarray(times, dtype=float)):
        s = np.array([a["survival"].iloc[i] for a in at], dtype=float)
        se = np.array([a["std_err"].iloc[i] for a in at], dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            se_g = se / np.abs(s * np.log(s))
        label = f"{day:g}"
        rows.append((label, _probability(f"survival[{label}]", s, se_g, "cloglog", np.inf, alpha,
                                         method, curves[0].n)))  # fmt: skip
    return PooledSurvival(curves[0].group, Tests(rows), len(curves), method)


def pool_proportions(
    fits: Sequence[Proportion | tuple[int, int]], alpha: float = 0.05, label: str = ""
) -> PooledProbability:
    """Pool a proportion over m completed data sets on the logit scale.

    Each ``count / n`` and its SE on the logit scale ``1 / sqrt(n p (1 - p))`` are pooled
    by Rubin's rules with an infinite complete-data df, then moved back.

    Parameters
    ----------
    fits
        The m :class:`Proportion` results or ``(count, n)`` pairs.
    alpha
        1 - confidence level.
    label
        What is counted (default the first proportion's label).
    """
    pairs = [(f.count, f.n) if isinstance(f, Proportion) else (int(f[0]), int(f[1])) for f in fits]
    if len(pairs) < 2:
        raise ValueError(f"pooling needs at least 2 completed data sets, not {len(pairs)}")
    count = np.array([c for c, _ in pairs], dtype=float)
    n = np.array([k for _, k in pairs], dtype=float)
    p = count / n
    with np.errstate(divide="ignore"):
        se = 1 / np.sqrt(n * p * (1 - p))
    name = label or next((f.label for f in fits if isinstance(f, Proportion)), "") or "proportion"
    method = "Proportion, pooled by Rubin's rules on the logit scale"
    return _probability(name, p, se, "logit", np.inf, alpha, method, int(n[0]))
