"""Wilcoxon signed-rank and rank-sum tests with Hodges-Lehmann estimates, as R computes them.

scipy gives the tests; it has no Hodges-Lehmann interval, so that part is written here
and follows R's ``wilcox.test(conf.int = TRUE)`` exactly:

- Exact branch (fewer than 50 observations per sample, no ties, no zero differences):
  the estimate is the median of the Walsh averages (one sample) or of the pairwise
  differences (two samples); the interval takes order statistics at the exact
  ``qsignrank`` / ``qwilcox`` quantiles.
- Normal branch: the limits are the shifts ``d`` at which the continuity-corrected,
  tie-corrected standardised statistic of ``x - d`` crosses the normal quantile; the
  estimate is where the uncorrected statistic crosses 0 (the median of the Walsh
  averages or pairwise differences). R finds these with ``uniroot`` to ``tol.root``;
  here the jump point where the step function changes sign is found by counting
  (``analysis.stats.rank_shift``), never by forming all pairs.
- Zero differences are dropped before everything, as R does.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from analysis.stats.levels import confidence_alpha
from analysis.stats.rank_shift import PairDifferences, WalshAverages, step_root
from analysis.stats.results import NAN, RankTest

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
EXACT_LIMIT = 50


def signrank_distribution(n: int) -> FloatArray:
    """Null probabilities of the signed-rank statistic V = 0..n(n+1)/2."""
    counts = np.zeros(n * (n + 1) // 2 + 1)
    counts[0] = 1.0
    for i in range(1, n + 1):
        counts[i:] = counts[i:] + counts[:-i].copy()
    return counts / counts.sum()


def ranksum_distribution(m: int, n: int) -> FloatArray:
    """Null probabilities of the Mann-Whitney statistic W = 0..m*n (Gaussian binomial)."""
    size = m * n + 1
    poly = np.zeros(size)
    poly[0] = 1.0
    k = min(m, n)
    other = max(m, n)
    for i in range(1, k + 1):
        # multiply by (1 - q^(other + i)), then divide by (1 - q^i)
        shift = other + i
        if shift < size:
            poly[shift:] = poly[shift:] - poly[:-shift].copy()
        for j in range(i, size):
            poly[j] += poly[j - i]
    return poly / poly.sum()


def _quantile(pmf: FloatArray, p: float) -> int:
    """Smallest q with P(X <= q) >= p (R's ``qsignrank`` / ``qwilcox``)."""
    cdf = np.cumsum(pmf)
    return int(np.searchsorted(cdf, p * (1 - 64 * np.finfo(float).eps)))


def _tally(values: FloatArray, counts: IntArray, marked: BoolArray) -> tuple[int, float]:
    """Twice the mid-rank sum (1-based, ties averaged) of the marked values, and the sum
    of t^3 - t over the groups of equal values, of a pooled sample given as values (in
    any order, equal ones allowed) with how often each occurs."""
    order = np.argsort(values, kind="stable")
    v, n, m = values[order], counts[order], marked[order]
    new = np.ones(len(v), dtype=bool)
    new[1:] = v[1:] != v[:-1]
    t = np.add.reduceat(n, np.flatnonzero(new)) if len(v) else n
    upto = np.cumsum(t)
    twice = (2 * upto - t + 1)[np.cumsum(new) - 1]  # below + up to + 1, per value
    tf = t.astype(float)
    return int(np.sum(n[m] * twice[m])), float(np.sum(tf**3 - tf))


def _distinct(x: FloatArray) -> tuple[FloatArray, IntArray]:
    values, counts = np.unique(np.asarray(x, dtype=float), return_counts=True)
    return values, counts.astype(np.int64)


def _signed_rank_z_of(x: FloatArray) -> Callable[[float, bool], float]:
    """z(d) of the signed-rank test of ``x - d`` (zeros dropped, ties averaged), as R's
    ``wilcox.test`` computes it for its interval; ``x`` is reduced once to its distinct
    values and their counts, so each d costs O(distinct values)."""
    values, counts = _distinct(x)

    def z(d: float, correct: bool) -> float:
        lo, hi = np.searchsorted(values, d, "left"), np.searchsorted(values, d, "right")
        below, above = d - values[:lo][::-1], values[hi:] - d  # |x - d|, each ascending
        n = int(counts[:lo].sum() + counts[hi:].sum())
        if n == 0:
            return float("nan")
        twice, ties = _tally(
            np.concatenate([below, above]),
            np.concatenate([counts[:lo][::-1], counts[hi:]]),
            np.arange(len(below) + len(above)) >= len(below),
        )
        zd = float(twice) / 2 - n * (n + 1) / 4
        sigma = np.sqrt(n * (n + 1) * (2 * n + 1) / 24 - ties / 48)
        corr = 0.5 * np.sign(zd) if correct else 0.0
        return float((zd - corr) / sigma) if sigma > 0 else float("nan")

    return z


def _rank_sum_z_of(x: FloatArray, y: FloatArray) -> Callable[[float, bool], float]:
    """z(d) of the rank-sum test of ``x - d`` against ``y``, as :func:`_signed_rank_z_of`."""
    (xv, xc), (yv, yc) = _distinct(x), _distinct(y)
    nx, ny = int(xc.sum()), int(yc.sum())
    counts = np.concatenate([xc, yc])
    marked = np.arange(len(counts)) < len(xv)

    def z(d: float, correct: bool) -> float:
        twice, ties = _tally(np.concatenate([xv - d, yv]), counts, marked)
        dz = float(twice) / 2 - nx * (nx + 1) / 2 - nx * ny / 2
        corr = 0.5 * np.sign(dz) if correct else 0.0
        sigma = np.sqrt(nx * ny / 12 * ((nx + ny + 1) - ties / ((nx + ny) * (nx + ny - 1))))
        return float((dz - corr) / sigma) if sigma > 0 else float("nan")

    return z


def _branch(exact: bool | None, possible: bool, why: str) -> tuple[bool, str]:
    """Which branch runs, and a note when an exact test was asked for but cannot be had
    (R warns and falls back in the same way)."""
    if exact is None:
        return possible, ""
    if exact and not possible:
        return False, f" (exact p-value impossible with {why}: normal approximation used)"
    return exact, ""


def signed_rank(
    diff: FloatArray,
    alpha: float = 0.05,
    n_excluded: int = 0,
    exact: bool | None = None,
    correct: bool = True,
    *,
    conf_level: float = 0.95,
) -> RankTest:
    """Wilcoxon signed-rank test of paired differences and the Hodges-Lehmann median change.

    Parameters
    ----------
    diff
        Paired differences (after - before); missing values must be removed beforehand.
    alpha
        1 - confidence level of the Hodges-Lehmann interval.
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    n_excluded
        Incomplete pairs excluded upstream, carried into the result.
    exact, correct
        As ``wilcox.test``: ``exact=None`` takes the exact distribution below 50
        differences without ties or zeros; ``correct`` applies the continuity
        correction in the normal approximation.

    Returns
    -------
    RankTest
        ``hodges_lehmann_change`` with its CI; ``statistic`` is R's V (sum of positive
        ranks); ``method`` says which branch was taken (exact, or normal approximation
        with or without continuity correction) and how many zero differences were
        dropped; ``exact`` and ``correct`` record the branch.
    """
    alpha = confidence_alpha(alpha, conf_level)
    d_all = np.asarray(diff, dtype=float)
    n_used = len(d_all)
    zeros = int(np.sum(d_all == 0))
    x = d_all[d_all != 0]
    n = len(x)
    if n == 0:
        raise ValueError("every paired difference is zero: the signed-rank test is undefined")
    ranks = stats.rankdata(np.abs(x))
    ties = len(np.unique(ranks)) < n
    use_exact, note = _branch(exact, n < EXACT_LIMIT and not ties and zeros == 0, "ties or zeros")
    v = float(ranks[x > 0].sum())
    if use_exact:
        p = float(stats.wilcoxon(x, method="exact").pvalue)
        method = "Wilcoxon signed-rank test, exact"
        low, high, est, level = _signed_rank_exact_ci(x, alpha)
    else:
        p = float(stats.wilcoxon(x, method="approx", correction=correct).pvalue)
        method = "Wilcoxon signed-rank test, normal approximation " + (
            "with continuity correction" if correct else "without continuity correction"
        )
        method += note
        low, high, est, level = _signed_rank_normal_ci(x, alpha, correct)
    if zeros:
        method += f" ({zeros} zero difference{'s' if zeros > 1 else ''} dropped)"
    method += "; Hodges-Lehmann estimate"
    return RankTest(
        "hodges_lehmann_change", est, low, high, level, method, n_used, n_excluded, v, p_value=p,
        exact=use_exact, correct=correct and not use_exact,
    )  # fmt: skip


def _signed_rank_exact_ci(x: FloatArray, alpha: float) -> tuple[float, float, float, float]:
    n = len(x)
    i, j = np.triu_indices(n)
    walsh = np.sort((x[i] + x[j]) / 2)
    pmf = signrank_distribution(n)
    qu = max(_quantile(pmf, alpha / 2), 1)
    ql = n * (n + 1) // 2 - qu
    achieved = 2 * float(np.cumsum(pmf)[qu - 1])
    # as R: when the exact distribution cannot reach the level, report the achieved one
    level = 1 - alpha if achieved - alpha <= alpha / 2 else 1 - float(f"{achieved:.2g}")
    return float(walsh[qu - 1]), float(walsh[ql]), float(np.median(walsh)), level


def _signed_rank_normal_ci(
    x: FloatArray, alpha: float, correct: bool = True
) -> tuple[float, float, float, float]:
    low, high = float(x.min()), float(x.max())
    z = _signed_rank_z_of(x)
    walsh = WalshAverages(np.sort(np.asarray(x, dtype=float)))
    w_low, w_high = z(low, correct), z(high, correct)
    level = 1 - alpha
    a = alpha
    while w_low - stats.norm.isf(a / 2) < 0 or w_high - stats.norm.ppf(a / 2) > 0:
        a *= 2
        if a >= 1:
            break
    if a != alpha:
        level = 1 - min(1.0, a)
    est = step_root(lambda d: z(d, False), low, high, walsh)
    if a >= 1:
        return est, est, est, level
    lo = step_root(lambda d: z(d, correct) - stats.norm.isf(a / 2), low, high, walsh)
    hi = step_root(lambda d: z(d, correct) - stats.norm.ppf(a / 2), low, high, walsh)
    return lo, hi, est, level


def _rank_sum_branch(
    xa: FloatArray, ya: FloatArray, exact: bool | None, correct: bool
) -> tuple[bool, float, float, str]:
    """Branch taken, W, p-value and the test's name, as :func:`rank_sum` reports them."""
    if len(xa) == 0 or len(ya) == 0:
        raise ValueError("each group needs at least one observation")
    pooled = np.concatenate([xa, ya])
    ties = len(np.unique(pooled)) < len(pooled)
    possible = len(xa) < EXACT_LIMIT and len(ya) < EXACT_LIMIT and not ties
    use_exact, note = _branch(exact, possible, "ties")
    if use_exact:
        res = stats.mannwhitneyu(xa, ya, method="exact")
        return True, float(res.statistic), float(res.pvalue), "Mann-Whitney U test, exact"
    res = stats.mannwhitneyu(xa, ya, method="asymptotic", use_continuity=correct)
    method = "Mann-Whitney U test, normal approximation " + (
        "with continuity correction" if correct else "without continuity correction"
    )
    return False, float(res.statistic), float(res.pvalue), method + note


def rank_sum_test(
    x: FloatArray,
    y: FloatArray,
    n_excluded: int = 0,
    exact: bool | None = None,
    correct: bool = True,
) -> RankTest:
    """Mann-Whitney U (Wilcoxon rank-sum) test alone: the test of :func:`rank_sum`
    without the Hodges-Lehmann shift and its interval.

    The branch, ``statistic`` (R's W), ``p_value`` and the name of the test in
    ``method`` are those :func:`rank_sum` reports; ``estimate`` and the interval are
    NaN. For a table that prints only the P value. ``n_excluded`` (default 0),
    ``exact`` (default ``None``: exact when possible) and ``correct`` (default True) as
    in :func:`rank_sum`.
    """
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    use_exact, w, p, method = _rank_sum_branch(xa, ya, exact, correct)
    return RankTest(
        "rank_sum_test", NAN, NAN, NAN, NAN, method, len(xa) + len(ya), n_excluded, w, p_value=p,
        exact=use_exact, correct=correct and not use_exact,
    )  # fmt: skip


def rank_sum(
    x: FloatArray,
    y: FloatArray,
    alpha: float = 0.05,
    n_excluded: int = 0,
    exact: bool | None = None,
    correct: bool = True,
    *,
    conf_level: float = 0.95,
) -> RankTest:
    """Mann-Whitney U (Wilcoxon rank-sum) test and the Hodges-Lehmann shift x - y.

    By default exact when both samples have fewer than 50 observations and there are no
    ties, normal approximation with continuity and tie correction otherwise (as R);
    ``exact`` and ``correct`` switch the branch and the correction as in
    ``wilcox.test``. ``statistic`` is R's W, the Mann-Whitney U of ``x``; the
    result's ``exact`` and ``correct`` record the branch taken. ``n_excluded``
    (default 0) records the missing values the caller removed.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    use_exact, w, p, method = _rank_sum_branch(xa, ya, exact, correct)
    nx, ny = len(xa), len(ya)
    if use_exact:
        # all nx * ny pairwise differences: formed only here, where both samples are small
        diffs = np.sort(np.subtract.outer(xa, ya).ravel())
        pmf = ranksum_distribution(nx, ny)
        qu = max(_quantile(pmf, alpha / 2), 1)
        ql = nx * ny - qu
        low, high, est = float(diffs[qu - 1]), float(diffs[ql]), float(np.median(diffs))
        achieved = 2 * float(np.cumsum(pmf)[qu - 1])
        level = 1 - alpha if achieved - alpha <= alpha / 2 else 1 - achieved
    else:
        level = 1 - alpha
        lo_d, hi_d = float(xa.min() - ya.max()), float(xa.max() - ya.min())

        z = _rank_sum_z_of(xa, ya)
        jumps = PairDifferences(np.sort(xa), np.sort(ya))

        est = step_root(lambda d: z(d, False), lo_d, hi_d, jumps)
        low = _limit(lambda d: z(d, correct) - stats.norm.isf(alpha / 2), lo_d, hi_d, jumps)
        high = _limit(lambda d: z(d, correct) - stats.norm.ppf(alpha / 2), lo_d, hi_d, jumps)
    return RankTest(
        "hodges_lehmann_shift",
        est,
        low,
        high,
        level,
        method + "; Hodges-Lehmann estimate",
        nx + ny,
        n_excluded,
        w,
        p_value=p,
        exact=use_exact,
        correct=correct and not use_exact,
    )


def _limit(f: Callable[[float], float], low: float, high: float, diffs: PairDifferences) -> float:
    if f(low) <= 0:
        return low
    if f(high) >= 0:
        return high
    return step_root(f, low, high, diffs)
