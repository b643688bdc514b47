"""Proportions with confidence intervals, and the difference of two proportions."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from analysis.stats.display import Displayed, of
from analysis.stats.levels import confidence_alpha
from analysis.stats.results import Estimate, Tidy, estimates_frame


def _check_count(count: int, n: int) -> None:
    if n <= 0:
        raise ValueError(f"a proportion needs a denominator above 0 (got n = {n})")
    if not 0 <= count <= n:
        raise ValueError(f"count {count} is outside 0..{n}")


@dataclass(frozen=True, repr=False)
class Proportion(Displayed, Tidy):
    """``count`` of ``n`` with Wilson and Clopper-Pearson intervals.

    Attributes
    ----------
    label
        What is counted ("responders", "disc leakage").
    count, n
        Numerator and denominator.
    wilson
        Wilson score interval and the score (chi-square, 1 df) test of ``p0`` without
        continuity correction (as R's ``prop.test(correct = FALSE)``).
    clopper_pearson
        Exact Clopper-Pearson interval, with the exact binomial test of ``p0`` (as R's
        ``binom.test``).
    wilson_cc
        Wilson interval with continuity correction and the corrected score test of
        ``p0`` (R's ``prop.test`` default).
    p0
        The proportion tested against (0.5 unless given).
    """

    label: str
    count: int
    n: int
    wilson: Estimate
    clopper_pearson: Estimate
    wilson_cc: Estimate | None = None
    p0: float = 0.5

    @property
    def proportion(self) -> float:
        return self.count / self.n

    def _display_headline(self) -> str:
        return of(self.count, self.n)

    @property
    def percent(self) -> float:
        return 100.0 * self.count / self.n

    def to_frame(self) -> pd.DataFrame:
        """Two rows (Wilson, Clopper-Pearson) with ``label``, ``count`` and ``n`` first."""
        context = {"label": self.label, "count": self.count, "n": self.n, "p0": self.p0}
        rows = [self.wilson, self.clopper_pearson] + ([self.wilson_cc] if self.wilson_cc else [])
        return estimates_frame(rows, context)

    def _glance(self) -> dict[str, object]:
        """Label, count, n (``n_used``), the proportion and ``p0``."""
        return {**super()._glance(), "n_used": self.n, "proportion": self.proportion}


def _wilson_cc(count: int, n: int, p0: float, alpha: float) -> Estimate:
    """prop.test(correct = TRUE): the continuity-corrected score interval and test."""
    est = count / n
    z = float(stats.norm.isf(alpha / 2))
    z22n = z * z / (2 * n)
    upper_c, lower_c = est + 0.5 / n, est - 0.5 / n
    root = lambda pc: z * math.sqrt(pc * (1 - pc) / n + z22n / (2 * n))  # noqa: E731
    high = 1.0 if upper_c >= 1 else (upper_c + z22n + root(upper_c)) / (1 + 2 * z22n)
    low = 0.0 if lower_c <= 0 else (lower_c + z22n - root(lower_c)) / (1 + 2 * z22n)
    yates = min(0.5, abs(count - n * p0))
    chi2 = (abs(count - n * p0) - yates) ** 2 / (n * p0 * (1 - p0))
    return Estimate(
        "proportion", est, float(low), float(high), 1 - alpha,
        f"Wilson score interval and test of p = {p0:g}, with continuity correction", n,
        statistic=float(chi2), df=1.0, p_value=float(stats.chi2.sf(chi2, 1)),
    )  # fmt: skip


def proportion(
    count: int,
    n: int,
    label: str = "",
    alpha: float = 0.05,
    p0: float = 0.5,
    *,
    conf_level: float = 0.95,
) -> Proportion:
    """A proportion with Wilson and Clopper-Pearson confidence intervals.

    Parameters
    ----------
    count, n
        Events and denominator.
    label
        What is counted, carried into tables.
    alpha
        1 - confidence level.
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    p0
        The proportion the exact binomial and score tests test against.

    Returns
    -------
    Proportion

    Examples
    --------
    >>> p = proportion(5, 6, "responders")
    >>> round(p.clopper_pearson.ci_low, 4), round(p.clopper_pearson.ci_high, 4)
    (0.3588, 0.9958)
    """
    alpha = confidence_alpha(alpha, conf_level)
    count, n = int(count), int(n)
    _check_count(count, n)
    est = count / n

    def interval(method: str, name: str) -> Estimate:
        low, high = proportion_confint(count, n, alpha=alpha, method=method)
        return Estimate("proportion", est, float(low), float(high), 1 - alpha, name, n_used=n)

    if not 0 < p0 < 1:
        raise ValueError(f"p0 must lie strictly between 0 and 1 (got {p0})")
    exact = interval("beta", f"Clopper-Pearson exact interval; exact binomial test of p = {p0:g}")
    exact = replace(exact, p_value=float(stats.binomtest(count, n, p0).pvalue))
    score = (count - n * p0) ** 2 / (n * p0 * (1 - p0))
    name = f"Wilson score interval and test of p = {p0:g}, without continuity correction"
    wilson = replace(
        interval("wilson", name),
        statistic=float(score),
        df=1.0,
        p_value=float(stats.chi2.sf(score, 1)),
    )
    return Proportion(
        label,
        count,
        n,
        wilson,
        exact,
        _wilson_cc(count, n, p0, alpha),
        p0,
    )


def proportion_difference(
    count1: int, n1: int, count2: int, n2: int, alpha: float = 0.05, *, conf_level: float = 0.95
) -> Estimate:
    """Difference ``count1/n1 - count2/n2`` with Newcombe's hybrid score interval.

    Newcombe (1998) method 10: Wilson intervals of each proportion combined by the
    square-and-add rule, without continuity correction.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    count1, n1, count2, n2 = int(count1), int(n1), int(count2), int(n2)
    _check_count(count1, n1)
    _check_count(count2, n2)
    low, high = confint_proportions_2indep(
        count1, n1, count2, n2, method="newcomb", compare="diff", alpha=alpha
    )
    return Estimate(
        "risk_difference",
        count1 / n1 - count2 / n2,
        float(low),
        float(high),
        1 - alpha,
        "Newcombe hybrid score interval",
        n_used=n1 + n2,
    )


def prop_test_difference(
    count1: int,
    n1: int,
    count2: int,
    n2: int,
    correct: bool = True,
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> Estimate:
    """Difference ``count1/n1 - count2/n2`` with R's ``prop.test`` interval and test.

    The Wald interval of the difference widened by the continuity correction
    ``min(0.5, |difference| / (1/n1 + 1/n2)) * (1/n1 + 1/n2)`` and clipped to [-1, 1],
    and the chi-square test (1 df) of equal proportions with that correction, as
    ``prop.test(c(count1, count2), c(n1, n2), correct = correct)``.

    Parameters
    ----------
    count1, n1, count2, n2
        Events and group sizes.
    correct
        Apply the continuity correction (True, R's default) or not.
    alpha
        1 - the confidence level (default 0.05).
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).

    Returns
    -------
    Estimate
        ``risk_difference`` with the interval, ``statistic`` (chi-square), ``df`` 1 and
        ``p_value``; ``method`` says whether the correction was applied.

    Raises
    ------
    ValueError
        When a count lies outside 0..n, or no group has both outcomes (no test).
    """
    alpha = confidence_alpha(alpha, conf_level)
    count1, n1, count2, n2 = int(count1), int(n1), int(count2), int(n2)
    _check_count(count1, n1)
    _check_count(count2, n2)
    pooled = (count1 + count2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        raise ValueError(
            f"prop.test needs both outcomes among the {n1 + n2} observations "
            f"({count1 + count2} events)"
        )
    p1, p2 = count1 / n1, count2 / n2
    delta, inverse = p1 - p2, 1 / n1 + 1 / n2
    yates = min(0.5, abs(delta) / inverse) if correct else 0.0
    z = float(stats.norm.isf(alpha / 2))
    width = z * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) + yates * inverse
    observed = [count1, n1 - count1, count2, n2 - count2]
    expected = [n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)]
    chi2 = sum((abs(o - e) - yates) ** 2 / e for o, e in zip(observed, expected, strict=True))
    return Estimate(
        "risk_difference", delta, max(delta - width, -1.0), min(delta + width, 1.0), 1 - alpha,
        "Difference of two proportions, Wald interval and chi-square test (prop.test), "
        + ("with" if correct else "without") + " continuity correction",
        n_used=n1 + n2, statistic=float(chi2), df=1.0, p_value=float(stats.chi2.sf(chi2, 1)),
    )  # fmt: skip
