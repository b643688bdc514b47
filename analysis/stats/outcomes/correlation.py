"""Correlation of two measurements (cement volume and pain reduction, say), as papers
print it: Pearson's r with its Fisher-z interval and Spearman's rho."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.spearman import EXACT_LIMIT, spearman_p
from analysis.stats.results import Estimate


def _pairs(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if xa.shape != ya.shape:
        raise ValueError(f"x and y differ in length ({len(xa)} and {len(ya)})")
    return xa, ya, ~np.isnan(xa) & ~np.isnan(ya)


def spearman_test(
    x: ArrayLike,
    y: ArrayLike,
    exact: bool | None = None,
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> Estimate:
    """Spearman's rho with its test as R's ``cor.test(method = "spearman")`` reports it.

    Parameters
    ----------
    x, y
        Paired values; pairs with a missing value are excluded and counted.
    exact
        ``None`` (default, R's): the exact test (algorithm AS 89) when n < 1290 and
        neither variable has ties, else the t approximation; ``True``: the exact test,
        refused with ties; ``False``: the t approximation.
    alpha
        1 - the level of the Fisher-z interval (variance 1.06 / (n - 3), Fieller).
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).

    Returns
    -------
    Estimate
        ``statistic`` is R's S = (n^3 - n)(1 - rho) / 6 (no df); ``method`` names the
        branch taken ("exact (AS 89)" or "t approximation").

    Raises
    ------
    ValueError
        With fewer than 4 complete pairs, or ``exact=True`` with ties.
    """
    alpha = confidence_alpha(alpha, conf_level)
    xa, ya, ok = _pairs(x, y)
    n = int(ok.sum())
    if n < 4:
        raise ValueError(f"a correlation with a confidence interval needs at least 4 pairs (got {n})")  # fmt: skip
    xo, yo = xa[ok], ya[ok]
    ties = len(np.unique(xo)) < n or len(np.unique(yo)) < n
    if exact and ties:
        raise ValueError(
            "the exact Spearman test needs values without ties; "
            "pass exact=None or exact=False for the t approximation"
        )
    use_exact = (not ties and n < EXACT_LIMIT) if exact is None else bool(exact)
    rho = float(stats.spearmanr(xo, yo).statistic)
    s, p = spearman_p(rho, n, use_exact)
    low, high = _fisher_z(rho, 1.06 / (n - 3), alpha)
    branch = "exact (AS 89)" if use_exact else "t approximation"
    return Estimate(
        "correlation", rho, low, high, 1 - alpha,
        f"Spearman rank correlation, {branch}, Fisher-z interval (Fieller)",
        n, len(xa) - n, s, float("nan"), p,
    )  # fmt: skip


def _fisher_z(r: float, variance: float, alpha: float) -> tuple[float, float]:
    """The interval tanh(atanh(r) -/+ z sqrt(variance)); (r, r) when |r| = 1."""
    if abs(r) >= 1:
        return r, r
    z = float(stats.norm.isf(alpha / 2))
    centre, half = float(np.arctanh(r)), z * float(np.sqrt(variance))
    return float(np.tanh(centre - half)), float(np.tanh(centre + half))


def correlation(
    x: ArrayLike,
    y: ArrayLike,
    method: str = "pearson",
    alpha: float = 0.05,
    exact: bool | None = False,
    *,
    conf_level: float = 0.95,
) -> Estimate:
    """Pearson's r or Spearman's rho with a confidence interval and test of zero.

    Pairs with a missing value are excluded and counted. Pearson: t-test and Fisher-z
    interval, as R's ``cor.test``. Spearman: the t approximation of the test (R's
    ``cor.test(method = "spearman", exact = FALSE)``, the default ``exact=False``) and a
    Fisher-z interval with the Fieller-Hartley-Pearson variance 1.06 / (n - 3) (R prints
    no interval for rho); ``exact=None`` or ``True`` gives :func:`spearman_test` (S and
    its exact p, as ``cor.test``'s default). Pearson takes ``exact=False`` only.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    if method == "spearman" and exact is not False:
        return spearman_test(x, y, exact, alpha)
    if exact is not False:
        raise ValueError(f"exact= applies to method='spearman' only, not {method!r}")
    xa, ya, ok = _pairs(x, y)
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
    low, high = _fisher_z(r, variance, alpha)
    t = r * np.sqrt((n - 2) / (1 - r * r)) if abs(r) < 1 else float("inf")
    return Estimate(
        "correlation", r, low, high, 1 - alpha, name, n, len(xa) - n, float(t), float(n - 2), p,
    )  # fmt: skip
