"""Correlation of two measurements (cement volume and pain reduction, say), as papers
print it: Pearson's r with its Fisher-z interval and Spearman's rho."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from analysis.stats.results import Estimate


def correlation(
    x: ArrayLike, y: ArrayLike, method: str = "pearson", alpha: float = 0.05
) -> Estimate:
    """Pearson's r or Spearman's rho with a confidence interval and test of zero.

    Pairs with a missing value are excluded and counted. Pearson: t-test and Fisher-z
    interval, as R's ``cor.test``. Spearman: the t approximation of the test (R's
    ``cor.test(method = "spearman", exact = FALSE)``) and a Fisher-z interval with the
    Fieller-Hartley-Pearson variance 1.06 / (n - 3) (R prints no interval for rho).
    """
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if xa.shape != ya.shape:
        raise ValueError(f"x and y differ in length ({len(xa)} and {len(ya)})")
    ok = ~np.isnan(xa) & ~np.isnan(ya)
    n = int(ok.sum())
    if n < 4:
        raise ValueError(
            f"a correlation with a confidence interval needs at least 4 pairs (got {n})"
        )
    if method == "pearson":
        res = stats.pearsonr(xa[ok], ya[ok])
        r, p, variance = float(res.statistic), float(res.pvalue), 1.0 / (n - 3)
        name = "Pearson correlation, t-test, Fisher-z interval"
    elif method == "spearman":
        res = stats.spearmanr(xa[ok], ya[ok])
        r, p, variance = float(res.statistic), float(res.pvalue), 1.06 / (n - 3)
        name = "Spearman rank correlation, t approximation, Fisher-z interval (Fieller)"
    else:
        raise ValueError(f"method must be 'pearson' or 'spearman', not {method!r}")
    z = float(stats.norm.isf(alpha / 2))
    centre, half = float(np.arctanh(r)), z * float(np.sqrt(variance))
    t = r * np.sqrt((n - 2) / (1 - r * r)) if abs(r) < 1 else float("inf")
    return Estimate(
        "correlation", r, float(np.tanh(centre - half)), float(np.tanh(centre + half)), 1 - alpha,
        name, n, len(xa) - n, float(t), float(n - 2), p,
    )  # fmt: skip
